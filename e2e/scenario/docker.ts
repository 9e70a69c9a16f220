/**
 * What the scenario asks Docker directly: container state and health as `docker inspect` reports
 * them, logs, stop/start, and throw-away containers on the platform network (the in-network
 * client's view). Everything goes through the docker CLI, as an operator would.
 */
import { capture, run, RunResult } from '../lib/exec';
import { poll } from './assert';
import { NETWORK, PREFIX } from './context';

export interface HealthLogEntry {
  readonly Start: string;
  readonly End: string;
  readonly ExitCode: number;
  readonly Output: string;
}

/** `.State.Health` as `docker inspect` prints it. */
export interface Health {
  readonly Status: string;
  readonly FailingStreak: number;
  readonly Log: readonly HealthLogEntry[] | null;
}

export interface ContainerInfo {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly exitCode: number;
  /** When it last started and stopped (ISO 8601; Docker's zero time while it runs or never did). */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly health?: Health;
  readonly labels: Readonly<Record<string, string>>;
  /** Volumes mounted (named and anonymous), by volume name. */
  readonly volumes: readonly string[];
  /** Every mount: where, and whether it is writable. */
  readonly mounts: readonly { readonly source: string; readonly destination: string; readonly rw: boolean }[];
  readonly memoryLimitBytes: number;
  /** How Docker confines it (`Config.User` and the HostConfig fields). */
  readonly confinement: {
    readonly user: string;
    readonly readOnly: boolean;
    readonly securityOpts: readonly string[];
    readonly capDrop: readonly string[];
    readonly capAdd: readonly string[];
    readonly tmpfs: Readonly<Record<string, string>>;
    readonly privileged: boolean;
  };
}

interface RawInspect {
  Id: string;
  Name: string;
  State: { Status: string; ExitCode: number; StartedAt: string; FinishedAt: string; Health?: Health };
  Config: { Labels: Record<string, string> | null; User: string };
  Mounts: { Type: string; Name?: string; Source?: string; Destination: string; RW: boolean }[];
  HostConfig: {
    Memory: number;
    ReadonlyRootfs: boolean;
    SecurityOpt: string[] | null;
    CapDrop: string[] | null;
    CapAdd: string[] | null;
    Tmpfs: Record<string, string> | null;
    Privileged: boolean;
  };
}

/** The container's state, or undefined when there is no such container. */
export async function inspectContainer(name: string): Promise<ContainerInfo | undefined> {
  const r = await run('docker', ['inspect', '--type', 'container', name], { okCodes: [0, 1], timeoutMs: 30_000 });
  if (r.code !== 0) return undefined;
  const raw = (JSON.parse(r.stdout) as RawInspect[])[0];
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    status: raw.State.Status,
    exitCode: raw.State.ExitCode,
    startedAt: raw.State.StartedAt,
    finishedAt: raw.State.FinishedAt,
    health: raw.State.Health ?? undefined,
    labels: raw.Config.Labels ?? {},
    volumes: raw.Mounts.filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name!),
    mounts: raw.Mounts.map((m) => ({ source: m.Source ?? '', destination: m.Destination, rw: m.RW })),
    memoryLimitBytes: raw.HostConfig.Memory,
    confinement: {
      user: raw.Config.User,
      readOnly: raw.HostConfig.ReadonlyRootfs,
      securityOpts: raw.HostConfig.SecurityOpt ?? [],
      capDrop: raw.HostConfig.CapDrop ?? [],
      capAdd: raw.HostConfig.CapAdd ?? [],
      tmpfs: raw.HostConfig.Tmpfs ?? {},
      privileged: raw.HostConfig.Privileged,
    },
  };
}

/** "running, healthy" / "exited (0)": how a container reads in a message. */
export function describeContainer(c: ContainerInfo | undefined): string {
  if (!c) return 'absent';
  if (c.status !== 'running') return `${c.status} (exit code ${c.exitCode})`;
  return c.health ? `running, ${c.health.Status}` : 'running (no health check)';
}

export async function containerLogs(name: string, lines = 30): Promise<string> {
  // Docker keeps a container's stdout and stderr apart; both belong in the evidence.
  const r = await run('docker', ['logs', '--tail', String(lines), name], { okCodes: [0, 1], timeoutMs: 30_000 });
  return `${r.stdout}${r.stderr}`.trimEnd();
}

/** Polls until every named container is running and healthy; returns the time it took. */
export async function waitHealthy(names: readonly string[], timeoutMs: number): Promise<number> {
  let states: string[] = [];
  const { ms } = await poll(
    `containers ${names.join(', ')} healthy`,
    async () => {
      const infos = await Promise.all(names.map(inspectContainer));
      states = names.map((n, i) => `${n}: ${describeContainer(infos[i])}`);
      return infos.every((c) => c?.status === 'running' && c.health?.Status === 'healthy') ? true : undefined;
    },
    { timeoutMs, intervalMs: 1000 },
    () => states.join('; '),
  );
  return ms;
}

/** `docker exec` of a shell snippet in a running container, as its own user unless `user` says otherwise. */
export function execIn(name: string, script: string, opts: { readonly user?: string; readonly okCodes?: readonly number[] } = {}): Promise<RunResult> {
  return run('docker', ['exec', ...(opts.user ? ['--user', opts.user] : []), name, 'sh', '-c', script], { okCodes: opts.okCodes ?? [0], timeoutMs: 30_000 });
}

export function stopContainer(name: string): Promise<RunResult> {
  return run('docker', ['stop', name], { timeoutMs: 120_000 });
}

export function startContainer(name: string): Promise<RunResult> {
  return run('docker', ['start', name], { timeoutMs: 60_000 });
}

/** Label of the scenario's throw-away client containers (the name prefix makes them leftovers too). */
export const PROBE_LABEL = 'datalab.e2e.probe=scenario';

/**
 * `docker run --rm` of a client on the platform network, named `datalab-e2e-probe-…` so that an
 * interrupted run's probe is removed with the environment's leftovers.
 */
export async function runOnNetwork(image: string, args: readonly string[], opts: { readonly input?: string; readonly env?: Readonly<Record<string, string>>; readonly memoryMb?: number; readonly timeoutMs: number }): Promise<string> {
  const name = `${PREFIX}-probe-${process.pid}-${Date.now().toString(36)}`;
  const envArgs = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  const memory = opts.memoryMb ? ['--memory', `${opts.memoryMb}m`] : [];
  const interactive = opts.input === undefined ? [] : ['-i'];
  return capture('docker', ['run', '--rm', ...interactive, '--name', name, '--label', PROBE_LABEL, '--network', NETWORK, ...memory, ...envArgs, image, ...args], {
    input: opts.input,
    timeoutMs: opts.timeoutMs,
  });
}
