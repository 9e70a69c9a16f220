import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { KafkaTopic, KafkaTopicProps } from './kafka-topic';
import { ConstructError } from './construct-error';

export interface KafkaClusterProps {
  /** `kafka:19092`: the listener containers use. */
  readonly bootstrapInternal: string;
  /** `127.0.0.1:9092`: the listener host tools (and Terraform) use. */
  readonly bootstrapHost: string;
  readonly brokers: number;
  readonly protectData: boolean;
  /** The healthy broker container. */
  readonly dependsOn: readonly ITerraformDependable[];
}

/** The Kafka cluster as other constructs see it: where to connect and which topics exist. */
export class KafkaCluster extends Construct {
  readonly bootstrapInternal: string;
  readonly bootstrapHost: string;
  readonly brokers: number;
  private readonly topicsByName = new Map<string, KafkaTopic>();
  private readonly props: KafkaClusterProps;

  constructor(scope: Construct, id: string, props: KafkaClusterProps) {
    super(scope, id);
    this.props = props;
    this.bootstrapInternal = props.bootstrapInternal;
    this.bootstrapHost = props.bootstrapHost;
    this.brokers = props.brokers;
  }

  addTopic(props: Omit<KafkaTopicProps, 'dependsOn' | 'protect'>): KafkaTopic {
    if (this.topicsByName.has(props.name)) throw new ConstructError(this, `topic "${props.name}" is defined twice`);
    if (props.replication > this.brokers) {
      throw new ConstructError(this, `topic "${props.name}": replication ${props.replication} exceeds the ${this.brokers} broker(s)`);
    }
    // The topic name is the construct id: renaming a topic is a new topic.
    const topic = new KafkaTopic(this, props.name, { ...props, protect: this.props.protectData, dependsOn: this.props.dependsOn });
    this.topicsByName.set(props.name, topic);
    return topic;
  }

  get topics(): ReadonlyMap<string, KafkaTopic> {
    return this.topicsByName;
  }

  topic(name: string): KafkaTopic {
    const t = this.topicsByName.get(name);
    if (!t) throw new ConstructError(this, `Kafka has no topic "${name}"; it has: ${[...this.topicsByName.keys()].join(', ') || 'none'}`);
    return t;
  }
}
