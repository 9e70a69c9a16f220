/**
 * How a service's processes are confined, in target-neutral terms (Docker renders it as
 * `security_opts`, `capabilities`, `user`, `read_only` and `tmpfs`; a Kubernetes target would render
 * a securityContext).
 *
 * Hardened by default: no process may gain privileges (no-new-privileges), every Linux capability
 * is dropped, the processes run as a named non-root user, and the root file system is read-only,
 * so only volumes and the declared scratch paths are writable. Each relaxation is a named field
 * that carries its reason; DockerService records the reason as the suppression of the policy rule
 * the relaxation breaks, so every synth report lists it.
 */

/**
 * Linux capabilities a service may get back after all are dropped: Docker's default set. Host-level
 * ones (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, …) are not in the type: rule DL005 refuses them anyway.
 */
export type Capability =
  | 'AUDIT_WRITE'
  | 'CHOWN'
  | 'DAC_OVERRIDE'
  | 'DAC_READ_SEARCH'
  | 'FOWNER'
  | 'FSETID'
  | 'KILL'
  | 'MKNOD'
  | 'NET_BIND_SERVICE'
  | 'NET_RAW'
  | 'SETFCAP'
  | 'SETGID'
  | 'SETPCAP'
  | 'SETUID'
  | 'SYS_CHROOT';

/** A hardened default switched off, and why (at least 10 characters; printed in every policy report). */
export interface Relaxation {
  readonly enabled: false;
  readonly reason: string;
}

/** One capability given back, and why the service needs it. */
export interface CapabilityGrant {
  readonly capability: Capability;
  readonly reason: string;
}

/**
 * A writable path on a read-only root: an in-memory file system (tmpfs), empty at every start,
 * owned by the service's user when it runs as a uid. Over a folder the image has, the tmpfs takes
 * that folder's mode (Docker's runtime copies it; 1777 only where the image has 1777, as /tmp);
 * over a new folder it is 1777. What is written there counts against the service's memory limit,
 * so each has a size cap.
 */
export interface Scratch {
  /** Absolute path inside the container. */
  readonly path: string;
  /** What the service writes there (why it must be writable). */
  readonly purpose: string;
  /** Upper bound in MiB. */
  readonly sizeMb: number;
  /**
   * Programs and shared libraries may be loaded from it: JVMs unpack native codecs (zstd-jni,
   * snappy, lz4) into /tmp and map them executable.
   * @default false
   */
  readonly exec?: boolean;
}

/** Who a service's processes run as. */
export class RunAs {
  /** A numeric user and group (the image need not name them). `uid` 0 is refused: use `RunAs.root`. */
  static user(uid: number, gid: number): RunAs {
    for (const [what, v] of [['uid', uid], ['gid', gid]] as const) {
      if (!Number.isInteger(v) || v < 0) throw new Error(`RunAs.user: ${what} must be a whole number ≥ 0, got ${v}`);
    }
    if (uid === 0) throw new Error('RunAs.user: uid 0 is root; use RunAs.root(reason) to run as root on purpose');
    return new RunAs(`${uid}:${gid}`, uid, gid);
  }

  /**
   * A non-root user the image defines by name (its uid is not known here). Scratch paths are then
   * root-owned: writable only where the image's folder is world-writable (/tmp) or absent. Prefer
   * `RunAs.user` when the image fixes its ids.
   */
  static imageUser(name: string): RunAs {
    const user = name.split(':')[0];
    if (!/^[a-z_][a-z0-9_.-]*(:[a-z_][a-z0-9_.-]*)?$/i.test(name) || user === 'root') {
      throw new Error(`RunAs.imageUser: "${name}" is not a non-root user name (user[:group]); use RunAs.user(uid, gid) for numbers, RunAs.root(reason) for root`);
    }
    return new RunAs(name);
  }

  /** Root, on purpose: the reason is printed in every policy report (suppression of DL017). */
  static root(reason: string): RunAs {
    return new RunAs('0:0', 0, 0, checkReason('RunAs.root', reason));
  }

  private constructor(
    /** The user as Docker takes it (`uid:gid` or a name). */
    readonly name: string,
    readonly uid?: number,
    readonly gid?: number,
    /** Set only for root: why. */
    readonly rootReason?: string,
  ) {}
}

