import * as path from 'node:path';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Bytes } from '@cdktf/provider-random/lib/bytes';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { BuildMirrors } from '../config/build-mirrors';
import type { MlConfig } from '../config/groups/ml';
import { postgresMajor } from '../config/image-tags';
import { DataLake } from '../constructs/data-lake';
import { DockerService } from '../constructs/docker-service';
import { PROJECT_ROOT, ProjectImage } from '../constructs/project-image';
import { GeneratedSecret } from '../constructs/generated-secret';
import { LakeIdentity } from '../constructs/lake-identity';
import { postgresInitScript, PostgresDatabase } from '../constructs/postgres-database';
import { PlatformNetwork } from '../constructs/platform-network';
import { IService } from '../constructs/service';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { Hardening, RunAs } from '../constructs/hardening';
import { useRandomProvider } from '../constructs/stack-providers';
import { BackendSettings, configureBackend } from './backend';
import { mirrorBuildArgs } from './build-mirrors';
import { portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';
import { Suppressions } from '../policy/suppressions';

export const ML_GROUP = 'ml';
/** PostgreSQL superuser (not a secret; the password is generated). */
export const POSTGRES_SUPERUSER = 'postgres';
/** Lake identity MLflow reads and writes artifacts as. */
export const MLFLOW_LAKE_USER = 'datalab-mlflow';
/** The Dockerfile of the project MLflow image (psycopg2 + boto3 on the pinned upstream image). */
export const MLFLOW_IMAGE_DIR = path.join(__dirname, '..', 'images', 'mlflow');
const AIRFLOW_FAB_AUTH_MANAGER = 'airflow.providers.fab.auth_manager.fab_auth_manager.FabAuthManager';

export interface MlStackProps {
  readonly ml: MlConfig;
  readonly context: ServiceContext;
  readonly protectData: boolean;
  /** From core: the network, the data lake (MLflow's bucket) and the service catalog. */
  readonly network: PlatformNetwork;
  readonly lake: DataLake;
  readonly discovery: ServiceDiscovery;
  /** Where this stack's state lives. */
  readonly backend: BackendSettings;
  /** Package mirrors the project image builds use (config `buildMirrors`). @default - the registries the Dockerfiles name */
  readonly buildMirrors?: BuildMirrors;
}

/**
 * `ml`: the metadata database and the ML/orchestration services on it.
 *
 * - PostgreSQL, one instance on a named volume; a database and owner role per service, created by an
 *   init script on the first start (`pg_trgm` in Prefect's database).
 * - MLflow, a project image (upstream + psycopg2 + boto3) with its backend store in Postgres and its
 *   artifacts in core's `mlflow` bucket, through a lake identity that may touch only that bucket.
 * - Prefect 3 server and a process worker that creates its work pool.
 * - Airflow 3 with LocalExecutor: a one-shot init (`db migrate` + admin user) that must exit 0 before
 *   the API server, scheduler, DAG processor (and optional triggerer) start; all of them share one
 *   generated JWT secret, secret key and Fernet key.
 *
 * Every secret is generated in this stack's state and only referenced (never written) in
 * containers, files and outputs.
 */
export class MlStack extends TerraformStack {
  readonly postgres: DockerService;
  readonly databases: { readonly mlflow: PostgresDatabase; readonly prefect: PostgresDatabase; readonly airflow: PostgresDatabase };
  readonly postgresPassword: GeneratedSecret;
  readonly mlflowImage: ProjectImage;
  readonly mlflowUser: LakeIdentity;
  readonly mlflow: DockerService;
  readonly prefectImage: Image;
  readonly prefectServer: DockerService;
  readonly prefectWorker: DockerService;
  readonly airflowImage: Image;
  readonly airflowSecrets: AirflowSecrets;
  readonly airflowInit: DockerService;
  readonly airflowApiServer: DockerService;
  readonly airflowScheduler: DockerService;
  readonly airflowDagProcessor: DockerService;
  readonly airflowTriggerer?: DockerService;

  constructor(scope: Construct, id: string, props: MlStackProps) {
    super(scope, id);
    configureBackend(this, props.backend, id);
    const { ml, context: ctx, lake } = props;
    const onNetwork = { environment: ctx.environment, protectData: props.protectData, network: props.network };

    // --- PostgreSQL with one database per service.
    this.postgresPassword = new GeneratedSecret(this, 'postgres-password');
    this.databases = {
      mlflow: new PostgresDatabase(this, 'db-mlflow', { name: 'mlflow' }),
      // Prefect's server needs trigram indexes.
      prefect: new PostgresDatabase(this, 'db-prefect', { name: 'prefect', extensions: ['pg_trgm'] }),
      airflow: new PostgresDatabase(this, 'db-airflow', { name: 'airflow' }),
    };
    const dbs = Object.values(this.databases);
    this.postgres = new DockerService(this, 'postgres', { ...onNetwork, spec: postgresSpec(ctx, ml, this.postgresPassword.value, dbs) });
    const sql = this.postgres.internalUrl('sql');
    const afterPostgres = this.postgres.dependable;

    // --- MLflow: artifacts in core's mlflow bucket, as a user that may use only that bucket.
    this.mlflowImage = new ProjectImage(this, 'mlflow-image', {
      context: path.relative(PROJECT_ROOT, MLFLOW_IMAGE_DIR),
      name: `datalab/mlflow:${imageTag(ml.mlflow.image)}`,
      tagWithContentHash: true,
      buildArgs: mlflowImageBuildArgs(ml, props.buildMirrors),
    });
    const bucket = lake.mlflow;
    this.mlflowUser = lake.identityFor(this, 'mlflow-lake-user', MLFLOW_LAKE_USER);
    this.mlflow = new DockerService(this, 'mlflow', {
      ...onNetwork,
      image: this.mlflowImage.image,
      spec: mlflowSpec(ctx, ml, {
        backendStoreUri: this.databases.mlflow.url('postgresql+psycopg2', sql),
        artifactsDestination: `s3://${bucket.name}/`,
        user: this.mlflowUser,
      }),
      dependsOn: afterPostgres,
    });
    bucket.grantReadWrite(this.mlflow);

    // --- Prefect: server on Postgres, and a process worker polling its pool. One image for both
    // (config check mlComponentImagesMatch): a worker newer than its server can be rejected.
    this.prefectImage = new Image(this, 'prefect-image', { name: ml.prefect.server.image, keepLocally: true });
    this.prefectServer = new DockerService(this, 'prefect-server', {
      ...onNetwork,
      image: this.prefectImage,
      spec: prefectServerSpec(ctx, ml, this.databases.prefect.url('postgresql+asyncpg', sql)),
      dependsOn: afterPostgres,
    });
    this.prefectWorker = new DockerService(this, 'prefect-worker', {
      ...onNetwork,
      image: this.prefectImage,
      spec: prefectWorkerSpec(ml, `${this.prefectServer.internalUrl('http')}/api`),
      dependsOn: this.prefectServer.dependable,
    });

    // --- Airflow: init first, then the long-running components, all with the same secrets.
    // One image for every component: they share one metadata schema, migrated by init.
    this.airflowImage = new Image(this, 'airflow-image', { name: ml.airflow.apiServer.image, keepLocally: true });
    const airflow = { ...onNetwork, image: this.airflowImage };
    this.airflowSecrets = new AirflowSecrets(this, 'airflow-secrets');
    const airflowEnv = airflowCommonEnv(this.databases.airflow.url('postgresql+psycopg2', sql), this.airflowSecrets);
    this.airflowInit = new DockerService(this, 'airflow-init', {
      ...airflow,
      spec: airflowInitSpec(ml, airflowEnv, this.airflowSecrets.adminPassword.value),
      dependsOn: afterPostgres,
    });
    const afterInit = [...afterPostgres, ...this.airflowInit.dependable];
    this.airflowApiServer = new DockerService(this, 'airflow-apiserver', {
      ...airflow,
      spec: airflowApiServerSpec(ctx, ml, airflowEnv),
      dependsOn: afterInit,
    });
    // Task processes (LocalExecutor, inside the scheduler) report to the API server's execution API.
    const workerEnv = { ...airflowEnv, AIRFLOW__CORE__EXECUTION_API_SERVER_URL: `${this.airflowApiServer.internalUrl('http')}/execution/` };
    this.airflowDagProcessor = new DockerService(this, 'airflow-dag-processor', {
      ...airflow,
      spec: airflowDagProcessorSpec(ctx, ml, workerEnv),
      dependsOn: afterInit,
    });
    const dags = [{ volume: this.airflowDagProcessor.volumes.dags, containerPath: AIRFLOW_DAGS }];
    this.airflowScheduler = new DockerService(this, 'airflow-scheduler', {
      ...airflow,
      spec: airflowSchedulerSpec(ctx, ml, workerEnv),
      sharedVolumes: dags,
      dependsOn: afterInit,
    });
    if (ml.airflow.triggerer.enabled) {
      this.airflowTriggerer = new DockerService(this, 'airflow-triggerer', {
        ...airflow,
        spec: airflowTriggererSpec(ml, workerEnv),
        sharedVolumes: dags,
        dependsOn: afterInit,
      });
    }

    // --- Consul catalog: every long-running service with a network endpoint. The DAG processor has
    // none (Docker checks it with `airflow jobs check`), the init task is not a service.
    Suppressions.add(this.airflowDagProcessor, 'DL008', 'the DAG processor serves no port, so Consul has nothing to check; Docker health-checks it with `airflow jobs check`');
    for (const s of [this.postgres, this.mlflow, this.prefectServer, this.prefectWorker, this.airflowApiServer, this.airflowScheduler, this.airflowTriggerer]) {
      if (s) props.discovery.register(s);
    }

    // --- Outputs.
    const url = (s: IService, port: string) => s.hostUrl(port) ?? 'not published';
    new TerraformOutput(this, 'postgres_address', { value: url(this.postgres, 'sql'), description: 'PostgreSQL on the Docker host' });
    new TerraformOutput(this, 'postgres_superuser', { value: POSTGRES_SUPERUSER, description: 'PostgreSQL superuser' });
    new TerraformOutput(this, 'postgres_superuser_password', { value: this.postgresPassword.value, sensitive: true, description: 'PostgreSQL superuser password' });
    new TerraformOutput(this, 'mlflow_url', { value: url(this.mlflow, 'http'), description: 'MLflow UI and tracking API (MLFLOW_TRACKING_URI on the host)' });
    new TerraformOutput(this, 'mlflow_tracking_uri_internal', { value: this.mlflow.internalUrl('http'), description: 'MLFLOW_TRACKING_URI for containers on the platform network' });
    new TerraformOutput(this, 'mlflow_artifacts_destination', { value: `s3://${bucket.name}/`, description: 'Where MLflow stores artifacts' });
    new TerraformOutput(this, 'prefect_url', { value: url(this.prefectServer, 'http'), description: 'Prefect UI' });
    new TerraformOutput(this, 'prefect_api_url_internal', { value: `${this.prefectServer.internalUrl('http')}/api`, description: 'PREFECT_API_URL for containers on the platform network' });
    new TerraformOutput(this, 'prefect_work_pool', { value: ml.prefect.workPool, description: 'Process work pool the Prefect worker polls' });
    new TerraformOutput(this, 'airflow_url', { value: url(this.airflowApiServer, 'http'), description: 'Airflow UI and REST API' });
    new TerraformOutput(this, 'airflow_admin_user', { value: ml.airflow.adminUser, description: 'Airflow admin login' });
    new TerraformOutput(this, 'airflow_admin_password', { value: this.airflowSecrets.adminPassword.value, sensitive: true, description: 'Airflow admin password' });
  }
}

/**
 * The secrets every Airflow component shares. A JWT secret that differs between components makes
 * task calls fail with "Signature verification failed"; a different Fernet key makes stored
 * connections unreadable.
 */
export class AirflowSecrets extends Construct {
  readonly jwtSecret: GeneratedSecret;
  readonly secretKey: GeneratedSecret;
  readonly adminPassword: GeneratedSecret;
  readonly fernetBytes: Bytes;
  /** 32 random bytes, URL-safe base64 (44 characters with padding), as `Fernet.generate_key()` gives. */
  readonly fernetKey: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    useRandomProvider(this);
    this.jwtSecret = new GeneratedSecret(this, 'jwt-secret', { length: 64 });
    this.secretKey = new GeneratedSecret(this, 'secret-key', { length: 64 });
    this.adminPassword = new GeneratedSecret(this, 'admin-password');
    // random_bytes is sensitive and exactly 32 bytes; its base64 is the standard alphabet, so map
    // "+/" to the URL-safe "-_" that Fernet expects.
    this.fernetBytes = new Bytes(this, 'fernet-key', { length: 32 });
    this.fernetKey = Fn.replace(Fn.replace(this.fernetBytes.base64, '+', '-'), '/', '_');
  }
}

