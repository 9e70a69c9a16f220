/**
 * The Docker Engine the e2e suite deploys to. A daemon that already answers is used as it is and
 * never stopped by the suite. Otherwise the suite installs Debian's `docker.io` if `dockerd` is
 * missing, starts `dockerd` in the background (log in the cache), and records its pid in the
 * cache, so that teardown — in this process or a later one — stops only a daemon the suite started.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from './cache';
import { CommandError, lastLines, run, which } from './exec';
import { log, UserFacingError } from './log';

/** No Docker Engine answers and none can be started here. Entry points exit 2 with its one line. */
export class EngineUnavailableError extends UserFacingError {
  constructor(message: string) {
    super(`no Docker Engine: ${message.replace(/\s*\n\s*/g, '; ')}`, 2);
  }
}

export interface Engine {
  /** The docker client used to reach the daemon. */
  readonly docker: string;
  readonly serverVersion: string;
  /** True when this suite (this run or an earlier one) started the daemon: teardown stops it. */
  readonly startedBySuite: boolean;
  readonly pid?: number;
  readonly logFile?: string;
}

export interface EngineOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** How long a daemon may take to answer after it was started (default 60 s). */
  readonly startTimeoutMs?: number;
  /** Install docker.io with apt-get when dockerd is missing (default true). */
  readonly install?: boolean;
}

interface StartedRecord {
  readonly pid: number;
  readonly startedAt: string;
  readonly logFile: string;
}

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

function engineDir(): string {
  return cacheDir('engine');
}

