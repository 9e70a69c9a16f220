/**
 * The processing stack on the deployed core, and the medallion pipeline through it:
 *
 * - processing: events produced to `events`, then `npx cdktf deploy processing`: the Spark image
 *   built by the stack from images/spark (its jars from the host's Maven mirror), master and
 *   worker healthy, every worker ALIVE on the master's /json/, the three jobs run in order and
 *   exited 0;
 * - pipeline: the bronze, silver and gold Delta tables, read with delta-rs, hold exactly what the
 *   produced events give (computed by the suite, not by the job code);
 * - incremental: an apply without changes runs nothing and changes no table; new events and a
 *   bronze runId bump add exactly them; a backfill rebuilds the same gold; a job failing on a
 *   broken input fails the apply with its name and its error, and the earlier tables stay readable;
 * - job-privilege: each job's lake identity is refused outside its declared prefixes;
 * - processing-destroy: `npx cdktf destroy processing` removes the group and leaves core and the
 *   lake's tables as they were.
 */
import { DeleteObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadEnvironment } from '../../../config/loader';
import { capture } from '../../lib/exec';
import { log } from '../../lib/log';
import { AssertionFailed, check, checkEqual, uniqueSuffix } from '../assert';
import { cdktf, plainText } from '../commands';
import { configDirOf } from '../config-copy';
import { ENVIRONMENT, ENVIRONMENT_LABEL } from '../context';
import { checkCoreUp } from '../core-up';
import { eventCopies, firstBatch, secondBatch } from '../events';
import { produceMessages, topicMessageCount } from '../kafka';
import { DeltaRead, readDeltaTables } from '../delta';
import { checkTables, goldOf, summarize, TableSummary } from '../pipeline';
import {
  applied,
  checkProcessingUp,
  checkWorkersJoined,
  deployProcessing,
  jobRuns,
  JobRun,
  pipelineOf,
  processingConfinementProblems,
  PROCESSING_SERVICES,
  readTables,
  recordJobRuns,
  setJobRun,
  startPipeline,
  TABLES,
} from '../processing';
import type { ScenarioStep } from '../runner';
import { checkMatrix, Expectation, getText, lakeClient, putText } from '../s3';
import { identity, lakeSecrets, stateOutput } from '../state';

const TOPIC = 'events';

export const processing: ScenarioStep = {
  name: 'processing',
  summary: 'events produced, then npx cdktf deploy processing: Spark image built, master and worker healthy, workers ALIVE on the master, jobs exited 0 in order, every Spark container confined as declared',
  needs: ['deploy'],
  services: PROCESSING_SERVICES,
  async run(s) {
    const bootstrap = stateOutput(s, 'kafka_bootstrap_host');
    const p = startPipeline(s, `e2e${uniqueSuffix().replace(/[^a-z0-9]/g, '')}`);
    // DATALAB_E2E_EVENT_COPIES=100: the first set 100 times under other ids (the ~100× set), to measure throughput.
    const copies = eventCopies();
    const batch = Array.from({ length: copies }, (_, i) => firstBatch(i === 0 ? p.tag : `${p.tag}c${i}`)).flat();
    await produceMessages(bootstrap, TOPIC, batch);
    p.produced.push(...batch);
    log(`  produced ${batch.length} messages to ${TOPIC} (duplicates, out of order, malformed${copies > 1 ? `; the set ${copies} times` : ''})`);

    const started = Date.now();
    const r = await deployProcessing(s);
    log(`  cdktf deploy processing: ${applied(r.stdout)} (${Math.round(r.ms / 1000)} s); Maven mirror requests by status: ${JSON.stringify(r.requests.maven ?? {})}`);
    const up = await checkProcessingUp(s, 5 * 60_000);
    s.measurements.record('cdktf deploy processing', r.ms, 'synth, plan, image build (when not cached), master and worker to healthy, the three jobs');
    s.measurements.record('processing deploy to healthy', Date.now() - started, `until ${up.services.length} containers report healthy and the jobs exited 0`);

    const cfg = loadEnvironment(ENVIRONMENT, configDirOf(s)).processing!;
    log(`  ${await checkWorkersJoined(s, { replicas: cfg.spark.worker.replicas, cores: cfg.spark.worker.cores, memoryMb: cfg.spark.worker.sparkMemoryMb })}`);
    const runs = await jobRuns();
    checkEqual(runs.map((x) => x.job), ['bronze-events', 'silver-events', 'gold-event-counts'], 'jobs that ran');
    for (let i = 1; i < runs.length; i++) {
      check(Date.parse(runs[i].startedAt) >= Date.parse(runs[i - 1].finishedAt), `${runs[i].job} started (${runs[i].startedAt}) before ${runs[i - 1].job} finished (${runs[i - 1].finishedAt})`);
    }
    recordJobRuns(s, runs, 'first deploy');
    const confinement = await processingConfinementProblems(s);
    if (confinement.problems.length) throw new AssertionFailed(`processing containers not confined as declared:\n  ${confinement.problems.join('\n  ')}`);
    confinement.lines.forEach((l) => log(`  ${l}`));
    const bronze = runs[0];
    s.measurements.record('bronze: events per second', bronze.ms, `${batch.length} messages in ${(bronze.ms / 1000).toFixed(1)} s = ${(batch.length / (bronze.ms / 1000)).toFixed(2)} messages/s (dominated by Spark start-up at this size)`);
  },
};

