import { Container, ContainerConfig } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Volume } from '@cdktf/provider-docker/lib/volume';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { capabilitiesDropped } from '../policy/rules/capabilities-dropped';
import { noNewPrivileges } from '../policy/rules/no-new-privileges';
import { nonRootUser } from '../policy/rules/non-root-user';
import { readOnlyRootfs } from '../policy/rules/read-only-rootfs';
import { Suppressions } from '../policy/suppressions';
import type { PolicyRule } from '../policy/types';
import { HardeningDemand, isUnder, parentDir, ResolvedHardening, resolveHardening, Scratch } from './hardening';
import { PlatformNetwork } from './platform-network';
import { IService, Service } from './service';
import { Probe, ProbeCheck, ServiceSpec } from './service-spec';
import { useDockerProvider } from './stack-providers';
import { ConstructError, refusedBy } from './construct-error';

export interface DockerServiceProps {
  readonly spec: ServiceSpec;
  readonly network: PlatformNetwork;
  /** Environment name, used in container and volume names and labels. */
  readonly environment: string;
  /** Mark volumes `prevent_destroy`. @default false */
  readonly protectData?: boolean;
  /**
   * An image built or pulled elsewhere in the stack (e.g. the project Spark image). When unset, the
   * service pulls `spec.image` through its own `docker_image`.
   * @default - a `docker_image` for `spec.image`
   */
  readonly image?: Image;
  /** Resources the containers must wait for (beyond the network and volumes they reference). */
  readonly dependsOn?: readonly ITerraformDependable[];
  /**
   * Volumes owned by another service, mounted here too (e.g. DAG files shared by two Airflow
   * components). The owner keeps the volume's lifecycle; this service only mounts it.
   * @default - none
   */
  readonly sharedVolumes?: readonly { readonly volume: Volume; readonly containerPath: string }[];
  /**
   * Run in this container's network namespace (Docker `network_mode: container:<id>`) instead of on
   * the platform network: the service reaches the other container's loopback-only ports, and has
   * no address, alias or published port of its own. Re-created when that container is.
   * @default - on the platform network
   */
  readonly networkNamespaceOf?: Container;
}

/** Log rotation, written out in full so the provider's read-back matches (docker 3.6.2 trap). */
export const LOG_OPTS = { 'max-size': '10m', 'max-file': '3' } as const;

/** A file holder never runs; should anyone start it, it runs as nobody in little memory. */
export const FILES_HOLDER_USER = '65534:65534';
const FILES_HOLDER_MEMORY_MB = 16;

/**
 * The policy rule each hardening relaxation breaks: a relaxation becomes a suppression of that rule
 * on the container, with the relaxation's reason, so every synth report lists it.
 */
export const HARDENING_RULES: Readonly<Record<HardeningDemand, PolicyRule>> = {
  'no-new-privileges': noNewPrivileges,
  'capabilities-dropped': capabilitiesDropped,
  'non-root-user': nonRootUser,
  'read-only-rootfs': readOnlyRootfs,
};

/**
 * Renders a `ServiceSpec` on Docker: one `docker_image`, one `docker_volume` per volume key and one
 * `docker_container` per replica, on the environment's network. Everything outside this file uses
 * it as an `IService`.
 *
 * Guarantees, for every container: pinned image (by id, so a new image re-creates it), health check
 * with `wait` on create, `unless-stopped` restart, hard memory limit with no swap, CPU quota when a
 * CPU limit is set (with a label that forces re-creation when it changes, since Docker applies the
 * quota only at create), bounded json-file logs, a stop grace period, host ports only where the
 * spec publishes them, and data only on named volumes.
 *
 * Probes become Docker health checks (`dockerHealthcheck`): `http` a GET with the client the image
 * ships, `tcp` a connect with bash's `/dev/tcp` or `nc -z`, `exec` the command (`CMD`) or script
 * (`CMD-SHELL`). A long-running service without a probe is refused: a check that only says the
 * process exists adds nothing to Docker's restart policy and would make `wait` meaningless, so a
 * service with nothing to call over the network declares an exec probe (the Airflow DAG processor:
 * `airflow jobs check`). A one-shot task may have none: its exit code is its verdict.
 * Hardened as `spec.hardening` says (defaults: no-new-privileges, every capability dropped, a
 * read-only root with only the declared scratch paths as tmpfs). Each relaxation is recorded as the
 * suppression of the policy rule it breaks, with its reason.
 *
 * Uploaded files on a read-only root: Docker refuses any upload into a container whose root is
 * read-only (the provider copies to `/`), so the files go into a file holder instead, a container
 * `<name>-files` of the same image that is created and never started, with an anonymous volume per
 * folder of the files (which starts as a copy of the image's folder). The service's containers
 * mount those volumes read-only (`volumes_from`). An edit re-creates the holder and so the service;
 * destroying the holder removes its volumes. `volumes_from` brings every mount of the holder,
 * including an anonymous volume for each `VOLUME` of the image: a path the service does not mount
 * a named volume on is then the holder's copy, read-only (the SeaweedFS provisioner's unused
 * `/data`). A service that must write to such a path names a volume for it.
 */