function recordFile(): string {
  return path.join(engineDir(), 'dockerd.json');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid is a running dockerd (not a reused pid of some other program). */
function isDockerd(pid: number): boolean {
  try {
    const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return isAlive(pid) && path.basename(argv0) === 'dockerd';
  } catch {
    return false;
  }
}

function readRecord(): StartedRecord | undefined {
  try {
    const rec = JSON.parse(fs.readFileSync(recordFile(), 'utf8')) as StartedRecord;
    return Number.isInteger(rec.pid) && isDockerd(rec.pid) ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** The daemon's version if it answers within a few seconds, else undefined. */
async function serverVersion(docker: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const r = await run(docker, ['version', '--format', '{{.Server.Version}}'], { env, timeoutMs: 15_000 });
    return r.stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

/** Polls until the daemon answers, the process dies, or the time is up. */
async function waitForDaemon(docker: string, env: NodeJS.ProcessEnv, pid: number | undefined, timeoutMs: number): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const version = await serverVersion(docker, env);
    if (version) return version;
    if (pid !== undefined && !isAlive(pid)) return undefined;
    await sleep(500);
  }
  return undefined;
}

async function installDockerIo(env: NodeJS.ProcessEnv): Promise<void> {
  if (!which('apt-get', env)) throw new EngineUnavailableError('dockerd is not installed and apt-get is not available to install docker.io');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = path.join(engineDir(), 'apt.log');
  log(`installing Debian's docker.io (log: ${logFile})`);
  try {
    // The package lists may be missing or stale on a fresh machine: update first.
    await run('apt-get', ['update'], { env: aptEnv, logFile, timeoutMs: 10 * 60_000 });
    await run('apt-get', ['install', '-y', 'docker.io'], { env: aptEnv, logFile, timeoutMs: 15 * 60_000 });
  } catch (err) {
    const detail = err instanceof CommandError ? `${err.command} failed (${err.reason}), see ${logFile}` : String(err);
    throw new EngineUnavailableError(`installing docker.io: ${detail}`);
  }
}

/** Starts dockerd detached (it outlives this process) and records it as the suite's. */
function startDockerd(dockerd: string, env: NodeJS.ProcessEnv): StartedRecord {
  const logFile = path.join(engineDir(), 'dockerd.log');
  // One log per start, so its last lines are about this start.
  const fd = fs.openSync(logFile, 'w');
  try {
    const child = spawn(dockerd, [], { env, detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new EngineUnavailableError(`could not start ${dockerd}`);
    child.unref();
    const record: StartedRecord = { pid: child.pid, startedAt: new Date().toISOString(), logFile };
    fs.writeFileSync(recordFile(), `${JSON.stringify(record, null, 2)}\n`);
    return record;
  } finally {
    fs.closeSync(fd);
  }
}

function logTail(file: string, n = 3): string {
  try {
    return lastLines(fs.readFileSync(file, 'utf8'), n).join(' | ');
  } catch {
    return '(no log)';
  }
}

/** A dockerd that holds the default pid file, if any (it may still be starting up). */
function runningDockerdPid(): number | undefined {
  try {
    const pid = Number(fs.readFileSync('/var/run/docker.pid', 'utf8').trim());
    return Number.isInteger(pid) && isDockerd(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A second dockerd would refuse to start on the same pid file: wait for the one that is there. */
async function adoptStartingDaemon(client: string, env: NodeJS.ProcessEnv, pid: number, opts: EngineOptions): Promise<Engine> {
  log(`dockerd (pid ${pid}) is running but not answering yet: waiting for it`);
  const version = await waitForDaemon(client, env, pid, opts.startTimeoutMs ?? 60_000);
  if (!version) throw new EngineUnavailableError(`dockerd (pid ${pid}) is running but does not answer "docker version"; stop it or fix it`);
  const ours = readRecord();
  return { docker: client, serverVersion: version, startedBySuite: ours?.pid === pid, pid: ours?.pid, logFile: ours?.logFile };
}

async function startEngine(docker: string, env: NodeJS.ProcessEnv, opts: EngineOptions): Promise<Engine> {
  if (env.DOCKER_HOST && env.DOCKER_HOST !== DEFAULT_SOCKET) {
    throw new EngineUnavailableError(`DOCKER_HOST=${env.DOCKER_HOST} does not answer "docker version" (the suite starts a daemon only on the local default socket)`);
  }
  if (process.getuid?.() !== 0) throw new EngineUnavailableError('the daemon does not answer and starting dockerd needs root');
  let dockerd = which('dockerd', env) ?? which('/usr/sbin/dockerd', env) ?? which('/usr/bin/dockerd', env);
  if (!dockerd && opts.install !== false) {
    await installDockerIo(env);
    dockerd = which('dockerd', env) ?? which('/usr/sbin/dockerd', env) ?? which('/usr/bin/dockerd', env);
  }
  if (!dockerd) throw new EngineUnavailableError('dockerd is not installed (install Debian\'s docker.io, or start a daemon)');
  const client = which(docker, env) ?? which('/usr/bin/docker', env);
  if (!client) throw new EngineUnavailableError('no docker client found on PATH');
  const other = runningDockerdPid();
  if (other !== undefined) return adoptStartingDaemon(client, env, other, opts);

  const record = startDockerd(dockerd, env);
  log(`started ${dockerd} (pid ${record.pid}, log: ${record.logFile})`);
  const version = await waitForDaemon(client, env, record.pid, opts.startTimeoutMs ?? 60_000);
  if (version) return { docker: client, serverVersion: version, startedBySuite: true, pid: record.pid, logFile: record.logFile };

  const exited = !isAlive(record.pid);
  if (!exited) await stopPid(record.pid);
  fs.rmSync(recordFile(), { force: true });
  const what = exited ? 'exited' : `did not answer within ${Math.round((opts.startTimeoutMs ?? 60_000) / 1000)} s and was stopped`;
  throw new EngineUnavailableError(`dockerd ${what}; last log lines: ${logTail(record.logFile)} (${record.logFile})`);
}

/**
 * A Docker Engine that answers: the running one, or one started (and installed) here.
 * Throws EngineUnavailableError when there is none and none can be started.
 */
export async function ensureEngine(opts: EngineOptions = {}): Promise<Engine> {
  const env = opts.env ?? process.env;
  const docker = which('docker', env) ?? 'docker';
  const running = await serverVersion(docker, env);
  if (running) {
    // A daemon an earlier run started (and did not stop, e.g. it was interrupted) is still ours.
    const ours = readRecord();
    if (!ours) fs.rmSync(recordFile(), { force: true });
    return { docker, serverVersion: running, startedBySuite: ours !== undefined, pid: ours?.pid, logFile: ours?.logFile };
  }
  return startEngine(docker, env, opts);
}

async function stopPid(pid: number, timeoutMs = 60_000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  // dockerd stops its containers first (up to their stop timeouts), so give it time.
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(250);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** Stops the daemon only if the suite started it; a daemon that was already running is left alone. */
export async function stopEngine(engine: Engine): Promise<void> {
  if (!engine.startedBySuite || engine.pid === undefined) return;
  const rec = readRecord();
  // Only the pid recorded as ours, and only while it still is a dockerd.
  if (rec?.pid === engine.pid) {
    log(`stopping dockerd (pid ${engine.pid}) that the suite started`);
    await stopPid(engine.pid);
  }
  fs.rmSync(recordFile(), { force: true });
}
