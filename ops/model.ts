/**
 * What an environment should contain, read from the built construct tree: services, buckets,
 * topics, Consul registrations, and who reads and writes what. Everything is found by walking the
 * tree (services through `IService`, whatever target renders them), never from a list of service
 * names, so stacks added later are covered without changes here. Who reads and writes what is read
 * from the grants buckets and topics recorded (and from explicit `declareLineage`). The result is plain data: checks, the diagram and the endpoint table work
 * on it, and tests can point it at local servers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConsulProvider } from '../.gen/providers/consul/provider';
import { App, TerraformBackend, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { EnvConfig } from '../config/schema';
import { ConsulRegistration } from '../constructs/consul-registration';
import { DataLake } from '../constructs/data-lake';
import { IGrantee } from '../constructs/grantee';
import { KafkaCluster } from '../constructs/kafka-cluster';
import { KafkaTopic } from '../constructs/kafka-topic';
import { LakeBucket } from '../constructs/lake-bucket';
import { declaredLineage, LineageTarget } from '../constructs/lineage';
import { hostDialAddress, IService, Service, servicesIn } from '../constructs/service';
import { ProbeTarget } from '../constructs/service-spec';
import { stateDir } from '../stacks/backend';
import { buildPlatform } from '../stacks/platform';

export interface StackModel {
  readonly name: string;
  /** Stacks this one is deployed after. */
  readonly dependsOn: readonly string[];
  /** Local state file, relative to the project root; undefined when state is remote. */
  readonly stateFile?: string;
  /** Where the state is, for messages: the local file or `s3://bucket/key`. */
  readonly stateLocation: string;
}

export interface PortModel {
  readonly name: string;
  readonly containerPort: number;
  readonly scheme: 'http' | 'https' | 'tcp';
  /** Where the port is published on the Docker host (replica 1; replica r adds r-1). */
  readonly host?: { readonly address: string; readonly port: number };
}

export interface ServiceModel {
  readonly stack: string;
  readonly name: string;
  readonly image: string;
  /**
   * Every replica by its container hostname (`spark-worker`, `spark-worker-2`, …; the suffix of its
   * container name), replica 1 first.
   */
  readonly replicas: readonly string[];
  readonly ports: readonly PortModel[];
  /** What an outside prober checks (the network side of the service's probe). */
  readonly probe?: ProbeTarget;
  readonly oneShot: boolean;
}

/** A credential that lives in a stack's outputs (state) and may be given by an env var instead. */
export interface SecretRef {
  readonly stack: string;
  /** Output name in the stack's state. */
  readonly output: string;
  /** Environment variable that overrides the state: `DATALAB_<OUTPUT>`. */
  readonly envVar: string;
}

export interface S3Endpoint {
  /** `http://127.0.0.1:9000`, as seen from the Docker host. */
  readonly url: string;
  /** The service that serves it (`minio`, `seaweedfs`): its container is what to start or inspect. */
  readonly service: string;
  readonly user: string;
  readonly password: SecretRef;
}

export interface BucketModel {
  readonly stack: string;
  readonly name: string;
  readonly versioning: boolean;
  readonly s3: S3Endpoint;
}

export interface TopicModel {
  readonly stack: string;
  readonly name: string;
  readonly partitions: number;
  readonly replication: number;
  /** Bootstrap servers as seen from the Docker host. */
  readonly bootstrap: string;
}

export interface RegistrationModel {
  readonly stack: string;
  /** Consul service name. */
  readonly service: string;
  /** Service ids, one per replica: each replica's own network alias (`minio-1`, `spark-worker-2`). */
  readonly instances: readonly string[];
  /** Docker container name of each instance, same order (for `docker logs` hints). */
  readonly containers: readonly string[];
  /** `http://127.0.0.1:8500`. */
  readonly consul: string;
}

export type ActorKind = 'service' | 'job' | 'consumer';

/** Something that reads or writes data: a service, a job, or a bare consumer identity. */
export interface ActorModel {
  readonly stack: string;
  readonly name: string;
  readonly kind: ActorKind;
}

export interface FlowModel {
  readonly actor: string;
  readonly target: { readonly kind: 'bucket' | 'topic'; readonly name: string };
  readonly access: 'read' | 'write';
  /** Object prefix inside the bucket ('' for all). */
  readonly prefix: string;
}

export interface PlatformModel {
  readonly environment: string;
  readonly stacks: readonly StackModel[];
  readonly services: readonly ServiceModel[];
  readonly buckets: readonly BucketModel[];
  readonly topics: readonly TopicModel[];
  readonly registrations: readonly RegistrationModel[];
  /** Every actor, services included. */
  readonly actors: readonly ActorModel[];
  readonly flows: readonly FlowModel[];
}

