/**
 * The environment file format (`config/<env>.yaml`). This is the only place that knows the YAML
 * shape; everything below `config/` receives the typed, defaulted result (`EnvConfig`).
 *
 * Every key is documented in docs/configuration.md; a test keeps the two in step.
 */
import { z } from 'zod';
import { mlSchemaFor } from './groups/ml';
import { monitoringSchema } from './groups/monitoring';
import { visualizationSchema } from './groups/visualization';
import { policySchema } from './policy';
import { processingSchema } from './groups/processing';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Service groups, in deployment order. Each one is a Terraform stack of the same name. */
export const GROUP_NAMES = ['core', 'processing', 'ml', 'visualization', 'monitoring'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

/** `repo/name:tag` or `repo/name:tag@sha256:…`; a tag is required and may not be `latest`. */
export const imageRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._\-/:]*:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(@sha256:[a-f0-9]{64})?$/, {
    message: 'expected a pinned image "registry/name:tag" (a tag is required)',
  })
  .refine((s) => !/:latest(@|$)/.test(s), { message: 'the tag "latest" is not pinned; name a version' });

const ipv4 = z.ipv4({ message: 'expected an IPv4 address such as 127.0.0.1' });

/** A port published on the Docker host. */
export const hostBindingSchema = z.strictObject({
  /** Host port. */
  port: z.int().min(1).max(65535),
  /** Host address; defaults to `network.publishAddress` (127.0.0.1). */
  address: ipv4.optional(),
});

/** A named Docker volume that holds a service's data. */
export const volumeSchema = z.strictObject({
  /** Docker volume name. Changing it replaces the volume (data loss). Default `datalab-<env>-<service>-<key>`. */
  name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/).optional(),
  /** Options for the `local` driver, e.g. `{type: none, o: bind, device: /srv/minio}`. */
  driverOpts: z.record(z.string(), z.string()).optional(),
});

interface ServiceShape<P extends string, V extends string> {
  /** Port names that may be published on the host. */
  readonly ports?: readonly P[];
  /** Volume keys the service mounts. */
  readonly volumes?: readonly V[];
  /** Whether the service may be switched off with `enabled: false`. */
  readonly optional?: boolean;
}

function keyed<K extends string, S extends z.ZodType>(keys: readonly K[], value: S) {
  const shape = Object.fromEntries(keys.map((k) => [k, value.optional()])) as Record<K, z.ZodOptional<S>>;
  return z.strictObject(shape);
}

/**
 * The target-neutral settings every service shares: image, resources, replicas, published ports and
 * volumes. Services list the port names and volume keys they have, so a misspelt one is rejected.
 */
export function serviceSchema<P extends string = never, V extends string = never>(shape: ServiceShape<P, V> = {}) {
  return z.strictObject({
    /** Pinned image reference. */
    image: imageRef,
    /** Memory limit in MiB (hard limit, no swap). */
    memoryMb: z.int().min(32).max(1_048_576),
    /** CPU limit in cores (e.g. 0.5, 2). Unset: no CPU limit. */
    cpus: z.number().positive().max(256).optional(),
    /** Number of identical containers. A service with data volumes runs exactly one. */
    replicas: (shape.volumes?.length
      ? z.int().refine((n) => n === 1, { message: `a service with data volumes (${shape.volumes.join(', ')}) runs exactly one replica` })
      : z.int().min(1).max(32)
    ).default(1),
    /** Host ports, by the service's port name. A port not listed is reachable only inside the network. */
    ports: keyed(shape.ports ?? [], hostBindingSchema).default({} as never),
    /** Volume overrides by key. */
    volumes: keyed(shape.volumes ?? [], volumeSchema).default({} as never),
    /** Seconds `cdktf deploy` waits for the container to become healthy on create. */
    waitTimeoutSeconds: z.int().min(10).max(3600).optional(),
    /** Allow host bindings on addresses other than loopback for this service. */
    public: z.boolean().default(false),
    /** Deploy this service (only optional services may be switched off). */
    enabled: shape.optional ? z.boolean().default(true) : z.literal(true).default(true),
  });
}
export type ServiceConfig = z.infer<ReturnType<typeof serviceSchema>>;
export type HostBinding = z.infer<typeof hostBindingSchema>;
export type VolumeConfig = z.infer<typeof volumeSchema>;

const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name: 3-63 of a-z 0-9 . -' });

export const bucketSchema = z.strictObject({
  name: bucketName,
  /** Keep old object versions. */
  versioning: z.boolean().default(true),
  /** Expire objects this many days after creation. Unset: keep. */
  expireDays: z.int().min(1).max(36_500).optional(),
  /** Expire non-current versions after this many days (needs versioning). */
  noncurrentExpireDays: z.int().min(1).max(36_500).optional(),
});
export type BucketConfig = z.infer<typeof bucketSchema>;

