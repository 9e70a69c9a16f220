/**
 * Who is given access to data. Buckets and topics hand out access by reference only
 * (`lake.gold.grantRead(streamlit)`, `topic.grantRead(job)`), and every grant is recorded on both
 * sides: on the bucket or topic, and on the grantee. Lineage (`npx datalab diagram`), a job's
 * configuration and the lake's permissions are all read from these records, never from names or
 * from the text of a container's environment.
 */
import type { IConstruct } from 'constructs';
import type { KafkaTopic } from './kafka-topic';
import type { LakeAccess, LakeBucket } from './lake-bucket';
import type { LakeIdentity } from './lake-identity';

/** A long-running service, a run-to-completion job, or a bare lake identity used outside the platform. */
export type GranteeKind = 'service' | 'job' | 'consumer';

/**
 * Something that can be given access to buckets and topics: a service (`IService`), a job
 * (`SparkJob`), or a lake identity no service or job holds (a consumer outside the platform).
 */
export interface IGrantee extends IConstruct {
  /** Name shown in lineage and messages (the service name, `job-<name>`, the identity name). */
  readonly granteeName: string;
  readonly granteeKind: GranteeKind;
  /**
   * The identity whose permissions bucket grants become (the store renders them).
   * @default - none: granting this grantee a bucket is an error
   */
  readonly lakeIdentity?: LakeIdentity;
  /** Every grant received, buckets and topics, in grant order. */
  readonly dataGrants: readonly DataGrant[];
  /** Called by `LakeBucket.grant*` and `KafkaTopic.grant*` (which record the grant themselves too). */
  recordGrant(grant: DataGrant): void;
}

/** One bucket grant: the grantee may read and/or write the objects under `prefix` of `bucket`. */
export interface LakeGrant {
  readonly kind: 'bucket';
  readonly bucket: LakeBucket;
  readonly grantee: IGrantee;
  /** The identity the grant is rendered into: the grantee's `lakeIdentity`. */
  readonly identity: LakeIdentity;
  readonly access: LakeAccess;
  /** Object key prefix (`events/`); '' for the whole bucket. */
  readonly prefix: string;
  readonly directoryProbes: boolean;
}

/** One topic grant: the grantee may consume (`read`) or produce to (`write`) the topic. */
export interface TopicGrant {
  readonly kind: 'topic';
  readonly topic: KafkaTopic;
  readonly grantee: IGrantee;
  readonly access: 'read' | 'write';
}

export type DataGrant = LakeGrant | TopicGrant;

/** The list a grantee keeps its grants in: a field of every `IGrantee` implementation. */
export class GrantLedger {
  private readonly list: DataGrant[] = [];

  get grants(): readonly DataGrant[] {
    return this.list;
  }

  record(grant: DataGrant): void {
    this.list.push(grant);
  }
}
