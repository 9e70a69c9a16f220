/**
 * The PyPI mirror of the e2e: every `pip install` of an image build (the project images as the e2e
 * environment builds them, and the stand-ins that install Python packages) gets its packages here,
 * since a container of this VM reaches no HTTPS registry.
 *
 * The host fetches them with pip, the ordinary client: `pip wheel` of each requirement set read
 * from the Dockerfiles and requirements files with the reader `npm run check:pins` uses (no second
 * list), so the mirror holds wheels only (a package PyPI has as an sdist is built on the host,
 * whose Python and C library are the images': Debian bookworm's 3.11 — see docs/images.md). The
 * wheels are laid out as a PEP 503 simple index (`simple/<project>/index.html` linking
 * `files/<wheel>#sha256=…`) and served read-only on the Docker bridge's gateway at a fixed port
 * (18082, or DATALAB_E2E_PYPI_PORT): the stack's config copy sets `buildMirrors.python` to it.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../../config/loader';
import { normaliseName } from '../../scripts/pins/dockerfile';
import { discoverImages, environmentBuildArgs, ProjectImageDir, readVariant } from '../../scripts/pins/images';
import { pipelineImageBuildArgs } from '../../stacks/pipelines';
import { cacheDir } from '../lib/cache';
import { run } from '../lib/exec';
import { ENVIRONMENT } from './context';
import { bridgeGateway, Mirror, portFrom, serveDirectory } from './mirror-server';

export const DEFAULT_PYPI_PORT = 18082;

export function pypiPort(env: NodeJS.ProcessEnv = process.env): number {
  return portFrom('DATALAB_E2E_PYPI_PORT', DEFAULT_PYPI_PORT, env);
}

/** One image's `pip install` requirements, as its Dockerfile (and requirements files) say them. */
export interface RequirementSet {
  /** `images/mlflow`, `e2e/images/airflow`, … */
  readonly image: string;
  readonly requirements: readonly string[];
}

/** The stand-in recipes (e2e/images/<name>/Dockerfile), read with their defaults. */
export function standInImageDirs(root: string): ProjectImageDir[] {
  const base = path.join(root, 'e2e', 'images');
  return fs
    .readdirSync(base)
    .sort()
    .filter((n) => fs.existsSync(path.join(base, n, 'Dockerfile')))
    .map((n) => ({ image: `e2e/images/${n}`, dir: path.join(base, n) }));
}

/**
 * Every requirement set the e2e's image builds install: each project image with the build
 * arguments the e2e environment passes, and each stand-in recipe with its defaults.
 */
export function requirementSets(root: string): RequirementSet[] {
  const env = loadEnvironment(ENVIRONMENT, path.join(root, 'config'));
  const args = environmentBuildArgs(env);
  // The pipelines step schedules pipelines in its config copy (e2e/scenario/scheduled-pipelines.ts):
  // its deploy builds the pipeline workers' image too.
  if (env.processing && env.ml && !args.has('images/spark-pipelines')) {
    args.set('images/spark-pipelines', pipelineImageBuildArgs(env.processing.spark.image, env.ml.prefect.server.image));
  }
  const variants = [
    ...discoverImages(root)
      .filter((img) => args.has(img.image))
      .map((img) => ({ img, args: args.get(img.image)! })),
    ...standInImageDirs(root).map((img) => ({ img, args: {} })),
  ];
  const sets: RequirementSet[] = [];
  for (const { img, args: a } of variants) {
    const v = readVariant(root, img, a, [ENVIRONMENT]);
    if (!v) throw new Error(`${img.image}/Dockerfile cannot be read with the e2e build arguments`);
    if (v.problems.length) throw new Error(`${img.image}/Dockerfile: ${v.problems.join('; ')}`);
    if (v.pip.length) sets.push({ image: img.image, requirements: v.pip.map((r) => r.text) });
  }
  return sets;
}

