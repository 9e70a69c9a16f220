/**
 * The jars of the project images (images/spark, images/jupyterhub), prepared on the host and
 * served to their builds.
 *
 * Each Dockerfile downloads its jars from `${MAVEN}` (Maven Central by default) and checks each
 * against the `.sha1` next to it. Inside a container of this VM HTTPS to anything but Debian fails
 * certificate checks, so the suite does what a user behind a proxy does: it points the build at a
 * Maven Central mirror. The mirror is a Maven repository directory the host fills with
 * `mvn dependency:get` (the coordinates read from the Dockerfiles of every image the e2e
 * environment builds, project-images.ts, with the same reader `npm run check:pins` uses: no second
 * list), served read-only over HTTP on the Docker bridge's gateway address, which a legacy
 * `docker build` container reaches (checked: a `RUN wget http://172.17.0.1:<port>/…` in a build got
 * the file). The port is fixed (18081, or DATALAB_E2E_MAVEN_PORT) so the URL, and with it the
 * image's content hash, is the same every run.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Coordinate, coordinateKey } from '../../scripts/pins/dockerfile';
import { cacheDir } from '../lib/cache';
import { capture, run } from '../lib/exec';
import { log } from '../lib/log';
import { projectImageJars } from './project-images';

export const DEFAULT_MAVEN_PORT = 18081;

/** `<group path>/<artifact>/<version>/<artifact>-<version>[-classifier].jar` inside a Maven repository. */
export function jarPathOf(c: Coordinate): string {
  return `${c.groupId.replace(/\./g, '/')}/${c.artifactId}/${c.version}/${c.artifactId}-${c.version}${c.classifier ? `-${c.classifier}` : ''}.jar`;
}

/** The local repository with every jar and its `.sha1` (mvn fetches only what is missing). */
export async function prepareMavenRepository(root: string, logFile: string): Promise<{ readonly dir: string; readonly jars: readonly Coordinate[] }> {
  const dir = cacheDir('maven-repo');
  const jars = projectImageJars(root);
  for (const c of jars) {
    const jar = path.join(dir, jarPathOf(c));
    if (fs.existsSync(jar) && fs.existsSync(`${jar}.sha1`)) continue;
    log(`  maven: mvn dependency:get ${coordinateKey(c)}`);
    await run('mvn', ['-B', '-q', 'dependency:get', '-Dtransitive=false', `-Dartifact=${c.groupId}:${c.artifactId}:${c.version}:jar${c.classifier ? `:${c.classifier}` : ''}`, `-Dmaven.repo.local=${dir}`], { logFile, timeoutMs: 15 * 60_000 });
    if (!fs.existsSync(jar) || !fs.existsSync(`${jar}.sha1`)) throw new Error(`mvn dependency:get ${coordinateKey(c)} left no ${jarPathOf(c)} with its .sha1 in ${dir}`);
  }
  return { dir, jars };
}

/** The address containers (and docker build steps) on the default bridge reach the host at. */
export async function bridgeGateway(): Promise<string> {
  const out = (await capture('docker', ['network', 'inspect', 'bridge', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}'], { timeoutMs: 30_000 })).trim();
  const gateway = out.split(/\s+/).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a));
  if (!gateway) throw new Error(`the default bridge network has no IPv4 gateway (docker network inspect bridge: "${out}")`);
  return gateway;
}

/**
 * The file a request path names inside `dir`, or undefined when it leaves `dir` (`..`, an encoded
 * `..`, a NUL) or is not a plain path. Pure, so the refusal is tested without a server.
 */
export function resolveInside(dir: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || !decoded.startsWith('/')) return undefined;
  if (decoded.split('/').some((seg) => seg === '..')) return undefined;
  const base = path.resolve(dir);
  const file = path.resolve(base, `.${decoded}`);
  return file.startsWith(base + path.sep) ? file : undefined;
}

export interface MavenMirror {
  readonly url: string;
  /** Requests served, by status: evidence that the build used the mirror. */
  readonly served: () => Readonly<Record<number, number>>;
  readonly close: () => Promise<void>;
}

/** Serves `dir` read-only (GET and HEAD of regular files) on host:port. */
export function serveRepository(dir: string, host: string, port: number): Promise<MavenMirror> {
  const counts: Record<number, number> = {};
  const server = http.createServer((req, res) => {
    const answer = (status: number, body?: string) => {
      counts[status] = (counts[status] ?? 0) + 1;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : body ?? '');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'read-only\n');
    const file = resolveInside(dir, req.url ?? '/');
    if (!file) return answer(403, 'outside the repository\n');
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return answer(404, 'not found\n');
    }
    if (!st.isFile()) return answer(404, 'not a file\n');
    counts[200] = (counts[200] ?? 0) + 1;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': st.size });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${host}:${port} for the Maven mirror is taken; free it or set DATALAB_E2E_MAVEN_PORT`) : err),
    );
    server.listen(port, host, () =>
      resolve({
        url: `http://${host}:${port}`,
        served: () => ({ ...counts }),
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    );
  });
}

export function mavenPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATALAB_E2E_MAVEN_PORT?.trim();
  if (!raw) return DEFAULT_MAVEN_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`DATALAB_E2E_MAVEN_PORT="${raw}" must be a port number from 1024 to 65535`);
  return port;
}
