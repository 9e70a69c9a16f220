import { Topic } from '../.gen/providers/kafka/topic';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import type { IGrantee, TopicGrant } from './grantee';

export type { TopicGrant } from './grantee';

export interface KafkaTopicProps {
  readonly name: string;
  readonly partitions: number;
  /** Must not exceed the broker count. */
  readonly replication: number;
  /** Retention in hours; -1 keeps forever. */
  readonly retentionHours: number;
  /** @default 'delete' */
  readonly cleanupPolicy?: 'delete' | 'compact';
  /** `prevent_destroy` (a topic holds data). @default false */
  readonly protect?: boolean;
  /** The healthy broker container. */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * A Kafka topic with explicit partitions, replication and retention. Access is handed out by
 * reference (`topic.grantRead(job)`, a service or a job) and recorded on the topic and on the
 * grantee. The single-node broker has no authorizer (PLAINTEXT listeners, no ACLs), so Kafka itself
 * does not enforce a grant (docs/core.md); the records are what the platform acts on: a job's
 * configuration names only the topics it was granted (SparkJob), and lineage is read from them.
 */
export class KafkaTopic extends Construct {
  readonly resource: Topic;
  readonly name: string;
  readonly partitions: number;
  readonly grants: TopicGrant[] = [];

  constructor(scope: Construct, id: string, props: KafkaTopicProps) {
    super(scope, id);
    this.name = props.name;
    this.partitions = props.partitions;
    const retentionMs = props.retentionHours === -1 ? '-1' : String(props.retentionHours * 3_600_000);
    this.resource = new Topic(this, 'Resource', {
      name: props.name,
      partitions: props.partitions,
      replicationFactor: props.replication,
      config: { 'retention.ms': retentionMs, 'cleanup.policy': props.cleanupPolicy ?? 'delete' },
      dependsOn: props.dependsOn ? [...props.dependsOn] : undefined,
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });
  }

  /** Lets `grantee` consume the topic; returns the recorded grant. */
  grantRead(grantee: IGrantee): TopicGrant {
    return this.grant(grantee, 'read');
  }

  /** Lets `grantee` produce to the topic; returns the recorded grant. */
  grantWrite(grantee: IGrantee): TopicGrant {
    return this.grant(grantee, 'write');
  }

  private grant(grantee: IGrantee, access: TopicGrant['access']): TopicGrant {
    const grant: TopicGrant = { kind: 'topic', topic: this, grantee, access };
    grantee.recordGrant(grant);
    this.grants.push(grant);
    return grant;
  }
}
