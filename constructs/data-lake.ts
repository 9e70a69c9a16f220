import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakeBucket } from './lake-bucket';
import { LakeUser } from './lake-user';
import { MinioConnection, useMinioProvider } from './stack-providers';

/** The buckets every DataLab platform has: the medallion layers and MLflow's artifact store. */
export const BUILTIN_BUCKETS = ['bronze', 'silver', 'gold', 'mlflow'] as const;
export type BuiltinBucket = (typeof BUILTIN_BUCKETS)[number];

export interface DataLakeBucketProps {
  readonly name: string;
  /** @default true */
  readonly versioning?: boolean;
  readonly expireDays?: number;
  readonly noncurrentExpireDays?: number;
}

export interface DataLakeProps {
  /** Bucket settings; the built-in buckets are added with defaults unless listed. */
  readonly buckets: readonly DataLakeBucketProps[];
  readonly protectData: boolean;
  /** How providers reach MinIO (host address, root credentials). */
  readonly connection: MinioConnection;
  /** S3 endpoint inside the platform network. */
  readonly endpoint: string;
  /** The healthy MinIO container(s). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The data-lake bucket set on MinIO. Buckets are addressed by reference (`lake.bronze`,
 * `lake.bucket('landing')`), and consumers get their own MinIO user with `lake.userFor(scope, id, name)`,
 * to which buckets grant access.
 */
export class DataLake extends Construct {
  readonly buckets: ReadonlyMap<string, LakeBucket>;
  readonly connection: MinioConnection;
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: DataLakeProps) {
    super(scope, id);
    useMinioProvider(this, props.connection);
    this.connection = props.connection;
    this.endpoint = props.endpoint;
    const byName = new Map<string, DataLakeBucketProps>();
    for (const name of BUILTIN_BUCKETS) byName.set(name, { name });
    for (const b of props.buckets) byName.set(b.name, b);
    const buckets = new Map<string, LakeBucket>();
    for (const b of byName.values()) {
      // The bucket name is the construct id: a bucket is its name, and renaming one means a new bucket.
      buckets.set(b.name, new LakeBucket(this, b.name, { ...b, protect: props.protectData, dependsOn: props.dependsOn }));
    }
    this.buckets = buckets;
  }

  get bronze(): LakeBucket {
    return this.bucket('bronze');
  }
  get silver(): LakeBucket {
    return this.bucket('silver');
  }
  get gold(): LakeBucket {
    return this.bucket('gold');
  }
  get mlflow(): LakeBucket {
    return this.bucket('mlflow');
  }

  bucket(name: string): LakeBucket {
    const b = this.buckets.get(name);
    if (!b) throw new Error(`the data lake has no bucket "${name}"; it has: ${[...this.buckets.keys()].join(', ')}`);
    return b;
  }

  /** A new MinIO identity for a consumer in `scope` (any stack). */
  userFor(scope: Construct, id: string, userName: string): LakeUser {
    return new LakeUser(scope, id, { name: userName, connection: this.connection, endpoint: this.endpoint });
  }
}
