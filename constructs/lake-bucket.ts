import { Construct } from 'constructs';
import type { LakeIdentity } from './lake-identity';
import { ConstructError } from './construct-error';

/** What a bucket's settings are, whatever store enforces them. */
export interface LakeBucketProps {
  readonly name: string;
  /** Keep earlier versions of overwritten and deleted objects. @default true */
  readonly versioning?: boolean;
  /** Expire current objects after N days. @default - never */
  readonly expireDays?: number;
  /** Expire non-current versions after N days. @default - never */
  readonly noncurrentExpireDays?: number;
  /** Refuse to destroy the bucket (`prevent_destroy`, or the store's equivalent). @default false */
  readonly protect?: boolean;
}

export type LakeAccess = 'read' | 'write' | 'readwrite';

export interface LakeGrantOptions {
  /**
   * Also let the identity read the prefix's parent keys (`events` for `events/`) as objects: what
   * Hadoop's S3A client probes before it lists a "directory". @default false
   */
  readonly directoryProbes?: boolean;
}

/** One grant: an identity may read and/or write the objects under `prefix` of `bucket`. */
export interface LakeGrant {
  readonly bucket: LakeBucket;
  readonly identity: LakeIdentity;
  readonly access: LakeAccess;
  /** Object key prefix (`events/`); '' for the whole bucket. */
  readonly prefix: string;
  readonly directoryProbes: boolean;
}

/**
 * A data-lake bucket, on whichever object store the lake runs. Access is handed out by reference:
 * `lake.bronze.grantRead(identity, 'events/')` records the grant on both sides, and the store
 * renders each identity's grants into its own permission language (a MinIO policy, SeaweedFS
 * actions), granting exactly that and nothing broader.
 */
export abstract class LakeBucket extends Construct {
  /** Bucket name as a plain string. */
  readonly name: string;
  readonly versioned: boolean;
  readonly expireDays?: number;
  readonly noncurrentExpireDays?: number;
  readonly protect: boolean;
  readonly grants: LakeGrant[] = [];

  constructor(scope: Construct, id: string, props: LakeBucketProps) {
    super(scope, id);
    this.name = props.name;
    this.versioned = props.versioning !== false;
    this.expireDays = props.expireDays;
    this.noncurrentExpireDays = props.noncurrentExpireDays;
    this.protect = props.protect ?? false;
  }

  /** Bucket name for references inside Terraform (may be a token that orders on the bucket's creation). */
  abstract readonly bucketName: string;

  /** `s3a://bucket/prefix` for Spark. */
  s3aUri(prefix = ''): string {
    return `s3a://${this.name}/${prefix}`;
  }

  grantRead(identity: LakeIdentity, prefix = '', options: LakeGrantOptions = {}): void {
    this.grant(identity, 'read', prefix, options);
  }

  grantWrite(identity: LakeIdentity, prefix = '', options: LakeGrantOptions = {}): void {
    this.grant(identity, 'write', prefix, options);
  }

  grantReadWrite(identity: LakeIdentity, prefix = '', options: LakeGrantOptions = {}): void {
    this.grant(identity, 'readwrite', prefix, options);
  }

  private grant(identity: LakeIdentity, access: LakeAccess, prefix: string, options: LakeGrantOptions): void {
    if (prefix.startsWith('/') || prefix.includes('*')) {
      throw new ConstructError(this, `bucket "${this.name}": grant prefix "${prefix}" must be relative and without wildcards (e.g. "events/")`);
    }
    if (prefix !== '' && !prefix.endsWith('/')) {
      // A prefix without a trailing slash would also cover its siblings ("events" covers "events-old/").
      throw new ConstructError(this, `bucket "${this.name}": grant prefix "${prefix}" must end with "/" (e.g. "${prefix}/")`);
    }
    const grant: LakeGrant = { bucket: this, identity, access, prefix, directoryProbes: options.directoryProbes ?? false };
    this.grants.push(grant);
    identity.receive(grant);
  }
}

/** `a/b/` → `a`, `a/b`: the keys S3A probes as objects before it treats a prefix as a directory. */
export function parentKeys(prefix: string): string[] {
  const parts = prefix.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