/** The tag of an image reference (`repo:tag[@digest]` → `tag`). */
function imageTag(image: string): string {
  return image.replace(/@sha256:.*$/, '').split(':').pop()!;
}

/** Build arguments of the MLflow image (npm run check:pins resolves the image with the same). */
export function mlflowImageBuildArgs(ml: MlConfig, mirrors?: BuildMirrors): Record<string, string> {
  return { BASE_IMAGE: ml.mlflow.image, ...mirrorBuildArgs(mirrors, ['python']) };
}

function postgresSpec(ctx: ServiceContext, ml: MlConfig, superuserPassword: string, dbs: readonly PostgresDatabase[]): ServiceSpec {
  const cfg = ml.postgres;
  // PostgreSQL 18 images moved the data directory (and VOLUME) up one level; mounting the old path
  // there would leave the data in an anonymous volume.
  const dataPath = (postgresMajor(cfg.image) ?? 17) >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data';
  return {
    name: 'postgres',
    group: ML_GROUP,
    image: cfg.image,
    // Pools of MLflow, Prefect and Airflow workers add up past the default 100 connections; the
    // default 128 MB of shared buffers ignores the memory the container is given.
    command: ['postgres', '-c', `max_connections=${cfg.maxConnections}`, '-c', `shared_buffers=${Math.max(32, Math.floor(cfg.memoryMb / 4))}MB`],
    env: {
      POSTGRES_USER: POSTGRES_SUPERUSER,
      POSTGRES_PASSWORD: superuserPassword,
      POSTGRES_DB: 'postgres',
      ...Object.fromEntries(dbs.map((db) => [db.passwordEnv, db.password.value])),
    },
    ports: portsFor(ctx, cfg, [{ name: 'sql', containerPort: 5432, scheme: 'tcp' }]),
    volumes: volumesFor(ctx, 'postgres', cfg, { data: dataPath }),
    files: [{ path: '/docker-entrypoint-initdb.d/10-datalab-databases.sh', content: postgresInitScript(dbs) }],
    // Started as postgres (999:999 in the Debian images), the entrypoint skips its chown and gosu:
    // the image's data directory and every volume it ran on before belong to postgres. Derived
    // from the upstream entrypoint; proven by the stand-in's smoke test (docs/images.md) and by
    // the e2e's apply (the ml step: the init script ran, the databases serve their owners).
    hardening: {
      runAs: RunAs.user(999, 999),
      scratch: [
        { path: '/var/run/postgresql', purpose: 'the Unix socket and its lock file (also of the temporary server that runs the init scripts)', sizeMb: 1 },
        { path: '/tmp', purpose: 'temporary files of the entrypoint and psql', sizeMb: 16 },
      ],
    },
    // Over TCP on purpose: while init scripts run, the entrypoint's temporary server listens on the
    // Unix socket only, so a socket probe would report healthy before the databases exist.
    probe: Probe.exec(['pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', POSTGRES_SUPERUSER, '-d', 'postgres'], { reachableAt: { port: 5432, scheme: 'tcp' }, startPeriodSeconds: 30 }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
    stopGraceSeconds: 60,
  };
}

interface MlflowWiring {
  readonly backendStoreUri: string;
  readonly artifactsDestination: string;
  readonly user: LakeIdentity;
}

function mlflowSpec(ctx: ServiceContext, ml: MlConfig, w: MlflowWiring): ServiceSpec {
  const cfg = ml.mlflow;
  const ports = portsFor(ctx, cfg, [{ name: 'http', containerPort: 5000 }]);
  // MLflow ≥ 3.5 rejects requests whose Host header is not listed (exact match, port included).
  const allowed = new Set(['mlflow', 'mlflow:5000', 'localhost', 'localhost:5000', '127.0.0.1', '127.0.0.1:5000']);
  const published = ports[0].host;
  if (published) {
    allowed.add(`localhost:${published.port}`).add(`127.0.0.1:${published.port}`);
    if (published.address !== '0.0.0.0') allowed.add(`${published.address}:${published.port}`);
  }
  return {
    name: 'mlflow',
    group: ML_GROUP,
    image: cfg.image,
    // The store URI holds the database password: read it from the environment instead of the argv.
    command: [
      'sh',
      '-c',
      'exec mlflow server --host 0.0.0.0 --port 5000 --workers "$MLFLOW_WORKERS" --backend-store-uri "$MLFLOW_BACKEND_STORE_URI" --serve-artifacts --artifacts-destination "$MLFLOW_ARTIFACTS_DESTINATION" --allowed-hosts "$MLFLOW_ALLOWED_HOSTS"',
    ],
    env: {
      MLFLOW_WORKERS: String(cfg.workers),
      MLFLOW_BACKEND_STORE_URI: w.backendStoreUri,
      MLFLOW_ARTIFACTS_DESTINATION: w.artifactsDestination,
      MLFLOW_ALLOWED_HOSTS: [...allowed].join(','),
      MLFLOW_S3_ENDPOINT_URL: w.user.endpoint,
      AWS_ACCESS_KEY_ID: w.user.accessKey,
      AWS_SECRET_ACCESS_KEY: w.user.secretKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      // MLflow 3.12 also starts a job runner for server-side GenAI jobs (judges, prompt
      // optimisation), another resident Python process: at 512 MiB the container was OOM-killed
      // within a minute of starting (e2e). The platform offers no such jobs.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    },
    ports,
    probe: Probe.http(5000, '/health', { client: 'python', startPeriodSeconds: 30 }),
    lakeIdentity: w.user,
    // The upstream image (python slim + mlflow) defines no user; not yet proven as another.
    hardening: {
      runAs: RunAs.root('the upstream image defines no user and running MLflow as another uid is not yet proven by an apply'),
      readOnlyRootFilesystem: {
        enabled: false,
        reason: 'the artifact proxy writes each uploaded artifact to a temporary file before it goes to S3; models can be larger than the memory a tmpfs could take',
      },
    },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 180,
  };
}

function prefectServerSpec(ctx: ServiceContext, ml: MlConfig, databaseUrl: string): ServiceSpec {
  const cfg = ml.prefect.server;
  const ports = portsFor(ctx, cfg, [{ name: 'http', containerPort: 4200 }]);
  const h = ports[0].host;
  // The UI runs in the browser on the host: it must call the API at the published address.
  const uiApi = h ? `http://${h.address === '0.0.0.0' ? '127.0.0.1' : h.address}:${h.port}/api` : 'http://prefect-server:4200/api';
  return {
    name: 'prefect-server',
    group: ML_GROUP,
    image: cfg.image,
    command: ['prefect', 'server', 'start', '--host', '0.0.0.0', '--port', '4200'],
    env: {
      PREFECT_API_DATABASE_CONNECTION_URL: databaseUrl,
      PREFECT_SERVER_API_HOST: '0.0.0.0',
      PREFECT_SERVER_API_PORT: '4200',
      PREFECT_UI_API_URL: uiApi,
    },
    hardening: PREFECT_HARDENING,
    ports,
    probe: Probe.http(4200, '/api/health', { client: 'python', startPeriodSeconds: 30 }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 180,
  };
}

const PREFECT_WORKER_HEALTH_PORT = 8080;

/** Server and worker: from the upstream image (python slim + prefect, no user); not yet proven otherwise by an apply. */
const PREFECT_HARDENING: Hardening = {
  runAs: RunAs.root('the upstream image defines no user and keeps PREFECT_HOME under /root; running as another uid is not yet proven by an apply'),
  readOnlyRootFilesystem: {
    enabled: false,
    reason: 'the server copies its UI build into PREFECT_HOME to inject the API URL at every start, and the process worker runs flows that write where their code says',
  },
};

function prefectWorkerSpec(ml: MlConfig, apiUrl: string): ServiceSpec {
  const cfg = ml.prefect.worker;
  return {
    name: 'prefect-worker',
    group: ML_GROUP,
    image: cfg.image,
    // `--type process` creates the pool on first start if it does not exist.
    command: ['prefect', 'worker', 'start', '--pool', ml.prefect.workPool, '--type', 'process', '--name', 'prefect-worker', '--with-healthcheck'],
    env: {
      PREFECT_API_URL: apiUrl,
      // The health server answers 200 while the worker keeps polling its pool.
      PREFECT_WORKER_WEBSERVER_HOST: '0.0.0.0',
      PREFECT_WORKER_WEBSERVER_PORT: String(PREFECT_WORKER_HEALTH_PORT),
    },
    ports: [{ name: 'health', containerPort: PREFECT_WORKER_HEALTH_PORT }],
    probe: Probe.http(PREFECT_WORKER_HEALTH_PORT, '/health', { client: 'python', startPeriodSeconds: 30 }),
    hardening: PREFECT_HARDENING,
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
  };
}

const AIRFLOW_DAGS = '/opt/airflow/dags';

/**
 * Every Airflow container: the image's airflow user (uid 50000, group 0 as the image expects for
 * arbitrary uids), which owns AIRFLOW_HOME. Not yet proven read-only by an apply.
 */
const AIRFLOW_HARDENING: Hardening = {
  runAs: RunAs.user(50000, 0),
  readOnlyRootFilesystem: {
    enabled: false,
    reason: 'not yet proven by an apply: Airflow writes airflow.cfg and webserver_config.py into AIRFLOW_HOME when missing, and its components write logs under /opt/airflow/logs',
  },
};

/** Settings every Airflow component (and the init task) must agree on. */
function airflowCommonEnv(sqlAlchemyConn: string, secrets: AirflowSecrets): Record<string, string> {
  return {
    AIRFLOW__CORE__EXECUTOR: 'LocalExecutor',
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: sqlAlchemyConn,
    AIRFLOW__CORE__FERNET_KEY: secrets.fernetKey,
    AIRFLOW__API__SECRET_KEY: secrets.secretKey.value,
    AIRFLOW__API_AUTH__JWT_SECRET: secrets.jwtSecret.value,
    // The FAB auth manager provides the user database the init task creates the admin in.
    AIRFLOW__CORE__AUTH_MANAGER: AIRFLOW_FAB_AUTH_MANAGER,
    AIRFLOW__CORE__LOAD_EXAMPLES: 'false',
    AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION: 'true',
  };
}

function airflowInitSpec(ml: MlConfig, common: Record<string, string>, adminPassword: string): ServiceSpec {
  const cfg = ml.airflow.init;
  return {
    name: 'airflow-init',
    group: ML_GROUP,
    image: cfg.image,
    hardening: AIRFLOW_HARDENING,
    // The image entrypoint migrates the database and creates the admin user before it runs the
    // command; `airflow version` then exits 0.
    command: ['version'],
    env: {
      ...common,
      _AIRFLOW_DB_MIGRATE: 'true',
      _AIRFLOW_WWW_USER_CREATE: 'true',
      _AIRFLOW_WWW_USER_USERNAME: ml.airflow.adminUser,
      _AIRFLOW_WWW_USER_PASSWORD: adminPassword,
    },
    ...sizingFor(cfg),
    oneShot: true,
  };
}

function airflowApiServerSpec(ctx: ServiceContext, ml: MlConfig, common: Record<string, string>): ServiceSpec {
  const cfg = ml.airflow.apiServer;
  return {
    name: 'airflow-apiserver',
    group: ML_GROUP,
    image: cfg.image,
    hardening: AIRFLOW_HARDENING,
    command: ['api-server'],
    env: { ...common, AIRFLOW__API__WORKERS: String(cfg.workers) },
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: 8080 }]),
    probe: Probe.http(8080, '/api/v2/version', { intervalSeconds: 15, timeoutSeconds: 10, startPeriodSeconds: 60, retries: 10 }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 240,
  };
}

/**
 * LocalExecutor runs every task as a process inside the scheduler container. The default
 * parallelism (32) would overrun a small memory limit, so allow one task per ~192 MiB beyond the
 * ~512 MiB the scheduler itself uses, at least 2.
 */
export function airflowParallelism(schedulerMemoryMb: number): number {
  return Math.max(2, Math.floor((schedulerMemoryMb - 512) / 192));
}

function airflowSchedulerSpec(ctx: ServiceContext, ml: MlConfig, env: Record<string, string>): ServiceSpec {
  const cfg = ml.airflow.scheduler;
  return {
    name: 'airflow-scheduler',
    group: ML_GROUP,
    image: cfg.image,
    hardening: AIRFLOW_HARDENING,
    command: ['scheduler'],
    env: { ...env, AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK: 'true', AIRFLOW__CORE__PARALLELISM: String(airflowParallelism(cfg.memoryMb)) },
    // 8974: health server; 8793: task log server the API server fetches logs from.
    ports: [
      { name: 'health', containerPort: 8974 },
      { name: 'logs', containerPort: 8793 },
    ],
    volumes: volumesFor(ctx, 'airflow-scheduler', cfg, { logs: '/opt/airflow/logs' }),
    probe: Probe.http(8974, '/health', { intervalSeconds: 15, timeoutSeconds: 10, startPeriodSeconds: 60, retries: 10 }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 240,
  };
}

/** `airflow jobs check` starts a full Airflow CLI: probe rarely and give it time. */
const AIRFLOW_JOB_CHECK_TIMING = { intervalSeconds: 30, timeoutSeconds: 30, startPeriodSeconds: 60, retries: 5 } as const;

function airflowDagProcessorSpec(ctx: ServiceContext, ml: MlConfig, env: Record<string, string>): ServiceSpec {
  const cfg = ml.airflow.dagProcessor;
  return {
    name: 'airflow-dag-processor',
    group: ML_GROUP,
    image: cfg.image,
    hardening: AIRFLOW_HARDENING,
    command: ['dag-processor'],
    // Airflow 3 lists the DAG folder only every refresh_interval (300 s by default): a file copied
    // into the dags volume showed up minutes later (e2e). 30 s: a listing of one folder is cheap.
    env: { ...env, AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL: '30' },
    volumes: volumesFor(ctx, 'airflow', cfg, { dags: AIRFLOW_DAGS }),
    // "$HOSTNAME" without braces: "${" would be a Terraform interpolation. An exec probe with no
    // network target: the DAG processor serves nothing, so it is not registered in Consul.
    probe: Probe.shell('airflow jobs check --job-type DagProcessorJob --hostname "$HOSTNAME"', AIRFLOW_JOB_CHECK_TIMING),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 240,
  };
}

function airflowTriggererSpec(ml: MlConfig, env: Record<string, string>): ServiceSpec {
  const cfg = ml.airflow.triggerer;
  return {
    name: 'airflow-triggerer',
    group: ML_GROUP,
    image: cfg.image,
    hardening: AIRFLOW_HARDENING,
    command: ['triggerer'],
    env,
    // 8794: the triggerer's log server.
    ports: [{ name: 'logs', containerPort: 8794, scheme: 'tcp' }],
    probe: Probe.shell('airflow jobs check --job-type TriggererJob --hostname "$HOSTNAME"', { ...AIRFLOW_JOB_CHECK_TIMING, reachableAt: { port: 8794, scheme: 'tcp' } }),
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 240,
  };
}
