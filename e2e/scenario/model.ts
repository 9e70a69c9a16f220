/**
 * What the deployed lake and Kafka must hold, read from the environment file in force (the
 * repository's config/e2e.yaml, or the scenario's edited copy) through the project's loader, so
 * the expectations follow the file: the built-in buckets every lake has, plus `core.buckets`
 * (which may also restate a built-in's settings), and `core.topics`.
 */
import { loadEnvironment } from '../../config/loader';
import { configDirOf } from './config-copy';
import { ENVIRONMENT, Scenario } from './context';

/** The lake's own buckets (constructs/data-lake.ts), versioned unless the config says otherwise. */
export const BUILT_IN_BUCKETS = ['bronze', 'silver', 'gold', 'mlflow'] as const;

export interface ExpectedBucket {
  readonly name: string;
  readonly versioned: boolean;
  readonly expireDays?: number;
}

export interface ExpectedTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replication: number;
  readonly retentionMs: string;
}

export function expectedBuckets(s: Scenario): readonly ExpectedBucket[] {
  const configured = loadEnvironment(ENVIRONMENT, configDirOf(s)).core.buckets;
  const builtIns = BUILT_IN_BUCKETS.filter((b) => !configured.some((c) => c.name === b)).map((name) => ({ name, versioned: true }));
  return [...builtIns, ...configured.map((b) => ({ name: b.name, versioned: b.versioning !== false, expireDays: b.expireDays }))];
}

export function expectedTopics(s: Scenario): readonly ExpectedTopic[] {
  return loadEnvironment(ENVIRONMENT, configDirOf(s)).core.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions,
    replication: t.replication,
    // retentionHours -1 means "keep forever", which Kafka spells -1.
    retentionMs: t.retentionHours === -1 ? '-1' : String(t.retentionHours * 3_600_000),
  }));
}

/** The broker's image: the in-network clients run Kafka's console tools from it. */
export function kafkaImage(s: Scenario): string {
  return loadEnvironment(ENVIRONMENT, configDirOf(s)).core.kafka.image;
}
