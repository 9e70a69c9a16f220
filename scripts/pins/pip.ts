/**
 * PyPI side of `npm run check:pins`: resolves an image's requirements with pip as the image's
 * Python would (`pip install --dry-run --report` for the base's Python version, CPython ABI and
 * manylinux platforms up to its glibc; wheels only, since pip can only judge a foreign interpreter
 * from wheels). A pinned package that PyPI serves only as a source distribution (pyspark) is built
 * once into a wheel with this machine's pip; when that wheel is pure Python (py3-none-any) it is
 * valid for every interpreter and is offered to the resolution from a wheelhouse kept in
 * ${XDG_CACHE_HOME:-~/.cache}/datalab/check-pins-wheels.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { normaliseName } from './dockerfile';
import { RegistryUnreachableError, ToolMissingError } from './maven';

const PYTHON = process.env.DATALAB_PYTHON || 'python3';

const UNREACHABLE = /(NewConnectionError|ConnectTimeoutError|Max retries exceeded|Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|ProxyError|Network is unreachable|Connection refused|ConnectionResetError|ReadTimeoutError|SSLError)/;

export function wheelhouse(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'datalab', 'check-pins-wheels');
}

/** manylinux platform tags a base with this glibc installs, newest first (x86_64). */
export function manylinuxPlatforms(glibc: string, arch = 'x86_64'): string[] {
  const minor = Number(glibc.split('.')[1]);
  const out: string[] = [];
  for (let n = minor; n >= 5; n--) out.push(`manylinux_2_${n}_${arch}`);
  // Legacy aliases of 2_17, 2_12 and 2_5.
  if (minor >= 17) out.push(`manylinux2014_${arch}`);
  if (minor >= 12) out.push(`manylinux2010_${arch}`);
  out.push(`manylinux1_${arch}`);
  return out;
}

export interface PipTarget {
  /** `3.10`. */
  readonly python: string;
  readonly glibc: string;
}

/** What pip said about a resolution that failed. */
export type PipFailure =
  | { kind: 'unreachable'; detail: string }
  /** No distribution for this interpreter/platform, or no such version. */
  | { kind: 'no-distribution'; requirement: string; versions: string; ignoredPythons?: string }
  | { kind: 'conflict'; summary: string; causes: string[] }
  | { kind: 'other'; detail: string };

/** Reads pip's output. */
export function classifyPipFailure(output: string): PipFailure {
  const lines = output.split('\n');
  const conn = lines.find((l) => UNREACHABLE.test(l));
  if (conn) {
    const index = /Looking in indexes: (\S+)/.exec(output)?.[1];
    const reason = /(Failed to establish a new connection: [^'"]+|Temporary failure in name resolution|Name or service not known|Read timed out|ProxyError[^'"]*|SSLError[^'"]*)/.exec(conn)?.[1];
    return { kind: 'unreachable', detail: `${index ? `${index}: ` : ''}${(reason ?? conn.replace(/^(WARNING|ERROR):\s*/, '')).trim()}` };
  }
  const nomatch = /Could not find a version that satisfies the requirement (\S+) \(from versions: ([^)]*)\)/.exec(output);
  if (nomatch) {
    const ignored = /Ignored the following versions that require a different python version: (.*)/.exec(output);
    return { kind: 'no-distribution', requirement: nomatch[1], versions: nomatch[2], ...(ignored ? { ignoredPythons: ignored[1].trim() } : {}) };
  }
  const cannot = /ERROR: Cannot install (.*?) because these package versions have conflicting dependencies/.exec(output);
  if (cannot || /ResolutionImpossible/.test(output)) {
    const start = lines.findIndex((l) => /The conflict is caused by:/.test(l));
    const causes: string[] = [];
    if (start >= 0) {
      for (const l of lines.slice(start + 1)) {
        if (l.trim() === '' || /^To fix this/.test(l)) break;
        causes.push(l.trim());
      }
    }
    return { kind: 'conflict', summary: cannot ? cannot[1] : 'conflicting dependencies', causes: summariseCauses(causes) };
  }
  const err = lines.filter((l) => l.startsWith('ERROR:')).join(' ');
  return { kind: 'other', detail: (err || lines.slice(-3).join(' ')).trim() };
}

