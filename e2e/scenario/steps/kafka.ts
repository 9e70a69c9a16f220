/**
 * c. kafka: the configured topics exist with their partitions, replication and retention, and
 * messages cross between the two listeners: produced on the host (127.0.0.1:9092), consumed by a
 * container on the platform network (kafka:19092), and the other way round. The broker logs to
 * the console only (stacks/kafka-logging.ts): its log folder stays empty, no GC log is written,
 * and `docker logs` has the broker's start.
 */
import { log } from '../../lib/log';
import { check, checkEqual, checkSameSet, uniqueSuffix } from '../assert';
import { consumeInNetwork, consumeOnHost, describeTopics, produceFromHost, produceInNetwork } from '../kafka';
import { expectedTopics, kafkaImage } from '../model';
import { containerName } from '../context';
import { containerLogs, execIn } from '../docker';
import type { ScenarioStep } from '../runner';
import { stateOutput } from '../state';

/** The topic the messages travel on (config/e2e.yaml). */
export const EVENTS = 'events';

export const kafka: ScenarioStep = {
  name: 'kafka',
  summary: 'topics (partitions, replication, retention.ms); host → network and network → host messages',
  needs: ['deploy'],
  services: ['kafka'],
  async run(s) {
    const host = stateOutput(s, 'kafka_bootstrap_host');
    const internal = stateOutput(s, 'kafka_bootstrap_internal');
    const expected = expectedTopics(s);
    check(expected.some((t) => t.name === EVENTS), `the e2e config must have topic ${EVENTS}`);

    const facts = await describeTopics(host, expected.map((t) => t.name));
    checkSameSet(facts.map((t) => t.name), expected.map((t) => t.name), `configured topics on ${host}`);
    for (const t of expected) {
      const f = facts.find((x) => x.name === t.name)!;
      checkEqual({ partitions: f.partitions, replication: f.replication, retentionMs: f.retentionMs }, { partitions: t.partitions, replication: t.replication, retentionMs: t.retentionMs }, `topic ${t.name}`);
      log(`  topic ${t.name}: ${f.partitions} partitions, replication ${f.replication}, retention.ms ${f.retentionMs}`);
    }

    const image = kafkaImage(s);
    const fromHost = `from-host ${uniqueSuffix()}`;
    const offset = await produceFromHost(host, EVENTS, 0, fromHost);
    checkEqual(await consumeInNetwork(image, internal, EVENTS, 0, offset, 60_000), fromHost, `message at ${EVENTS}/0@${offset} read on ${internal}`);
    log(`  produced on ${host} (${EVENTS}/0@${offset}), consumed on ${internal} from a container`);

    const fromNetwork = `from-network ${uniqueSuffix()}`;
    await produceInNetwork(image, internal, EVENTS, fromNetwork);
    const at = await consumeOnHost(host, EVENTS, fromNetwork, 90_000);
    log(`  produced on ${internal} from a container, consumed on ${host} (${EVENTS}/${at.partition}@${at.offset})`);

    const files = (await execIn(containerName('kafka'), 'ls -A /opt/kafka/logs')).stdout.trim();
    checkEqual(files, '', 'files in /opt/kafka/logs (the broker must log to the console only, without a GC log)');
    const cmdlines = (await execIn(containerName('kafka'), "for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done")).stdout;
    check(/kafka\.Kafka/.test(cmdlines), `no broker process (kafka.Kafka) found in the container: ${cmdlines.slice(0, 400)}`);
    check(!/-Xlog:gc/.test(cmdlines), `the broker must run without a GC log file; its command line: ${cmdlines.slice(0, 400)}`);
    const started = /\[KafkaRaftServer nodeId=\d+\] Kafka Server started/.exec(await containerLogs(containerName('kafka'), 100_000));
    check(started, 'docker logs of kafka must show "Kafka Server started" (console logging)');
    log(`  logging: /opt/kafka/logs empty, no GC log, docker logs has "${started[0]}"`);
  },
};