export class DockerService extends Service {
  readonly image: Image;
  /** `spec.hardening` with its defaults applied: what every container of the service runs with. */
  readonly hardening: ResolvedHardening;
  readonly containers: Container[] = [];
  /**
   * The never-started container that holds the uploaded files for a read-only service (see the
   * class comment); undefined when there are no files or the root is writable.
   */
  readonly filesHolder?: Container;
  private readonly containerNames = new Map<Container, string>();
  readonly volumes: Record<string, Volume> = {};
  private readonly after: readonly ITerraformDependable[];

  constructor(scope: Construct, id: string, props: DockerServiceProps) {
    super(scope, id, props.spec);
    const { spec } = props;
    useDockerProvider(this);
    if (!spec.probe && !spec.oneShot) {
      throw new ConstructError(this, `service "${spec.name}": a long-running service needs a probe (spec.probe: Probe.http, Probe.tcp, or Probe.exec/shell for a service that serves nothing)`);
    }
    this.after = props.dependsOn ?? [];
    this.hardening = refusedBy(this, () => resolveHardening(spec.name, spec.hardening));
    const replicas = spec.replicas ?? 1;
    if (replicas > 1 && (spec.volumes?.length ?? 0) > 0) {
      throw new ConstructError(this, `service "${spec.name}": ${replicas} replicas cannot share volumes ${spec.volumes!.map((v) => v.key).join(', ')}`);
    }

    // keep_locally: another stack or environment may run the same image.
    this.image = props.image ?? new Image(this, 'image', { name: spec.image, keepLocally: true });

    for (const v of spec.volumes ?? []) {
      const driverOpts = v.targetOptions?.docker?.driverOpts;
      this.volumes[v.key] = new Volume(this, `volume-${v.key}`, {
        name: v.name,
        driver: 'local',
        driverOpts: driverOpts ? { ...driverOpts } : undefined,
        labels: this.labels(props.environment).map(({ label, value }) => ({ label, value })),
        lifecycle: props.protectData ? { preventDestroy: true } : undefined,
      });
    }

    const folders = refusedBy(this, () => uploadFolders(spec, mountPaths(spec, props), this.hardening));
    if (folders.length) {
      this.filesHolder = new Container(this, 'files', this.filesHolderConfig(props, folders));
      Suppressions.add(
        this.filesHolder,
        readOnlyRootfs.id,
        `never started: it only holds the files uploaded for "${spec.name}" (Docker uploads nothing into a read-only root), which the service mounts read-only`,
      );
    }

    for (let r = 1; r <= replicas; r++) {
      // Replica 1 keeps the plain id, so scaling out never renames (and re-creates) it.
      const cid = r === 1 ? 'container' : `container-${r}`;
      const config = this.containerConfig(props, r);
      const container = new Container(this, cid, config);
      for (const e of this.hardening.exceptions) Suppressions.add(container, HARDENING_RULES[e.demand].id, e.reason);
      this.containers.push(container);
      this.containerNames.set(container, config.name);
    }
  }

  /**
   * A DNS name per replica that resolves to that replica only: what addresses one replica (Consul
   * registrations, their checks, metrics targets). A single container is addressed by the service
   * name. With several, every container shares the service name (Docker round-robins between
   * them), so each is addressed by its container name (`datalab-<env>-<name>[-r]`), which Docker's
   * DNS resolves on the platform network; no extra alias is needed, and a deployed container's
   * network settings (which force replacement) never change when the service is scaled.
   */
  get replicaHosts(): string[] {
    return this.containers.length === 1 ? [this.spec.name] : this.instanceNames;
  }