/**
 * pip lists one cause line per version it tried; lines of one package that differ only in its
 * version are folded into one (`aiobotocore 2.5.4 … 2.26.0 (43 versions) depend on botocore …`).
 */
export function summariseCauses(causes: readonly string[]): string[] {
  const unique = [...new Set(causes)];
  const byPackage = new Map<string, Array<{ version: string; rest: string }>>();
  const out: string[] = [];
  for (const c of unique) {
    const m = /^(\S+) (\S+) depends on (.*)$/.exec(c);
    if (!m) {
      out.push(c);
      continue;
    }
    const list = byPackage.get(m[1]) ?? [];
    list.push({ version: m[2], rest: m[3] });
    byPackage.set(m[1], list);
  }
  for (const [pkg, list] of byPackage) {
    if (list.length === 1) out.push(`${pkg} ${list[0].version} depends on ${list[0].rest}`);
    else {
      // pip tries the newest first: the first line is the newest version.
      out.push(`${pkg} ${list[0].version} … ${list[list.length - 1].version} (${list.length} versions tried): none depends on a range that fits (${list[0].version}: ${list[0].rest})`);
    }
  }
  return out;
}

function pipArgs(args: string[]): string[] {
  // Retries make pip print the connection errors an unreachable index causes (with none it only
  // says "from versions: none", as for a name that does not exist).
  return ['-m', 'pip', '--disable-pip-version-check', '--no-input', '--retries', '2', '--timeout', '30', ...args];
}

/** The machine's own extra wheel directory (PIP_FIND_LINKS) is replaced by the wheelhouse: PyPI decides, nothing local. */
function pipEnv(): NodeJS.ProcessEnv {
  fs.mkdirSync(wheelhouse(), { recursive: true });
  return { ...process.env, PIP_REQUIRE_VIRTUALENV: '0', PIP_FIND_LINKS: wheelhouse() };
}

const missingPython = () => new ToolMissingError(`cannot run "${PYTHON} -m pip": ${PYTHON} not found on PATH (set DATALAB_PYTHON to a Python 3 with pip)`);

/** Runs pip; resolutions of several images run at once (each is mostly waiting and parsing). */
function runPip(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, pipArgs(args), { env: pipEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? missingPython() : err));
    child.on('close', (code) => resolve({ code: code ?? 1, out: Buffer.concat(chunks).toString('utf8') }));
  });
}

export interface PipResolution {
  /** name → version of everything pip would install. */
  readonly installed?: ReadonlyMap<string, string>;
  readonly failure?: Exclude<PipFailure, { kind: 'unreachable' }>;
}

const building = new Map<string, Promise<{ wheel?: string; problem?: string }>>();

/** Builds `requirement` into the wheelhouse with this machine's pip (once per run, however many images ask). */
export function buildPureWheel(requirement: string): Promise<{ wheel?: string; problem?: string }> {
  let p = building.get(requirement);
  if (!p) {
    p = buildPureWheelNow(requirement);
    building.set(requirement, p);
  }
  return p;
}

