/**
 * The target-neutral description of a service: what runs, how it is reached, how its health is
 * judged (as a `Probe` intent), what it stores and what it may use. Stacks build `ServiceSpec`s; a
 * target (today `DockerService`) renders them, and everything else uses the result through
 * `IService` (constructs/service.ts). Options that only one target understands are grouped under
 * that target's name (`VolumeSpec.targetOptions.docker`), so a second target can see what it
 * ignores.
 */
import type { LakeIdentity } from './lake-identity';
import type { Hardening } from './hardening';

/** A port the service listens on inside the platform network. */
export interface PortSpec {
  /** Logical name, the key used in config (`api`, `console`, `http`). */
  readonly name: string;
  /** Port inside the container. */
  readonly containerPort: number;
  /** Published on the host at this address and port; unset: reachable only inside the network. */
  readonly host?: { readonly address: string; readonly port: number };
  /** URL scheme for endpoints built from this port. @default 'http' */
  readonly scheme?: 'http' | 'https' | 'tcp';
}

/** A named, persistent volume mounted into the service. */
export interface VolumeSpec {
  /** Stable key (`data`); part of the construct id, so never rename it. */
  readonly key: string;
  /** Mount path inside the container. */
  readonly path: string;
  /** Volume name on the target. */
  readonly name: string;
  /** Options only one target understands. @default - none */
  readonly targetOptions?: VolumeTargetOptions;
}

/** Target-specific volume options, by target. */
export interface VolumeTargetOptions {
  /** Docker: options of the `local` volume driver (`{type: none, o: bind, device: /srv/data}`). */
  readonly docker?: { readonly driverOpts?: Readonly<Record<string, string>> };
}

/** A Prometheus endpoint of the service. */
export interface MetricsSpec {
  readonly port: number;
  /** May carry a query (`/v1/agent/metrics?format=prometheus`). */
  readonly path: string;
  /** @default 'http' */
  readonly scheme?: 'http' | 'https';
}

/** Memory and CPU limits of one instance. */
export interface ResourceSpec {
  /** Hard memory limit in MiB (no swap). */
  readonly memoryMb: number;
  /** CPU limit in cores. @default - no limit */
  readonly cpus?: number;
}

/** A file placed into the container before it starts; an edit re-creates the service. */
export interface FileSpec {
  /** Absolute path inside the container. */
  readonly path: string;
  readonly content: string;
  /** @default false */
  readonly executable?: boolean;
}

/**
 * HTTP client a target that probes from inside the container runs (what the image ships).
 * `python3`: images with only a `python3` (Ubuntu's python3 package, as in apache/spark's
 * python3 images, installs no `python`).
 */
export type HttpProbeClient = 'curl' | 'wget' | 'python' | 'python3';
/** TCP connect tool for a target that probes from inside the container: bash's `/dev/tcp`, or `nc -z`. */
export type TcpProbeClient = 'bash' | 'nc';

/** What is checked, as intent. A target renders it in its own form (Docker: `HEALTHCHECK` test). */
export type ProbeCheck =
  | {
      readonly kind: 'http';
      readonly port: number;
      readonly path: string;
      readonly scheme: 'http' | 'https';
      /** For targets that probe from inside the container. */
      readonly client: HttpProbeClient;
    }
  | { readonly kind: 'tcp'; readonly port: number; readonly client: TcpProbeClient }
  /** A program run inside the service; exit code 0 means healthy. */
  | { readonly kind: 'exec'; readonly argv: readonly string[] }
  /** A POSIX shell script run inside the service (`/bin/sh -c`); exit code 0 means healthy. */
  | { readonly kind: 'exec'; readonly script: string };

export interface ProbeTiming {
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** Grace period after start during which failures do not count. @default 20 */
  readonly startPeriodSeconds?: number;
  /** @default 6 */
  readonly retries?: number;
}

export interface ExecProbeOptions extends ProbeTiming {
  /**
   * What a prober outside the service (Consul ESM, `datalab verify`) checks over the network while
   * the command checks from inside: the service's own endpoint. Unset for a service that serves
   * nothing (it cannot be registered in Consul).
   * @default - nothing to reach from outside
   */
  readonly reachableAt?: ProbeTarget;
}

/**
 * How the platform decides a service is healthy, as intent: an HTTP GET (`http`), a TCP connect
 * (`tcp`), or a command inside the service (`exec`, `shell`). Timing is in whole seconds. A target
 * turns the intent into its own form (`DockerService`: the container's health check), and outside
 * probers use `network`, the endpoint the probe implies.
 */
