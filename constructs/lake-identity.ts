import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { LakeGrant } from './lake-bucket';

/**
 * One consumer's identity in the data lake (a service, a job, the notebooks): an access key, a
 * generated secret key, and the S3 endpoint to use them on. Buckets grant it access
 * (`lake.gold.grantRead(identity)`); an identity without grants can do nothing. Whatever store
 * the lake runs on, consumers only ever see these three values.
 */
export abstract class LakeIdentity extends Construct {
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
  private readonly received: LakeGrant[] = [];

  /** What buckets granted this identity, in grant order. */
  get grants(): readonly LakeGrant[] {
    return this.received;
  }

  /** Called by `LakeBucket.grant*`; a store renders `grants` into its permission language. */
  receive(grant: LakeGrant): void {
    this.received.push(grant);
  }
}
