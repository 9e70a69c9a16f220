import { Topic } from '../.gen/providers/kafka/topic';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

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

/** What a consumer was given access to, recorded for docs, diagrams and tests. */
export interface TopicGrant {
  readonly topic: KafkaTopic;
  readonly consumer: string;
  readonly access: 'read' | 'write';
}

/**
 * A Kafka topic with explicit partitions, replication and retention. Access is handed out by
 * reference (`topic.grantRead('bronze-ingest')`) and recorded; the single-node broker has no
 * authorizer, so the grant is not enforced by Kafka (see docs/core.md).
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

  grantRead(consumer: string): void {
    this.grants.push({ topic: this, consumer, access: 'read' });
  }

  grantWrite(consumer: string): void {
    this.grants.push({ topic: this, consumer, access: 'write' });
  }
}
