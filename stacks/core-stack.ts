import { createHash } from 'node:crypto';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CoreConfig } from '../config/schema';
import { DataLake } from '../constructs/data-lake';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { KafkaCluster } from '../constructs/kafka-cluster';
import { PlatformNetwork } from '../constructs/platform-network';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { IService } from '../constructs/service';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { RunAs } from '../constructs/hardening';
import { useKafkaProvider } from '../constructs/stack-providers';
import { BackendSettings, configureBackend } from './backend';
import { deployObjectStore } from './object-store';
import { hostAddress, portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';
import { KAFKA_EXTRA_ARGS, KAFKA_LOG4J2, KAFKA_LOG4J2_PATH } from './kafka-logging';

export const CORE_GROUP = 'core';
export const CONSUL_DATACENTER = 'dc1';

export interface CoreStackProps {
  readonly environment: string;
  readonly protectData: boolean;
  readonly networkName: string;
  readonly publishAddress: string;
  readonly core: CoreConfig;
  /** Where this stack's state lives. */
  readonly backend: BackendSettings;
}

/**
 * `core`: the platform's backbone. One Docker network; the data lake on the configured object store
 * (MinIO or SeaweedFS, see stacks/object-store.ts) with its buckets and identities; Kafka
 * (single KRaft node) with the configured topics; Consul with consul-esm running the health checks
 * of every registered service; optionally Kafka UI. Every lake, Kafka and Consul resource waits
 * for its server's container to be healthy, so one `cdktf deploy core` works on an empty host.
 *
 * What other groups use is exposed as typed references: `network`, `lake`, `kafka`, `discovery`.
 */
export class CoreStack extends TerraformStack {
  readonly network: PlatformNetwork;
  readonly lake: DataLake;
  readonly kafka: KafkaCluster;
  readonly discovery: ServiceDiscovery;
  /** The object store's server (MinIO or SeaweedFS). */
  readonly lakeServer: DockerService;
  readonly kafkaBroker: DockerService;
  readonly consul: DockerService;
  readonly consulEsm: DockerService;
  readonly kafkaUi?: DockerService;
  readonly context: ServiceContext;
  readonly environment: string;
  readonly protectData: boolean;

  constructor(scope: Construct, id: string, props: CoreStackProps) {
    super(scope, id);
    configureBackend(this, props.backend, id);
    const { core } = props;
    const ctx: ServiceContext = { environment: props.environment, publishAddress: props.publishAddress };
    this.context = ctx;
    this.environment = props.environment;
    this.protectData = props.protectData;
    const common = { environment: props.environment, protectData: props.protectData };

    this.network = new PlatformNetwork(this, 'network', { name: props.networkName, environment: props.environment });
    const onNetwork = { ...common, network: this.network };

    // --- Consul first: everything registers with it.
    this.consul = new DockerService(this, 'consul', { ...onNetwork, spec: consulSpec(ctx, core) });
    const consulHttp = core.consul.ports.http!;
    this.discovery = new ServiceDiscovery({
      connection: { address: `${hostAddress(ctx, consulHttp)}:${consulHttp.port}`, datacenter: CONSUL_DATACENTER },
      environment: props.environment,
      server: this.consul.dependable,
    });
    this.consulEsm = new DockerService(this, 'consul-esm', {
      ...onNetwork,
      spec: consulEsmSpec(core),
      dependsOn: this.consul.dependable,
    });

    // --- The data lake, on the environment's object store.
    const store = deployObjectStore(this, { context: ctx, core, network: this.network, protectData: props.protectData });
    this.lakeServer = store.server;
    this.lake = store.lake;

    // --- Kafka and its topics.
    const kafkaExternal = core.kafka.ports.external!;
    this.kafkaBroker = new DockerService(this, 'kafka', { ...onNetwork, spec: kafkaSpec(ctx, core) });
    const bootstrapHost = `${hostAddress(ctx, kafkaExternal)}:${kafkaExternal.port}`;
    this.kafka = new KafkaCluster(this, 'topics', {
      bootstrapInternal: this.kafkaBroker.internalUrl('internal'),
      bootstrapHost,
      brokers: 1,
      protectData: props.protectData,
      dependsOn: this.kafkaBroker.dependable,
    });
    for (const t of core.topics) this.kafka.addTopic(t);
    // The provider is configured here (static host listener address) and used by every topic.
    useKafkaProvider(this, { bootstrapServers: [bootstrapHost] });

    // --- Kafka UI (optional per environment), behind a generated login.
    let kafkaUiPassword: GeneratedSecret | undefined;
    if (core.kafkaUi.enabled) {
      kafkaUiPassword = new GeneratedSecret(this, 'kafka-ui-password');
      this.kafkaUi = new DockerService(this, 'kafka-ui', {
        ...onNetwork,
        spec: kafkaUiSpec(ctx, core, this.kafkaBroker.internalUrl('internal'), kafkaUiPassword.value),
        dependsOn: this.kafkaBroker.dependable,
      });
    }

    // --- Every core service in the catalog, with a check consul-esm runs.
    for (const s of [this.consul, this.consulEsm, this.lakeServer, this.kafkaUi]) {
      if (s) this.discovery.register(s);
    }
    // Catalog clients are in-network: announce the listener that advertises kafka:19092, not the
    // host listener (whose advertised address is the Docker host's, unreachable from containers).
    this.discovery.register(this.kafkaBroker, { port: 'internal' });

    // --- Outputs: where things are, and the generated credentials (sensitive).
    const url = (s: IService, port: string) => s.hostUrl(port);
    new TerraformOutput(this, 'kafka_bootstrap_host', { value: bootstrapHost, description: 'Kafka bootstrap for tools on the Docker host' });
    new TerraformOutput(this, 'kafka_bootstrap_internal', { value: this.kafka.bootstrapInternal, description: 'Kafka bootstrap for containers on the platform network' });
    new TerraformOutput(this, 'consul_url', { value: url(this.consul, 'http'), description: 'Consul UI and HTTP API' });
    if (this.kafkaUi) {
      new TerraformOutput(this, 'kafka_ui_url', { value: url(this.kafkaUi, 'http') ?? 'not published', description: 'Kafka UI' });
      new TerraformOutput(this, 'kafka_ui_password', { value: kafkaUiPassword!.value, sensitive: true, description: `Kafka UI password for user "${KAFKA_UI_USER}"` });
    }
  }
}

export const KAFKA_UI_USER = 'datalab';

/** A stable KRaft cluster id per environment: 16 bytes, base64url, as `kafka-storage random-uuid` prints. */
export function kafkaClusterId(environment: string): string {
  return createHash('sha256').update(`datalab-${environment}`).digest().subarray(0, 16).toString('base64url');
}

function kafkaSpec(ctx: ServiceContext, core: CoreConfig): ServiceSpec {
  const cfg = core.kafka;
  const external = cfg.ports.external!;
  // The host listener must advertise the address clients on the host dial: the published port.
  // An IP, not "localhost", which may resolve to ::1 where nothing is published.
  const advertisedHost = hostAddress(ctx, external);
  return {
    name: 'kafka',
    group: CORE_GROUP,
    image: cfg.image,
    env: {
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:29093',
      KAFKA_LISTENERS: 'CONTROLLER://:29093,PLAINTEXT://:19092,PLAINTEXT_HOST://:9092',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://kafka:19092,PLAINTEXT_HOST://${advertisedHost}:${external.port}`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      CLUSTER_ID: kafkaClusterId(ctx.environment),
      // One broker: internal topics cannot have more than one replica.
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      // Topics are managed by Terraform; a typo in a producer must not create one.
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      // The default log.dirs is under /tmp, i.e. not on the volume.
      KAFKA_LOG_DIRS: '/var/lib/kafka/data',
      KAFKA_HEAP_OPTS: `-Xmx${cfg.heapMb}m -Xms${cfg.heapMb}m`,
      // No GC log file (kafka-logging.ts).
      EXTRA_ARGS: KAFKA_EXTRA_ARGS,
    },
    // Console-only logging: the launcher takes this instead of its file-writing default.
    files: [{ path: KAFKA_LOG4J2_PATH, content: KAFKA_LOG4J2 }],
    // The image's own user (appuser, 1000:1000), which owns /var/lib/kafka. The launcher regenerates
    // its configuration at every start, so /opt/kafka/config is scratch, not part of the image.
    hardening: {
      runAs: RunAs.user(1000, 1000),
      scratch: [
        { path: '/opt/kafka/config', purpose: 'the launcher writes server.properties and the log4j2 files here at every start', sizeMb: 4 },
        // Nothing is logged to files (kafka-logging.ts); the scripts still create the folder.
        { path: '/opt/kafka/logs', purpose: 'LOG_DIR of the Kafka scripts, which create it at start; our logging writes no file there', sizeMb: 8 },
        { path: '/tmp', purpose: 'JVM performance data and the native codec libraries (zstd, snappy, lz4) unpacked at first use', sizeMb: 64, exec: true },
      ],
    },
    ports: portsFor(ctx, cfg, [
      { name: 'external', containerPort: 9092, scheme: 'tcp' },
      { name: 'internal', containerPort: 19092, scheme: 'tcp' },
    ]),
    volumes: volumesFor(ctx, 'kafka', cfg, { data: '/var/lib/kafka/data' }),
    // The CLI tools honour KAFKA_HEAP_OPTS too: without an override every probe would start a JVM
    // with the broker's heap inside the same memory limit.
    probe: Probe.shell('KAFKA_HEAP_OPTS="-Xmx64m -Xms16m" /opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:19092 > /dev/null', {
      reachableAt: { port: 19092, scheme: 'tcp' },
      intervalSeconds: 15,
      timeoutSeconds: 20,
      startPeriodSeconds: 30,
      retries: 10,
    }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 240,
    stopGraceSeconds: 60,
  };
}

function consulSpec(ctx: ServiceContext, core: CoreConfig): ServiceSpec {
  const cfg = core.consul;
  return {
    name: 'consul',
    group: CORE_GROUP,
    image: cfg.image,
    // A real single-server agent (not -dev): the catalog survives a container re-create on its volume.
    command: ['agent', '-server', '-ui', '-node=consul-server', '-bootstrap-expect=1', '-client=0.0.0.0', `-datacenter=${CONSUL_DATACENTER}`, '-bind={{ GetPrivateIP }}'],
    env: {
      // Agent metrics stay empty until a retention time is set. The agent would otherwise ask
      // HashiCorp's checkpoint service for updates: a platform on loopback calls out to no one.
      CONSUL_LOCAL_CONFIG: JSON.stringify({ telemetry: { prometheus_retention_time: '60s', disable_hostname: true }, disable_update_check: true }),
      // Started as its user, the entrypoint must not chown the data and config dirs and step down
      // with su-exec (which needs root): the image's switch for exactly that.
      CONSUL_DISABLE_PERM_MGMT: 'true',
    },
    // The image's consul user (the ids Alpine gives it: 100, group consul 1000; docs/images.md),
    // which owns /consul/data. By number: a tmpfs over an image folder takes that folder's mode
    // (755 here) and is writable only by the uid it is mounted for. The entrypoint writes
    // CONSUL_LOCAL_CONFIG into the config dir at every start.
    hardening: {
      runAs: RunAs.user(100, 1000),
      scratch: [
        { path: '/consul/config', purpose: 'the entrypoint writes CONSUL_LOCAL_CONFIG to local.json here at every start', sizeMb: 1 },
        { path: '/tmp', purpose: 'temporary files of the agent (a snapshot being restored)', sizeMb: 64 },
      ],
    },
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: 8500 }]),
    volumes: volumesFor(ctx, 'consul', cfg, { data: '/consul/data' }),
    // /v1/status/leader answers 200 with "" until a leader is elected: require an address.
    probe: Probe.shell('curl -fsS http://localhost:8500/v1/status/leader | grep -q ":"', {
      reachableAt: { port: 8500, scheme: 'http', path: '/v1/status/leader' },
      startPeriodSeconds: 10,
    }),
    metrics: { port: 8500, path: '/v1/agent/metrics?format=prometheus' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
  };
}

