/**
 * The environment file format (`config/<env>.yaml`). This is the only place that knows the YAML
 * shape; everything below `config/` receives the typed, defaulted result (`EnvConfig`).
 *
 * Every key is documented in docs/configuration.md; a test keeps the two in step.
 */
import { z } from 'zod';
import { buildMirrorsSchema } from './build-mirrors';
import { mlSchema } from './groups/ml';
import { monitoringSchema } from './groups/monitoring';
import { processingSchema } from './groups/processing';
import { visualizationSchema } from './groups/visualization';
import { policySchema } from './policy';
import { ENVIRONMENTS, GROUP_NAMES } from './names';
import { ipv4, serviceSchema } from './service-schema';

export * from './service-schema';

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

/** The object stores the data lake can run on (docs/object-store.md compares them). */
export const OBJECT_STORES = ['minio', 'seaweedfs'] as const;
export type ObjectStoreKind = (typeof OBJECT_STORES)[number];

export const coreSchema = z.strictObject({
  /** Which object store serves the data lake; its section (`core.minio` or `core.seaweedfs`) sizes it. */
  objectStore: z.enum(OBJECT_STORES).default('minio'),
  /** MinIO (AGPL-3.0): the object store when `objectStore: minio`. */
  minio: serviceSchema({ ports: ['api', 'console'], volumes: ['data'] }).optional(),
  /** SeaweedFS (Apache-2.0): master, volume, filer and S3 gateway in one container when `objectStore: seaweedfs`. */
  seaweedfs: serviceSchema({ ports: ['s3'], volumes: ['data'] })
    .extend({
      /** Size at which a volume file is full and a new one is started, in MiB. */
      volumeSizeLimitMb: z.int().min(64).max(30_000).default(1024),
    })
    .optional(),
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
    /** Package mirrors every project image build uses instead of PyPI, npm and Maven Central (docs/configuration.md). */
    buildMirrors: buildMirrorsSchema.optional(),
    /** Service groups (stacks) this environment deploys. */
    groups: z.array(z.enum(GROUP_NAMES)).min(1),
    core: coreSchema,
    processing: processingSchema.optional(),
    ml: mlSchema.optional(),
    visualization: visualizationSchema.optional(),
    monitoring: monitoringSchema.optional(),
    /** Policy suppressions (docs/policy.md). */
    policy: policySchema.optional(),
  });

export type EnvConfig = z.infer<typeof envConfigSchema>;