async function tablesNow(s: Parameters<ScenarioStep['run']>[0]): Promise<TableSummary> {
  return summarize(await readTables(s));
}

async function onlyTable(s: Parameters<ScenarioStep['run']>[0], name: keyof typeof TABLES): Promise<DeltaRead> {
  const secrets = lakeSecrets(s);
  return (await readDeltaTables(s.logFile, secrets.url, secrets.admin, { [name]: TABLES[name] }))[name];
}

export const pipeline: ScenarioStep = {
  name: 'pipeline',
  summary: 'bronze, silver and gold Delta tables (read with delta-rs) hold exactly what the produced events give',
  needs: ['processing'],
  services: PROCESSING_SERVICES,
  async run(s) {
    const p = pipelineOf(s);
    const inTopic = await topicMessageCount(stateOutput(s, 'kafka_bootstrap_host'), TOPIC);
    const t = await tablesNow(s);
    const n = checkTables(t, p.produced, inTopic);
    checkEqual(t.bronzeByRun, { '1': inTopic }, 'bronze rows by run_id');
    log(`  bronze ${t.bronzeRows} rows (= the topic's ${inTopic} messages), silver ${n.silver} events, gold ${n.gold} day/type rows: every row and aggregate as expected; versions ${JSON.stringify(t.versions)}`);
  },
};

function sameRuns(before: readonly JobRun[], after: readonly JobRun[]): boolean {
  return JSON.stringify(before.map((r) => r.startedAt)) === JSON.stringify(after.map((r) => r.startedAt));
}

