/**
 * An npm registry mirror for the project images' builds: images/jupyterhub installs
 * configurable-http-proxy with `npm install -g` from `${NPM_CONFIG_REGISTRY}`, and inside a build
 * container of this VM HTTPS to the npm registry fails certificate checks. So the suite does what
 * a site behind a proxy repository does: it points `buildMirrors.npm` at a registry it serves
 * itself, over HTTP on the Docker bridge's gateway (as the Maven and PyPI mirrors, mirror-server.ts).
 *
 * What it serves is derived, not listed: the packages the Dockerfiles' `npm install`s name (read
 * with the check:pins reader, project-images.ts), resolved on the host by npm itself into a
 * lockfile (`npm install --package-lock-only`); each locked package's manifest comes from
 * `npm view name@version --json` and its tarball from `npm pack`, checked against the lockfile's
 * integrity. The build's npm then sees a registry holding exactly those versions: packuments
 * (`GET /<name>`) built from the manifests with their tarball URLs
 * rewritten to the mirror, and the tarballs (`GET /<name>/-/<file>.tgz`). Anything else is 404,
 * so a build needing a package the pins did not bring fails instead of finding it elsewhere.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { cacheDir } from '../lib/cache';
import { run } from '../lib/exec';
import { log } from '../lib/log';
import { Mirror, portFrom, resolveInside } from './mirror-server';
import { projectImageNpmPackages } from './project-images';

export const DEFAULT_NPM_PORT = 18083;

export function npmPort(env: NodeJS.ProcessEnv = process.env): number {
  return portFrom('DATALAB_E2E_NPM_PORT', DEFAULT_NPM_PORT, env);
}

/** One package version the mirror holds. */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  /** The lockfile's `integrity` (sha512 SRI) of the registry tarball. */
  readonly integrity: string;
}

interface LockEntry {
  readonly name?: string;
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
}

/**
 * Every registry package of an npm lockfile (v2/v3 `packages`), each name@version once. The name
 * is the entry's `name` (an alias installs another package) or the last `node_modules/` segment.
 * A locked package without a version or integrity is an error: the mirror could not verify it.
 */
export function lockedPackages(lock: { readonly packages?: Readonly<Record<string, LockEntry>> }): readonly LockedPackage[] {
  const out = new Map<string, LockedPackage>();
  for (const [where, e] of Object.entries(lock.packages ?? {})) {
    if (where === '' || e.link) continue;
    const name = e.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!e.version || !e.integrity) throw new Error(`lockfile entry ${where} has no version or integrity`);
    out.set(`${name}@${e.version}`, { name, version: e.version, integrity: e.integrity });
  }
  return [...out.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name.localeCompare(b.name)));
}

/** The fields of a version manifest an installing npm reads (the registry's abbreviated metadata). */
const MANIFEST_FIELDS = [
  'name', 'version', 'deprecated', 'dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies', 'peerDependencies',
  'peerDependenciesMeta', 'bin', 'directories', 'engines', 'os', 'cpu', 'license', '_hasShrinkwrap', 'hasInstallScript',
] as const;

/** `npm view name@version --json` output → the version manifest the mirror serves, its tarball at `tarballUrl`. */
export function mirrorManifest(viewed: Readonly<Record<string, unknown>>, tarballUrl: string): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  for (const f of MANIFEST_FIELDS) if (viewed[f] !== undefined) m[f] = viewed[f];
  const scripts = (viewed.scripts ?? {}) as Record<string, unknown>;
  if (m.hasInstallScript === undefined && ['preinstall', 'install', 'postinstall'].some((s) => s in scripts)) m.hasInstallScript = true;
  const dist = (viewed.dist ?? {}) as Record<string, unknown>;
  m.dist = { tarball: tarballUrl, integrity: dist.integrity, shasum: dist.shasum };
  return m;
}

/** Registry path of a package (`/name`, `/@scope%2fname`) and of its tarball. */
export function packumentPath(name: string): string {
  return `/${name.replace('/', '%2f')}`;
}
export function tarballFile(name: string, version: string): string {
  return `${name.split('/').pop()}-${version}.tgz`;
}
export function tarballPath(name: string, version: string): string {
  return `/${name}/-/${tarballFile(name, version)}`;
}

/** A packument holding the given manifests; `latest` is the highest version (semver order of x.y.z, pre-releases after). */
export function packument(name: string, manifests: ReadonlyArray<Record<string, unknown>>): Record<string, unknown> {
  const versions = Object.fromEntries(manifests.map((m) => [String(m.version), m]));
  const sorted = Object.keys(versions).sort(compareVersions);
  const releases = sorted.filter((v) => !v.includes('-'));
  return { name, 'dist-tags': { latest: (releases.length ? releases : sorted)[(releases.length ? releases : sorted).length - 1] }, versions };
}

function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split('-')[0].split('.').map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return a.includes('-') === b.includes('-') ? a.localeCompare(b) : a.includes('-') ? -1 : 1;
}

/** `sha512-<base64>` of a file. */
export function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

export interface NpmRepository {
  readonly dir: string;
  /** What the images' `npm install`s name, as written (`configurable-http-proxy@4.6.3`). */
  readonly roots: readonly string[];
  readonly packages: readonly LockedPackage[];
}

/**
 * Resolves the images' npm packages on the host and fetches what the mirror serves into the cache
 * (`<cache>/npm-mirror/`): the lockfile per set of roots, then each package's manifest and tarball
 * (only those missing). An unpinned root is refused: the build would install whatever is newest.
 */