/** The project a wheel file belongs to, PEP 503-normalised (`Jinja2-3.1.4-py3-none-any.whl` → `jinja2`). */
export function projectOfWheel(file: string): string | undefined {
  const m = /^([^-]+)-[^-]+(-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/.exec(file);
  return m ? normaliseName(m[1]) : undefined;
}

function sha256Of(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Writes the PEP 503 pages for the wheels in `<dir>/files`: `simple/index.html` lists the
 * projects, `simple/<project>/index.html` links each of its files with its sha256 (pip checks it).
 */
export function writeSimpleIndex(dir: string): { readonly projects: number; readonly files: number } {
  const files = fs.readdirSync(path.join(dir, 'files')).filter((f) => f.endsWith('.whl')).sort();
  const byProject = new Map<string, string[]>();
  for (const f of files) {
    const p = projectOfWheel(f);
    if (!p) throw new Error(`${path.join(dir, 'files', f)} is not named as a wheel (name-version(-build)-python-abi-platform.whl)`);
    byProject.set(p, [...(byProject.get(p) ?? []), f]);
  }
  const simple = path.join(dir, 'simple');
  fs.rmSync(simple, { recursive: true, force: true });
  fs.mkdirSync(simple, { recursive: true });
  const page = (title: string, links: string[]) => `<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.0"><title>${escapeHtml(title)}</title></head><body>\n${links.join('<br>\n')}\n</body></html>\n`;
  const projects = [...byProject.keys()].sort();
  fs.writeFileSync(path.join(simple, 'index.html'), page('Simple index', projects.map((p) => `<a href="${p}/">${p}</a>`)));
  for (const p of projects) {
    fs.mkdirSync(path.join(simple, p));
    const links = byProject.get(p)!.map((f) => `<a href="../../files/${encodeURIComponent(f)}#sha256=${sha256Of(path.join(dir, 'files', f))}">${escapeHtml(f)}</a>`);
    fs.writeFileSync(path.join(simple, p, 'index.html'), page(`Links for ${p}`, links));
  }
  return { projects: projects.length, files: files.length };
}

/** The Python of the images (the python stand-in's PYTHON_VERSION, e2e/images/python/Dockerfile). */
export function imagePythonVersion(root: string): string {
  const m = /^ARG PYTHON_VERSION=(\S+)$/m.exec(fs.readFileSync(path.join(root, 'e2e', 'images', 'python', 'Dockerfile'), 'utf8'));
  if (!m) throw new Error('e2e/images/python/Dockerfile declares no ARG PYTHON_VERSION=<version>');
  return m[1];
}

/**
 * The interpreter pip resolves with: the images' own Python version, since pip evaluates
 * environment markers against the Python it runs on (redis asks for async-timeout only when
 * `python_full_version < "3.11.3"`: resolved on another 3.11 the image's install misses it).
 * Debian bookworm's /usr/bin/python3 on this machine, or DATALAB_E2E_PYPI_PYTHON.
 */
async function resolverPython(root: string): Promise<{ readonly path: string; readonly version: string }> {
  const wanted = imagePythonVersion(root);
  const candidate = process.env.DATALAB_E2E_PYPI_PYTHON?.trim() || '/usr/bin/python3';
  const r = await run(candidate, ['-c', 'import platform; print(platform.python_version())'], { okCodes: [0, 1, 2, 127] }).catch(() => ({ code: -1, stdout: '' }));
  const version = r.stdout.trim();
  if (r.code !== 0 || version !== wanted) {
    throw new Error(`the PyPI mirror must be resolved with Python ${wanted} (the images' interpreter: environment markers depend on it); ${candidate} ${r.code === 0 ? `is ${version}` : 'does not run'}: install Debian bookworm's python3 or set DATALAB_E2E_PYPI_PYTHON`);
  }
  return { path: candidate, version };
}

/**
 * Fills `<cache>/pypi/files` with the wheels of every requirement set (pip fetches only what is
 * missing; a set already done, by the hash of its requirements, is skipped) and writes the index.
 */
export async function preparePypiMirror(root: string, logFile: string, say: (line: string) => void): Promise<{ readonly dir: string; readonly sets: readonly RequirementSet[]; readonly projects: number; readonly files: number }> {
  const dir = cacheDir('pypi');
  const files = path.join(dir, 'files');
  const done = path.join(dir, 'sets');
  fs.mkdirSync(files, { recursive: true });
  fs.mkdirSync(done, { recursive: true });
  const sets = requirementSets(root);
  const python = await resolverPython(root);
  for (const set of sets) {
    const key = createHash('sha256').update(JSON.stringify([python.version, ...[...set.requirements].sort()])).digest('hex').slice(0, 24);
    const stamp = path.join(done, `${key}.json`);
    if (fs.existsSync(stamp)) continue;
    say(`  pypi: pip wheel ${set.requirements.length > 12 ? `${set.requirements.length} pinned requirements` : set.requirements.join(' ')} (${set.image})`);
    const req = path.join(done, `${key}.txt`);
    fs.writeFileSync(req, `${set.requirements.join('\n')}\n`);
    await run(python.path, ['-m', 'pip', 'wheel', '--disable-pip-version-check', '--progress-bar', 'off', '--wheel-dir', files, '-r', req], { logFile, timeoutMs: 40 * 60_000 });
    fs.writeFileSync(stamp, JSON.stringify({ image: set.image, requirements: set.requirements }, null, 2));
  }
  return { dir, sets, ...writeSimpleIndex(dir) };
}

export interface PypiMirror extends Mirror {
  /** The simple index URL (`buildMirrors.python`). */
  readonly index: string;
}

/** Prepares the mirror and serves it on the bridge gateway. */
export async function servePypiMirror(root: string, logFile: string, say: (line: string) => void): Promise<PypiMirror> {
  const repo = await preparePypiMirror(root, logFile, say);
  const mirror = await serveDirectory(repo.dir, await bridgeGateway(), pypiPort(), 'PyPI mirror', 'DATALAB_E2E_PYPI_PORT');
  say(`  pypi: ${repo.files} wheels of ${repo.projects} projects served at ${mirror.url}/simple`);
  return { ...mirror, index: `${mirror.url}/simple` };
}