export class Probe {
  /** An HTTP GET on a container port that must answer 2xx; `client` says which tool the image ships for in-container probing. */
  static http(port: number, path: string, opts: ProbeTiming & { client?: HttpProbeClient; scheme?: 'http' | 'https' } = {}): Probe {
    const scheme = opts.scheme ?? 'http';
    return new Probe({ kind: 'http', port, path, scheme, client: opts.client ?? 'curl' }, { port, scheme, path }, opts);
  }

  /** A TCP connect to a container port. @default client 'bash' */
  static tcp(port: number, opts: ProbeTiming & { client?: TcpProbeClient } = {}): Probe {
    return new Probe({ kind: 'tcp', port, client: opts.client ?? 'bash' }, { port, scheme: 'tcp' }, opts);
  }

  /** A program run inside the service (no shell); exit code 0 means healthy. */
  static exec(argv: readonly string[], opts: ExecProbeOptions = {}): Probe {
    if (argv.length === 0) throw new Error('Probe.exec: the command is empty');
    return new Probe({ kind: 'exec', argv: [...argv] }, opts.reachableAt, opts);
  }

  /** A shell script run inside the service (`/bin/sh -c`); exit code 0 means healthy. */
  static shell(script: string, opts: ExecProbeOptions = {}): Probe {
    if (script.trim() === '') throw new Error('Probe.shell: the script is empty');
    return new Probe({ kind: 'exec', script }, opts.reachableAt, opts);
  }

  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly startPeriodSeconds: number;
  readonly retries: number;

  private constructor(
    readonly check: ProbeCheck,
    /** What an outside prober (Consul ESM, `datalab verify`) checks over the network; undefined: nothing. */
    readonly network: ProbeTarget | undefined,
    timing: ProbeTiming,
  ) {
    this.intervalSeconds = wholeSeconds('intervalSeconds', timing.intervalSeconds ?? 10, 1);
    this.timeoutSeconds = wholeSeconds('timeoutSeconds', timing.timeoutSeconds ?? 5, 1);
    this.startPeriodSeconds = wholeSeconds('startPeriodSeconds', timing.startPeriodSeconds ?? 20, 0);
    this.retries = wholeSeconds('retries', timing.retries ?? 6, 1);
  }
}

function wholeSeconds(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) throw new Error(`probe ${name} must be a whole number ≥ ${min}, got ${v}`);
  return v;
}

/** An external probe: an HTTP path (`scheme` http/https) or a bare TCP connect on a container port. */
export interface ProbeTarget {
  readonly port: number;
  readonly scheme: 'http' | 'https' | 'tcp';
  /** HTTP path. @default '/' */
  readonly path?: string;
}

/** Everything a target needs to run one service. */
export interface ServiceSpec {
  /** Service name: DNS name inside the platform network and Consul service name. */
  readonly name: string;
  /** Service group (stack) it belongs to. */
  readonly group: string;
  /** Pinned image reference, or a project image built by the stack (see `ImageSource`). */
  readonly image: string;
  readonly command?: readonly string[];
  readonly entrypoint?: readonly string[];
  /** Environment variables; values may be tokens (generated secrets, references). */
  readonly env?: Readonly<Record<string, string>>;
  readonly ports?: readonly PortSpec[];
  readonly volumes?: readonly VolumeSpec[];
  readonly files?: readonly FileSpec[];
  /**
   * How health is judged. Optional in the model; the Docker target requires it for a long-running
   * service (see `DockerService`), one-shot tasks may omit it.
   * @default - none
   */
  readonly probe?: Probe;
  readonly resources: ResourceSpec;
  /** @default 1 */
  readonly replicas?: number;
  /**
   * How the service is confined: user, capabilities, read-only root and its scratch paths, each
   * relaxation with its reason (see `Hardening`).
   * @default - fully hardened, as the image's user (which policy rule DL017 refuses: name it)
   */
  readonly hardening?: Hardening;
  /** Seconds to wait for health on create. @default 120 */
  readonly waitTimeoutSeconds?: number;
  /** Seconds between SIGTERM and SIGKILL on stop. @default 30 */
  readonly stopGraceSeconds?: number;
  /** Path of the Prometheus endpoint and its port, if the service exposes metrics. */
  readonly metrics?: MetricsSpec;
  /** Host-level privileges the service needs, each with its reason (e.g. the Docker socket). */
  readonly hostAccess?: readonly { readonly hostPath: string; readonly containerPath: string; readonly reason: string }[];
  /** Run-to-completion task instead of a long-running service. @default false */
  readonly oneShot?: boolean;
  /**
   * The lake identity whose keys the service holds (in its env or files): bucket grants to the
   * service (`bucket.grantRead(service)`) are rendered into this identity's permissions.
   * @default - none: the service cannot be granted bucket access
   */
  readonly lakeIdentity?: LakeIdentity;
}