/**
 * consul-esm counts its instances as the passing instances of `consul_service` (with
 * `consul_service_tag`, when set) and shares the external nodes out among them. The platform also
 * registers the consul-esm container as service "consul-esm" (for its check and metrics); without
 * a tag that registration counts as a second ESM instance, gets half the nodes, and their checks
 * are never run again (a stopped Kafka stayed "passing"). Only ESM's own registration carries the tag.
 */
export const CONSUL_ESM_INSTANCE_TAG = 'esm-instance';

export const CONSUL_ESM_CONFIG = `// Managed by DataLab Stacks.
consul_service = "consul-esm"
consul_service_tag = "${CONSUL_ESM_INSTANCE_TAG}"
http_addr = "consul:8500"
datacenter = "${CONSUL_DATACENTER}"
client_address = "0.0.0.0:8080"
ping_type = "udp"
telemetry {
  prometheus_retention_time = "60s"
  disable_hostname = true
}
`;

function consulEsmSpec(core: CoreConfig): ServiceSpec {
  const cfg = core.consulEsm;
  return {
    name: 'consul-esm',
    group: CORE_GROUP,
    image: cfg.image,
    command: ['/bin/consul-esm', '-config-file=/etc/consul-esm/config.hcl'],
    files: [{ path: '/etc/consul-esm/config.hcl', content: CONSUL_ESM_CONFIG }],
    // The image's consul-esm user (ids fixed by its Dockerfile). ESM writes nothing to disk.
    hardening: { runAs: RunAs.user(100, 1000) },
    ports: [{ name: 'http', containerPort: 8080 }],
    probe: Probe.http(8080, '/metrics', { client: 'wget' }),
    metrics: { port: 8080, path: '/metrics' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 90,
  };
}

function kafkaUiSpec(ctx: ServiceContext, core: CoreConfig, bootstrap: string, password: string): ServiceSpec {
  const cfg = core.kafkaUi;
  return {
    name: 'kafka-ui',
    group: CORE_GROUP,
    image: cfg.image,
    env: {
      KAFKA_CLUSTERS_0_NAME: ctx.environment,
      KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS: bootstrap,
      DYNAMIC_CONFIG_ENABLED: 'false',
      // No anonymous UI: a form login with a generated password (output kafka_ui_password).
      AUTH_TYPE: 'LOGIN_FORM',
      SPRING_SECURITY_USER_NAME: KAFKA_UI_USER,
      SPRING_SECURITY_USER_PASSWORD: password,
      JAVA_OPTS: `-Xmx${Math.floor(cfg.memoryMb * 0.7)}m`,
    },
    // From the upstream Dockerfile (USER kafkaui, a system user whose id Alpine assigns); not yet
    // proven by an apply (no stand-in). Dynamic config is off, so /etc/kafkaui is not written.
    hardening: {
      runAs: RunAs.imageUser('kafkaui'),
      scratch: [{ path: '/tmp', purpose: 'JVM performance data and the snappy/zstd libraries the Kafka client unpacks to read compressed messages', sizeMb: 64, exec: true }],
      readOnlyRootFilesystem: {
        enabled: false,
        reason: 'not yet proven by an apply: Kafka UI has no stand-in here (its jar is on no registry this project reaches); /tmp is the scratch a read-only root is expected to need',
      },
    },
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: 8080 }]),
    probe: Probe.http(8080, '/actuator/health', { client: 'wget', startPeriodSeconds: 30 }),
    metrics: { port: 8080, path: '/actuator/prometheus' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 180,
  };
}
