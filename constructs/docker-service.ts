import { Container, ContainerConfig } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Volume } from '@cdktf/provider-docker/lib/volume';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PlatformNetwork } from './platform-network';
import { IService, Service } from './service';
import { Probe, ProbeCheck, ServiceSpec } from './service-spec';
import { useDockerProvider } from './stack-providers';
import { ConstructError } from './construct-error';

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
 */
export class DockerService extends Service {
  readonly image: Image;
  readonly containers: Container[] = [];
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

    for (let r = 1; r <= replicas; r++) {
      // Replica 1 keeps the plain id, so scaling out never renames (and re-creates) it.
      const cid = r === 1 ? 'container' : `container-${r}`;
      const config = this.containerConfig(props, r);
      const container = new Container(this, cid, config);
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
    const oneShot = spec.oneShot ?? false;
    return {
      name: `datalab-${props.environment}-${name}`,
      image: this.image.imageId,
      command: spec.command ? spec.command.map(literal) : undefined,
      entrypoint: spec.entrypoint ? spec.entrypoint.map(literal) : undefined,
      env: spec.env ? Object.entries(spec.env).map(([k, v]) => `${k}=${literal(v)}`) : undefined,
      user: spec.user,
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
        ...(spec.hostAccess ?? []).map((h) => ({ hostPath: h.hostPath, containerPath: h.containerPath })),
      ]),
      upload: nonEmpty((spec.files ?? []).map((f) => ({ file: f.path, content: literal(f.content), executable: f.executable ?? false }))),
      memory: spec.resources.memoryMb,
      // Equal to memory: no swap, and no perpetual diff from Docker's 2x default (3.6.2 trap).
      memorySwap: spec.resources.memoryMb,
      ...(spec.resources.cpus !== undefined ? { cpuPeriod: 100_000, cpuQuota: Math.round(spec.resources.cpus * 100_000) } : {}),
      privileged: false,
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
    case 'python': {
      // Certificates inside the platform network are self-signed: the probe checks liveness, not identity.
      const ctx = insecure ? ', context=__import__("ssl")._create_unverified_context()' : '';
      return ['CMD', 'python', '-c', `import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('${url}', timeout=4${ctx}).status < 300 else 1)`];
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

function nonEmpty<T>(xs: T[]): T[] | undefined {
  return xs.length > 0 ? xs : undefined;
}
