/**
 * pipelines: the scheduled pipelines (docs/pipelines.md) on the deployed core, processing and ml
 * stacks, as a user schedules, runs and inspects them:
 *
 * - the config copy schedules lake-maintenance, medallion, train-model and data-checks (e2e/scenario/scheduled-pipelines.ts)
 *   and `npx cdktf deploy core processing` applies them: the workers' image is built from the PyPI
 *   mirror, every pipeline worker and the runner are healthy and ONLINE in their Prefect pools, and
 *   the pipeline containers are confined as declared with no Docker socket, and
 *   Prefect holds each declared schedule (cron, time zone, active) with its next run at the
 *   declared wall-clock time;
 * - `npx datalab run lake-maintenance` expires silver's and gold's earliest day (a retention
 *   computed from the scenario's events), keeps every other row and leaves bronze as it was;
 * - `npx datalab run medallion` (new events produced first) exits 0 after bronze → silver → gold in
 *   that order, and the tables hold exactly what every produced event gives (the expired days back), gold at a new version;
 * - `npx datalab run train-model` exits 0 and MLflow has a new version of `event-counts-forecast`
 *   whose run FINISHED with metrics and params, its model files in the `mlflow` bucket;
 * - data-checks, given a schedule a few minutes ahead, is started by Prefect's scheduler at that
 *   minute and fails on the one bound gold cannot meet: exactly that alert on the `alerts` topic,
 *   and its worker's /metrics says so (1 for that check, 0 for every other);
 * - `npx datalab runs` lists the four runs with their outcomes;
 * - retired as the docs say: every schedule paused by a deploy (no scheduled run left in Prefect),
 *   then taken out by another, which removes every pipeline container.
 */
import * as os from 'node:os';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadEnvironment } from '../../../config/loader';
import { capture } from '../../lib/exec';
import { log } from '../../lib/log';
import { JOB_FLOW, jobPool, METRICS_PORT, PIPELINE_FLOW, PIPELINE_POOL } from '../../../stacks/pipelines';
import { AssertionFailed, check, checkEqual, checkSameSet, poll } from '../assert';
import { withBuildMirrors } from '../build-mirrors';
import { cdktf, datalab, plainText } from '../commands';
import { configDirOf, editConfigCopy } from '../config-copy';
import { ENVIRONMENT, ENVIRONMENT_LABEL, Scenario } from '../context';
import { checkStackUp } from '../core-up';
import { execIn, inspectContainer } from '../docker';
import { asDeclaredProblems } from './hardening';
import { byDayAndType, expectedGold, expectedSilver, secondBatch } from '../events';
import { describeTopics, produceMessages, readTopic } from '../kafka';
import { checkTables, summarize } from '../pipeline';
import { applied, pipelineOf, readTables } from '../processing';
import type { ScenarioStep } from '../runner';
import { lakeClient } from '../s3';
import {
  addSchedules,
  pauseSchedules,
  ALERTS_TOPIC,
  EXPECTED_FAILED_CHECKS,
  parseMetrics,
  PIPELINES_HOST_MEMORY_MB,
  PrefectApi,
  PrefectFlowRun,
  removeSchedules,
  retentionFor,
  wallTimeExists,
  scheduleDataChecks,
  STEP_PIPELINES,
  wallClock,
} from '../scheduled-pipelines';
import { declaredContainers } from '../stack';
import { lakeSecrets, stateOutput } from '../state';

const PIPELINE_SERVICES = ['prefect-server', 'pipeline-runner', 'pipeline-deployments', 'pipeline-worker-bronze-events', 'pipeline-worker-silver-events', 'pipeline-worker-gold-event-counts', 'pipeline-worker-train-model', 'pipeline-worker-data-checks', 'pipeline-worker-maintenance', 'spark-master', 'spark-worker', 'mlflow'] as const;
const MODEL = 'event-counts-forecast';
/** How far ahead data-checks is scheduled: the deploy that applies it takes about a minute. */
const SCHEDULE_LEAD_MS = 4 * 60_000;
const FINAL = ['COMPLETED', 'FAILED', 'CRASHED', 'CANCELLED'];