  /**
   * Container hostname per replica (`<name>`, `<name>-2`, …), the suffix of its container name.
   * Replica 1 keeps the plain service name so scaling out never renames it; for addressing one
   * replica on the network use `replicaHosts`.
   */
  get replicaNames(): string[] {
    return this.containers.map((_, i) => this.replicaName(i + 1));
  }

  /** Container names (`datalab-<env>-<name>[-r]`), for `docker logs` hints. */
  get instanceNames(): string[] {
    return this.containers.map((c) => this.containerNames.get(c)!);
  }

  /** The containers, for `dependsOn` of resources that need the service running and healthy. */
  get dependable(): ITerraformDependable[] {
    return this.containers;
  }

  /** The services whose containers this one's `dependsOn` lists. */
  get startsAfter(): IService[] {
    const out: IService[] = [];
    for (const d of this.after) {
      const owner = (d as { node?: { scope?: unknown } }).node?.scope;
      if (d instanceof Container && Service.isService(owner) && owner !== this && !out.includes(owner)) out.push(owner);
    }
    return out;
  }

  private replicaName(r: number): string {
    return r === 1 ? this.spec.name : `${this.spec.name}-${r}`;
  }


  /**
   * The file holder: created, never started (no network, nothing to run), yet confined like a
   * service in case someone starts it by hand; its root stays writable for the upload.
   */
  private filesHolderConfig(props: DockerServiceProps, folders: readonly string[]): ContainerConfig {
    return {
      name: `datalab-${props.environment}-${this.spec.name}-files`,
      image: this.image.imageId,
      labels: [...this.labels(props.environment), { label: 'datalab.role', value: 'files' }],
      start: false,
      mustRun: false,
      restart: 'no',
      networkMode: 'none',
      user: FILES_HOLDER_USER,
      securityOpts: ['no-new-privileges:true'],
      capabilities: { drop: ['ALL'] },
      memory: FILES_HOLDER_MEMORY_MB,
      memorySwap: FILES_HOLDER_MEMORY_MB,
      logDriver: 'json-file',
      logOpts: { ...LOG_OPTS },
      volumes: folders.map((containerPath) => ({ containerPath })),
      upload: uploads(this.spec),
    };
  }

  private labels(environment: string): { label: string; value: string }[] {
    const labels = [
      { label: 'datalab.environment', value: environment },
      { label: 'datalab.group', value: this.spec.group },
      { label: 'datalab.service', value: this.spec.name },
      { label: 'datalab.managed-by', value: 'datalab-stacks' },
    ];
    return labels;
  }