export const incremental: ScenarioStep = {
  name: 'incremental',
  summary: 'a no-change apply runs nothing; new events + runId add exactly them; a backfill rebuilds the same gold; a failing job fails the apply with its error',
  needs: ['pipeline'],
  services: PROCESSING_SERVICES,
  async run(s) {
    const p = pipelineOf(s);
    const bootstrap = stateOutput(s, 'kafka_bootstrap_host');

    // 1. Nothing changed: no job runs, no table gets a version.
    const before = await tablesNow(s);
    const runsBefore = await jobRuns();
    const noop = await deployProcessing(s);
    const noopApplied = applied(noop.stdout);
    check(noopApplied === 'No changes' || /Resources: 0 added, 0 changed, 0 destroyed/.test(noopApplied), `a deploy without changes must change nothing: ${noopApplied}`);
    check(sameRuns(runsBefore, await jobRuns()), 'a deploy without changes re-ran a job');
    checkEqual((await tablesNow(s)).versions, before.versions, 'table versions after a deploy without changes');
    s.measurements.record('cdktf deploy processing (no change)', noop.ms, 'synth and plan; no job runs');
    log(`  no change: ${noopApplied}; no job ran; versions ${JSON.stringify(before.versions)}`);

    // 2. New events, bronze re-run: bronze gains exactly them, silver and gold follow.
    const batch = secondBatch(p.tag);
    await produceMessages(bootstrap, 'events', batch);
    p.produced.push(...batch);
    setJobRun(s, 'bronze-events', '2');
    const second = await deployProcessing(s);
    log(`  runId 2: ${applied(second.stdout)} (${Math.round(second.ms / 1000)} s)`);
    const runs2 = await jobRuns();
    for (const r of runs2) check(r.startedAt !== runsBefore.find((b) => b.job === r.job)?.startedAt && r.exitCode === 0, `${r.job} must have run again and exited 0 after bronze's runId changed (started ${r.startedAt}, exit ${r.exitCode})`);
    recordJobRuns(s, runs2, 'runId bump, new events');
    const inTopic = await topicMessageCount(bootstrap, 'events');
    const t2 = await tablesNow(s);
    checkTables(t2, p.produced, inTopic);
    checkEqual(t2.bronzeByRun, { '1': before.bronzeRows, '2': batch.length }, 'bronze rows by run_id after the second run (exactly the new messages)');
    log(`  new events: bronze +${batch.length} rows, silver ${t2.silver.length} events, gold ${t2.gold.length} rows as expected`);

    // 3. Backfill: a fresh checkpoint re-reads the whole topic; silver de-duplicates; gold is the same.
    setJobRun(s, 'bronze-events', '3', true);
    const backfill = await deployProcessing(s);
    log(`  backfill: ${applied(backfill.stdout)} (${Math.round(backfill.ms / 1000)} s)`);
    recordJobRuns(s, await jobRuns(), 'backfill');
    const t3 = await tablesNow(s);
    checkTables(t3, p.produced, t2.bronzeRows + inTopic);
    checkEqual(t3.bronzeByRun, { ...t2.bronzeByRun, '3': inTopic }, 'bronze rows by run_id after the backfill (the whole topic once more)');
    checkEqual(t3.gold, t2.gold, 'gold after the backfill');
    check(t3.versions.gold > t2.versions.gold, `the backfill must have rewritten gold (version ${t2.versions.gold} → ${t3.versions.gold})`);
    log(`  backfill: bronze +${inTopic} rows (the topic again), gold rewritten (version ${t3.versions.gold}) with the same ${t3.gold.length} rows`);

    // 4. A job fails on a broken input: the apply fails naming it, its error is in its logs, gold stays readable.
    const secrets = lakeSecrets(s);
    const admin = lakeClient(secrets.url, secrets.admin);
    // A file of silver's current version (an overwrite leaves the earlier versions' files in place).
    const current = t3.silverFiles.find((f) => f.endsWith('.parquet'));
    check(current, 'silver/events/ has no data file in its current version');
    const victim = `events/${decodeURIComponent(current)}`;
    await admin.send(new DeleteObjectCommand({ Bucket: 'silver', Key: victim }));
    log(`  removed silver/${victim} (a file of silver's current version)`);
    setJobRun(s, 'gold-event-counts', '2');
    const failed = await deployProcessing(s, { okCodes: [0, 1] });
    const output = plainText(`${failed.stdout}\n${failed.stderr}`);
    check(failed.code !== 0, 'the deploy must fail when gold-event-counts cannot read silver');
    check(/Spark job "gold-event-counts" failed/.test(output), `the failed deploy must name the job; its output ends:\n${output.split('\n').filter(Boolean).slice(-15).join('\n')}`);
    // The apply itself shows the job's error (the postcondition's message quotes its error lines), naming the missing file.
    // Terraform wraps the message at word boundaries: join its lines before searching.
    const joined = output.replace(/\s*\n\s*/g, ' ');
    const shown = /[^ ]*FileNotFoundException: No such file or directory: s3a:\/\/silver\/[^ ]+/.exec(joined)?.[0];
    check(shown?.endsWith(victim), `the failed deploy must show the job's error (a FileNotFoundException naming silver/${victim}); its output ends:\n${output.split('\n').filter(Boolean).slice(-25).join('\n')}`);
    log(`  failing job: the apply failed naming gold-event-counts and showing its error: ${shown}`);
    // Gold alone: silver is broken on purpose until the recovery below.
    const gold4 = goldOf(await onlyTable(s, 'gold'));
    checkEqual(gold4.rows, t3.gold, 'gold after the failed run (still readable, unchanged)');
    checkEqual(gold4.version, t3.versions.gold, 'gold version after the failed run');

    // Recovery: silver rebuilt from bronze, gold re-run after it.
    setJobRun(s, 'silver-events', '2');
    const recovered = await deployProcessing(s);
    log(`  recovery (silver runId 2): ${applied(recovered.stdout)} (${Math.round(recovered.ms / 1000)} s)`);
    const t5 = await tablesNow(s);
    checkTables(t5, p.produced, t3.bronzeRows);
    log(`  recovered: silver and gold as expected again (gold version ${t5.versions.gold})`);
  },
};

