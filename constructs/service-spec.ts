/**
 * The target-neutral description of a service: what runs, how it is reached, how its health is
 * judged, what it stores and what it may use. Stacks build `ServiceSpec`s; a target (today
 * `DockerService`) renders them. Nothing here names a Docker or Kubernetes concept.
 */
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
  /** Driver options (Docker `local` driver). @default - none */
  readonly driverOpts?: Readonly<Record<string, string>>;
}

/** A file placed into the container before it starts; an edit re-creates the service. */
export interface FileSpec {
  /** Absolute path inside the container. */
  readonly path: string;
  readonly content: string;
  /** @default false */
  readonly executable?: boolean;
}

/** How the platform decides a service is healthy. Durations are Go-canonical (`10s`, `1m0s`). */
export class HealthCheck {
  /** An HTTP GET that must answer 2xx, run inside the container with the given client. */
  static http(port: number, path: string, opts: HealthTiming & { client?: 'curl' | 'wget' | 'python' } = {}): HealthCheck {
    const url = `http://localhost:${port}${path}`;
    const client = opts.client ?? 'curl';
    const test =
      client === 'curl'
        ? ['CMD', 'curl', '-fsS', '-o', '/dev/null', url]
        : client === 'wget'
          ? ['CMD', 'wget', '-q', '-O', '/dev/null', url]
          : ['CMD', 'python', '-c', `import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('${url}', timeout=4).status < 300 else 1)`];
    return new HealthCheck(test, { port, path, scheme: 'http' }, opts);
  }

  /** A command run inside the container; exit code 0 means healthy. */
  static command(argv: readonly string[], probe: ProbeTarget, opts: HealthTiming = {}): HealthCheck {
    return new HealthCheck(['CMD', ...argv], probe, opts);
  }

  /** A shell snippet run inside the container. */
  static shell(script: string, probe: ProbeTarget, opts: HealthTiming = {}): HealthCheck {
    return new HealthCheck(['CMD-SHELL', script], probe, opts);
  }

  readonly interval: string;
  readonly timeout: string;
  readonly startPeriod: string;
  readonly retries: number;

  private constructor(
    /** The in-container test, Docker `HEALTHCHECK` form. */
    readonly test: readonly string[],
    /** What an outside prober (Consul ESM, `datalab verify`) checks over the network. */
    readonly probe: ProbeTarget,
    timing: HealthTiming,
  ) {
    this.interval = canonicalDuration(timing.intervalSeconds ?? 10);
    this.timeout = canonicalDuration(timing.timeoutSeconds ?? 5);
    this.startPeriod = canonicalDuration(timing.startPeriodSeconds ?? 20);
    this.retries = timing.retries ?? 6;
  }
}

export interface HealthTiming {
  /** @default 10 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** Grace period after start during which failures do not count. @default 20 */
  readonly startPeriodSeconds?: number;
  /** @default 6 */
  readonly retries?: number;
}

/** An external probe: an HTTP path (`scheme` http/https) or a bare TCP connect on a container port. */
export interface ProbeTarget {
  readonly port: number;
  readonly scheme: 'http' | 'https' | 'tcp';
  /** HTTP path. @default '/' */
  readonly path?: string;
}

/** Go's `time.Duration.String()` for whole seconds: what Docker and Consul read back. */
export function canonicalDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`duration must be whole seconds ≥ 0, got ${seconds}`);
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
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
  /** Required for long-running services; one-shot tasks may omit it. */
  readonly health?: HealthCheck;
  readonly resources: { readonly memoryMb: number; readonly cpus?: number };
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
  readonly metrics?: { readonly port: number; readonly path: string; readonly scheme?: 'http' | 'https' };
  /** Host-level privileges the service needs, each with its reason (e.g. the Docker socket). */
  readonly hostAccess?: readonly { readonly hostPath: string; readonly containerPath: string; readonly reason: string }[];
  /** Run-to-completion task instead of a long-running service. @default false */
  readonly oneShot?: boolean;
}