export const topicSchema = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, { message: 'expected a Kafka topic name: 1-249 of a-z A-Z 0-9 . _ -' }),
  partitions: z.int().min(1).max(10_000),
  replication: z.int().min(1).max(32).default(1),
  /** Retention in hours; -1 keeps forever. */
  retentionHours: z.int().min(-1).max(876_000).refine((v) => v !== 0, { message: 'use -1 for unlimited, or ≥ 1 hour' }),
  cleanupPolicy: z.enum(['delete', 'compact']).default('delete'),
});
export type TopicConfig = z.infer<typeof topicSchema>;

export const coreSchema = z.strictObject({
  minio: serviceSchema({ ports: ['api', 'console'], volumes: ['data'] }),
  kafka: serviceSchema({ ports: ['external'], volumes: ['data'] }).extend({
    /** JVM heap in MiB; must leave room inside memoryMb. */
    heapMb: z.int().min(128),
  }),
  consul: serviceSchema({ ports: ['http'], volumes: ['data'] }),
  consulEsm: serviceSchema(),
  kafkaUi: serviceSchema({ ports: ['http'], optional: true }),
  /** Buckets beyond (or settings for) the built-in bronze, silver, gold and mlflow. */
  buckets: z.array(bucketSchema).default([]),
  topics: z.array(topicSchema).default([]),
});
export type CoreConfig = z.infer<typeof coreSchema>;

/** Local state: one file per stack under `dir`. */
export const localStateSchema = z.strictObject({
  backend: z.literal('local').default('local'),
  /** Directory for state files, relative to the project root (one file per stack). */
  dir: z
    .string()
    .regex(/^[A-Za-z0-9._/-]+$/)
    .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !/^cdktf\.out(\/|$)/.test(p), {
      message: 'expected a relative path inside the project and outside cdktf.out',
    })
    .optional(),
});

/** Rejects a credential key with the fix, rather than a bare "unknown key". */
const noCredentials = z
  .unknown()
  .refine((v) => v === undefined, {
    message: 'credentials never go in config files: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) where terraform runs',
  })
  .optional();

/**
 * State in an S3-compatible bucket (MinIO, AWS S3, …): object `<keyPrefix>/<stack>.tfstate`.
 * Credentials never go here: Terraform reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE.
 */
export const s3StateSchema = z.strictObject({
  backend: z.literal('s3'),
  /** Bucket that holds the state objects; it must exist before `terraform init`. */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'expected an S3 bucket name: 3-63 of a-z 0-9 . -' }),
  /** S3 API endpoint, e.g. https://minio.example.org:9000. */
  endpoint: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://s3.example.org:9000' }),
  /** Object key prefix; default `datalab/<env>`. */
  keyPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, { message: 'expected a key prefix such as datalab/prod (no leading or trailing slash)' })
    .optional(),
  /** Region sent with requests; S3-compatible servers usually accept any. */
  region: z.string().min(1).default('us-east-1'),
  /** Path-style URLs (https://host/bucket), which MinIO and most self-hosted servers need. */
  pathStyle: z.boolean().default(true),
  /** S3-native state locking with a `.tflock` object (Terraform/OpenTofu ≥ 1.10). */
  useLockfile: z.boolean().default(false),
  /** DynamoDB table for state locking (the older mechanism). */
  dynamodbTable: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/).optional(),
  /** Not allowed: see `noCredentials`. */
  accessKey: noCredentials,
  /** Not allowed: see `noCredentials`. */
  secretKey: noCredentials,
});

export const stateSchema = z.discriminatedUnion('backend', [localStateSchema, s3StateSchema], {
  error: 'expected backend "local" or "s3"',
});
export type StateConfig = z.infer<typeof stateSchema>;

export const envConfigSchema = z
  .strictObject({
    /** Must equal the file name (dev, staging, prod). */
    environment: z.enum(ENVIRONMENTS),
    /** The Docker host this environment runs on: what the capacity check measures against. */
    host: z.strictObject({
      memoryMb: z.int().min(512),
      cpus: z.number().positive(),
    }),
    network: z
      .strictObject({
        /** Docker network name. Default `datalab-<env>`. */
        name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/).optional(),
        /** Address host ports bind to unless a binding names its own. */
        publishAddress: ipv4.default('127.0.0.1'),
      })
      .default({ publishAddress: '127.0.0.1' }),
    /** Protect volumes and buckets from `destroy` (Terraform `prevent_destroy`). */
    protectData: z.boolean().default(false),
    state: stateSchema.default({ backend: 'local' }),
    /** Service groups (stacks) this environment deploys. */
    groups: z.array(z.enum(GROUP_NAMES)).min(1),
    core: coreSchema,
    ml: mlSchemaFor(serviceSchema).optional(),
    // Getters: the group schemas are built from serviceSchema above, after this module has loaded.
    get visualization() { return visualizationSchema().optional(); },
    get monitoring() { return monitoringSchema().optional(); },
    /** Policy suppressions (docs/policy.md). */
    policy: policySchema.optional(),
    processing: processingSchema(serviceSchema, imageRef).optional(),
  });

export type EnvConfig = z.infer<typeof envConfigSchema>;
