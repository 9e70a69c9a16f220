/**
 * Kafka as its two kinds of clients see it: tools on the Docker host through the host listener
 * (kafkajs, as `datalab verify` uses), and containers on the platform network through kafka:19092
 * (Kafka's own console tools in a throw-away container of the broker's image).
 */
import { ConfigResourceTypes, Kafka, logLevel, Partitioners } from 'kafkajs';
import { AssertionFailed } from './assert';
import { runOnNetwork } from './docker';

export interface TopicFacts {
  readonly name: string;
  readonly partitions: number;
  /** Replicas per partition (the fewest, should they differ). */
  readonly replication: number;
  readonly retentionMs?: string;
}

function client(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'datalab-e2e-scenario', brokers: [bootstrap], connectionTimeout: 10_000, requestTimeout: 30_000, retry: { retries: 3 }, logLevel: logLevel.NOTHING });
}

/** Partitions, replication and retention.ms of the named topics; absent topics are left out. */
export async function describeTopics(bootstrap: string, names: readonly string[]): Promise<readonly TopicFacts[]> {
  const admin = client(bootstrap).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = names.filter((n) => existing.has(n));
    if (!present.length) return [];
    const { topics } = await admin.fetchTopicMetadata({ topics: present });
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: present.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
    });
    return topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.length,
      replication: Math.min(...t.partitions.map((p) => p.replicas.length)),
      retentionMs: configs.resources.find((r) => r.resourceName === t.name)?.configEntries.find((e) => e.configName === 'retention.ms')?.configValue,
    }));
  } finally {
    await admin.disconnect();
  }
}

/** Produces one message to one partition from the host; returns its offset. */
export async function produceFromHost(bootstrap: string, topic: string, partition: number, value: string): Promise<string> {
  const producer = client(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const [meta] = await producer.send({ topic, acks: -1, messages: [{ value, partition }] });
    return meta.baseOffset ?? meta.offset ?? '';
  } finally {
    await producer.disconnect();
  }
}

/** Consumes `topic` from the beginning on the host (a fresh group) until `value` shows up. */
export async function consumeOnHost(bootstrap: string, topic: string, value: string, timeoutMs: number): Promise<{ readonly partition: number; readonly offset: string }> {
  const consumer = client(bootstrap).consumer({ groupId: `datalab-e2e-scenario-${Date.now().toString(36)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new AssertionFailed(`message "${value}" not consumed from ${topic} on ${bootstrap} within ${timeoutMs / 1000} s`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            if (message.value?.toString() === value) {
              clearTimeout(timer);
              resolve({ partition, offset: message.offset });
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

/** The console tools start a JVM each: a small heap, inside a bounded container. */
const TOOL = { env: { KAFKA_HEAP_OPTS: '-Xmx128m -Xms32m' }, memoryMb: 384 } as const;

/** Reads one message at an exact partition and offset, from a container on the platform network. */
export async function consumeInNetwork(image: string, bootstrap: string, topic: string, partition: number, offset: string, timeoutMs: number): Promise<string> {
  const out = await runOnNetwork(
    image,
    ['/opt/kafka/bin/kafka-console-consumer.sh', '--bootstrap-server', bootstrap, '--topic', topic, '--partition', String(partition), '--offset', offset, '--max-messages', '1', '--timeout-ms', String(timeoutMs)],
    { ...TOOL, timeoutMs: timeoutMs + 60_000 },
  );
  return out.split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? '';
}

/** Produces one message from a container on the platform network (console producer, stdin). */
export async function produceInNetwork(image: string, bootstrap: string, topic: string, value: string): Promise<void> {
  await runOnNetwork(image, ['/opt/kafka/bin/kafka-console-producer.sh', '--bootstrap-server', bootstrap, '--topic', topic, '--producer-property', 'acks=all'], {
    ...TOOL,
    input: `${value}\n`,
    timeoutMs: 120_000,
  });
}

/** Produces the messages in order, in one request per call (acks from every replica). */
export async function produceMessages(bootstrap: string, topic: string, messages: readonly { readonly key?: string; readonly value: string }[]): Promise<void> {
  const producer = client(bootstrap).producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: false, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ key: m.key ?? null, value: m.value })) });
  } finally {
    await producer.disconnect();
  }
}

/** Messages the topic holds now: the sum over its partitions of high watermark minus earliest offset. */
export async function topicMessageCount(bootstrap: string, topic: string): Promise<number> {
  const admin = client(bootstrap).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Every message the topic holds now (up to each partition's high watermark), oldest first per partition. */
export async function readTopic(bootstrap: string, topic: string, timeoutMs: number): Promise<readonly { readonly key: string | null; readonly value: string }[]> {
  const kafka = client(bootstrap);
  const admin = kafka.admin();
  await admin.connect();
  const wanted = new Map<number, bigint>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) wanted.set(p.partition, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  const out: { key: string | null; value: string }[] = [];
  if (wanted.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `datalab-e2e-scenario-${Date.now().toString(36)}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AssertionFailed(`${topic} on ${bootstrap} not read to its end within ${timeoutMs / 1000} s`)), timeoutMs);
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            out.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? '' });
            if (BigInt(message.offset) + 1n >= (wanted.get(partition) ?? 0n)) wanted.delete(partition);
            if (wanted.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}
