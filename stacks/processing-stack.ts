import * as path from 'node:path';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { BuildMirrors } from '../config/build-mirrors';
import { ProcessingConfig } from '../config/groups/processing';
import { configFileFor } from '../config/loader';
import { refusedBy } from '../constructs/construct-error';
import { DataLake } from '../constructs/data-lake';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { KafkaCluster } from '../constructs/kafka-cluster';
import { PlatformNetwork } from '../constructs/platform-network';
import { PROJECT_ROOT, ProjectImage } from '../constructs/project-image';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { FileSpec, Probe, ServiceSpec } from '../constructs/service-spec';
import { RunAs } from '../constructs/hardening';
import { SPARK_METRICS, sparkConfFiles } from '../constructs/spark-conf';
import { SparkEndpoint } from '../constructs/spark-endpoint';
import { SparkJob, SparkJobData } from '../constructs/spark-job';
import { JOBS } from '../jobs';
import { DataRef, JOB_LIBRARY, JobDefinition, JobService } from '../jobs/job';
import { TABLE_CONTRACTS } from '../jobs/data-checks';
import { MAINTAINED_TABLES } from '../jobs/maintenance';
import { scheduledJobs } from '../config/groups/pipelines';
import { ConstructError } from '../constructs/construct-error';
import { METRICS_DIR, Pipelines } from './pipelines';
import { planJobs, PlannedJob } from '../jobs/plan';
import { BackendSettings, configureBackend } from './backend';
import { mirrorBuildArgs } from './build-mirrors';
import { hostAddress, portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';

export const PROCESSING_GROUP = 'processing';
/** The Spark build context in this repository. */
export const SPARK_IMAGE_DIR = path.join(__dirname, '..', 'images', 'spark');

export interface ProcessingStackProps {
  readonly context: ServiceContext;
  readonly protectData: boolean;
  readonly processing: ProcessingConfig;
  /** From core: the network, the data lake, Kafka and the service catalog. */
  readonly network: PlatformNetwork;
  readonly lake: DataLake;
  readonly kafka: KafkaCluster;
  readonly discovery: ServiceDiscovery;
  /** Job definitions. @default - every job in jobs/ (JOBS) */
  readonly jobs?: readonly JobDefinition[];
  /** Where this stack's state lives. */
  readonly backend: BackendSettings;
  /** Package mirrors the project image builds use (config `buildMirrors`). @default - the registries the Dockerfiles name */
  readonly buildMirrors?: BuildMirrors;
}

/** What scheduled pipelines use of the ml stack: Prefect (image and API inside the network) and MLflow. */
export interface PipelineServices {
  readonly prefectImage: string;
  readonly prefectApiUrl: string;
  readonly mlflowUrl: string;
}

/**
 * `processing`: a Spark standalone cluster (master + N workers) running the project Spark image
 * (Spark 3.5 with Delta Lake, S3A and Kafka jars, built from images/spark), NiFi 2 behind its own
 * HTTPS and a generated single-user login, and the medallion jobs of jobs/ as one-shot
 * `spark-submit` containers, each with its own MinIO user, run in the order their reads and
 * writes imply. Every long-running service is registered in Consul with its metrics endpoint.
 */
export class ProcessingStack extends TerraformStack {
  readonly sparkImage: ProjectImage;
  readonly sparkMaster: DockerService;
  readonly sparkWorker: DockerService;
  readonly nifi?: DockerService;
  readonly nifiPassword?: GeneratedSecret;
  readonly jobs: ReadonlyMap<string, SparkJob>;
  readonly plan: readonly PlannedJob[];
  /** The cluster, for jobs and other groups' drivers (`spark://spark-master:7077`). */
  readonly spark: SparkEndpoint;
  readonly sparkConf: readonly FileSpec[];
  /** Scheduled pipelines: workers, runner and declared deployments; absent until addPipelines. */
  pipelines?: Pipelines;
  /** Whether the environment schedules any pipeline (`processing.pipelines`). */
  readonly schedulesPipelines: boolean;
  private readonly builtJobs = new Map<string, SparkJob>();
  private readonly props: ProcessingStackProps;

  constructor(scope: Construct, id: string, props: ProcessingStackProps) {
    super(scope, id);
    configureBackend(this, props.backend, id);
    this.props = props;
    const { processing: cfg, context: ctx } = props;
    const common = { environment: ctx.environment, protectData: props.protectData, network: props.network };
    // The file really loaded (DATALAB_CONFIG_DIR may point elsewhere), for the plan's messages.
    const configFile = configFileFor(ctx.environment);

    // Plan the jobs first: a bad reference fails synthesis before anything is built.
    this.plan = planJobs({
      definitions: props.jobs ?? JOBS,
      config: cfg.jobs,
      configFile,
      sources: { buckets: [...props.lake.buckets.keys()], topics: [...props.kafka.topics.keys()] },
      worker: { cores: cfg.spark.worker.cores, sparkMemoryMb: cfg.spark.worker.sparkMemoryMb },
      scheduled: scheduledJobs(cfg.pipelines),
    });

    // --- The project Spark image: master, workers and jobs run the same build.
    this.sparkImage = new ProjectImage(this, 'spark-image', {
      name: cfg.spark.image,
      context: path.relative(PROJECT_ROOT, SPARK_IMAGE_DIR),
      buildArgs: sparkImageBuildArgs(cfg, props.buildMirrors),
    });
    const image = this.sparkImage.image;

    // --- Spark master and workers.
    // The master's own files carry its URL, so the URL is read from its spec before it exists;
    // `SparkEndpoint.cluster` gives the same URL from the service afterwards.
    const masterSpec = sparkMasterSpec(ctx, cfg);
    const masterUrl = refusedBy(this, () => SparkEndpoint.masterUrlOf(masterSpec));
    this.sparkConf = sparkConfFiles({ masterUrl, s3Endpoint: props.lake.endpoint });
    this.sparkMaster = new DockerService(this, 'spark-master', { ...common, image, spec: { ...masterSpec, files: this.sparkConf } });
    this.spark = SparkEndpoint.cluster(this.sparkMaster);
    this.sparkWorker = new DockerService(this, 'spark-worker', {
      ...common,
      image,
      spec: { ...sparkWorkerSpec(ctx, cfg, this.spark), files: this.sparkConf },
      dependsOn: this.sparkMaster.dependable,
    });

    // --- NiFi (optional per environment), behind a generated single-user login.
    if (cfg.nifi.enabled) {
      // NiFi silently replaces a password under 12 characters with a random one: 32 here.
      this.nifiPassword = new GeneratedSecret(this, 'nifi-password', { length: 32 });
      const sensitivePropsKey = new GeneratedSecret(this, 'nifi-sensitive-props-key', { length: 32 });
      this.nifi = new DockerService(this, 'nifi', { ...common, spec: nifiSpec(ctx, cfg, this.nifiPassword.value, sensitivePropsKey.value) });
    }

    for (const s of [this.sparkMaster, this.sparkWorker, this.nifi]) {
      if (s) props.discovery.register(s);
    }

    // --- Jobs that run on deploy, in plan order (each one's predecessors exist when it is built).
    // Scheduled-only jobs are built with their pipelines (addPipelines), once the ml stack exists.
    this.jobs = this.builtJobs;
    for (const p of this.plan.filter((x) => x.onDeploy)) this.buildJob(p);
    this.schedulesPipelines = Object.keys(cfg.pipelines).length > 0;

    // --- Outputs.
    new TerraformOutput(this, 'spark_master_url', { value: this.spark.url, description: 'Spark master inside the platform network (spark-submit --master)' });
    new TerraformOutput(this, 'spark_master_ui_url', { value: this.sparkMaster.hostUrl('ui') ?? 'not published', description: 'Spark master UI on the Docker host' });
    new TerraformOutput(this, 'spark_image', { value: cfg.spark.image, description: 'Project Spark image (master, workers, jobs)' });
    if (this.nifi) {
      new TerraformOutput(this, 'nifi_url', { value: `${this.nifi.hostUrl('https') ?? 'https://not-published'}/nifi`, description: 'NiFi UI (self-signed TLS certificate)' });
      new TerraformOutput(this, 'nifi_username', { value: cfg.nifi.username, description: 'NiFi single-user login name' });
      new TerraformOutput(this, 'nifi_password', { value: this.nifiPassword!.value, sensitive: true, description: 'NiFi single-user password' });
    }
    new TerraformOutput(this, 'job_order', { value: this.plan.filter((p) => p.onDeploy).map((p) => p.definition.name).join(' -> '), description: 'Order in which the Spark jobs run on deploy' });
  }

  /**
   * Builds the scheduled pipelines: the scheduled-only jobs (identity and grants), a Prefect worker
   * per job, the pipeline runner and the declared deployments, on `ml`'s Prefect. Called once
   * by buildPlatform after the ml stack; the caller makes this stack depend on it.
   */
  addPipelines(ml: PipelineServices): Pipelines {
    if (this.pipelines) throw new ConstructError(this, 'addPipelines was called twice');
    for (const p of this.plan.filter((x) => !x.onDeploy)) this.buildJob(p, ml);
    const { processing: cfg, context: ctx } = this.props;
    this.pipelines = new Pipelines(this, 'pipelines', {
      environment: ctx.environment,
      group: PROCESSING_GROUP,
      network: this.props.network,
      pipelines: cfg.pipelines,
      jobs: this.builtJobs,
      planOrder: this.plan.map((p) => p.definition.name),
      sparkImage: this.sparkImage,
      prefect: { image: ml.prefectImage, apiUrl: ml.prefectApiUrl },
      buildMirrors: this.props.buildMirrors,
    });
    for (const w of this.pipelines.workers.values()) this.props.discovery.register(w.service);
    this.props.discovery.register(this.pipelines.runner);
    return this.pipelines;
  }

  private buildJob(p: PlannedJob, ml?: PipelineServices): SparkJob {
    const props = this.props;
    const { processing: cfg, context: ctx } = props;
    const d = p.definition;
    const data = (refs: Readonly<Record<string, DataRef>>): Record<string, SparkJobData> =>
      Object.fromEntries(
        Object.entries(refs).map(([io, ref]) => [
          io,
          ref.kind === 'topic' ? { topic: props.kafka.topic(ref.topic) } : { bucket: props.lake.bucket(ref.bucket), prefix: ref.prefix },
        ]),
      );
    const serviceUrl = (u: JobService): string => {
      if (!ml) throw new ConstructError(this, `job "${d.name}" uses ${u}, which only a scheduled pipeline on the ml stack provides`);
      return ml.mlflowUrl;
    };
    const job =
      // The job name is the construct id: renaming a job is a new job (and a new MinIO user).
      new SparkJob(this, `job-${d.name}`, {
        name: d.name,
        layer: d.layer,
        group: PROCESSING_GROUP,
        environment: ctx.environment,
        network: props.network,
        image: this.sparkImage.image,
        spark: this.spark,
        kafkaBootstrap: props.kafka.bootstrapInternal,
        lake: props.lake,
        sparkConf: this.sparkConf,
        code: { file: d.code, content: p.code },
        libraries: [{ file: path.basename(JOB_LIBRARY), content: p.library }],
        reads: data(d.reads),
        writes: data(d.writes),
        resources: p.resources,
        trigger: d.trigger,
        runId: p.runId,
        backfill: p.backfill,
        after: p.after.map((n) => this.builtJobs.get(n)!),
        dependsOn: [...this.sparkMaster.dependable, ...this.sparkWorker.dependable],
        runAs: SPARK_USER,
        scratchReason: SPARK_SCRATCH_REASON,
        onDeploy: p.onDeploy,
        services: Object.fromEntries((d.uses ?? []).map((u) => [u, serviceUrl(u)])),
        settings: jobSettings(d.name, cfg),
      });
    this.builtJobs.set(d.name, job);
    return job;
  }
}

/**
 * What a job is told besides its data (DATALAB_JOB `settings`): retention for maintenance, bounds
 * and contracts for the data checks; undefined for the others (their configuration is unchanged).
 */
export function jobSettings(job: string, cfg: ProcessingConfig): Record<string, unknown> | undefined {
  if (job === 'maintenance') {
    return {
      vacuumRetentionHours: cfg.maintenance.vacuumRetentionHours,
      tables: Object.fromEntries(
        Object.entries(MAINTAINED_TABLES).map(([io, t]) => [io, { partitionColumn: t.partitionColumn, retentionDays: cfg.maintenance.partitionRetentionDays[io] ?? null }]),
      ),
    };
  }
  if (job === 'data-checks') {
    return {
      metricsDir: METRICS_DIR,
      tables: Object.fromEntries(
        Object.entries(TABLE_CONTRACTS).map(([io, c]) => {
          const b = cfg.dataChecks.tables[io] ?? {};
          return [io, { columns: c.columns, keyColumns: c.keyColumns, maxAgeHours: b.maxAgeHours ?? null, minRows: b.minRows ?? null, maxNullRate: b.maxNullRate ?? null }];
        }),
      ),
    };
  }
  return undefined;
}

/** Build arguments of the project Spark image (npm run check:pins resolves the image with the same). */
export function sparkImageBuildArgs(cfg: ProcessingConfig, mirrors?: BuildMirrors): Record<string, string> {
  // MAVEN only when a mirror is configured: the Dockerfile's default is Maven Central, and an
  // unchanged argument set keeps the image's content hash (no rebuild for environments without one).
  // processing.spark.mavenRepository predates buildMirrors and, being the more specific, wins.
  return { SPARK_BASE_IMAGE: cfg.spark.baseImage, ...mirrorBuildArgs(mirrors, ['maven']), ...(cfg.spark.mavenRepository ? { MAVEN: cfg.spark.mavenRepository } : {}) };
}

export const SPARK_MASTER_RPC_PORT = 7077;
const SPARK_WORKER_RPC_PORT = 7078;
/** The spark user and group of the upstream image (`spark_uid` 185), which the project image keeps. */
export const SPARK_USER = RunAs.user(185, 185);
/**
 * Why Spark processes that run jobs keep a writable root: what they write follows the data, so it
 * does not fit a memory-backed scratch path.
 */
export const SPARK_SCRATCH_REASON =
  'not yet proven by an apply: executors keep each application\'s files and logs under /opt/spark/work and spill and shuffle data under spark.local.dir (/tmp); both grow with the jobs, and on tmpfs they would count against the memory limit';

function sparkMasterSpec(ctx: ServiceContext, cfg: ProcessingConfig): ServiceSpec {
  const m = cfg.spark.master;
  const name = 'spark-master';
  return {
    name,
    group: PROCESSING_GROUP,
    image: cfg.spark.image,
    command: ['/opt/spark/bin/spark-class', 'org.apache.spark.deploy.master.Master'],
    env: {
      SPARK_MASTER_HOST: name,
      SPARK_MASTER_PORT: String(SPARK_MASTER_RPC_PORT),
      SPARK_MASTER_WEBUI_PORT: '8080',
      SPARK_DAEMON_MEMORY: `${m.daemonMemoryMb}m`,
    },
    // The UI first: it is the port announced in Consul. RPC stays inside the network.
    ports: portsFor(ctx, m, [
      { name: 'ui', containerPort: 8080 },
      { name: 'rpc', containerPort: SPARK_MASTER_RPC_PORT, scheme: 'tcp' },
    ]),
    probe: Probe.http(8080, '/', { client: 'wget', startPeriodSeconds: 20 }),
    metrics: SPARK_METRICS.master,
    // From the upstream image and entrypoint (as spark, no gosu); not yet proven by an apply. The
    // master logs to the console and keeps no state on disk.
    hardening: {
      runAs: SPARK_USER,
      scratch: [{ path: '/tmp', purpose: 'JVM performance data and temporary files of the master', sizeMb: 64, exec: true }],
    },
    ...sizingFor(m),
    waitTimeoutSeconds: m.waitTimeoutSeconds ?? 180,
  };
}

function sparkWorkerSpec(ctx: ServiceContext, cfg: ProcessingConfig, spark: SparkEndpoint): ServiceSpec {
  const w = cfg.spark.worker;
  return {
    name: 'spark-worker',
    group: PROCESSING_GROUP,
    image: cfg.spark.image,
    // Every replica answers to the alias "spark-worker"; each registers with its own IP so the
    // master and drivers reach the right one.
    command: [
      '/bin/bash',
      '-c',
      `export SPARK_LOCAL_HOSTNAME="$(hostname -i | cut -d' ' -f1)"; exec /opt/spark/bin/spark-class org.apache.spark.deploy.worker.Worker ${spark.url}`,
    ],
    env: {
      SPARK_WORKER_CORES: String(w.cores),
      SPARK_WORKER_MEMORY: `${w.sparkMemoryMb}m`,
      SPARK_WORKER_PORT: String(SPARK_WORKER_RPC_PORT),
      SPARK_WORKER_WEBUI_PORT: '8081',
      SPARK_DAEMON_MEMORY: `${w.daemonMemoryMb}m`,
    },
    ports: portsFor(ctx, w, [
      { name: 'ui', containerPort: 8081 },
      { name: 'rpc', containerPort: SPARK_WORKER_RPC_PORT, scheme: 'tcp' },
    ]),
    probe: Probe.http(8081, '/', { client: 'wget', startPeriodSeconds: 20 }),
    metrics: SPARK_METRICS.worker,
    hardening: { runAs: SPARK_USER, readOnlyRootFilesystem: { enabled: false, reason: SPARK_SCRATCH_REASON } },
    ...sizingFor(w),
    waitTimeoutSeconds: w.waitTimeoutSeconds ?? 180,
  };
}

const NIFI_HOME = '/opt/nifi/nifi-current';

function nifiSpec(ctx: ServiceContext, cfg: ProcessingConfig, password: string, sensitivePropsKey: string): ServiceSpec {
  const n = cfg.nifi;
  const https = n.ports.https;
  // NiFi rejects requests whose Host header it does not know: allow the published address.
  const proxyHosts = https ? [`${hostAddress(ctx, https)}:${https.port}`, `localhost:${https.port}`] : [];
  return {
    name: 'nifi',
    group: PROCESSING_GROUP,
    image: n.image,
    env: {
      SINGLE_USER_CREDENTIALS_USERNAME: n.username,
      SINGLE_USER_CREDENTIALS_PASSWORD: password,
      NIFI_SENSITIVE_PROPS_KEY: sensitivePropsKey,
      NIFI_WEB_HTTPS_PORT: '8443',
      ...(proxyHosts.length > 0 ? { NIFI_WEB_PROXY_HOST: proxyHosts.join(',') } : {}),
      NIFI_JVM_HEAP_INIT: `${n.heapMb}m`,
      NIFI_JVM_HEAP_MAX: `${n.heapMb}m`,
    },
    ports: portsFor(ctx, n, [{ name: 'https', containerPort: 8443, scheme: 'https' }]),
    volumes: volumesFor(ctx, 'nifi', n, {
      // A named volume is pre-populated from the image on first use (a bind mount would hide nifi.properties).
      conf: `${NIFI_HOME}/conf`,
      database: `${NIFI_HOME}/database_repository`,
      flowfile: `${NIFI_HOME}/flowfile_repository`,
      content: `${NIFI_HOME}/content_repository`,
      provenance: `${NIFI_HOME}/provenance_repository`,
      state: `${NIFI_HOME}/state`,
    }),
    // The image's nifi user (ids fixed by its Dockerfile), which owns NIFI_HOME; not yet proven by an apply.
    hardening: {
      runAs: RunAs.user(1000, 1000),
      readOnlyRootFilesystem: {
        enabled: false,
        reason: 'not yet proven by an apply: NiFi unpacks every NAR into ./work (hundreds of MB), writes ./logs, ./run and Python environments under NIFI_HOME, and its start script edits files in place',
      },
    },
    // The HTTPS listener binds $HOSTNAME, not localhost; this path needs no login.
    probe: Probe.shell(`curl -fsk -o /dev/null https://$(hostname):8443/nifi-api/authentication/configuration`, {
      reachableAt: { port: 8443, scheme: 'https', path: '/nifi-api/authentication/configuration' },
      intervalSeconds: 15,
      timeoutSeconds: 10,
      startPeriodSeconds: 90,
      retries: 10,
    }),
    ...sizingFor(n),
    waitTimeoutSeconds: n.waitTimeoutSeconds ?? 300,
    stopGraceSeconds: 60,
  };
}