/** The host size the config copy had before the step (the change step measures against it). */
const originalHost = new WeakMap<Scenario, number>();

const stateOf = (r: PrefectFlowRun) => r.state?.type ?? 'UNKNOWN';

async function deployBoth(s: Scenario, what: string): Promise<void> {
  const core = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'core');
  const processing = await withBuildMirrors(s, { python: true, maven: true }, () => cdktf(s, 'deploy', { timeoutMs: 40 * 60_000 }, 'processing'));
  s.measurements.record(`cdktf deploy processing (${what})`, processing.ms, 'synth, plan, the pipeline workers\' image build when not cached, workers and runner to healthy, the deployments applied');
  log(`  ${what}: core ${applied(core.stdout)} (${Math.round(core.ms / 1000)} s); processing ${applied(processing.stdout)} (${Math.round(processing.ms / 1000)} s); PyPI mirror requests by status: ${JSON.stringify(processing.requests.python)}`);
}

async function unschedule(s: Scenario): Promise<void> {
  const host = originalHost.get(s);
  if (host === undefined) return;
  editConfigCopy(s, (doc) => removeSchedules(doc, host));
  // A failed deploy throws: the runner then says the environment could not be put back.
  const r = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'processing');
  // Then core: the lake identities (keys and grants) of the jobs only the pipelines ran go with them.
  const core = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'core');
  log(`  schedules taken out: processing ${applied(r.stdout)} (${Math.round(r.ms / 1000)} s), core ${applied(core.stdout)} (${Math.round(core.ms / 1000)} s)`);
  originalHost.delete(s);
}

/** `datalab run <pipeline>`: its exit code and the lines it printed. */
async function datalabRun(s: Scenario, pipeline: string, timeoutMs: number): Promise<{ code: number; lines: string[]; ms: number }> {
  const r = await datalab(s, ['run', pipeline], { timeoutMs, okCodes: [0, 1] });
  const lines = plainText(`${r.stdout}`).split('\n').filter(Boolean);
  return { code: r.code, lines, ms: r.ms };
}

/** The step lines of `datalab run`'s output in the order they ended, as `job state`. */
function endedSteps(lines: readonly string[]): string[] {
  return lines.flatMap((l) => {
    const m = /^\s+step (\S+) \([^)]*\): (\S+) after /.exec(l);
    return m ? [`${m[1].replace(`${JOB_FLOW}/`, '')} ${m[2]}`] : [];
  });
}

interface ModelVersion {
  readonly version: string;
  readonly run_id: string;
  readonly source: string;
  readonly status?: string;
}

async function mlflowJson<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new AssertionFailed(`MLflow GET ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function modelVersions(url: string): Promise<ModelVersion[]> {
  const r = await mlflowJson<{ model_versions?: ModelVersion[] }>(url, `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name='${MODEL}'`)}&max_results=200`);
  return r.model_versions ?? [];
}