/** The service (and its stack) whose published port is `host:port`, e.g. MinIO for `127.0.0.1:9000`. */
export function serviceAt(model: PlatformModel, endpoint: string): { readonly stack: string; readonly service: string } | undefined {
  const m = /^(?:[a-z]+:\/\/)?([^/:]+):(\d+)/.exec(endpoint);
  if (!m) return undefined;
  const [, address, port] = m;
  for (const s of model.services) {
    for (const [i, replica] of s.replicas.entries()) {
      if (s.ports.some((p) => p.host && p.host.address === address && p.host.port + i === Number(port))) return { stack: s.stack, service: replica };
    }
  }
  return undefined;
}

/**
 * Builds the environment's platform in memory (nothing is synthesized or written) and describes it.
 */
export function modelFor(env: EnvConfig): PlatformModel {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-model-'));
  try {
    // Stack traces in construct metadata are only useful for synth errors, and costly.
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    buildPlatform(app, env);
    return describePlatform(app, env);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Describes an already built app (all of its stacks). */
export function describePlatform(app: IConstruct, env: EnvConfig): PlatformModel {
  const all = app.node.findAll();
  const stacks = all.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  const stackOf = (c: IConstruct) => TerraformStack.of(c).node.id;

  const services: ServiceModel[] = servicesIn(app).map((s) => serviceModel(s, stackOf(s)));

  const buckets: BucketModel[] = all
    .filter((c): c is LakeBucket => c instanceof LakeBucket)
    .map((b) => ({
      stack: stackOf(b),
      name: b.name,
      versioning: b.versioned,
      s3: s3EndpointOf(b),
    }));

  const topics: TopicModel[] = all
    .filter((c): c is KafkaTopic => c instanceof KafkaTopic)
    .map((t) => {
      const cluster = t.node.scope;
      if (!(cluster instanceof KafkaCluster)) throw new Error(`topic "${t.name}" at ${t.node.path} is not part of a KafkaCluster`);
      return {
        stack: stackOf(t),
        name: t.name,
        partitions: t.partitions,
        replication: plainNumber(t.resource.replicationFactorInput, `topic "${t.name}" replication`),
        bootstrap: cluster.bootstrapHost,
      };
    });

  const registrations: RegistrationModel[] = all
    .filter((c): c is ConsulRegistration => c instanceof ConsulRegistration)
    .map((r) => ({
      stack: stackOf(r),
      service: plainString(r.services[0]?.nameInput, `registration at ${r.node.path}`),
      instances: r.services.map((s) => plainString(s.serviceIdInput, `registration at ${r.node.path}`)),
      // A registration lives under the service it registers, one Consul service per instance.
      containers: Service.isService(r.node.scope) ? [...r.node.scope.instanceNames] : [],
      consul: `http://${consulAddressOf(r)}`,
    }));

  const { actors, flows } = lineageOf(all, services, stackOf);

  return {
    environment: env.environment,
    stacks: stacks.map((s) => ({ name: s.node.id, dependsOn: s.dependencies.map((d) => d.node.id).sort(), ...stateOf(s, env) })),
    services,
    buckets,
    topics,
    registrations,
    actors,
    flows,
  };
}

/**
 * Where a stack keeps its state, read from its backend block: a local path is relative to the
 * directory Terraform runs in (`cdktf.out/stacks/<stack>`), so it is resolved to the project root.
 */
function stateOf(stack: TerraformStack, env: EnvConfig): { stateFile?: string; stateLocation: string } {
  const backend = stack.node.children.find((c): c is TerraformBackend => c instanceof TerraformBackend);
  const block = (backend?.toTerraform() as { terraform?: { backend?: Record<string, Record<string, unknown>> } } | undefined)?.terraform?.backend ?? {};
  const [type, cfg] = Object.entries(block)[0] ?? ['local', {}];
  if (type === 'local') {
    const p = typeof cfg.path === 'string' ? path.posix.normalize(`cdktf.out/stacks/${stack.node.id}/${cfg.path}`) : path.posix.join(stateDir(env), `${stack.node.id}.tfstate`);
    return { stateFile: p, stateLocation: p };
  }
  const where = type === 's3' && typeof cfg.bucket === 'string' && typeof cfg.key === 'string' ? `s3://${cfg.bucket}/${cfg.key}` : `the ${type} backend`;
  return { stateLocation: where };
}

function serviceModel(s: IService, stack: string): ServiceModel {
  return {
    stack,
    name: s.name,
    image: s.spec.image,
    replicas: [...s.replicaNames],
    ports: s.ports.map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      scheme: p.scheme ?? 'http',
      ...(p.host ? { host: { address: hostDialAddress(p.host.address), port: p.host.port } } : {}),
    })),
    probe: s.probe?.network,
    oneShot: s.oneShot,
  };
}

