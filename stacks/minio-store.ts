/**
 * The lake on MinIO: one server container on a named volume, managed through its published S3 API
 * by the minio provider (buckets, versioning, ILM, one IAM user per consumer).
 */
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { CoreConfig } from '../config/schema';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { MinioLake } from '../constructs/minio-lake';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { RunAs } from '../constructs/hardening';
import type { ObjectStore, ObjectStoreProps } from './object-store';
import { hostAddress, portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';

/** MinIO's root user name (not a secret; the password is generated). */
export const MINIO_ROOT_USER = 'datalab-root';

export function deployMinio(scope: Construct, props: ObjectStoreProps): ObjectStore {
  const { context: ctx, core } = props;
  const cfg = core.minio;
  if (!cfg) throw new Error('core.minio is missing (the config checks should have refused this file)');
  const common = { environment: ctx.environment, protectData: props.protectData, network: props.network };
  // Construct ids as in the first release (`minio-root-password`, `minio`, `lake`): they are a contract.
  const rootPassword = new GeneratedSecret(scope, 'minio-root-password');
  const server = new DockerService(scope, 'minio', { ...common, spec: minioSpec(ctx, core, rootPassword.value) });
  const api = cfg.ports.api!;
  const lake = new MinioLake(scope, 'lake', {
    buckets: core.buckets,
    protectData: props.protectData,
    connection: { server: `${hostAddress(ctx, api)}:${api.port}`, user: MINIO_ROOT_USER, password: rootPassword.value },
    endpoint: server.internalUrl('api'),
    dependsOn: server.dependable,
  });
  new TerraformOutput(scope, 'minio_api_url', { value: server.hostUrl('api'), description: 'MinIO S3 API on the Docker host' });
  new TerraformOutput(scope, 'minio_console_url', { value: server.hostUrl('console') ?? 'not published', description: 'MinIO console' });
  new TerraformOutput(scope, 'minio_root_user', { value: MINIO_ROOT_USER, description: 'MinIO root user' });
  new TerraformOutput(scope, 'minio_root_password', { value: rootPassword.value, sensitive: true, description: 'MinIO root password' });
  return { server, s3Port: 'api', lake };
}

function minioSpec(ctx: ServiceContext, core: CoreConfig, rootPassword: string): ServiceSpec {
  const cfg = core.minio!;
  return {
    name: 'minio',
    group: 'core',
    image: cfg.image,
    // Without --console-address the console listens on a random port.
    command: ['server', '/data', '--console-address', ':9001'],
    env: {
      MINIO_ROOT_USER: MINIO_ROOT_USER,
      MINIO_ROOT_PASSWORD: rootPassword,
      // Metrics are scraped inside the platform network; the API port is loopback-only on the host.
      MINIO_PROMETHEUS_AUTH_TYPE: 'public',
    },
    ports: portsFor(ctx, cfg, [
      { name: 'api', containerPort: 9000 },
      { name: 'console', containerPort: 9001 },
    ]),
    volumes: volumesFor(ctx, 'minio', cfg, { data: '/data' }),
    probe: Probe.http(9000, '/minio/health/live', { startPeriodSeconds: 10 }),
    // From the upstream image (no stand-in: AGPL); not yet proven by an apply. No capability is
    // needed: root owns everything MinIO touches.
    hardening: {
      runAs: RunAs.root('the image defines no other user and /data is root-owned on every existing volume; another uid needs a chown of the data first'),
      readOnlyRootFilesystem: {
        enabled: false,
        reason: 'MinIO creates $HOME/.minio/certs at start and exits when it cannot; what else it writes outside /data is not yet proven by an apply (no stand-in)',
      },
    },
    metrics: { port: 9000, path: '/minio/v2/metrics/cluster' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
  };
}