export async function prepareNpmRepository(root: string, logFile: string): Promise<NpmRepository> {
  const wanted = projectImageNpmPackages(root);
  const loose = wanted.filter((w) => !w.spec.pinned);
  if (loose.length) throw new Error(`npm packages without an exact version in ${loose.map((w) => `${w.image}/Dockerfile: ${w.spec.text}`).join(', ')}: pin them (name@x.y.z)`);
  const roots = [...new Set(wanted.map((w) => w.spec.text))].sort();
  const dir = cacheDir('npm-mirror');
  if (!roots.length) return { dir, roots, packages: [] };

  const key = createHash('sha256').update(roots.join('\n')).digest('hex').slice(0, 16);
  const lockDir = path.join(dir, 'resolve', key);
  const lockFile = path.join(lockDir, 'package-lock.json');
  if (!fs.existsSync(lockFile)) {
    log(`  npm: resolving ${roots.join(' ')} (npm install --package-lock-only)`);
    fs.rmSync(lockDir, { recursive: true, force: true });
    fs.mkdirSync(lockDir, { recursive: true });
    fs.writeFileSync(path.join(lockDir, 'package.json'), `${JSON.stringify({ name: 'datalab-e2e-npm-mirror', version: '0.0.0', private: true })}\n`);
    await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', ...roots], { cwd: lockDir, logFile, timeoutMs: 10 * 60_000 });
  }
  const packages = lockedPackages(JSON.parse(fs.readFileSync(lockFile, 'utf8')));

  for (const p of packages) {
    const meta = path.join(dir, 'meta', p.name, `${p.version}.json`);
    if (!fs.existsSync(meta)) {
      const viewed = await run('npm', ['view', `${p.name}@${p.version}`, '--json'], { logFile, timeoutMs: 120_000 });
      const parsed = JSON.parse(viewed.stdout) as Record<string, unknown>;
      if (parsed.version !== p.version || !(parsed.dist as { integrity?: string } | undefined)?.integrity) throw new Error(`npm view ${p.name}@${p.version} gave no manifest with an integrity`);
      fs.mkdirSync(path.dirname(meta), { recursive: true });
      fs.writeFileSync(meta, JSON.stringify(parsed));
    }
    const tgz = path.join(dir, 'tarballs', p.name, '-', tarballFile(p.name, p.version));
    if (!fs.existsSync(tgz)) {
      fs.mkdirSync(path.dirname(tgz), { recursive: true });
      const packed = await run('npm', ['pack', `${p.name}@${p.version}`, '--json', '--pack-destination', path.dirname(tgz)], { cwd: dir, logFile, timeoutMs: 120_000 });
      const file = (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename;
      const written = path.join(path.dirname(tgz), path.basename(file ?? ''));
      if (!file || !fs.existsSync(written)) throw new Error(`npm pack ${p.name}@${p.version} wrote no tarball`);
      if (written !== tgz) fs.renameSync(written, tgz);
    }
    if (integrityOf(tgz) !== p.integrity) {
      fs.rmSync(tgz, { force: true });
      throw new Error(`${tgz} does not match the lockfile's integrity for ${p.name}@${p.version}; removed, run again`);
    }
  }
  log(`  npm: ${packages.length} package versions for ${roots.join(' ')} in ${dir}`);
  return { dir, roots, packages };
}

/** `url` is the registry as `buildMirrors.npm` takes it (no trailing slash). */
export type NpmMirror = Mirror;

/** Serves the prepared repository read-only on host:port: packuments and tarballs, nothing else. */
export function serveNpmRegistry(repo: NpmRepository, host: string, port: number): Promise<NpmMirror> {
  const base = `http://${host}:${port}`;
  const byName = new Map<string, Record<string, unknown>[]>();
  for (const p of repo.packages) {
    const viewed = JSON.parse(fs.readFileSync(path.join(repo.dir, 'meta', p.name, `${p.version}.json`), 'utf8')) as Record<string, unknown>;
    byName.set(p.name, [...(byName.get(p.name) ?? []), mirrorManifest(viewed, `${base}${tarballPath(p.name, p.version)}`)]);
  }
  const packuments = new Map([...byName].map(([name, ms]) => [packumentPath(name), JSON.stringify(packument(name, ms))]));
  const tarballs = path.join(repo.dir, 'tarballs');
  const counts: Record<number, number> = {};
  const server = http.createServer((req, res) => {
    const answer = (status: number, type: string, body: string | Buffer) => {
      counts[status] = (counts[status] ?? 0) + 1;
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'text/plain', 'read-only\n');
    const url = (req.url ?? '/').split('?')[0];
    // npm asks for a scoped package as /@scope%2fname (some clients as /@scope/name).
    const doc = packuments.get(url) ?? packuments.get(url.replace(/^\/(@[^/]+)\/([^/]+)$/, '/$1%2f$2').toLowerCase());
    if (doc) return answer(200, 'application/json', doc);
    if (url.includes('/-/') && url.endsWith('.tgz')) {
      const file = resolveInside(tarballs, url);
      if (!file) return answer(403, 'text/plain', 'outside the mirror\n');
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return answer(200, 'application/octet-stream', fs.readFileSync(file));
    }
    return answer(404, 'application/json', '{"error":"not found"}\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${host}:${port} for the npm mirror is taken; free it or set DATALAB_E2E_NPM_PORT`) : err),
    );
    server.listen(port, host, () =>
      resolve({
        url: base,
        served: () => ({ ...counts }),
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}
