/**
 * The ml stack on the deployed core, used as its users use it:
 *
 * - ml: `npx cdktf deploy ml` while the host's PyPI mirror serves the MLflow image build
 *   (`buildMirrors.python` in the config copy); PostgreSQL, MLflow, Prefect server and worker,
 *   Airflow API server, scheduler and DAG processor healthy and the Airflow init exited 0; the
 *   init script created each service's database and owner role (pg_trgm in Prefect's); MLflow
 *   logs a run with a metric and an artifact through its REST API, the artifact lands in the
 *   `mlflow` bucket (read with MLflow's own lake identity, which is refused on another bucket);
 *   the Prefect server answers and its worker is ONLINE in the work pool; Airflow's health
 *   endpoint reports its components healthy and a trivial DAG, copied into the dags volume as the
 *   docs say, runs to success when triggered through the REST API (/api/v2, JWT from /auth/token);
 * - ml-destroy: `npx cdktf destroy ml` removes the group and leaves core healthy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { capture } from '../../lib/exec';
import { log } from '../../lib/log';
import { AssertionFailed, check, checkEqual, checkSameSet, poll, uniqueSuffix } from '../assert';
import { withBuildMirrors } from '../build-mirrors';
import { cdktf } from '../commands';
import { ENVIRONMENT_LABEL } from '../context';
import { checkCoreUp } from '../core-up';
import { describeContainer, inspectContainer, waitHealthy } from '../docker';
import type { ScenarioStep } from '../runner';
import { checkMatrix, getText, lakeClient } from '../s3';
import { declaredContainers } from '../stack';
import { identity, lakeSecrets, secretOutput, stateOutput } from '../state';
import { applied } from '../processing';

export const ML_SERVICES = ['postgres', 'mlflow', 'prefect-server', 'prefect-worker', 'airflow-init', 'airflow-apiserver', 'airflow-scheduler', 'airflow-dag-processor', 'seaweedfs'] as const;
const MLFLOW_IDENTITY = 'datalab-mlflow';
const DAG_ID = 'datalab_e2e_trivial';

async function json<T>(url: string, init: RequestInit = {}, what = url): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  if (!res.ok) throw new AssertionFailed(`${init.method ?? 'GET'} ${what}: HTTP ${res.status} ${text.slice(0, 400)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function checkMlUp(s: Parameters<ScenarioStep['run']>[0], timeoutMs: number): Promise<readonly string[]> {
  const declared = declaredContainers(s, 'ml');
  const present = await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=ml', '--format', '{{.Names}}'], { timeoutMs: 30_000 });
  checkSameSet(present.split('\n').filter(Boolean), declared.map((d) => d.name), 'ml containers of the environment');
  const services = declared.filter((d) => !d.oneShot && !d.holdsFiles).map((d) => d.name);
  await waitHealthy(services, timeoutMs);
  for (const job of declared.filter((d) => d.oneShot)) {
    const c = await inspectContainer(job.name);
    if (c?.status !== 'exited' || c.exitCode !== 0) throw new AssertionFailed(`${job.name} must have exited 0: it is ${describeContainer(c)}`);
  }
  return services;
}

/** Databases and owner roles as the init script made them (psql in the PostgreSQL container, over its socket). */
async function checkDatabases(): Promise<string> {
  const sql = "SELECT d.datname || ':' || pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname IN ('mlflow','prefect','airflow') ORDER BY 1";
  const owners = (await capture('docker', ['exec', 'datalab-e2e-postgres', 'psql', '-U', 'postgres', '-d', 'postgres', '-tA', '-c', sql], { timeoutMs: 30_000 })).trim().split('\n');
  checkEqual(owners.length, 3, `databases mlflow, prefect, airflow (found ${owners.join(', ')})`);
  for (const o of owners) {
    const [db, owner] = o.split(':');
    check(owner !== 'postgres' && owner.includes(db), `database ${db} must be owned by its own role, not ${owner}`);
  }
  const trgm = (await capture('docker', ['exec', 'datalab-e2e-postgres', 'psql', '-U', 'postgres', '-d', 'prefect', '-tA', '-c', "SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'"], { timeoutMs: 30_000 })).trim();
  checkEqual(trgm, 'pg_trgm', 'extension in the prefect database');
  return `databases and owners ${owners.join(', ')}; pg_trgm in prefect`;
}

interface MlflowRun {
  readonly run: { readonly info: { readonly run_id: string; readonly artifact_uri: string; readonly experiment_id: string }; readonly data?: { readonly metrics?: readonly { key: string; value: number }[] } };
}