/** The wheel's path, if the built wheel is pure Python. */
async function buildPureWheelNow(requirement: string): Promise<{ wheel?: string; problem?: string }> {
  const dir = wheelhouse();
  fs.mkdirSync(dir, { recursive: true });
  const r = await runPip(['wheel', '--no-deps', '--progress-bar', 'off', '--wheel-dir', dir, requirement]);
  if (r.code !== 0) {
    const why = classifyPipFailure(r.out);
    if (why.kind === 'unreachable') throw new RegistryUnreachableError(`cannot reach PyPI: ${why.detail}`);
    return { problem: why.kind === 'no-distribution' ? `not on PyPI (versions: ${why.versions || 'none'})` : `its source distribution does not build: ${'detail' in why ? why.detail : why.kind}` };
  }
  // Wheel file names: the normalised name with `_`, then the version (PEP 427).
  const [rawName, version] = requirement.split('==');
  const stem = `${normaliseName(rawName).replace(/-/g, '_')}-${version}-`;
  const wheel = fs.readdirSync(dir).find((f) => f.toLowerCase().startsWith(stem) && f.endsWith('.whl'));
  if (!wheel) return { problem: 'pip wheel built nothing' };
  if (!/-none-any\.whl$/.test(wheel)) return { problem: `PyPI has no wheel for this Python and platform, and its source builds a platform wheel (${wheel}): the image would compile it` };
  return { wheel: path.join(dir, wheel) };
}

/**
 * Resolves `requirements` for `target`. Throws RegistryUnreachableError when PyPI cannot be
 * reached; a resolution that fails otherwise is returned as `failure`.
 */
export async function resolvePip(requirements: readonly string[], target: PipTarget): Promise<PipResolution> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-check-pins-pip-'));
  try {
    const built = new Set<string>();
    for (;;) {
      const report = path.join(tmp, 'report.json');
      const abi = `cp${target.python.replace('.', '')}`;
      const args = [
        'install', '--dry-run', '--ignore-installed', '--progress-bar', 'off', '--report', report,
        // pip judges a foreign interpreter only when installing into a target directory, from wheels.
        '--target', path.join(tmp, 'target'),
        '--python-version', target.python, '--implementation', 'cp', '--abi', abi,
        ...manylinuxPlatforms(target.glibc).flatMap((p) => ['--platform', p]),
        '--only-binary=:all:',
        ...requirements,
      ];
      const r = await runPip(args);
      if (r.code === 0) {
        const parsed = JSON.parse(fs.readFileSync(report, 'utf8')) as { install: Array<{ metadata: { name: string; version: string } }> };
        return { installed: new Map(parsed.install.map((i) => [normaliseName(i.metadata.name), i.metadata.version])) };
      }
      const why = classifyPipFailure(r.out);
      if (why.kind === 'unreachable') throw new RegistryUnreachableError(`cannot reach PyPI: ${why.detail}`);
      // A pinned requirement PyPI serves only as source: build it once, offer the wheel, resolve again.
      if (why.kind === 'no-distribution' && /==/.test(why.requirement) && !built.has(why.requirement) && !why.ignoredPythons) {
        built.add(why.requirement);
        const wheel = await buildPureWheel(why.requirement);
        if (wheel.wheel) continue;
        return { failure: { kind: 'no-distribution', requirement: why.requirement, versions: wheel.problem ?? why.versions } };
      }
      return { failure: why };
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** File names of the jars in a pyspark wheel (`pyspark/jars/*.jar`): the Spark distribution's classpath. */
export async function pysparkJars(sparkVersion: string): Promise<{ jars?: string[]; problem?: string }> {
  const dir = wheelhouse();
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f === `pyspark-${sparkVersion}-py2.py3-none-any.whl`) : undefined;
  const wheel = existing ? path.join(dir, existing) : (await buildPureWheel(`pyspark==${sparkVersion}`)).wheel;
  if (!wheel) return { problem: `pyspark==${sparkVersion} is not on PyPI, so Spark ${sparkVersion}'s jars/ cannot be listed` };
  const r = spawnSync(PYTHON, ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', wheel], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) return { problem: `cannot list ${wheel}: ${r.stderr.trim()}` };
  return { jars: r.stdout.split('\n').filter((n) => /^pyspark\/jars\/[^/]+\.jar$/.test(n)).map((n) => n.slice('pyspark/jars/'.length)) };
}