/** The confinement of a service. Every field is optional; what is left out stays hardened. */
export interface Hardening {
  /**
   * Who the processes run as.
   * @default - the image's own user, which nothing here can check: policy rule DL017 refuses it, so
   * every platform service names its user
   */
  readonly runAs?: RunAs;
  /**
   * Capabilities given back after all are dropped, each with its reason. A process that starts as
   * root and steps down (gosu, su-exec, useradd) needs some; one that starts as its user needs none.
   * @default - none
   */
  readonly capabilities?: readonly CapabilityGrant[];
  /**
   * Writable in-memory paths on the read-only root file system.
   * @default - none
   */
  readonly scratch?: readonly Scratch[];
  /**
   * Switch the read-only root file system off, with the reason.
   * @default - read-only: only volumes, scratch paths and the folders of uploaded files are writable
   */
  readonly readOnlyRootFilesystem?: Relaxation;
  /**
   * Switch no-new-privileges off, with the reason.
   * @default - on: setuid/setgid binaries and file capabilities cannot raise a process's privileges
   */
  readonly noNewPrivileges?: Relaxation;
}

/** What a relaxation breaks: the demand of one policy rule. */
export type HardeningDemand = 'no-new-privileges' | 'capabilities-dropped' | 'non-root-user' | 'read-only-rootfs';

/** The hardening of one service with every default applied and checked. */
export interface ResolvedHardening {
  readonly runAs?: RunAs;
  readonly noNewPrivileges: boolean;
  readonly capabilities: readonly Capability[];
  readonly readOnlyRootFilesystem: boolean;
  readonly scratch: readonly Scratch[];
  /** Every relaxation with its reason, by the demand it breaks. */
  readonly exceptions: readonly { readonly demand: HardeningDemand; readonly reason: string }[];
}

const MIN_REASON = 10;

function checkReason(what: string, reason: string): string {
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON) {
    throw new Error(`${what}: the reason must say why, in at least ${MIN_REASON} characters; got ${JSON.stringify(reason)}`);
  }
  return reason.trim();
}

/**
 * Applies the defaults to a service's hardening and checks it: reasons given, capabilities not
 * repeated, scratch paths absolute, distinct and not nested, sizes whole MiB ≥ 1. Throws naming
 * the service and the field.
 */
export function resolveHardening(service: string, h: Hardening = {}): ResolvedHardening {
  const where = (field: string) => `service "${service}": hardening.${field}`;
  const exceptions: { demand: HardeningDemand; reason: string }[] = [];

  if (h.noNewPrivileges) exceptions.push({ demand: 'no-new-privileges', reason: checkReason(where('noNewPrivileges'), h.noNewPrivileges.reason) });
  if (h.readOnlyRootFilesystem) exceptions.push({ demand: 'read-only-rootfs', reason: checkReason(where('readOnlyRootFilesystem'), h.readOnlyRootFilesystem.reason) });
  if (h.runAs?.rootReason) exceptions.push({ demand: 'non-root-user', reason: h.runAs.rootReason });

  const grants = h.capabilities ?? [];
  const seen = new Set<Capability>();
  for (const g of grants) {
    if (seen.has(g.capability)) throw new Error(`${where('capabilities')}: ${g.capability} is listed twice`);
    seen.add(g.capability);
    checkReason(`${where('capabilities')} ${g.capability}`, g.reason);
  }
  if (grants.length) {
    exceptions.push({ demand: 'capabilities-dropped', reason: grants.map((g) => `${g.capability}: ${g.reason.trim()}`).join('; ') });
  }

  const scratch = h.scratch ?? [];
  for (const s of scratch) {
    if (!s.path.startsWith('/') || s.path === '/' || s.path.endsWith('/') || s.path.includes('//') || /\/\.\.?(\/|$)/.test(s.path)) {
      throw new Error(`${where('scratch')}: path must be an absolute, normalised folder other than /, got "${s.path}"`);
    }
    if (!Number.isInteger(s.sizeMb) || s.sizeMb < 1) throw new Error(`${where('scratch')} ${s.path}: sizeMb must be a whole number ≥ 1, got ${s.sizeMb}`);
    checkReason(`${where('scratch')} ${s.path} purpose`, s.purpose);
  }
  for (const a of scratch) {
    for (const b of scratch) {
      if (a !== b && (a.path === b.path || isUnder(b.path, a.path))) throw new Error(`${where('scratch')}: "${b.path}" is ${a.path === b.path ? 'listed twice' : `inside "${a.path}"`}`);
    }
  }

  return {
    runAs: h.runAs,
    noNewPrivileges: !h.noNewPrivileges,
    capabilities: grants.map((g) => g.capability),
    readOnlyRootFilesystem: !h.readOnlyRootFilesystem,
    scratch,
    exceptions,
  };
}

/** `path` is `dir` or inside it. */
export function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** The folder of an absolute file path (`/a/b/c.txt` → `/a/b`; `/c.txt` → `/`). */
export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
