import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { DataGrant, GranteeKind, GrantLedger, IGrantee, LakeGrant } from './grantee';

/**
 * One consumer's identity in the data lake (a service, a job, the notebooks): an access key, a
 * generated secret key, and the S3 endpoint to use them on. Buckets grant access to the service or
 * job that holds the identity (`lake.gold.grantRead(streamlit)`), and the grant lands here; an
 * identity no service or job holds is a grantee itself (a consumer outside the platform). An
 * identity without grants can do nothing. Whatever store the lake runs on, consumers only ever see
 * these three values.
 */
export abstract class LakeIdentity extends Construct implements IGrantee {
  /** Identity name, unique per environment (also the access key). */
  abstract readonly name: string;
  /** Access key id (may be a token). */
  abstract readonly accessKey: string;
  /** Secret key (sensitive token), generated at apply time and kept in state only. */
  abstract readonly secretKey: string;
  /** S3 endpoint inside the platform network. */
  abstract readonly endpoint: string;
  /**
   * What a consumer in the identity's stack waits for before it uses the keys (the identity and
   * its permissions exist): `dependsOn` material. Empty when the store provisions identities in
   * its own stack, which every consumer's stack is deployed after.
   */
  abstract readonly ready: readonly ITerraformDependable[];
  readonly granteeKind: GranteeKind = 'consumer';
  private readonly received: LakeGrant[] = [];
  private readonly ledger = new GrantLedger();

  /** What buckets granted this identity (directly, or the service or job holding it), in grant order. */
  get grants(): readonly LakeGrant[] {
    return this.received;
  }

  get granteeName(): string {
    return this.name;
  }

  /** A bare identity's bucket grants go to itself. */
  get lakeIdentity(): LakeIdentity {
    return this;
  }

  /** Grants made to this identity as a grantee of its own (not through a service or job). */
  get dataGrants(): readonly DataGrant[] {
    return this.ledger.grants;
  }

  recordGrant(grant: DataGrant): void {
    this.ledger.record(grant);
    if (grant.kind === 'bucket') this.received.push(grant);
  }

  /** Called by `LakeBucket.grant*` for a grant to the service or job holding this identity. */
  receive(grant: LakeGrant): void {
    this.received.push(grant);
  }
}