export const jobPrivilege: ScenarioStep = {
  name: 'job-privilege',
  summary: 'each job\'s lake identity reads and writes its declared prefixes and is refused everywhere else (S3 SDK, the jobs\' keys)',
  needs: ['processing'],
  services: ['seaweedfs'],
  async run(s) {
    const secrets = lakeSecrets(s);
    const as = (name: string) => lakeClient(secrets.url, identity(secrets, name));
    const bronze = as('job-bronze-events');
    const silver = as('job-silver-events');
    const gold = as('job-gold-event-counts');
    const key = `e2e-probe-${uniqueSuffix()}`;
    const log0 = '_delta_log/00000000000000000000.json';
    const get = (c: ReturnType<typeof as>, bucket: string, k: string) => () => getText(c, bucket, k);
    const put = (c: ReturnType<typeof as>, bucket: string, k: string) => () => putText(c, bucket, k, key);
    const row = (who: string, what: string, expected: Expectation['expected'], request: () => Promise<unknown>): Expectation => ({ who, what, expected, request });
    const rows: Expectation[] = [
      row('job-bronze-events', `put bronze/events/_checkpoint/${key}`, 'allowed', put(bronze, 'bronze', `events/_checkpoint/${key}`)),
      row('job-bronze-events', `get silver/events/${log0}`, 'AccessDenied', get(bronze, 'silver', `events/${log0}`)),
      row('job-bronze-events', `put gold/event_counts_daily/${key}`, 'AccessDenied', put(bronze, 'gold', `event_counts_daily/${key}`)),
      row('job-silver-events', `get bronze/events/${log0}`, 'allowed', get(silver, 'bronze', `events/${log0}`)),
      row('job-silver-events', `get silver/events/${log0}`, 'allowed', get(silver, 'silver', `events/${log0}`)),
      row('job-silver-events', `put bronze/events/${key}`, 'AccessDenied', put(silver, 'bronze', `events/${key}`)),
      row('job-silver-events', `get gold/event_counts_daily/${log0}`, 'AccessDenied', get(silver, 'gold', `event_counts_daily/${log0}`)),
      row('job-silver-events', `put silver/other/${key}`, 'AccessDenied', put(silver, 'silver', `other/${key}`)),
      row('job-gold-event-counts', `get silver/events/${log0}`, 'allowed', get(gold, 'silver', `events/${log0}`)),
      row('job-gold-event-counts', `put gold/event_counts_daily/${key}`, 'allowed', put(gold, 'gold', `event_counts_daily/${key}`)),
      row('job-gold-event-counts', `get bronze/events/${log0}`, 'AccessDenied', get(gold, 'bronze', `events/${log0}`)),
      row('job-gold-event-counts', `put silver/events/${key}`, 'AccessDenied', put(gold, 'silver', `events/${key}`)),
      row('job-gold-event-counts', `put gold/other/${key}`, 'AccessDenied', put(gold, 'gold', `other/${key}`)),
      row('job-gold-event-counts', 'list gold without prefix', 'AccessDenied', () => gold.send(new ListObjectsV2Command({ Bucket: 'gold' }))),
      row('job-gold-event-counts', 'put mlflow', 'AccessDenied', put(gold, 'mlflow', key)),
    ];
    for (const line of await checkMatrix(rows)) log(`  ${line}`);
    // The probes written into the tables' prefixes are not in any Delta log; remove them anyway.
    const admin = lakeClient(secrets.url, secrets.admin);
    await admin.send(new DeleteObjectCommand({ Bucket: 'bronze', Key: `events/_checkpoint/${key}` }));
    await admin.send(new DeleteObjectCommand({ Bucket: 'gold', Key: `event_counts_daily/${key}` }));
  },
};

export const processingDestroy: ScenarioStep = {
  name: 'processing-destroy',
  summary: 'npx cdktf destroy processing removes the group; core stays healthy and the lake keeps the tables',
  needs: ['processing'],
  services: PROCESSING_SERVICES,
  async run(s) {
    const before = await tablesNow(s);
    const r = await cdktf(s, 'destroy', { timeoutMs: 15 * 60_000 }, 'processing');
    s.measurements.record('cdktf destroy processing', r.ms, 'master, worker, jobs, registrations');
    const left = (await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=processing', '--format', '{{.Names}}'], { timeoutMs: 30_000 })).split('\n').filter(Boolean);
    if (left.length) throw new AssertionFailed(`after cdktf destroy processing, processing containers remain: ${left.join(', ')}`);
    await checkCoreUp(s, 2 * 60_000);
    const after = await tablesNow(s);
    checkEqual(after.versions, before.versions, 'table versions after destroying processing');
    checkEqual(after.gold, before.gold, 'gold after destroying processing');
    log(`  processing destroyed (${Math.round(r.ms / 1000)} s): no processing container left; core healthy; the tables remain (versions ${JSON.stringify(after.versions)})`);
  },
};
