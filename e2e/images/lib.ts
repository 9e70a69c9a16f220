/**
 * Small helpers for the stand-in image builds: where the cache is, running commands with their
 * output in a log file, content hashes, and the "is this image already built from these inputs?"
 * test (a label carrying the hash of the Dockerfile and every input).
 *
 * Kept free of e2e/lib on purpose: the image builds can run on their own (`cli.ts`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';

/** Label every stand-in image carries: sha256 of its Dockerfile, context files and artifacts. */
export const HASH_LABEL = 'datalab.e2e.inputs';
/** Label naming what the image stands in for (for humans and for clean-up scripts). */
export const STANDIN_LABEL = 'datalab.e2e.stand-in';

/** `${DATALAB_E2E_CACHE:-$HOME/.cache/datalab-e2e}` */
export function cacheRoot(): string {
  return process.env.DATALAB_E2E_CACHE || join(homedir(), '.cache', 'datalab-e2e');
}

/** Where build artifacts of the images live: `<cache>/images/<name>/<version>/…` */
export function artifactDir(...parts: string[]): string {
  const dir = join(cacheRoot(), 'images', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function logDir(): string {
  return artifactDir('logs');
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr here instead of keeping them (long builds). */
  logFile?: string;
  /** Written to stdin. */
  input?: string | Buffer;
  /** Do not throw on a non-zero exit. */
  allowFail?: boolean;
  /** Kill after this many ms. @default none */
  timeoutMs?: number;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly result: RunResult,
    logFile?: string,
  ) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    super(`${command} exited ${result.code}${logFile ? ` (log: ${logFile})` : ''}${tail ? `\n${tail}` : ''}`);
  }
}

/** Runs a command (no shell). Output goes to `logFile` when given (and its tail into the error). */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const shown = [cmd, ...args].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
    log?.write(`\n$ ${shown}\n`);
    let stdout = '';
    let stderr = '';
    const keep = (s: string, chunk: Buffer) => {
      const next = s + chunk.toString();
      // Bound memory for chatty builds: the log file has everything.
      return log && next.length > 200_000 ? next.slice(-100_000) : next;
    };
    child.stdout.on('data', (c: Buffer) => {
      stdout = keep(stdout, c);
      log?.write(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = keep(stderr, c);
      log?.write(c);
    });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.on('error', (e) => {
      if (timer) clearTimeout(timer);
      log?.end();
      reject(new Error(`${shown}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr };
      log?.end(`[exit ${result.code}${signal ? ` ${signal}` : ''}]\n`);
      if (result.code !== 0 && !opts.allowFail) reject(new CommandError(shown, result, opts.logFile));
      else resolve(result);
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

export function sha256(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(String(Buffer.byteLength(p)));
    h.update(':');
    h.update(p);
  }
  return h.digest('hex');
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

/** Every regular file under `dir` (relative paths, sorted). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Hash of a directory's file names, modes and contents. */
export async function sha256Dir(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const f of listFiles(dir)) {
    const mode = (statSync(join(dir, f)).mode & 0o111) !== 0 ? 'x' : '-';
    lines.push(`${f} ${mode} ${await sha256File(join(dir, f))}`);
  }
  return sha256(lines.join('\n'));
}

/** A JSON stamp next to a cached artifact: what it was built from, so a changed recipe rebuilds it. */
export function readStamp<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export function writeStamp(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The value of `label` on a local image, `undefined` when the image is absent. */
export async function imageLabel(image: string, label: string): Promise<string | undefined> {
  const r = await run('docker', ['image', 'inspect', '--format', `{{ index .Config.Labels ${JSON.stringify(label)} }}`, image], { allowFail: true });
  if (r.code !== 0) return undefined;
  const v = r.stdout.trim();
  return v === '<no value>' ? '' : v;
}

export async function imageId(image: string): Promise<string | undefined> {
  const r = await run('docker', ['image', 'inspect', '--format', '{{ .Id }}', image], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

/**
 * Runs `body` holding `<cache>/images/.lock` (a directory with the holder's pid), so two builds on
 * one machine (an e2e run and the CLI) do not make the same artifact or image at once. A lock whose
 * holder is gone is taken over.
 */
export async function withCacheLock<T>(log: (line: string) => void, body: () => Promise<T>): Promise<T> {
  const lock = join(artifactDir(), '.lock');
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSafe(join(lock, 'pid')));
      if (!pid || !alive(pid)) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (!waited) log(`images: waiting for the build of process ${pid} (${lock})`);
      waited = true;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Elapsed seconds since `start` (from `process.hrtime.bigint()`), one decimal. */
export function secondsSince(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e8) / 10;
}