/** A run with a metric and an artifact through MLflow's REST API, as the mlflow client sends it; the artifact's S3 key. */
async function mlflowRun(url: string, tag: string): Promise<{ readonly runId: string; readonly key: string; readonly body: string; readonly line: string }> {
  const api = `${url}/api/2.0/mlflow`;
  const { experiment_id } = await json<{ experiment_id: string }>(`${api}/experiments/create`, { method: 'POST', body: JSON.stringify({ name: `e2e-${tag}` }) });
  const created = await json<MlflowRun>(`${api}/runs/create`, { method: 'POST', body: JSON.stringify({ experiment_id, start_time: Date.now(), run_name: `run-${tag}` }) });
  const { run_id: runId, artifact_uri: artifactUri } = created.run.info;
  await json(`${api}/runs/log-metric`, { method: 'POST', body: JSON.stringify({ run_id: runId, key: 'rmse', value: 0.25, timestamp: Date.now(), step: 1 }) });
  // With --serve-artifacts the run's artifacts live under mlflow-artifacts:/<experiment>/<run>/artifacts,
  // which the client uploads through the server's artifact proxy.
  const m = /^mlflow-artifacts:\/(.+)$/.exec(artifactUri);
  check(m, `the run's artifact URI must be served by the tracking server (mlflow-artifacts:/…): it is ${artifactUri}`);
  const body = `model trained by the e2e run ${tag}\n`;
  const put = await fetch(`${url}/api/2.0/mlflow-artifacts/artifacts/${m[1].replace(/^\/+/, '')}/model.txt`, { method: 'PUT', body });
  check(put.ok, `artifact upload: HTTP ${put.status} ${(await put.text()).slice(0, 400)}`);
  await json(`${api}/runs/update`, { method: 'POST', body: JSON.stringify({ run_id: runId, status: 'FINISHED', end_time: Date.now() }) });
  const got = await json<MlflowRun>(`${api}/runs/get?run_id=${runId}`);
  const metric = got.run.data?.metrics?.find((x) => x.key === 'rmse');
  checkEqual(metric?.value, 0.25, 'metric rmse of the run, read back');
  const listed = await json<{ files?: { path: string }[] }>(`${api}/artifacts/list?run_id=${runId}`);
  check(listed.files?.some((f) => f.path === 'model.txt'), `the run's artifacts must list model.txt: ${JSON.stringify(listed)}`);
  return { runId, key: `${m[1].replace(/^\/+/, '')}/model.txt`, body, line: `MLflow run ${runId} (experiment ${experiment_id}): metric rmse=0.25 read back, artifact model.txt listed` };
}

interface AirflowRun {
  readonly dag_run_id: string;
  readonly state: string;
}

