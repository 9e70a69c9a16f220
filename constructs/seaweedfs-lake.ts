import { Construct } from 'constructs';
import { DataLake, LakeAdminAccess, LakeCapacityMetrics } from './data-lake';
import { GeneratedSecret } from './generated-secret';
import { LakeBucket, LakeBucketProps } from './lake-bucket';
import { SeaweedfsIdentity } from './seaweedfs-identity';
import { ConstructError } from './construct-error';

export interface SeaweedfsLakeProps {
  /** Bucket settings; the built-in buckets are added with defaults unless listed. */
  readonly buckets: readonly LakeBucketProps[];
  readonly protectData: boolean;
  /** S3 endpoint inside the platform network (`http://seaweedfs:8333`). */
  readonly endpoint: string;
  /** The bootstrap administrator (a static identity of the gateway). */
  readonly admin: LakeAdminAccess;
}

/** A SeaweedFS bucket: a directory under the filer's `/buckets`, created by the lake's provisioner. */
export class SeaweedfsBucket extends LakeBucket {
  readonly bucketName: string;

  constructor(scope: Construct, id: string, props: LakeBucketProps) {
    super(scope, id, props);
    this.bucketName = props.name;
    // What the store cannot enforce is refused rather than silently ignored (docs/object-store.md).
    if (this.noncurrentExpireDays !== undefined) {
      throw new ConstructError(this, `bucket "${this.name}": SeaweedFS does not expire non-current versions; remove noncurrentExpireDays (got ${this.noncurrentExpireDays})`);
    }
    if (this.expireDays !== undefined && this.versioned) {
      throw new ConstructError(this, `bucket "${this.name}": SeaweedFS expires objects only in unversioned buckets (a path TTL would also cut old versions short); set versioning: false or remove expireDays`);
    }
  }
}

/**
 * The data lake on SeaweedFS. SeaweedFS has no Terraform provider, so the lake is declared as the
 * desired state that one provisioning step applies (see stacks/seaweedfs-store.ts): the complete
 * identity set with the actions rendered from the grants, and the buckets with versioning and
 * expiry. Identity secrets are generated here, in the store's stack, whatever stack the consumer
 * is in: the provisioner needs them all, and a consumer reads its own as a cross-stack reference.
 */
export class SeaweedfsLake extends DataLake {
  readonly endpoint: string;
  readonly admin: LakeAdminAccess;
  readonly protectData: boolean;
  readonly capacity: LakeCapacityMetrics = {
    // The volume server's disk (weed/stats/metrics.go: SeaweedFS_volumeServer_resource{name=<dir>, type=all|used|free|avail}).
    totalBytes: 'max(SeaweedFS_volumeServer_resource{type="all"})',
    freeBytes: 'max(SeaweedFS_volumeServer_resource{type="free"})',
    source: 'SeaweedFS volume server metrics (SeaweedFS_volumeServer_resource)',
  };
  private readonly identities = new Map<string, SeaweedfsIdentity>();

  constructor(scope: Construct, id: string, props: SeaweedfsLakeProps) {
    super(scope, id);
    this.endpoint = props.endpoint;
    this.admin = props.admin;
    this.protectData = props.protectData;
    // The bucket name is the construct id, as on every store.
    this.addBuckets(props.buckets, (b) => new SeaweedfsBucket(this, b.name, { ...b, protect: props.protectData }));
  }

  identityFor(scope: Construct, id: string, name: string): SeaweedfsIdentity {
    if (this.identities.has(name)) throw new ConstructError(this, `lake identity "${name}" exists already (at ${this.identities.get(name)!.node.path}); identity names are unique per environment`);
    if (name === this.admin.user) throw new ConstructError(this, `lake identity "${name}" is the administrator's name; pick another`);
    // The secret's id is derived from the identity name: it stays with the identity across refactors.
    const secret = new GeneratedSecret(this, `identity-${name}`);
    const identity = new SeaweedfsIdentity(scope, id, { name, secretKey: secret.value, endpoint: this.endpoint });
    this.identities.set(name, identity);
    return identity;
  }

  /** Every identity, in creation order. */
  get allIdentities(): readonly SeaweedfsIdentity[] {
    return [...this.identities.values()];
  }

  /**
   * The identity set as `weed shell s3.iam.import` reads it (the gateway's S3ApiConfiguration JSON).
   * It replaces every dynamic identity; the administrator is a static identity of the server and
   * is not part of it.
   */
  identitiesDocument(): string {
    return JSON.stringify({
      identities: this.allIdentities.map((i) => ({
        name: i.name,
        credentials: [{ accessKey: i.accessKey, secretKey: i.secretKey }],
        actions: i.actions,
      })),
    });
  }

  /** One line per bucket: `<name> <Enabled|Suspended> <expire days, 0 for never>`, for the provisioner. */
  bucketsDocument(): string {
    return [...this.buckets.values()].map((b) => `${b.name} ${b.versioned ? 'Enabled' : 'Suspended'} ${b.expireDays ?? 0}\n`).join('');
  }

  /** One line per identity: `<access key> <secret key>`: the provisioner waits until each one signs in. */
  keysDocument(): string {
    return this.allIdentities.map((i) => `${i.accessKey} ${i.secretKey}\n`).join('');
  }
}
