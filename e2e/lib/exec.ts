/**
 * Running external commands for the e2e suite: captured or streamed output, an optional log
 * file, a bound on time, and an error that names the command, its exit code and its last lines.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from './log';

export interface RunOptions {
  readonly cwd?: string;
  /** The complete environment of the child (default: this process's). */
  readonly env?: NodeJS.ProcessEnv;
  /** Echo the child's output to stderr while it runs (long builds); it is still captured. */
  readonly stream?: boolean;
  /** Also append the child's output to this file (created with its folder). */
  readonly logFile?: string;
  readonly timeoutMs?: number;
  readonly input?: string;
  /** Exit codes that count as success (default [0]); the caller inspects `code`. */
  readonly okCodes?: readonly number[];
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const TAIL_LINES = 25;
const TAIL_CHARS = 64 * 1024;
// Enough for `tofu providers schema -json` of several providers; a runaway child cannot fill memory.
const MAX_CAPTURE = 256 * 1024 * 1024;

/** A command that could not start, timed out, or exited with a code not in okCodes. */
export class CommandError extends UserFacingError {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly reason: string,
    readonly tail: readonly string[],
  ) {
    const last = tail.length ? `\n--- last ${tail.length} lines of output ---\n${tail.join('\n')}` : ' (no output)';
    super(`command failed (${reason}): ${command}${last}`, 1);
  }
}

/** The command line as a person would type it, for messages. */
export function formatCommand(cmd: string, args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [cmd, ...args].map(quote).join(' ');
}

/** The last `n` non-empty lines of some output. */
export function lastLines(text: string, n = TAIL_LINES): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-n);
}

/** Full path of an executable found on PATH (or given with a slash), else undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = name.includes('/') ? [name] : (env.PATH ?? '').split(':').filter(Boolean).map((d) => path.join(d, name));
  return candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return fs.statSync(c).isFile();
    } catch {
      return false;
    }
  });
}

/** Runs a command to completion; rejects with CommandError unless it exits with an ok code. */
export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const command = formatCommand(cmd, args);
  const okCodes = opts.okCodes ?? [0];
  if (opts.logFile) fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const logStream = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : undefined;
  logStream?.write(`\n$ ${command}\n`);
  const started = Date.now();

  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(cmd, [...args], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let captured = 0;
    let timedOut = false;
    // Both streams interleaved as they came, so the tail in an error reads like the terminal did.
    let tail = '';
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      if (captured < MAX_CAPTURE) into.push(chunk);
      captured += chunk.length;
      tail = (tail + chunk.toString('utf8')).slice(-TAIL_CHARS);
      if (opts.stream) process.stderr.write(chunk);
      logStream?.write(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));

    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          child.kill('SIGTERM');
          // A child that ignores SIGTERM still ends: the suite must not hang on it.
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }, opts.timeoutMs)
      : undefined;

    const finish = (fn: () => void) => {
      if (timer) clearTimeout(timer);
      if (logStream) logStream.end(fn);
      else fn();
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      const reason = e.code === 'ENOENT' ? `"${cmd}" not found` : `cannot start: ${e.message}`;
      finish(() => reject(new CommandError(command, null, reason, [])));
    });
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      const result: RunResult = { code: code ?? -1, stdout, stderr, ms: Date.now() - started };
      finish(() => {
        if (!timedOut && code !== null && okCodes.includes(code)) return resolve(result);
        const reason = timedOut ? `timed out after ${Math.round((opts.timeoutMs ?? 0) / 1000)} s` : code === null ? `killed by ${signal}` : `exit code ${code}`;
        reject(new CommandError(command, code, reason, lastLines(tail)));
      });
    });
    child.stdin.on('error', () => undefined); // a child that exits without reading its input
    child.stdin.end(opts.input ?? '');
  });
}

/** Runs a command and returns its standard output, trimmed. */
export async function capture(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<string> {
  return (await run(cmd, args, opts)).stdout.trim();
}

/** True when the command exits 0 within the time given; never throws. */
export async function succeeds(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<boolean> {
  try {
    await run(cmd, args, opts);
    return true;
  } catch {
    return false;
  }
}
