import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, LakeAdminAccess, LakeCapacityMetrics } from './data-lake';
import { LakeBucketProps } from './lake-bucket';
import { MinioBucket } from './minio-bucket';
import { MinioUser } from './minio-user';
import { MinioConnection, useMinioProvider } from './stack-providers';

export interface MinioLakeProps {
  /** Bucket settings; the built-in buckets are added with defaults unless listed. */
  readonly buckets: readonly LakeBucketProps[];
  readonly protectData: boolean;
  /** How providers reach MinIO (host address, root credentials). */
  readonly connection: MinioConnection;
  /** S3 endpoint inside the platform network. */
  readonly endpoint: string;
  /** The healthy MinIO container(s). */
  readonly dependsOn: readonly ITerraformDependable[];
}

/**
 * The data lake on MinIO, managed by the minio provider: buckets with versioning and ILM expiry,
 * and one IAM user per consumer whose single policy is rendered from its grants. Consumer users
 * live in the consumer's stack, which configures its own minio provider from core's outputs.
 */
export class MinioLake extends DataLake {
  readonly connection: MinioConnection;
  readonly endpoint: string;
  readonly admin: LakeAdminAccess;
  readonly capacity: LakeCapacityMetrics = {
    totalBytes: 'max(minio_cluster_capacity_usable_total_bytes)',
    freeBytes: 'max(minio_cluster_capacity_usable_free_bytes)',
    source: 'MinIO cluster metrics (/minio/v2/metrics/cluster)',
  };

  constructor(scope: Construct, id: string, props: MinioLakeProps) {
    super(scope, id);
    useMinioProvider(this, props.connection);
    this.connection = props.connection;
    this.endpoint = props.endpoint;
    this.admin = { url: `http://${props.connection.server}`, user: props.connection.user, password: props.connection.password };
    // The bucket name is the construct id: a bucket is its name, and renaming one means a new bucket.
    this.addBuckets(props.buckets, (b) => new MinioBucket(this, b.name, { ...b, protect: props.protectData, dependsOn: props.dependsOn }));
  }

  identityFor(scope: Construct, id: string, name: string): MinioUser {
    return new MinioUser(scope, id, { name, connection: this.connection, endpoint: this.endpoint });
  }
}
