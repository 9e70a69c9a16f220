/**
 * The read-only HTTP server behind the e2e's package mirrors (Maven, PyPI): a directory served on
 * the Docker bridge's gateway address, which containers and legacy `docker build` steps reach
 * (checked: a `RUN wget http://172.17.0.1:<port>/…` in a build got the file). GET and HEAD of
 * regular files only; a directory URL serves its `index.html` when it has one (a PEP 503 simple
 * index is a tree of such pages). Each mirror listens on a fixed port so its URL, and with it the
 * content hash of every image built from it, is the same every run.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { capture } from '../lib/exec';

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
  return file === base || file.startsWith(base + path.sep) ? file : undefined;
}

export interface Mirror {
  readonly url: string;
  /** Requests served, by status: evidence that the build used the mirror. */
  readonly served: () => Readonly<Record<number, number>>;
  readonly close: () => Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

/**
 * Serves `dir` read-only on host:port. `what` names the mirror in errors, `portVariable` the
 * environment variable that moves it when its port is taken.
 */
export function serveDirectory(dir: string, host: string, port: number, what: string, portVariable: string): Promise<Mirror> {
  const counts: Record<number, number> = {};
  const server = http.createServer((req, res) => {
    const answer = (status: number, body?: string) => {
      counts[status] = (counts[status] ?? 0) + 1;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(req.method === 'HEAD' ? undefined : body ?? '');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'read-only\n');
    let file = resolveInside(dir, req.url ?? '/');
    if (!file) return answer(403, 'outside the mirror\n');
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
      // A directory stands for its index page, as a static web server has it.
      if (st.isDirectory()) {
        file = path.join(file, 'index.html');
        st = fs.statSync(file);
      }
    } catch {
      return answer(404, 'not found\n');
    }
    if (!st.isFile()) return answer(404, 'not a file\n');
    counts[200] = (counts[200] ?? 0) + 1;
    res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': st.size });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${host}:${port} for the ${what} is taken; free it or set ${portVariable}`) : err),
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

/** The port in `variable`, else `fallback`; a value that is no unprivileged port is refused. */
export function portFrom(variable: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[variable]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`${variable}="${raw}" must be a port number from 1024 to 65535`);
  return port;
}
