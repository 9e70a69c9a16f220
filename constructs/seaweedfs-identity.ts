import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { LakeGrant, parentKeys } from './lake-bucket';
import { LakeIdentity } from './lake-identity';

export interface SeaweedfsIdentityProps {
  /** Identity name and access key; unique per environment. */
  readonly name: string;
  /** Token: the generated secret key (owned by the lake, in the store's stack). */
  readonly secretKey: string;
  /** S3 endpoint inside the platform network. */
  readonly endpoint: string;
}

/**
 * A lake identity on SeaweedFS's S3 gateway: an access key, a secret generated in the store's
 * stack, and the action list its grants add up to. The store's provisioner imports every
 * identity in one step (see `SeaweedfsLake`); this construct holds no resource of its own.
 */
export class SeaweedfsIdentity extends LakeIdentity {
  readonly name: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly endpoint: string;
  /** Provisioned by the store's stack, which consumers' stacks are deployed after. */
  readonly ready: readonly ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: SeaweedfsIdentityProps) {
    super(scope, id);
    this.name = props.name;
    this.accessKey = props.name;
    this.secretKey = props.secretKey;
    this.endpoint = props.endpoint;
  }

  /** The gateway's actions for this identity's grants (see `seaweedfsActions`). */
  get actions(): readonly string[] {
    return seaweedfsActions(this.grants);
  }
}

/**
 * An action on no bucket that exists: what an identity without grants gets, so it authenticates
 * and can do nothing (an empty list would hand the decision to the gateway's IAM fallback).
 */
export const NO_ACCESS_ACTION = 'Read:datalab-no-access';

/**
 * The actions SeaweedFS 4.53 checks (weed/s3api/s3_constants/s3_actions.go). `Rea?` below relies on
 * `Read` being the only four-letter action that starts with "Rea"; a test keeps that true.
 */
export const SEAWEEDFS_ACTIONS = [
  'Read', 'ReadAcp', 'Write', 'WriteAcp', 'Admin', 'Tagging', 'List', 'DeleteBucket',
  'BypassGovernanceRetention', 'GetObjectRetention', 'PutObjectRetention', 'GetObjectLegalHold', 'PutObjectLegalHold',
  'GetBucketObjectLockConfiguration', 'PutBucketObjectLockConfiguration', 'PutBucketPolicy', 'DeleteBucketPolicy',
  'PutBucketCors', 'DeleteBucketCors', 'PutBucketVersioning', 'PutBucketQuota', 'GetBucketQuota',
  'ListBucketMultipartUploads', 'ListMultipartUploadParts',
] as const;

/**
 * Grants as SeaweedFS actions, identical ones merged, in grant order. The gateway
 * (`Identity.CanDo`, weed/s3api/auth_credentials.go) compares a grant without wildcards to
 * `Action:bucket` only, and glob-matches one with `*`/`?` against `Action:bucket/key`, where `*`
 * also crosses `/`. So:
 * - a whole bucket is `Read:b`, `List:b` and `Write:b/*` (a bare `Write:b` would also match
 *   requests on the bucket itself, which MinIO's object-only statements do not allow);
 * - a prefix `p/` is `Read:b/p/*`, `List:b/p/*` (listing is matched on the request's `prefix`, so
 *   only listings inside `p/` pass), `Write:b/p/*` (put, delete and every multipart step);
 * - an exact key (S3A's directory probe of `p`) needs a pattern that matches that key alone:
 *   `Rea?:b/p` (the `?` makes it a pattern; only `Read` fills it).
 */
export function seaweedfsActions(grants: readonly LakeGrant[]): string[] {
  const out: string[] = [];
  const add = (a: string) => {
    if (!out.includes(a)) out.push(a);
  };
  for (const g of grants) {
    const b = g.bucket.name;
    const scope = g.prefix ? `${b}/${g.prefix}*` : b;
    if (g.access !== 'write') {
      add(`Read:${scope}`);
      add(`List:${scope}`);
    }
    if (g.access !== 'read') add(`Write:${g.prefix ? scope : `${b}/*`}`);
    if (g.directoryProbes) for (const k of parentKeys(g.prefix)) add(`Rea?:${b}/${k}`);
  }
  return out.length > 0 ? out : [NO_ACCESS_ACTION];
}
