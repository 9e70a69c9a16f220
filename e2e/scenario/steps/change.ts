/**
 * g. change: a topic and a bucket added to a copy of the e2e config (DATALAB_CONFIG_DIR; the
 * repository's file stays as it is). The saved plan must hold exactly the new kafka_topic, the
 * replacement of the lake provisioner's file holder (its uploaded buckets file names the new
 * bucket) and so of the provisioner (which mounts the holder's files), nothing else; the plan is
 * applied as saved; then the bucket and the topic exist and verify passes.
 */
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { log } from '../../lib/log';
import { AssertionFailed, check, checkEqual } from '../assert';
import { cdktfSynth, datalab } from '../commands';
import { addBucketAndTopic, BucketEntry, TopicEntry } from '../config-copy';
import { containerName } from '../context';
import { checkCoreUp, CORE_SERVICES } from '../core-up';
import { describeTopics } from '../kafka';
import { actionOf, applySaved, discardPlan, ResourceChange, savedPlan } from '../plan';
import type { ScenarioStep } from '../runner';
import { lakeClient } from '../s3';
import { lakeSecrets, stateOutput } from '../state';

export const ADDED_BUCKET: BucketEntry = { name: 'scenario-added', versioning: true };
export const ADDED_TOPIC: TopicEntry = { name: 'scenario-added', partitions: 2, replication: 1, retentionHours: 24 };
const PROVISIONER = containerName('seaweedfs-provisioner');
/** The never-started container that holds the provisioner's files (constructs/docker-service.ts). */
const PROVISIONER_FILES = `${PROVISIONER}-files`;

interface Upload {
  readonly file: string;
  readonly content: string;
}

function bucketsFile(values: Record<string, unknown> | null): string {
  return ((values?.upload ?? []) as Upload[]).find((u) => u.file === '/provision/buckets.txt')?.content ?? '';
}

/** The plan's changes must be exactly the new topic (create), the provisioner's files (replace, new buckets file) and the provisioner (replace). */
function checkPlan(changes: readonly ResourceChange[]): void {
  const listed = changes.map((c) => `${actionOf(c.actions)} ${c.address}${c.after?.name ? ` (${String(c.after.name)})` : ''}`);
  const wrong = (why: string) => new AssertionFailed(`${why}; the plan has ${changes.length} changes:\n  ${listed.join('\n  ')}`);
  if (changes.length !== 3) throw wrong("expected exactly 3 changes (the new topic, the provisioner's files and the provisioner replaced)");

  const topic = changes.find((c) => c.type === 'kafka_topic');
  if (!topic || actionOf(topic.actions) !== 'create') throw wrong(`expected kafka_topic ${ADDED_TOPIC.name} to be created`);
  checkEqual(
    { name: topic.after?.name, partitions: topic.after?.partitions, replication: topic.after?.replication_factor },
    { name: ADDED_TOPIC.name, partitions: ADDED_TOPIC.partitions, replication: ADDED_TOPIC.replication },
    'the planned topic',
  );

  const replaced = (name: string) => changes.find((c) => c.type === 'docker_container' && c.after?.name === name && actionOf(c.actions) === 'replace');
  const files = replaced(PROVISIONER_FILES);
  if (!files) throw wrong(`expected ${PROVISIONER_FILES} to be replaced`);
  if (!replaced(PROVISIONER)) throw wrong(`expected ${PROVISIONER} to be replaced`);
  const line = `${ADDED_BUCKET.name} Enabled 0`;
  check(!bucketsFile(files.before).includes(line) && bucketsFile(files.after).split('\n').includes(line), `the provisioner's new buckets.txt must add "${line}":\nbefore:\n${bucketsFile(files.before)}\nafter:\n${bucketsFile(files.after)}`);
  log(`  plan: ${listed.join('; ')}`);
}

export const change: ScenarioStep = {
  name: 'change',
  summary: `add topic and bucket ${ADDED_TOPIC.name} in a config copy: plan = that topic + provisioner (and its files) replaced; apply; verify`,
  needs: ['deploy'],
  services: CORE_SERVICES,
  async run(s) {
    addBucketAndTopic(s, ADDED_BUCKET, ADDED_TOPIC);
    log(`  config copy: ${s.configDir}`);
    await cdktfSynth(s, { timeoutMs: 5 * 60_000 });
    const plan = await savedPlan(s);
    try {
      checkPlan(plan.changes);
      const ms = await applySaved(s, plan);
      s.measurements.record('apply: add a topic and a bucket', ms, 'tofu apply of the saved plan: topic created, lake provisioner re-run');
    } finally {
      discardPlan(plan);
    }
    await checkCoreUp(s, 5 * 60_000);

    const secrets = lakeSecrets(s);
    await lakeClient(secrets.url, secrets.admin).send(new HeadBucketCommand({ Bucket: ADDED_BUCKET.name }));
    const [topic] = await describeTopics(stateOutput(s, 'kafka_bootstrap_host'), [ADDED_TOPIC.name]);
    checkEqual(topic?.partitions, ADDED_TOPIC.partitions, `partitions of the new topic ${ADDED_TOPIC.name}`);
    log(`  bucket ${ADDED_BUCKET.name} and topic ${ADDED_TOPIC.name} (${topic.partitions} partitions) exist`);

    const r = await datalab(s, ['verify', 'core', '--quiet'], { okCodes: [0, 1], timeoutMs: 5 * 60_000 });
    if (r.code !== 0) throw new AssertionFailed(`datalab verify core must pass after the change, exited ${r.code}:\n${r.stdout.trim()}`);
    log(`  datalab verify core: ${r.stdout.trim().split('\n').pop()}`);
  },
};
