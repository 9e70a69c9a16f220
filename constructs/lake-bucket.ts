import { Construct } from 'constructs';
import { ConstructError } from './construct-error';
import type { IGrantee, LakeGrant } from './grantee';

export type { LakeGrant } from './grantee';

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

/**
 * A data-lake bucket, on whichever object store the lake runs. Access is handed out by reference:
 * `lake.bronze.grantRead(job, 'events/')` records the grant on the bucket, on the grantee (a
 * service, a job, or a bare identity) and on the grantee's lake identity, and the store renders
 * each identity's grants into its own permission language (a MinIO policy, SeaweedFS actions),
 * granting exactly that and nothing broader.
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

  grantRead(grantee: IGrantee, prefix = '', options: LakeGrantOptions = {}): LakeGrant {
    return this.grant(grantee, 'read', prefix, options);
  }

  grantWrite(grantee: IGrantee, prefix = '', options: LakeGrantOptions = {}): LakeGrant {
    return this.grant(grantee, 'write', prefix, options);
  }

  grantReadWrite(grantee: IGrantee, prefix = '', options: LakeGrantOptions = {}): LakeGrant {
    return this.grant(grantee, 'readwrite', prefix, options);
  }

  private grant(grantee: IGrantee, access: LakeAccess, prefix: string, options: LakeGrantOptions): LakeGrant {
    const identity = grantee.lakeIdentity;
    if (!identity) {
      throw new ConstructError(this, `bucket "${this.name}": ${grantee.granteeKind} "${grantee.granteeName}" holds no lake identity to grant access to; give it one (a service: spec.lakeIdentity = lake.identityFor(...))`);
    }
    if (prefix.startsWith('/') || prefix.includes('*')) {
      throw new ConstructError(this, `bucket "${this.name}": grant prefix "${prefix}" must be relative and without wildcards (e.g. "events/")`);
    }
    if (prefix !== '' && !prefix.endsWith('/')) {
      // A prefix without a trailing slash would also cover its siblings ("events" covers "events-old/").
      throw new ConstructError(this, `bucket "${this.name}": grant prefix "${prefix}" must end with "/" (e.g. "${prefix}/")`);
    }
    const grant: LakeGrant = { kind: 'bucket', bucket: this, grantee, identity, access, prefix, directoryProbes: options.directoryProbes ?? false };
    grantee.recordGrant(grant);
    this.grants.push(grant);
    // A bare identity is its own grantee: record the grant once.
    if (identity !== grantee) identity.receive(grant);
    return grant;
  }
}

/** `a/b/` → `a`, `a/b`: the keys S3A probes as objects before it treats a prefix as a directory. */
export function parentKeys(prefix: string): string[] {
  const parts = prefix.split('/').filter(Boolean);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