  private containerConfig(props: DockerServiceProps, r: number): ContainerConfig {
    const { spec } = props;
    const name = this.replicaName(r);
    const labels = this.labels(props.environment);
    if (spec.resources.cpus !== undefined) {
      // Docker applies cpu_quota only at create and the provider does not read it back; labels are
      // ForceNew, so a changed CPU limit re-creates the container and really takes effect.
      labels.push({ label: 'datalab.cpus', value: String(spec.resources.cpus) });
    }
    const h = this.hardening;
    const tmpfs = Object.fromEntries(h.scratch.map((s) => [s.path, tmpfsOptions(s, h)]));
    if (h.scratch.length) {
      // The provider does not re-create a container when only its tmpfs changes (3.6.2 updates the
      // state alone); labels are ForceNew, so a changed scratch space really takes effect.
      labels.push({ label: 'datalab.tmpfs', value: Object.entries(tmpfs).map(([p, o]) => `${p}=${o}`).join(';') });
    }
    const oneShot = spec.oneShot ?? false;
    return {
      name: `datalab-${props.environment}-${name}`,
      image: this.image.imageId,
      command: spec.command ? spec.command.map(literal) : undefined,
      entrypoint: spec.entrypoint ? spec.entrypoint.map(literal) : undefined,
      env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${literal(v)}`) : undefined,
      user: h.runAs?.name,
      labels,
      ...(props.networkNamespaceOf
        ? { networkMode: `container:${props.networkNamespaceOf.id}` }
        : {
            hostname: name,
            // The shared name reaches any replica; replicas after the first also answer to `<name>-<r>`.
            // (Unchanged since the first release: aliases force a container's replacement.)
            networksAdvanced: [{ name: props.network.name, aliases: r === 1 ? [spec.name] : [spec.name, name] }],
          }),
      ports: nonEmpty(
        (spec.ports ?? [])
          .filter((p) => p.host)
          .map((p) => ({ internal: p.containerPort, external: p.host!.port + (r - 1), ip: p.host!.address, protocol: 'tcp' })),
      ),
      volumes: nonEmpty([
        ...(spec.volumes ?? []).map((v) => ({ volumeName: this.volumes[v.key].name, containerPath: v.path })),
        ...(props.sharedVolumes ?? []).map((v) => ({ volumeName: v.volume.name, containerPath: v.containerPath })),
        ...(spec.hostAccess ?? []).map((a) => ({ hostPath: a.hostPath, containerPath: a.containerPath })),
        ...(this.filesHolder ? [{ fromContainer: `${this.filesHolder.id}:ro` }] : []),
      ]),
      tmpfs: h.scratch.length ? tmpfs : undefined,
      upload: this.filesHolder ? undefined : uploads(spec),
      memory: spec.resources.memoryMb,
      // Equal to memory: no swap, and no perpetual diff from Docker's 2x default (3.6.2 trap).
      memorySwap: spec.resources.memoryMb,
      ...(spec.resources.cpus !== undefined ? { cpuPeriod: 100_000, cpuQuota: Math.round(spec.resources.cpus * 100_000) } : {}),
      privileged: false,
      securityOpts: h.noNewPrivileges ? ['no-new-privileges:true'] : undefined,
      // Added capabilities as Docker reports them back (`CAP_CHOWN`): the provider compares its
      // read of HostConfig.CapAdd with the config, and a bare `CHOWN` re-created the container at
      // every plan (found by the whole-platform e2e). `ALL` is reported as it is written.
      capabilities: { drop: ['ALL'], add: h.capabilities.length ? h.capabilities.map((c) => `CAP_${c}`) : undefined },
      readOnly: h.readOnlyRootFilesystem,
      restart: oneShot ? 'no' : 'unless-stopped',
      mustRun: !oneShot,
      // One-shot tasks block the apply until they exit, and fail it if they fail.
      ...(oneShot ? { attach: true, logs: true } : {}),
      healthcheck: spec.probe ? dockerHealthcheck(spec.probe) : undefined,
      wait: !oneShot && spec.probe !== undefined,
      waitTimeout: oneShot ? undefined : (spec.waitTimeoutSeconds ?? 120),
      destroyGraceSeconds: spec.stopGraceSeconds ?? 30,
      logDriver: 'json-file',
      logOpts: { ...LOG_OPTS },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      // `attach` waits for the exit but the provider records any exit code without failing (3.6.2
      // sets `exit_code` only), so a failed task would let its dependents start: fail here instead.
      lifecycle: oneShot
        ? { postcondition: [{ condition: '${self.exit_code == 0}', errorMessage: `one-shot task "${name}" failed (non-zero exit_code); see container_logs, fix, then re-run it with -replace` }] }
        : undefined,
    };
  }
}

/** A probe as Docker's health check: the test in `HEALTHCHECK` form and Go-canonical durations. */
export function dockerHealthcheck(probe: Probe): { test: string[]; interval: string; timeout: string; startPeriod: string; retries: number } {
  return {
    test: dockerTest(probe.check),
    interval: canonicalDuration(probe.intervalSeconds),
    timeout: canonicalDuration(probe.timeoutSeconds),
    startPeriod: canonicalDuration(probe.startPeriodSeconds),
    retries: probe.retries,
  };
}

/** The `HEALTHCHECK` test of a probe: `CMD` argv, or `CMD-SHELL` for a script. */
export function dockerTest(check: ProbeCheck): string[] {
  switch (check.kind) {
    case 'http':
      return httpTest(check);
    case 'tcp':
      return check.client === 'nc' ? ['CMD', 'nc', '-z', '127.0.0.1', String(check.port)] : ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${check.port}`];
    case 'exec':
      return 'script' in check ? ['CMD-SHELL', check.script] : ['CMD', ...check.argv];
  }
}

