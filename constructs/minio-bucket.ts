import { IlmPolicy, IlmPolicyRule } from '../.gen/providers/minio/ilm-policy';
import { S3Bucket } from '../.gen/providers/minio/s3-bucket';
import { S3BucketVersioning } from '../.gen/providers/minio/s3-bucket-versioning';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakeBucket, LakeBucketProps } from './lake-bucket';

export interface MinioBucketProps extends LakeBucketProps {
  /** Wait for these (the healthy MinIO container) before any API call. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A MinIO bucket with versioning and an ILM policy for expiry. Buckets are never force-destroyed;
 * protected ones also carry `prevent_destroy`. Grants become statements of each user's policy
 * (see `MinioUser`).
 */
export class MinioBucket extends LakeBucket {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioning;
  readonly lifecycle?: IlmPolicy;
  /** Bucket name (token: depends on the bucket). */
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: MinioBucketProps) {
    super(scope, id, props);
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.name,
      forceDestroy: false,
      dependsOn,
      lifecycle: this.protect ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.versioning = new S3BucketVersioning(this, 'versioning', {
      bucket: this.bucket.bucket,
      versioningConfiguration: { status: this.versioned ? 'Enabled' : 'Suspended' },
    });
    const rules: IlmPolicyRule[] = [];
    if (this.expireDays !== undefined) {
      rules.push({ id: 'expire-current', status: 'Enabled', expiration: `${this.expireDays}d` });
    }
    if (this.noncurrentExpireDays !== undefined) {
      rules.push({ id: 'expire-noncurrent', status: 'Enabled', noncurrentExpiration: { days: `${this.noncurrentExpireDays}d` } });
    }
    if (rules.length > 0) {
      this.lifecycle = new IlmPolicy(this, 'lifecycle', { bucket: this.bucket.bucket, rule: rules });
    }
  }
}
