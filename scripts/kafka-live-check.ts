/**
 * `KAFKA_BROKERS=host:port npm run check:kafka-live`: exercises verify's kafkajs client against a
 * real broker (one that allows topic creation), which the test suite cannot start. Creates two
 * scratch topics, checks that verify reports a matching topic as passing, a topic with too few
 * partitions and a missing one as failing, then deletes them. Exit 0 when all three are reported
 * as expected, 1 otherwise, 2 without KAFKA_BROKERS.
 */
import { Kafka, logLevel } from 'kafkajs';
import { kafkaChecks, kafkajsAdmin } from '../ops/checks/kafka';
import { TopicModel } from '../ops/model';
import { runChecks } from '../ops/runner';

async function main(): Promise<number> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    console.error('KAFKA_BROKERS is not set: give host:port of a broker that allows topic creation, e.g. KAFKA_BROKERS=127.0.0.1:9092');
    return 2;
  }
  const prefix = `datalab-verify-${process.pid}-${Date.now()}`;
  const admin = new Kafka({ clientId: 'datalab-live-check', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: `${prefix}-good`, numPartitions: 3 }, { topic: `${prefix}-short`, numPartitions: 2 }] });
    const topics: TopicModel[] = ['good', 'short', 'missing'].map((t) => ({ stack: 'core', name: `${prefix}-${t}`, partitions: 3, replication: 1, bootstrap: brokers }));
    const results = await runChecks(kafkaChecks(topics, { admin: kafkajsAdmin, timeoutMs: 5000, admins: new Map() }), {
      timeoutMs: 5000,
      retries: 1,
      backoffMs: 200,
      environment: 'dev',
    });
    const detail = (t: string) => results.find((r) => r.id === `core/kafka/topic/${prefix}-${t}`);
    const expected: [string, string, string][] = [
      ['good', 'pass', '3 partitions, replication 1'],
      ['short', 'fail', `topic "${prefix}-short": 2 partitions, the model says 3`],
      ['missing', 'fail', `topic "${prefix}-missing" does not exist`],
    ];
    let ok = true;
    for (const [t, status, text] of expected) {
      const r = detail(t);
      const good = r?.status === status && r.detail === text;
      ok &&= good;
      console.log(`${good ? 'ok  ' : 'FAIL'} ${t}: expected ${status} "${text}", got ${r ? `${r.status} "${r.detail}"` : 'no result'}`);
    }
    return ok ? 0 : 1;
  } finally {
    await admin.deleteTopics({ topics: [`${prefix}-good`, `${prefix}-short`] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`kafka live check: ${err.message}`);
    process.exit(1);
  },
);