function httpTest(check: Extract<ProbeCheck, { kind: 'http' }>): string[] {
  const url = `${check.scheme}://localhost:${check.port}${check.path}`;
  const insecure = check.scheme === 'https';
  switch (check.client) {
    case 'curl':
      return ['CMD', 'curl', insecure ? '-fsSk' : '-fsS', '-o', '/dev/null', url];
    case 'wget':
      return ['CMD', 'wget', '-q', ...(insecure ? ['--no-check-certificate'] : []), '-O', '/dev/null', url];
    case 'python':
    case 'python3': {
      // Certificates inside the platform network are self-signed: the probe checks liveness, not identity.
      const ctx = insecure ? ', context=__import__("ssl")._create_unverified_context()' : '';
      return ['CMD', check.client, '-c', `import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('${url}', timeout=4${ctx}).status < 300 else 1)`];
    }
  }
}

/** Go's `time.Duration.String()` for whole seconds: what Docker reads back (`10s`, `1m30s`). */
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

/**
 * Text without tokens is written as it is: its `${` and `%{` (a shell's `${VAR:-x}`, curl's
 * `%{http_code}`) are escaped so Terraform does not read them as templates. Text with tokens is
 * composed by code that uses `${` only through them (policy rule DL014 checks the result).
 */
export function literal(text: string): string {
  // A function replacer: in a replacement string `$$` would stand for one `$`.
  return Token.isUnresolved(text) ? text : text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** The files of a spec as the provider uploads them. */
function uploads(spec: ServiceSpec): ContainerConfig['upload'] {
  return nonEmpty((spec.files ?? []).map((f) => ({ file: f.path, content: literal(f.content), executable: f.executable ?? false })));
}

/** Where the service's containers mount volumes (their own, shared and host paths). */
function mountPaths(spec: ServiceSpec, props: DockerServiceProps): string[] {
  return [...(spec.volumes ?? []).map((v) => v.path), ...(props.sharedVolumes ?? []).map((v) => v.containerPath), ...(spec.hostAccess ?? []).map((a) => a.containerPath)];
}

/**
 * Docker tmpfs options: bounded; owned by the service's user when it has a uid; mode 1777 where the
 * image has no folder (over an existing folder the runtime keeps that folder's mode).
 */
export function tmpfsOptions(s: Scratch, h: ResolvedHardening): string {
  const owner = h.runAs?.uid !== undefined ? [`uid=${h.runAs.uid}`, `gid=${h.runAs.gid}`] : [];
  return [`size=${s.sizeMb}m`, 'mode=1777', ...owner, ...(s.exec ? ['exec'] : [])].join(',');
}

/** Top-level folders of an image's system: made a volume to receive a file, all of it would become writable. */
const SYSTEM_FOLDERS = ['/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var'];

/**
 * The folders the file holder gives an anonymous volume: on a read-only root, the folder of every
 * uploaded file, only the outermost of nested ones; none on a writable root (the files are
 * uploaded into the container itself). A file inside a scratch path would be hidden by the empty
 * tmpfs at start; one on a volume, in / or in a system folder cannot be held without making a
 * volume (or the system folder) hold it: refused, with the fix.
 */
export function uploadFolders(spec: ServiceSpec, mounted: readonly string[], h: ResolvedHardening): string[] {
  const folders: string[] = [];
  for (const f of spec.files ?? []) {
    const scratch = h.scratch.find((s) => isUnder(f.path, s.path));
    if (scratch) throw new Error(`service "${spec.name}": file ${f.path} is inside scratch path ${scratch.path}, which is mounted empty at every start`);
    if (!h.readOnlyRootFilesystem) continue;
    const volume = mounted.find((m) => isUnder(f.path, m));
    if (volume) throw new Error(`service "${spec.name}": file ${f.path} is on the volume at ${volume}; on a read-only root, uploaded files must be outside volumes (put it in a folder of its own)`);
    const dir = parentDir(f.path);
    if (dir === '/' || SYSTEM_FOLDERS.includes(dir)) {
      throw new Error(`service "${spec.name}": file ${f.path} cannot be uploaded to a read-only root there: ${dir} would become a volume as a whole; put the file in a folder of its own (e.g. ${dir === '/' ? '' : dir}/${spec.name}/)`);
    }
    folders.push(dir);
  }
  const unique = [...new Set(folders)].sort();
  return unique.filter((d) => !unique.some((o) => o !== d && isUnder(d, o)));
}

function nonEmpty<T>(xs: T[]): T[] | undefined {
  return xs.length > 0 ? xs : undefined;
}