export const ml: ScenarioStep = {
  name: 'ml',
  summary: 'npx cdktf deploy ml (MLflow image built from the PyPI mirror): every ml service healthy, databases and roles created, an MLflow run with a metric and an artifact in the mlflow bucket, the Prefect worker online in its pool, a trivial Airflow DAG run to success',
  needs: ['deploy'],
  services: ML_SERVICES,
  async run(s) {
    const started = Date.now();
    const r = await withBuildMirrors(s, { python: true }, () => cdktf(s, 'deploy', { timeoutMs: 40 * 60_000 }, 'ml'));
    log(`  cdktf deploy ml: ${applied(r.stdout)} (${Math.round(r.ms / 1000)} s); PyPI mirror requests by status: ${JSON.stringify(r.requests.python)}`);
    const services = await checkMlUp(s, 6 * 60_000);
    s.measurements.record('cdktf deploy ml', r.ms, 'synth, plan, MLflow image build (when not cached), every ml service to healthy (the provider waits), the Airflow init');
    s.measurements.record('ml deploy to healthy', Date.now() - started, `until ${services.length} containers report healthy and the Airflow init exited 0`);
    log(`  ${services.length} ml services healthy, airflow-init exited 0`);
    log(`  ${await checkDatabases()}`);

    // MLflow, as a user on the host: a run, a metric, an artifact; the artifact in the bucket.
    const tag = uniqueSuffix().replace(/[^a-z0-9]/gi, '');
    const mlflowUrl = stateOutput(s, 'mlflow_url', 'ml');
    const run = await mlflowRun(mlflowUrl, tag);
    log(`  ${run.line}`);
    const secrets = lakeSecrets(s);
    const asMlflow = lakeClient(secrets.url, identity(secrets, MLFLOW_IDENTITY));
    checkEqual(await getText(asMlflow, 'mlflow', run.key), run.body, `s3://mlflow/${run.key} read as ${MLFLOW_IDENTITY}`);
    for (const line of await checkMatrix([
      { who: MLFLOW_IDENTITY, what: `get mlflow/${run.key}`, expected: 'allowed', request: () => getText(asMlflow, 'mlflow', run.key) },
      { who: MLFLOW_IDENTITY, what: 'get bronze/events/_delta_log/00000000000000000000.json', expected: 'AccessDenied', request: () => getText(asMlflow, 'bronze', 'events/_delta_log/00000000000000000000.json') },
    ])) log(`  ${line}`);

    // Prefect: the server answers, the worker is ONLINE in its pool.
    const prefect = `${stateOutput(s, 'prefect_url', 'ml')}/api`;
    const pool = stateOutput(s, 'prefect_work_pool', 'ml');
    checkEqual(await json<boolean>(`${prefect}/health`), true, 'Prefect /api/health');
    const poolInfo = await json<{ type: string; status?: string }>(`${prefect}/work_pools/${pool}`);
    checkEqual(poolInfo.type, 'process', `type of work pool ${pool}`);
    const { value: worker } = await poll(
      `a Prefect worker ONLINE in ${pool}`,
      async () => (await json<{ name: string; status: string }[]>(`${prefect}/work_pools/${pool}/workers/filter`, { method: 'POST', body: '{}' })).find((w) => w.status === 'ONLINE'),
      { timeoutMs: 120_000, intervalMs: 3000 },
    );
    log(`  Prefect server healthy; work pool ${pool} (${poolInfo.type}, ${poolInfo.status ?? 'no status'}) has worker ${worker.name} ONLINE`);

    // Airflow: components healthy, then a trivial DAG from the dags volume run to success.
    const airflow = stateOutput(s, 'airflow_url', 'ml');
    const health = await json<Record<string, { status?: string }>>(`${airflow}/api/v2/monitor/health`);
    for (const component of ['metadatabase', 'scheduler', 'dag_processor']) checkEqual(health[component]?.status, 'healthy', `Airflow ${component} health`);
    const dagFile = path.join(__dirname, '..', 'dags', `${DAG_ID}.py`);
    check(fs.existsSync(dagFile), `${dagFile} is missing`);
    await capture('docker', ['cp', dagFile, 'datalab-e2e-airflow-dag-processor:/opt/airflow/dags/'], { timeoutMs: 30_000 });
    const user = stateOutput(s, 'airflow_admin_user', 'ml');
    const { access_token: token } = await json<{ access_token: string }>(`${airflow}/auth/token`, { method: 'POST', body: JSON.stringify({ username: user, password: secretOutput(s, 'airflow_admin_password', 'ml') }) });
    const auth = { authorization: `Bearer ${token}` };
    const parsed = await poll(`DAG ${DAG_ID} parsed by the DAG processor`, async () => {
      const res = await fetch(`${airflow}/api/v2/dags/${DAG_ID}`, { headers: auth });
      return res.ok ? true : undefined;
    }, { timeoutMs: 240_000, intervalMs: 5000 });
    await json(`${airflow}/api/v2/dags/${DAG_ID}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ is_paused: false }) });
    const triggered = await json<AirflowRun>(`${airflow}/api/v2/dags/${DAG_ID}/dagRuns`, { method: 'POST', headers: auth, body: JSON.stringify({ logical_date: null }) });
    let state = triggered.state;
    const done = await poll(`DAG run ${triggered.dag_run_id} to succeed`, async () => {
      state = (await json<AirflowRun>(`${airflow}/api/v2/dags/${DAG_ID}/dagRuns/${encodeURIComponent(triggered.dag_run_id)}`, { headers: auth })).state;
      if (state === 'failed') throw new AssertionFailed(`DAG run ${triggered.dag_run_id} failed`);
      return state === 'success' ? state : undefined;
    }, { timeoutMs: 240_000, intervalMs: 3000 }, () => `state ${state}`);
    s.measurements.record('airflow trivial DAG run', done.ms, 'trigger through /api/v2 to state success (scheduler, LocalExecutor, execution API)');
    log(`  Airflow: metadatabase, scheduler, dag_processor healthy; ${DAG_ID} parsed after ${Math.round(parsed.ms / 1000)} s, run ${triggered.dag_run_id} succeeded in ${Math.round(done.ms / 1000)} s`);
  },
};

export const mlDestroy: ScenarioStep = {
  name: 'ml-destroy',
  summary: 'npx cdktf destroy ml removes the group; core stays healthy',
  needs: ['ml'],
  services: ML_SERVICES,
  async run(s) {
    const r = await cdktf(s, 'destroy', { timeoutMs: 15 * 60_000 }, 'ml');
    s.measurements.record('cdktf destroy ml', r.ms, 'PostgreSQL, MLflow, Prefect, Airflow, registrations, the MLflow lake identity');
    const left = (await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=ml', '--format', '{{.Names}}'], { timeoutMs: 30_000 })).split('\n').filter(Boolean);
    if (left.length) throw new AssertionFailed(`after cdktf destroy ml, ml containers remain: ${left.join(', ')}`);
    await checkCoreUp(s, 2 * 60_000);
    log(`  ml destroyed (${Math.round(r.ms / 1000)} s): no ml container left; core healthy`);
  },
};
