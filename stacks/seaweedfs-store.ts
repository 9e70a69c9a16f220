/**
 * The lake on SeaweedFS: one `weed server` container (master, volume server, filer and S3 gateway
 * on one named volume) and one provisioning step that applies the lake's desired state. SeaweedFS
 * has no Terraform provider, so buckets, versioning, expiry and identities are declared as files
 * that a one-shot container of the same image applies with `weed shell`, re-run whenever they (or
 * the server container) change.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Lazy, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { CoreConfig } from '../config/schema';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { SeaweedfsLake } from '../constructs/seaweedfs-lake';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { RunAs } from '../constructs/hardening';
import type { ObjectStore, ObjectStoreProps } from './object-store';
import { portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';

/** The gateway's bootstrap administrator (a static identity; the secret is generated). */
export const SEAWEEDFS_ADMIN_USER = 'datalab-admin';
export const SEAWEEDFS_S3_PORT = 8333;
export const SEAWEEDFS_METRICS_PORT = 9324;
/** The image's seaweed user and group (fixed ids in its Dockerfile), which own /data. */
export const SEAWEEDFS_UID = 1000;
export const SEAWEEDFS_GID = 1000;

const PROVISION_SCRIPT = path.join(__dirname, 'seaweedfs-provision.sh');

/**
 * The static S3 config: only the administrator, its secret read from the environment (SeaweedFS
 * expands `${VAR}` in static credentials), so the file holds no secret. A configured identity
 * switches authentication on from the first request: the gateway is never open.
 */
export const SEAWEEDFS_STATIC_CONFIG = JSON.stringify(
  {
    identities: [
      {
        name: SEAWEEDFS_ADMIN_USER,
        credentials: [{ accessKey: SEAWEEDFS_ADMIN_USER, secretKey: '${DATALAB_S3_ADMIN_SECRET_KEY}' }],
        actions: ['Admin'],
      },
    ],
  },
  null,
  2,
);

export function deploySeaweedfs(scope: Construct, props: ObjectStoreProps): ObjectStore {
  const { context: ctx, core } = props;
  const common = { environment: ctx.environment, protectData: props.protectData, network: props.network };
  const adminSecret = new GeneratedSecret(scope, 'seaweedfs-admin-secret');
  const server = new DockerService(scope, 'seaweedfs', { ...common, spec: serverSpec(ctx, core, adminSecret.value) });
  const lake = new SeaweedfsLake(scope, 'lake', {
    buckets: core.buckets,
    protectData: props.protectData,
    endpoint: server.internalUrl('s3'),
    admin: { url: server.hostUrl('s3'), user: SEAWEEDFS_ADMIN_USER, password: adminSecret.value },
  });

  new DockerService(scope, 'seaweedfs-provisioner', {
    ...common,
    image: server.image,
    networkNamespaceOf: server.containers[0],
    dependsOn: server.dependable,
    spec: {
      name: 'seaweedfs-provisioner',
      group: 'core',
      image: server.spec.image,
      entrypoint: ['/bin/sh'],
      command: ['/provision/provision.sh'],
      env: {
        DATALAB_PROTECT_DATA: String(props.protectData),
        DATALAB_S3_ADMIN_USER: SEAWEEDFS_ADMIN_USER,
        DATALAB_S3_ADMIN_SECRET_KEY: adminSecret.value,
      },
      // Any change to these files re-creates the container, so the step re-runs exactly when the
      // desired state changes.
      files: [
        // Literal text: its `${VAR}` and `%{…}` are the shell's and curl's (escaped by DockerService).
        { path: '/provision/provision.sh', content: fs.readFileSync(PROVISION_SCRIPT, 'utf8'), executable: true },
        { path: '/provision/identities.json', content: Lazy.stringValue({ produce: () => lake.identitiesDocument() }) },
        { path: '/provision/keys.txt', content: Lazy.stringValue({ produce: () => lake.keysDocument() }) },
        { path: '/provision/buckets.txt', content: lake.bucketsDocument() },
      ],
      // As the server's user; it writes only response bodies and request documents to /tmp.
      hardening: {
        runAs: RunAs.user(SEAWEEDFS_UID, SEAWEEDFS_GID),
        scratch: [{ path: '/tmp', purpose: 'S3 response bodies and request documents of the provisioning script, weed shell history', sizeMb: 16 }],
      },
      resources: { memoryMb: 128 },
      oneShot: true,
    },
  });

  new TerraformOutput(scope, 'lake_s3_url', { value: server.hostUrl('s3') ?? 'not published', description: 'SeaweedFS S3 API on the Docker host' });
  new TerraformOutput(scope, 'lake_admin_user', { value: SEAWEEDFS_ADMIN_USER, description: 'SeaweedFS S3 administrator (access key)' });
  new TerraformOutput(scope, 'lake_admin_password', { value: adminSecret.value, sensitive: true, description: 'SeaweedFS S3 administrator secret key' });
  return { server, s3Port: 's3', lake };
}

