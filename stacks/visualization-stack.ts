import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { BuildMirrors } from '../config/build-mirrors';
import { VisualizationConfig } from '../config/groups/visualization';
import { DataLake } from '../constructs/data-lake';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { LakeIdentity } from '../constructs/lake-identity';
import { PlatformNetwork } from '../constructs/platform-network';
import { ProjectImage } from '../constructs/project-image';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { SparkEndpoint } from '../constructs/spark-endpoint';
import { BackendSettings, configureBackend } from './backend';
import { mirrorBuildArgs } from './build-mirrors';
import { RunAs } from '../constructs/hardening';
import { notebookSparkDefaults } from './notebook-spark-defaults';
import { portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';

export const VISUALIZATION_GROUP = 'visualization';
/** Lake identities of this group (one per consumer). */
export const NOTEBOOK_LAKE_USER = 'jupyterhub-notebooks';
export const STREAMLIT_LAKE_USER = 'streamlit-gold-reader';
/** Where the hub image reads its Spark configuration (`SPARK_CONF_DIR` in images/jupyterhub). */
export const HUB_SPARK_CONF = '/etc/spark/conf/spark-defaults.conf';

export interface VisualizationStackProps {
  readonly environment: string;
  readonly protectData: boolean;
  readonly context: ServiceContext;
  readonly network: PlatformNetwork;
  readonly lake: DataLake;
  readonly discovery: ServiceDiscovery;
  readonly visualization: VisualizationConfig;
  /** The Spark cluster notebooks use (`SparkEndpoint.local()` without one). */
  readonly spark: SparkEndpoint;
  /** Where this stack's state lives. */
  readonly backend: BackendSettings;
  /** Package mirrors the project image builds use (config `buildMirrors`). @default - the registries the Dockerfiles name */
  readonly buildMirrors?: BuildMirrors;
}

/**
 * `visualization`: JupyterHub, whose notebooks are Spark drivers that reach the cluster and the
 * data lake with their own lake identity (read silver and gold, read-write on a scratch prefix),
 * and Streamlit, an app over the gold layer with a read-only identity. Both images are built from
 * this repository; both services are registered in Consul.
 */
export class VisualizationStack extends TerraformStack {
  readonly jupyterhub: DockerService;
  readonly streamlit?: DockerService;
  readonly notebookUser: LakeIdentity;
  readonly streamlitUser?: LakeIdentity;
  readonly hubImage: ProjectImage;
  readonly streamlitImage?: ProjectImage;
  readonly adminPassword: GeneratedSecret;
  readonly userPasswords: ReadonlyMap<string, GeneratedSecret>;

  constructor(scope: Construct, id: string, props: VisualizationStackProps) {
    super(scope, id);
    configureBackend(this, props.backend, id);
    const { visualization: cfg, lake, context: ctx } = props;
    const onNetwork = { environment: props.environment, protectData: props.protectData, network: props.network };

    // --- Notebook identity: the hub holds it (granted below).
    this.notebookUser = lake.identityFor(this, 'notebook-lake-user', NOTEBOOK_LAKE_USER);
    const scratch = lake.bucket(cfg.jupyterhub.scratch.bucket);

    this.adminPassword = new GeneratedSecret(this, 'jupyterhub-admin-password', { length: 40 });
    const passwords = new Map<string, GeneratedSecret>();
    // The user name is a stable config name: renaming a user gives a new password, nothing else.
    for (const u of cfg.jupyterhub.users) passwords.set(u, new GeneratedSecret(this, `jupyterhub-password-${u}`, { length: 24 }));
    this.userPasswords = passwords;

    this.hubImage = new ProjectImage(this, 'jupyterhub-image', {
      context: 'images/jupyterhub',
      name: cfg.jupyterhub.image,
      buildArgs: jupyterhubImageBuildArgs(cfg, props.buildMirrors),
    });
    this.jupyterhub = new DockerService(this, 'jupyterhub', {
      ...onNetwork,
      image: this.hubImage.image,
      spec: jupyterhubSpec(ctx, cfg, {
        lakeUser: this.notebookUser,
        lakeRead: [lake.silver.name, lake.gold.name],
        scratchUri: scratch.s3aUri(cfg.jupyterhub.scratch.prefix),
        spark: props.spark,
        adminPassword: this.adminPassword.value,
        userPasswords: passwords,
        imageHash: this.hubImage.contentHash,
      }),
    });
    // Notebooks read the refined layers and write only their scratch prefix.
    lake.silver.grantRead(this.jupyterhub);
    lake.gold.grantRead(this.jupyterhub);
    scratch.grantReadWrite(this.jupyterhub, cfg.jupyterhub.scratch.prefix);
    props.discovery.register(this.jupyterhub);

    // --- Streamlit over gold, read-only.
    if (cfg.streamlit.enabled) {
      this.streamlitUser = lake.identityFor(this, 'streamlit-lake-user', STREAMLIT_LAKE_USER);
      this.streamlitImage = new ProjectImage(this, 'streamlit-image', { context: 'apps/streamlit', name: cfg.streamlit.image, buildArgs: streamlitImageBuildArgs(props.buildMirrors) });
      this.streamlit = new DockerService(this, 'streamlit', {
        ...onNetwork,
        image: this.streamlitImage.image,
        spec: streamlitSpec(ctx, cfg, this.streamlitUser, lake.gold.name),
      });
      lake.gold.grantRead(this.streamlit, cfg.streamlit.goldPrefix);
      props.discovery.register(this.streamlit);
    }

    // --- Outputs.
    new TerraformOutput(this, 'jupyterhub_url', { value: this.jupyterhub.hostUrl('http') ?? 'not published', description: 'JupyterHub on the Docker host' });
    new TerraformOutput(this, 'jupyterhub_admin_user', { value: cfg.jupyterhub.adminUser, description: 'JupyterHub admin user' });
    new TerraformOutput(this, 'jupyterhub_admin_password', { value: this.adminPassword.value, sensitive: true, description: 'JupyterHub admin password' });
    new TerraformOutput(this, 'jupyterhub_user_passwords', {
      value: Object.fromEntries([...passwords].map(([u, s]) => [u, s.value])),
      sensitive: true,
      description: 'JupyterHub password per notebook user',
    });
    new TerraformOutput(this, 'notebook_lake_access_key', { value: this.notebookUser.accessKey, description: 'Lake identity (access key) of the notebooks', sensitive: true });
    if (this.streamlit) {
      new TerraformOutput(this, 'streamlit_url', { value: this.streamlit.hostUrl('http') ?? 'not published', description: 'Streamlit gold-layer app' });
    }
  }
}

interface HubWiring {
  readonly lakeUser: LakeIdentity;
  readonly lakeRead: readonly string[];
  readonly scratchUri: string;
  readonly spark: SparkEndpoint;
  readonly adminPassword: string;
  readonly userPasswords: ReadonlyMap<string, GeneratedSecret>;
  readonly imageHash: string;
}

/** Driver heap: a quarter of the hub's memory, at least 512 MiB (kernels and the hub share the rest). */
export function notebookDriverMemoryMb(hubMemoryMb: number): number {
  return Math.max(512, Math.floor(hubMemoryMb / 4));
}

/** Build arguments of the JupyterHub image (npm run check:pins resolves the image with the same). */
export function jupyterhubImageBuildArgs(v: VisualizationConfig, mirrors?: BuildMirrors): Record<string, string> {
  return { SPARK_VERSION: v.jupyterhub.sparkVersion, ...mirrorBuildArgs(mirrors, ['python', 'npm', 'maven']) };
}

/** Build arguments of the Streamlit app image: only the package mirrors. */
export function streamlitImageBuildArgs(mirrors?: BuildMirrors): Record<string, string> {
  return mirrorBuildArgs(mirrors, ['python']);
}

function jupyterhubSpec(ctx: ServiceContext, v: VisualizationConfig, w: HubWiring): ServiceSpec {
  const cfg = v.jupyterhub;
  const name = 'jupyterhub';
  const s3Endpoint = w.lakeUser.endpoint;
  return {
    name,
    group: VISUALIZATION_GROUP,
    image: cfg.image,
    env: {
      DATALAB_ENVIRONMENT: ctx.environment,
      DATALAB_HUB_ADMIN_USER: cfg.adminUser,
      DATALAB_HUB_ADMIN_PASSWORD: w.adminPassword,
      // Alphanumeric passwords: safe inside JSON without escaping.
      DATALAB_HUB_USER_PASSWORDS: JSON.stringify(Object.fromEntries([...w.userPasswords].map(([u, s]) => [u, s.value]))),
      AWS_ACCESS_KEY_ID: w.lakeUser.accessKey,
      AWS_SECRET_ACCESS_KEY: w.lakeUser.secretKey,
      AWS_ENDPOINT_URL: s3Endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ALLOW_HTTP: 'true',
      SPARK_MASTER: w.spark.url,
      DATALAB_LAKE_READ: w.lakeRead.join(','),
      DATALAB_LAKE_SCRATCH: w.scratchUri,
      // Which build runs, visible in `docker inspect`.
      DATALAB_IMAGE_SHA256: w.imageHash,
    },
    files: [
      {
        path: HUB_SPARK_CONF,
        content: notebookSparkDefaults({
          master: w.spark.url,
          driverHost: name,
          s3Endpoint,
          driverMemoryMb: notebookDriverMemoryMb(cfg.memoryMb),
          accessKey: w.lakeUser.accessKey,
          secretKey: w.lakeUser.secretKey,
        }),
      },
    ],
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: 8000 }]),
    volumes: volumesFor(ctx, name, cfg, { data: '/srv/jupyterhub/data', home: '/home' }),
    probe: Probe.http(8000, '/hub/health', { startPeriodSeconds: 30 }),
    lakeIdentity: w.lakeUser,
    // The hub creates a Unix account per notebook user and starts each server as that user
    // (images/jupyterhub): it must be root, with what useradd and the spawner need. Not yet proven
    // by an apply.
    hardening: {
      runAs: RunAs.root('LocalProcessSpawner starts each notebook server as its own Unix account, which only root can do'),
      capabilities: [
        { capability: 'SETUID', reason: 'the spawner switches each notebook server to its user' },
        { capability: 'SETGID', reason: "the spawner sets each notebook server's groups" },
        { capability: 'CHOWN', reason: 'useradd --create-home hands the new home to its user' },
        { capability: 'FOWNER', reason: "useradd sets the mode of a home it has already handed over" },
        { capability: 'DAC_OVERRIDE', reason: "the hub works in notebook users' private (0700) homes" },
        { capability: 'KILL', reason: 'the hub stops notebook servers, which run as other users' },
      ],
      readOnlyRootFilesystem: {
        enabled: false,
        reason: "useradd writes /etc/passwd, /etc/group and /etc/shadow for each notebook user at spawn, and notebooks install packages into the image's Python",
      },
    },
    metrics: { port: 8000, path: '/hub/metrics' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 180,
  };
}