export const pipelines: ScenarioStep = {
  name: 'pipelines',
  summary: 'pipelines scheduled in the config and deployed: datalab run lake-maintenance expires a day, datalab run medallion rebuilds silver and gold, datalab run train-model registers a model version, data-checks started by its schedule alerts on a failing check, datalab runs lists them; unscheduled, nothing of them is left',
  needs: ['processing', 'ml'],
  services: PIPELINE_SERVICES,
  async run(s) {
    const machineMb = Math.floor(os.totalmem() / 1024 ** 2);
    check(machineMb >= PIPELINES_HOST_MEMORY_MB, `this step declares a host of ${PIPELINES_HOST_MEMORY_MB} MiB (the e2e host plus the pipeline workers); this machine has ${machineMb} MiB`);
    originalHost.set(s, loadEnvironment(ENVIRONMENT, configDirOf(s)).host.memoryMb);
    const p = pipelineOf(s);
    const earliest = expectedSilver(p.produced).map((r) => r.event_date).sort()[0];
    const retention = retentionFor(earliest, new Date());
    editConfigCopy(s, (doc) => addSchedules(doc, retention.days));
    s.largestDeclaredHostMb = Math.max(s.largestDeclaredHostMb ?? 0, PIPELINES_HOST_MEMORY_MB);
    // Scheduling must leave the running platform alone: the same Spark and job containers after it.
    const kept = ['spark-master', 'spark-worker', 'job-bronze-events', 'job-silver-events', 'job-gold-event-counts'].map((n) => `datalab-e2e-${n}`);
    const idsBefore = await Promise.all(kept.map(async (n) => (await inspectContainer(n))?.id));
    check(idsBefore.every(Boolean), `the processing step's containers must exist before scheduling: ${kept.filter((_, i) => !idsBefore[i]).join(', ')} missing`);
    const started = Date.now();
    await deployBoth(s, 'schedules added');
    const idsAfter = await Promise.all(kept.map(async (n) => (await inspectContainer(n))?.id));
    const replaced = kept.filter((_, i) => idsBefore[i] !== idsAfter[i]);
    check(replaced.length === 0, `scheduling pipelines must not re-create the running Spark and job containers (a job re-created runs again); re-created: ${replaced.join(', ')}`);
    const { services } = await checkStackUp(s, 'processing', 4 * 60_000);
    const workers = services.filter((n) => n.includes('pipeline-'));
    s.measurements.record('pipelines deploy to healthy', Date.now() - started, `core (the alerts topic) and processing: ${workers.length} pipeline containers healthy, the deployments applied`);
    const topic = (await describeTopics(stateOutput(s, 'kafka_bootstrap_host'), [ALERTS_TOPIC.name]))[0];
    check(topic?.partitions === ALERTS_TOPIC.partitions, `topic ${ALERTS_TOPIC.name} must exist with ${ALERTS_TOPIC.partitions} partition: ${JSON.stringify(topic)}`);
    const declaredPipeline = declaredContainers(s, 'processing').filter((d) => d.name.includes('pipeline-'));
    const declaredPipelineContainers = declaredPipeline.map((d) => d.name);
    // Confined as declared, and no Docker socket anywhere (docs/pipelines.md: why a worker per job).
    const confinement: string[] = [];
    for (const d of declaredPipeline) {
      (await asDeclaredProblems(d)).forEach((p) => confinement.push(`${d.name}: ${p}`));
      const info = await inspectContainer(d.name);
      if (info?.mounts.some((m) => /docker\.sock$/.test(m.destination) || /docker\.sock$/.test(m.source))) confinement.push(`${d.name}: mounts the Docker socket`);
    }
    check(confinement.length === 0, `pipeline containers not confined as declared:\n  ${confinement.join('\n  ')}`);
    log(`  ${declaredPipeline.length} pipeline containers confined as declared (user, capabilities, no-new-privileges; every process of the running ones), none mounts the Docker socket`);
    log(`  ${workers.length} pipeline services healthy (${workers.join(', ')}); pipeline-deployments exited 0; topic alerts present; Spark master, worker and the ${kept.length - 2} job containers kept (same ids)`);

    // Prefect: every worker ONLINE in its own pool; the declared schedules read back.
    const prefect = new PrefectApi(`${stateOutput(s, 'prefect_url', 'ml')}/api`);
    const jobs = ['bronze-events', 'silver-events', 'gold-event-counts', 'maintenance', 'train-model', 'data-checks'];
    for (const pool of [PIPELINE_POOL, ...jobs.map(jobPool)]) {
      await poll(`a worker ONLINE in Prefect work pool ${pool}`, async () => ((await prefect.workers(pool)).some((w) => w.status === 'ONLINE') ? true : undefined), { timeoutMs: 120_000, intervalMs: 3000 });
    }
    log(`  a worker ONLINE in each of ${jobs.length + 1} work pools (${PIPELINE_POOL}, ${jobs.map(jobPool).join(', ')})`);
    const expectedFire: Record<string, { weekday?: string; time: string }> = { medallion: { time: '06:00' }, 'lake-maintenance': { weekday: 'Sat', time: '03:00' }, 'train-model': { weekday: 'Sun', time: '02:00' } };
    for (const [name, declared] of Object.entries(STEP_PIPELINES)) {
      const d = await prefect.deployment(PIPELINE_FLOW, name);
      const sched = d.schedules ?? [];
      checkEqual(sched.length, 1, `schedules of ${PIPELINE_FLOW}/${name}`);
      checkEqual({ cron: sched[0].schedule.cron, timezone: sched[0].schedule.timezone, active: sched[0].active }, { cron: declared.cron, timezone: declared.timezone, active: !('enabled' in declared) || declared.enabled }, `schedule of ${PIPELINE_FLOW}/${name} in Prefect`);
      checkEqual(d.work_pool_name, PIPELINE_POOL, `work pool of ${PIPELINE_FLOW}/${name}`);
      const fire = expectedFire[name];
      if (fire) {
        const { value: upcoming } = await poll(`scheduled runs of ${name}`, async () => {
          const runs = (await prefect.runsOf(d.id, ['SCHEDULED'])).filter((r) => r.expected_start_time);
          return runs.length ? runs : undefined;
        }, { timeoutMs: 120_000, intervalMs: 5000 });
        for (const r of upcoming) {
          const at = wallClock(r.expected_start_time!, declared.timezone);
          // On the day clocks go forward the declared time may not exist: the run then comes later that day.
          const onTime = at.time === fire.time || (!wallTimeExists(at.date, fire.time, declared.timezone) && at.time > fire.time);
          check(onTime && (!fire.weekday || at.weekday === fire.weekday), `${name}'s scheduled run ${r.name} starts ${r.expected_start_time} (${at.weekday} ${at.date} ${at.time} ${declared.timezone}); expected ${fire.weekday ?? 'daily'} ${fire.time} there`);
        }
        log(`  ${name}: cron "${declared.cron}" ${declared.timezone} active; ${upcoming.length} runs scheduled, next ${upcoming[0].expected_start_time} (${fire.weekday ?? 'daily'} ${fire.time} ${declared.timezone})`);
      } else {
        checkEqual((await prefect.runsOf(d.id, ['SCHEDULED'])).length, 0, `scheduled runs of the paused ${name}`);
        log(`  ${name}: cron "${declared.cron}" ${declared.timezone} paused; no run scheduled`);
      }
    }

    // lake-maintenance, now: silver's and gold's earliest day expired, every other row kept; bronze untouched.
    const beforeMaintenance = summarize(await readTables(s));
    const maintenance = await datalabRun(s, 'lake-maintenance', 30 * 60_000);
    check(maintenance.code === 0, `datalab run lake-maintenance must exit 0; it exited ${maintenance.code}:\n${maintenance.lines.slice(-20).join('\n')}`);
    checkEqual(endedSteps(maintenance.lines), ['maintenance Completed'], 'steps of the lake-maintenance run');
    const maintained = summarize(await readTables(s));
    // The job takes today's UTC date when it runs: the expectation holds only if that is still the step's day.
    check(retentionFor(earliest, new Date()).cutoff === retention.cutoff, `the run crossed midnight UTC (the job's cutoff moved past ${retention.cutoff}): run the step again`);
    const keptSilver = expectedSilver(p.produced).filter((r) => r.event_date >= retention.cutoff);
    checkEqual(maintained.bronzeRows, beforeMaintenance.bronzeRows, 'bronze rows after maintenance (bronze keeps every partition)');
    checkEqual(maintained.silver, [...keptSilver].sort((x, y) => x.event_id.localeCompare(y.event_id)), `silver after maintenance (rows before ${retention.cutoff} expired)`);
    checkEqual(maintained.gold, [...expectedGold(keptSilver)].sort(byDayAndType), `gold after maintenance (rows before ${retention.cutoff} expired)`);
    check(maintained.versions.silver > beforeMaintenance.versions.silver && maintained.versions.gold > beforeMaintenance.versions.gold, `maintenance must commit to silver and gold (versions ${JSON.stringify(beforeMaintenance.versions)} → ${JSON.stringify(maintained.versions)})`);
    s.measurements.record('datalab run lake-maintenance', maintenance.ms, 'partition expiry, OPTIMIZE and VACUUM of bronze, silver and gold through Prefect');
    log(`  datalab run lake-maintenance: exit 0 in ${Math.round(maintenance.ms / 1000)} s; retention ${retention.days} days (cutoff ${retention.cutoff}): silver ${beforeMaintenance.silver.length} → ${maintained.silver.length} rows, gold ${beforeMaintenance.gold.length} → ${maintained.gold.length}, bronze ${maintained.bronzeRows} kept; versions ${JSON.stringify(beforeMaintenance.versions)} → ${JSON.stringify(maintained.versions)}`);

    // medallion, now: new events first; the pipeline must ingest exactly them and rebuild silver and
    // gold whole (the days maintenance expired come back from bronze).
    const batch = secondBatch(`${p.tag}-pl`);
    const before = summarize(await readTables(s));
    await produceMessages(stateOutput(s, 'kafka_bootstrap_host'), 'events', batch);
    p.produced.push(...batch);
    const medallion = await datalabRun(s, 'medallion', 40 * 60_000);
    check(medallion.code === 0, `datalab run medallion must exit 0; it exited ${medallion.code}:\n${medallion.lines.slice(-20).join('\n')}`);
    checkEqual(endedSteps(medallion.lines), ['bronze-events Completed', 'silver-events Completed', 'gold-event-counts Completed'], 'steps of the medallion run, in the order they ended');
    const after = summarize(await readTables(s));
    const n = checkTables(after, p.produced, before.bronzeRows + batch.length);
    check(after.versions.gold > before.versions.gold && after.versions.silver > before.versions.silver, `the medallion run must write silver and gold (versions ${JSON.stringify(before.versions)} → ${JSON.stringify(after.versions)})`);
    s.measurements.record('datalab run medallion', medallion.ms, 'bronze → silver → gold through Prefect: three flow runs on the job workers, each a spark-submit in client mode');
    log(`  datalab run medallion: exit 0 in ${Math.round(medallion.ms / 1000)} s; ${medallion.lines.filter((l) => /^\s+step .* after /.test(l)).map((l) => l.trim()).join('; ')}`);
    log(`  bronze +${batch.length} rows, silver ${n.silver} events, gold ${n.gold} rows as expected; versions ${JSON.stringify(before.versions)} → ${JSON.stringify(after.versions)}`);

    // train-model, now: a new registered model version from a FINISHED run with its files in the mlflow bucket.
    const mlflow = stateOutput(s, 'mlflow_url', 'ml');
    const versionsBefore = await modelVersions(mlflow);
    const train = await datalabRun(s, 'train-model', 20 * 60_000);
    check(train.code === 0, `datalab run train-model must exit 0; it exited ${train.code}:\n${train.lines.slice(-20).join('\n')}`);
    const versionsAfter = await modelVersions(mlflow);
    const added = versionsAfter.filter((v) => !versionsBefore.some((b) => b.version === v.version));
    checkEqual(added.length, 1, `new versions of registered model ${MODEL} (before: ${versionsBefore.map((v) => v.version).join(', ') || 'none'})`);
    const version = added[0];
    const run = await mlflowJson<{ run: { info: { status: string; experiment_id: string; artifact_uri: string }; data?: { metrics?: { key: string; value: number }[]; params?: { key: string; value: string }[] } } }>(mlflow, `/api/2.0/mlflow/runs/get?run_id=${version.run_id}`);
    checkEqual(run.run.info.status, 'FINISHED', `status of the training run ${version.run_id}`);
    const metrics = run.run.data?.metrics ?? [];
    const params = run.run.data?.params ?? [];
    check(metrics.length > 0 && metrics.every((m) => Number.isFinite(m.value)), `the training run must log finite metrics: ${JSON.stringify(metrics)}`);
    check(params.length > 0, 'the training run must log its parameters');
    const secrets = lakeSecrets(s);
    const prefix = `${run.run.info.experiment_id}/${version.run_id}/artifacts/model/`;
    const listed = await lakeClient(secrets.url, secrets.admin).send(new ListObjectsV2Command({ Bucket: 'mlflow', Prefix: prefix }));
    const files = (listed.Contents ?? []).map((o) => o.Key!.slice(prefix.length));
    check(files.length > 0, `the model's files must be in s3://mlflow/${prefix}: none there`);
    s.measurements.record('datalab run train-model', train.ms, 'gold → regression → MLflow run, model files, registered version');
    log(`  datalab run train-model: exit 0 in ${Math.round(train.ms / 1000)} s; ${MODEL} version ${version.version} from run ${version.run_id} (FINISHED; metrics ${metrics.map((m) => `${m.key}=${m.value.toPrecision(4)}`).join(', ')}; ${params.length} params); ${files.length} model files in s3://mlflow/${prefix}`);

    // data-checks, by its schedule: a few minutes ahead, applied by a deploy, fired by Prefect's scheduler.
    const at = new Date(Math.ceil((Date.now() + SCHEDULE_LEAD_MS) / 60_000) * 60_000);
    const cron = scheduleDataChecks(s, at);
    const redeploy = await withBuildMirrors(s, { python: true, maven: true }, () => cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'processing'));
    log(`  data-checks scheduled "${cron}" UTC (${at.toISOString()}): processing ${applied(redeploy.stdout)} (${Math.round(redeploy.ms / 1000)} s)`);
    check(Date.now() < at.getTime() - 15_000, `the deploy that scheduled data-checks for ${at.toISOString()} ended too late (${new Date().toISOString()}) to see that run`);
    const checks = await prefect.deployment(PIPELINE_FLOW, 'data-checks');
    checkEqual(checks.schedules?.map((x) => ({ cron: x.schedule.cron, active: x.active })), [{ cron, active: true }], 'schedule of data-checks after the change');
    const { value: scheduled } = await poll('the scheduler to create the data-checks run', async () => {
      return (await prefect.runsOf(checks.id)).find((r) => r.expected_start_time && Date.parse(r.expected_start_time) === at.getTime());
    }, { timeoutMs: Math.max(30_000, at.getTime() - Date.now()), intervalMs: 5000 });
    check(scheduled.auto_scheduled === true, `run ${scheduled.name} must have been created by the scheduler (auto_scheduled: ${String(scheduled.auto_scheduled)})`);
    let last = '';
    const { value: finished } = await poll(`the scheduled data-checks run ${scheduled.name} to end`, async () => {
      const r = await prefect.flowRun(scheduled.id);
      last = `${stateOf(r)} (started ${r.start_time ?? 'not yet'})`;
      return FINAL.includes(stateOf(r)) ? r : undefined;
    }, { timeoutMs: at.getTime() - Date.now() + 12 * 60_000, intervalMs: 5000 }, () => last);
    checkEqual(stateOf(finished), 'FAILED', `state of the scheduled data-checks run ${finished.name} (a bound gold cannot meet)`);
    const startDelay = (Date.parse(finished.start_time ?? '') - at.getTime()) / 1000;
    // A worker takes a run up to PREFECT_WORKER_PREFETCH_SECONDS (10 s) before its time; run 5 started 0.2 s early.
    check(startDelay >= -10 && startDelay < 120, `the scheduled run must start at its minute: it started ${finished.start_time}, scheduled ${at.toISOString()}`);
    const steps = await prefect.childrenOf(finished.id);
    checkEqual(steps.map(stateOf), ['FAILED'], `state of the data-checks job run the pipeline started (${steps.map((x) => x.name).join(', ')})`);
    log(`  scheduled run ${finished.name}: started ${finished.start_time} (${startDelay.toFixed(0)} s after its minute), ${finished.state?.name}: ${(finished.state?.message ?? '').slice(0, 160)}`);

    const alerts = (await readTopic(stateOutput(s, 'kafka_bootstrap_host'), ALERTS_TOPIC.name, 60_000))
      .map((m) => ({ key: m.key, body: JSON.parse(m.value) as { source: string; table: string; check: string; severity: string; at: string; message: string } }))
      .filter((m) => Date.parse(m.body.at) >= at.getTime());
    // Exactly these, once each (a retry or a double publish would repeat one).
    checkEqual(alerts.map((a) => `${a.body.table}/${a.body.check}`).sort(), [...EXPECTED_FAILED_CHECKS].sort(), 'alerts on the alerts topic from the scheduled run');
    for (const a of alerts) {
      checkEqual({ key: a.key, source: a.body.source, severity: a.body.severity }, { key: `${a.body.table}/${a.body.check}`, source: 'data-checks', severity: 'error' }, 'an alert message');
    }
    log(`  alerts topic: ${alerts.map((a) => `${a.key}: ${a.body.message}`).join('; ')}`);
    const scrape = await execIn('datalab-e2e-pipeline-worker-data-checks', `python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${METRICS_PORT}/metrics', timeout=10).read().decode())"`);
    const samples = parseMetrics(scrape.stdout);
    const failed = [...samples].filter(([k]) => k.startsWith('datalab_data_check_failed{'));
    check(failed.length > EXPECTED_FAILED_CHECKS.length, `/metrics of the data-checks worker must list every check: ${scrape.stdout.slice(0, 400)}`);
    const ones = failed.filter(([, v]) => v === 1).map(([k]) => /table="([^"]+)",check="([^"]+)"/.exec(k)!.slice(1).join('/'));
    checkSameSet(ones, [...EXPECTED_FAILED_CHECKS], 'checks /metrics reports failed (1)');
    check(failed.every(([, v]) => v === 0 || v === 1), `datalab_data_check_failed must be 0 or 1: ${JSON.stringify(failed)}`);
    const lastRun = samples.get('datalab_data_checks_last_run_timestamp_seconds') ?? 0;
    check(lastRun * 1000 >= at.getTime(), `datalab_data_checks_last_run_timestamp_seconds ${lastRun} must be the scheduled run's (after ${at.toISOString()})`);
    log(`  /metrics of pipeline-worker-data-checks: ${failed.length} checks, failed: ${ones.join(', ')}; last run ${new Date(lastRun * 1000).toISOString()}`);

    // datalab runs: the four runs and their outcomes.
    const runs = await datalab(s, ['runs'], { timeoutMs: 120_000 });
    const table = plainText(runs.stdout).split('\n');
    for (const [pipeline, state] of [['lake-maintenance', 'Completed'], ['medallion', 'Completed'], ['train-model', 'Completed'], ['data-checks', 'Failed']]) {
      check(table.some((l) => l.startsWith(`${pipeline} `) && new RegExp(`\\s${state}\\s`).test(l)), `datalab runs must list a ${state} run of ${pipeline}:\n${table.join('\n')}`);
    }
    log(`  datalab runs:\n${table.filter(Boolean).map((l) => `    ${l}`).join('\n')}`);

    // Retired as docs/pipelines.md says: paused first (Prefect drops their scheduled runs), then taken out.
    editConfigCopy(s, pauseSchedules);
    const paused = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'processing');
    const stillScheduled: string[] = [];
    for (const name of Object.keys(STEP_PIPELINES)) {
      const d = await prefect.deployment(PIPELINE_FLOW, name);
      check(d.schedules?.every((x) => !x.active), `${name}'s schedule must be paused: ${JSON.stringify(d.schedules)}`);
      stillScheduled.push(...(await prefect.runsOf(d.id, ['SCHEDULED'])).map((r) => `${name} ${r.name} at ${r.expected_start_time}`));
    }
    check(stillScheduled.length === 0, `paused pipelines must have no scheduled run left: ${stillScheduled.join('; ')}`);
    log(`  every schedule paused (processing ${applied(paused.stdout)}, ${Math.round(paused.ms / 1000)} s): no scheduled run left`);
    await unschedule(s);
    const left = (await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=processing', '--format', '{{.Names}}'], { timeoutMs: 30_000 })).split('\n').filter((n) => n.includes('pipeline-'));
    check(left.length === 0, `after the schedules were taken out, pipeline containers remain: ${left.join(', ')}`);
    await checkStackUp(s, 'processing', 2 * 60_000);
    log(`  schedules taken out: none of the ${declaredPipelineContainers.length} pipeline containers is left; processing still up`);
  },
  async recover(s) {
    if (!originalHost.has(s)) return;
    // As docs/pipelines.md says: pause first (Prefect drops the scheduled runs), then take them out.
    // The pause may fail with the step (e.g. its applier): taking them out must still be tried.
    editConfigCopy(s, pauseSchedules);
    const paused = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000, okCodes: [0, 1] }, 'processing');
    log(`  recover: schedules paused (${paused.code === 0 ? applied(paused.stdout) : `the deploy failed, exit ${paused.code}`})`);
    await unschedule(s);
  },
};
