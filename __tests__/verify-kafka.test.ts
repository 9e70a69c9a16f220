import { KafkaAdmin, kafkaChecks, kafkajsAdmin, TopicState } from '../ops/checks/kafka';
import { PlatformModel, TopicModel } from '../ops/model';
import { CheckResult, runChecks } from '../ops/runner';
import { coreModel } from './ops-platform';
import { closedPort } from './ops-servers';

const FAST = { timeoutMs: 2000, retries: 1, backoffMs: 5, environment: 'dev' } as const;

let model: PlatformModel;
beforeAll(() => {
  model = coreModel();
});

const byId = (results: readonly CheckResult[], id: string) => results.find((x) => x.id === id)!;

/** An in-memory broker behind the same interface the kafkajs client implements. */
function memoryAdmin(topics: Record<string, TopicState>): KafkaAdmin {
  return {
    connect: async () => undefined,
    listTopics: async () => ['__consumer_offsets', ...Object.keys(topics)],
    describeTopic: async (name) => topics[name],
    disconnect: async () => undefined,
  };
}

function run(topics: readonly TopicModel[], admin: (bootstrap: string, timeoutMs: number) => KafkaAdmin) {
  return runChecks(kafkaChecks(topics, { admin, timeoutMs: FAST.timeoutMs, admins: new Map() }), FAST);
}

describe('Kafka checks (in-memory admin)', () => {
  it('passes topics with the partitions and replication of the model', async () => {
    const results = await run(model.topics, () => memoryAdmin({ events: { partitions: 3, replication: 1 }, 'events-dlq': { partitions: 1, replication: 1 } }));
    expect(byId(results, 'core/kafka/bootstrap')).toMatchObject({ status: 'pass', detail: '2 topics', endpoint: '127.0.0.1:9092' });
    expect(byId(results, 'core/kafka/topic/events')).toMatchObject({ status: 'pass', detail: '3 partitions, replication 1' });
  });

  it('fails a topic with fewer partitions than the model, with the deploy that adds them', async () => {
    const events = byId(await run(model.topics, () => memoryAdmin({ events: { partitions: 2, replication: 1 }, 'events-dlq': { partitions: 1, replication: 1 } })), 'core/kafka/topic/events');
    expect(events).toMatchObject({ status: 'fail', detail: 'topic "events": 2 partitions, the model says 3', fix: 'run `npx cdktf deploy core` to apply the model', attempts: 1 });
  });

  it('fails a topic with more partitions than the model, saying Kafka cannot reduce them', async () => {
    const events = byId(await run(model.topics, () => memoryAdmin({ events: { partitions: 6, replication: 1 }, 'events-dlq': { partitions: 1, replication: 1 } })), 'core/kafka/topic/events');
    expect(events.detail).toBe('topic "events": 6 partitions, the model says 3');
    expect(events.fix).toBe('Kafka cannot reduce partitions: recreate the topic (data loss) or set partitions: 6 in config');
  });

  it('fails a topic with the wrong replication and a missing topic', async () => {
    const results = await run(model.topics, () => memoryAdmin({ events: { partitions: 3, replication: 2 } }));
    expect(byId(results, 'core/kafka/topic/events').detail).toBe('topic "events": replication 2, the model says 1');
    expect(byId(results, 'core/kafka/topic/events-dlq')).toMatchObject({
      status: 'fail',
      detail: 'topic "events-dlq" does not exist',
      fix: 'run `npx cdktf deploy core` (topics are created by Terraform; auto-creation is off)',
    });
  });

  it('names the advertised listener when the broker hands out an address the host cannot reach', async () => {
    const admin = (): KafkaAdmin => ({
      ...memoryAdmin({}),
      connect: async () => {
        throw new Error('Connection error: getaddrinfo ENOTFOUND kafka');
      },
    });
    const boot = byId(await run(model.topics, admin), 'core/kafka/bootstrap');
    expect(boot).toMatchObject({ status: 'fail', detail: 'the broker at 127.0.0.1:9092 advertises kafka, which this host cannot reach', attempts: 1 });
  });
  it('words a client-side connection timeout like any other timeout', async () => {
    const admin = (): KafkaAdmin => ({
      ...memoryAdmin({}),
      connect: async () => {
        throw new Error('Connection timeout');
      },
    });
    const boot = byId(await run(model.topics, admin), 'core/kafka/bootstrap');
    expect(boot).toMatchObject({ status: 'fail', detail: 'no answer from 127.0.0.1:9092 within 2000 ms', attempts: 2 });
  });
});

describe('Kafka checks (kafkajs client)', () => {
  it('reports a closed bootstrap port as nothing listening, without kafkajs log noise', async () => {
    const bootstrap = `127.0.0.1:${await closedPort()}`;
    const topics = model.topics.map((t) => ({ ...t, bootstrap }));
    const results = await run(topics, kafkajsAdmin);
    expect(byId(results, 'core/kafka/bootstrap')).toMatchObject({ status: 'fail', detail: `nothing listens on ${bootstrap}`, attempts: 2 });
    expect(byId(results, 'core/kafka/topic/events').status).toBe('skip');
  });
});