function s3EndpointOf(b: LakeBucket): S3Endpoint {
  const lake = b.node.scopes.find((c): c is DataLake => c instanceof DataLake);
  if (!lake) throw new Error(`bucket "${b.name}" at ${b.node.path} is not part of a DataLake`);
  const a = lake.admin;
  if (!a.url) throw new Error(`bucket "${b.name}": the lake's S3 port is not published on the host, so it cannot be checked from here`);
  return { url: a.url, service: new URL(lake.endpoint).hostname, user: a.user, password: secretRef(TerraformStack.of(lake), a.password, `lake administrator password of bucket "${b.name}"`) };
}

/** The stack output that carries `value` (a token): that is where the deployed value can be read. */
function secretRef(stack: TerraformStack, value: string, what: string): SecretRef {
  const output = stack.node.findAll().find((c): c is TerraformOutput => c instanceof TerraformOutput && c.value === value);
  if (!output) throw new Error(`${what}: stack "${stack.node.id}" has no output with that value, so it cannot be read from state`);
  const name = output.friendlyUniqueId;
  return { stack: stack.node.id, output: name, envVar: `DATALAB_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}` };
}

function consulAddressOf(r: ConsulRegistration): string {
  const provider = TerraformStack.of(r)
    .node.children.find((c): c is ConsulProvider => c instanceof ConsulProvider);
  return plainString(provider?.address, `Consul provider of stack "${TerraformStack.of(r).node.id}"`);
}

function plainString(v: string | undefined, what: string): string {
  if (v === undefined || Token.isUnresolved(v)) throw new Error(`${what}: expected a plain value known at synth, got ${v ?? 'nothing'}`);
  return v;
}

function plainNumber(v: number | undefined, what: string): number {
  if (v === undefined || Token.isUnresolved(v)) throw new Error(`${what}: expected a plain number known at synth, got ${v ?? 'nothing'}`);
  return v;
}

// ------------------------------------------------------------------------------------------------
// Lineage: who reads and writes which bucket or topic, from the grants and declarations.

function targetOf(t: LineageTarget): { target: FlowModel['target']; prefix: string } {
  if (t instanceof LakeBucket) return { target: { kind: 'bucket', name: t.name }, prefix: '' };
  if (t instanceof KafkaTopic) return { target: { kind: 'topic', name: t.name }, prefix: '' };
  return { target: { kind: 'bucket', name: t.bucket.name }, prefix: t.prefix ?? '' };
}

function lineageOf(all: IConstruct[], services: ServiceModel[], stackOf: (c: IConstruct) => string): { actors: ActorModel[]; flows: FlowModel[] } {
  const actors = new Map<string, ActorModel>();
  const flows = new Map<string, FlowModel>();
  const addActor = (a: ActorModel) => {
    if (!actors.has(a.name)) actors.set(a.name, a);
    return a.name;
  };
  const addFlow = (actor: string, { target, prefix }: { target: FlowModel['target']; prefix: string }, access: 'read' | 'write' | 'readwrite') => {
    for (const a of access === 'readwrite' ? (['read', 'write'] as const) : [access]) {
      const f: FlowModel = { actor, target, access: a, prefix };
      flows.set(JSON.stringify(f), f);
    }
  };
  /** The grantee as an actor: a service, a job, or a bare identity (a consumer). */
  const actorOf = (g: IGrantee) => addActor({ stack: stackOf(g), name: g.granteeName, kind: g.granteeKind });

  // A one-shot service is a run-to-completion task: a job.
  for (const s of services) addActor({ stack: s.stack, name: s.name, kind: s.oneShot ? 'job' : 'service' });

  for (const c of all) {
    for (const d of declaredLineage(c)) {
      const name = addActor({ stack: stackOf(c), name: d.name, kind: Service.isService(c) ? 'service' : (d.kind ?? 'job') });
      for (const t of d.reads ?? []) addFlow(name, targetOf(t), 'read');
      for (const t of d.writes ?? []) addFlow(name, targetOf(t), 'write');
    }
  }
  for (const c of all) {
    if (c instanceof LakeBucket) {
      for (const g of c.grants) addFlow(actorOf(g.grantee), { target: { kind: 'bucket', name: c.name }, prefix: g.prefix }, g.access);
    } else if (c instanceof KafkaTopic) {
      for (const g of c.grants) addFlow(actorOf(g.grantee), { target: { kind: 'topic', name: c.name }, prefix: '' }, g.access);
    }
  }

  const flowKey = (f: FlowModel) => `${f.actor}\0${f.target.kind}\0${f.target.name}\0${f.access}\0${f.prefix}`;
  return {
    actors: [...actors.values()],
    flows: [...flows.values()].sort((a, b) => (flowKey(a) < flowKey(b) ? -1 : flowKey(a) > flowKey(b) ? 1 : 0)),
  };
}