function serverSpec(ctx: ServiceContext, core: CoreConfig, adminSecret: string): ServiceSpec {
  const cfg = core.seaweedfs;
  if (!cfg) throw new Error('core.seaweedfs is missing (the config checks should have refused this file)');
  return {
    name: 'seaweedfs',
    group: 'core',
    image: cfg.image,
    // The image's entrypoint adds `-dir=/data -volume.max=0 -master.volumeSizeLimitMB=1024` first;
    // later flags win. Master, volume server and filer listen on loopback only (the provisioner
    // shares this container's network namespace); the S3 gateway and metrics on every address.
    command: [
      'server',
      '-ip=127.0.0.1',
      '-ip.bind=127.0.0.1',
      '-s3',
      `-s3.port=${SEAWEEDFS_S3_PORT}`,
      '-s3.ip.bind=0.0.0.0',
      '-s3.config=/etc/seaweedfs/s3.json',
      // Buckets are created by the provisioner only, never by an upload to a missing bucket.
      '-s3.autoCreateBucket=false',
      // DeleteBucket refuses a bucket that holds objects (the default differs between releases):
      // the provisioner relies on it never to delete data with a bucket.
      '-s3.allowDeleteBucketNotEmpty=false',
      '-s3.port.iceberg=0',
      '-s3.port.lance=0',
      `-master.volumeSizeLimitMB=${cfg.volumeSizeLimitMb}`,
      // On by default: reports cluster statistics to a SeaweedFS server.
      '-master.telemetry=false',
      `-metricsPort=${SEAWEEDFS_METRICS_PORT}`,
      '-metricsIp=0.0.0.0',
    ],
    env: { DATALAB_S3_ADMIN_SECRET_KEY: adminSecret },
    // `${DATALAB_S3_ADMIN_SECRET_KEY}` is SeaweedFS's placeholder, written as it is.
    files: [{ path: '/etc/seaweedfs/s3.json', content: SEAWEEDFS_STATIC_CONFIG }],
    // Started as seaweed, the entrypoint skips its chown of /data and su-exec (both need root).
    hardening: {
      runAs: RunAs.user(SEAWEEDFS_UID, SEAWEEDFS_GID),
      scratch: [{ path: '/tmp', purpose: "the filer's and volume server's local Unix sockets (fatal when they cannot be created) and temporary files", sizeMb: 64 }],
    },
    ports: portsFor(ctx, cfg, [{ name: 's3', containerPort: SEAWEEDFS_S3_PORT }]),
    volumes: volumesFor(ctx, 'seaweedfs', cfg, { data: '/data' }),
    // Healthy when the master has a leader and the filer and the S3 gateway answer; `curl` ships in the image.
    probe: Probe.shell(
      `curl -fsS -o /dev/null http://127.0.0.1:9333/cluster/healthz && curl -fsS -o /dev/null http://127.0.0.1:8888/healthz && curl -fsS -o /dev/null http://127.0.0.1:${SEAWEEDFS_S3_PORT}/healthz`,
      { reachableAt: { port: SEAWEEDFS_S3_PORT, scheme: 'http', path: '/healthz' }, startPeriodSeconds: 15 },
    ),
    metrics: { port: SEAWEEDFS_METRICS_PORT, path: '/metrics' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
    stopGraceSeconds: 30,
  };
}