function streamlitSpec(ctx: ServiceContext, v: VisualizationConfig, user: LakeIdentity, goldBucket: string): ServiceSpec {
  const cfg = v.streamlit;
  return {
    name: 'streamlit',
    group: VISUALIZATION_GROUP,
    image: cfg.image,
    env: {
      DATALAB_GOLD_BUCKET: goldBucket,
      DATALAB_GOLD_PREFIX: cfg.goldPrefix,
      AWS_ACCESS_KEY_ID: user.accessKey,
      AWS_SECRET_ACCESS_KEY: user.secretKey,
      AWS_ENDPOINT_URL: user.endpoint,
      AWS_REGION: 'us-east-1',
    },
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: 8501 }]),
    probe: Probe.http(8501, '/_stcore/health', { startPeriodSeconds: 20 }),
    lakeIdentity: user,
    // The image's streamlit user (apps/streamlit, fixed ids) on a read-only root; caches live in
    // memory. Proven by the e2e's apply: the page renders gold with only these two scratch paths.
    hardening: {
      runAs: RunAs.user(10001, 10001),
      scratch: [
        { path: '/home/streamlit', purpose: "Streamlit's per-user state in $HOME/.streamlit", sizeMb: 16 },
        { path: '/tmp', purpose: 'temporary files of Streamlit, pyarrow and s3fs', sizeMb: 64 },
      ],
    },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
  };
}
