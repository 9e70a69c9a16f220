import { Construct } from 'constructs';
import type { LakeBucket, LakeBucketProps } from './lake-bucket';
import type { LakeIdentity } from './lake-identity';
import { BUILTIN_BUCKETS } from '../config/names';
import { ConstructError } from './construct-error';

// Defined with the config names: the config checks resolve job references against them too.
export { BUILTIN_BUCKETS, type BuiltinBucket } from '../config/names';

/** How an operator reaches the lake from the Docker host, as the store's administrator. */
export interface LakeAdminAccess {
  /** `http://127.0.0.1:9000`, or undefined when the S3 port is not published on the host. */
  readonly url?: string;
  readonly user: string;
  /** Token: the administrator's secret (sensitive; a stack output carries it). */
  readonly password: string;
}

/** The store's capacity as Prometheus sees it (PromQL over the store's own metrics). */
export interface LakeCapacityMetrics {
  /** Usable bytes in total. */
  readonly totalBytes: string;
  /** Usable bytes free. */
  readonly freeBytes: string;
  /** Where the numbers come from, for the dashboard panel's description. */
  readonly source: string;
}

/**
 * The data lake: a set of buckets on an object store, addressed by reference (`lake.bronze`,
 * `lake.bucket('landing')`), and one identity per consumer (`lake.identityFor(scope, id, name)`),
 * to which buckets grant access. Subclasses put it on a store (MinIO, SeaweedFS); nothing that
 * uses a lake needs to know which.
 */
export abstract class DataLake extends Construct {
  /** S3 endpoint inside the platform network. */
  abstract readonly endpoint: string;
  /** The administrator's access, for operators and `datalab verify`. */
  abstract readonly admin: LakeAdminAccess;
  /** Capacity queries for dashboards. */
  abstract readonly capacity: LakeCapacityMetrics;
  private readonly byName = new Map<string, LakeBucket>();

  /** The buckets: the built-in ones with defaults unless configured, then the configured ones. */
  get buckets(): ReadonlyMap<string, LakeBucket> {
    return this.byName;
  }

  protected addBuckets(configured: readonly LakeBucketProps[], make: (props: LakeBucketProps) => LakeBucket): void {
    const props = new Map<string, LakeBucketProps>();
    for (const name of BUILTIN_BUCKETS) props.set(name, { name });
    for (const b of configured) props.set(b.name, b);
    for (const p of props.values()) this.byName.set(p.name, make(p));
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
    const b = this.byName.get(name);
    if (!b) throw new ConstructError(this, `the data lake has no bucket "${name}"; it has: ${[...this.byName.keys()].join(', ')}`);
    return b;
  }

  /** A new identity for a consumer in `scope` (any stack); `name` is unique per environment. */
  abstract identityFor(scope: Construct, id: string, name: string): LakeIdentity;
}
