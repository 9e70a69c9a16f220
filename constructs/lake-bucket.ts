import { IlmPolicy, IlmPolicyRule } from '../.gen/providers/minio/ilm-policy';
import { S3Bucket } from '../.gen/providers/minio/s3-bucket';
import { S3BucketVersioning } from '../.gen/providers/minio/s3-bucket-versioning';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakeUser } from './lake-user';

export interface LakeBucketProps {
  readonly name: string;
  /** @default true */
  readonly versioning?: boolean;
  /** Expire current objects after N days. @default - never */
  readonly expireDays?: number;
  /** Expire non-current versions after N days. @default - never */
  readonly noncurrentExpireDays?: number;
  /** `prevent_destroy` on the bucket. @default false */
  readonly protect?: boolean;
  /** Wait for these (the healthy MinIO container) before any API call. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

export type LakeAccess = 'read' | 'write' | 'readwrite';

/** What one grant gave, recorded for documentation, diagrams and tests. */
export interface LakeGrant {
  readonly bucket: LakeBucket;
  readonly user: LakeUser;
  readonly access: LakeAccess;
  readonly prefix: string;
}

const READ_OBJECT = ['s3:GetObject'];
const WRITE_OBJECT = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];

/**
 * A MinIO bucket with versioning and lifecycle, that hands out least-privilege access by reference:
 * `lake.bronze.grantRead(user, 'events/')` adds exactly the statements needed to read that prefix
 * to the user's policy. Buckets are never force-destroyed; in protected environments they also
 * carry `prevent_destroy`.
 */
export class LakeBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning: S3BucketVersioning;
  readonly lifecycle?: IlmPolicy;
  /** Bucket name (token: depends on the bucket). */
  readonly bucketName: string;
  /** Bucket name as a plain string, for URIs built at synth time. */
  readonly name: string;
  readonly grants: LakeGrant[] = [];

  constructor(scope: Construct, id: string, props: LakeBucketProps) {
    super(scope, id);
    this.name = props.name;
    const dependsOn = props.dependsOn ? [...props.dependsOn] : undefined;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.name,
      forceDestroy: false,
      dependsOn,
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
    this.bucketName = this.bucket.bucket;
    this.versioning = new S3BucketVersioning(this, 'versioning', {
      bucket: this.bucket.bucket,
      versioningConfiguration: { status: props.versioning === false ? 'Suspended' : 'Enabled' },
    });
    const rules: IlmPolicyRule[] = [];
    if (props.expireDays !== undefined) {
      rules.push({ id: 'expire-current', status: 'Enabled', expiration: `${props.expireDays}d` });
    }
    if (props.noncurrentExpireDays !== undefined) {
      rules.push({ id: 'expire-noncurrent', status: 'Enabled', noncurrentExpiration: { days: `${props.noncurrentExpireDays}d` } });
    }
    if (rules.length > 0) {
      this.lifecycle = new IlmPolicy(this, 'lifecycle', { bucket: this.bucket.bucket, rule: rules });
    }
  }

  /** `s3a://bucket/prefix` for Spark. */
  s3aUri(prefix = ''): string {
    return `s3a://${this.name}/${prefix}`;
  }

  grantRead(user: LakeUser, prefix = ''): void {
    this.grant(user, 'read', prefix);
  }

  grantWrite(user: LakeUser, prefix = ''): void {
    this.grant(user, 'write', prefix);
  }

  grantReadWrite(user: LakeUser, prefix = ''): void {
    this.grant(user, 'readwrite', prefix);
  }

  private grant(user: LakeUser, access: LakeAccess, prefix: string): void {
    if (prefix.startsWith('/') || prefix.includes('*')) {
      throw new Error(`bucket "${this.name}": grant prefix "${prefix}" must be relative and without wildcards (e.g. "events/")`);
    }
    this.grants.push({ bucket: this, user, access, prefix });
    const bucketArn = `arn:aws:s3:::${this.name}`;
    const objects = `${bucketArn}/${prefix}*`;
    const list: Omit<PolicyStatementLike, 'Condition'> = { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [bucketArn] };
    user.addStatement(prefix ? { ...list, Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : list);
    const actions = access === 'read' ? READ_OBJECT : access === 'write' ? WRITE_OBJECT : [...READ_OBJECT, ...WRITE_OBJECT];
    user.addStatement({ Effect: 'Allow', Action: actions, Resource: [objects] });
    if (access !== 'read') {
      user.addStatement({ Effect: 'Allow', Action: ['s3:ListBucketMultipartUploads'], Resource: [bucketArn] });
    }
  }
}

type PolicyStatementLike = Parameters<LakeUser['addStatement']>[0];
