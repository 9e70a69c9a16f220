/**
 * The visualization stack on the deployed core and processing, used as its users use it, once
 * the pipeline has written gold:
 *
 * - visualization: `npx cdktf deploy visualization` builds the JupyterHub and Streamlit images
 *   (packages from the host's PyPI, npm and Maven mirrors) and starts both, healthy. Then
 *   - JupyterHub: the notebook user logs in through the login form with the generated password
 *     from the stack's outputs (a wrong one is refused), takes a token, starts a server through the
 *     hub's API and runs cells in a kernel over the Jupyter websocket protocol: Spark on the
 *     cluster reads gold with the notebook identity and gets exactly what the produced events
 *     give; the master lists the notebook as the user's application; a write to gold is refused
 *     with S3's AccessDenied and leaves nothing; a write to the notebooks' scratch prefix works.
 *     While the kernel runs, the hub's processes hold at most their declared capabilities and the
 *     user's none.
 *   - Streamlit: headless Chromium renders the page, which shows the gold table with exactly the
 *     gold rows and values; the container is confined as declared.
 * - visualization-destroy: `npx cdktf destroy visualization` removes the group; core and
 *   processing stay healthy and gold is unchanged.
 */
import { DeleteObjectsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { loadEnvironment } from '../../../config/loader';
import { capture } from '../../lib/exec';
import { log, step } from '../../lib/log';
import { ensureChromium } from '../../toolchain/chromium';
import { AssertionFailed, check, checkEqual, uniqueSuffix } from '../assert';
import { cdktf } from '../commands';
import { configDirOf } from '../config-copy';
import { ENVIRONMENT, ENVIRONMENT_LABEL, Scenario } from '../context';
import { checkCoreUp } from '../core-up';
import { byDayAndType, expectedGold, expectedSilver, GoldRow } from '../events';
import { createToken, HubUser, logIn, markedJson } from '../jupyterhub';
import { applied, checkProcessingUp, pipelineOf, readTables } from '../processing';
import type { ScenarioStep } from '../runner';
import { lakeClient } from '../s3';
import { lakeSecrets, stateOutput, stateValue } from '../state';
import { renderStreamlit } from '../streamlit';
import { checkVisualizationUp, deployVisualization, hubConfinementProblems, streamlitConfinementProblems, VISUALIZATION_SERVICES } from '../visualization';
import { goldOf } from '../pipeline';

const GOLD = 's3a://gold/event_counts_daily/';

/** What gold must hold now: computed from every event produced so far, not by the jobs. */
function expectedGoldNow(s: Scenario): readonly GoldRow[] {
  return expectedGold(expectedSilver(pipelineOf(s).produced));
}

/** Cell 1: Spark on the cluster reads gold; the kernel says who it runs as and what it sees. */
const READ_GOLD = `
import getpass, json, os
from pyspark.sql import SparkSession, functions as F
spark = SparkSession.builder.getOrCreate()
gold = spark.read.format("delta").load("${GOLD}")
rows = gold.select(F.col("event_date").cast("string").alias("event_date"), "event_type", "events", "distinct_users", "value_sum", F.unix_micros("last_event_at").alias("last_event_at")).collect()
print("DATALAB-E2E " + json.dumps({
    "user": getpass.getuser(), "uid": os.getuid(), "master": spark.sparkContext.master, "app": spark.sparkContext.applicationId,
    "executors": spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1,
    "hubSecrets": sorted(k for k in os.environ if k.startswith("DATALAB_HUB_")),
    "rows": [r.asDict() for r in rows],
}))
`;

interface KernelView {
  readonly user: string;
  readonly uid: number;
  readonly master: string;
  readonly app: string;
  readonly executors: number;
  readonly hubSecrets: readonly string[];
  readonly rows: readonly GoldRow[];
}

/** The master's view of running applications (its UI's /json/). */
async function activeApps(s: Scenario): Promise<readonly { id: string; name: string; user: string; state: string; cores: number }[]> {
  const res = await fetch(`${stateOutput(s, 'spark_master_ui_url', 'processing')}/json/`);
  return ((await res.json()) as { activeapps?: { id: string; name: string; user: string; state: string; cores: number }[] }).activeapps ?? [];
}

/** Removes every object under bucket/prefix as the lake administrator. */
async function removePrefix(s: Scenario, bucket: string, prefix: string): Promise<number> {
  const secrets = lakeSecrets(s);
  const admin = lakeClient(secrets.url, secrets.admin);
  const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  const keys = (listed.Contents ?? []).map((o) => ({ Key: o.Key! }));
  if (keys.length) await admin.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
  return keys.length;
}

async function useJupyterHub(s: Scenario, user: string, expected: readonly GoldRow[]): Promise<void> {
  const hubUrl = stateOutput(s, 'jupyterhub_url', 'visualization');
  const passwords = stateValue(s, 'jupyterhub_user_passwords', 'visualization') as Record<string, string>;
  const password = passwords[user];
  check(typeof password === 'string' && password.length >= 16, `state output jupyterhub_user_passwords has no password for ${user}`);

  // The login form: a wrong password is refused; the right one gives a session.
  const refused = await logIn(hubUrl, user, `${password}x`);
  // The hub answers a refusal with the login form again (its status differs between releases).
  check(refused.status !== 302 && !refused.jar.get('jupyterhub-hub-login') && /Invalid username or password/.test(refused.body), `a wrong password for ${user} must be refused (the form again with "Invalid username or password", no session); got ${refused.status} ${refused.location ?? ''}`);
  const session = await logIn(hubUrl, user, password);
  check(session.status === 302 && session.jar.get('jupyterhub-hub-login'), `logging in as ${user} with the generated password must redirect with a session cookie; got ${session.status} ${session.location ?? ''}`);
  log(`  jupyterhub: the login form refuses a wrong password (${refused.status}, "Invalid username or password") and logs ${user} in (302 to ${session.location})`);

  const token = await createToken(hubUrl, session.jar, user, 'datalab e2e');
  const hub = new HubUser(hubUrl, user, token);
  const spawnMs = await hub.startServer(3 * 60_000);
  s.measurements.record('jupyterhub: server spawn', spawnMs, `POST /hub/api/users/${user}/server until the hub reports it ready`);
  log(`  jupyterhub: ${user}'s server ready in ${(spawnMs / 1000).toFixed(1)} s`);

  const kernel = await hub.startKernel();
  try {
    const read = await kernel.execute(READ_GOLD, 6 * 60_000);
    if (read.status !== 'ok') throw new AssertionFailed(`reading gold in the kernel failed: ${read.error?.ename}: ${read.error?.evalue}\n${(read.error?.traceback ?? []).slice(-8).join('\n')}\n${read.stderr.slice(-1500)}`);
    const view = markedJson<KernelView>(read.stdout, 'DATALAB-E2E');
    check(view, `the cell printed no result line:\n${read.stdout.slice(-1500)}`);
    s.measurements.record('jupyterhub: first cell reading gold with Spark', read.ms, 'SparkSession on the cluster (driver start, executor on the worker) and the Delta read');
    checkEqual(view.user, user, 'the Unix user the kernel runs as');
    check(view.uid !== 0, 'the kernel runs as root');
    checkEqual(view.hubSecrets, [], "the hub's DATALAB_HUB_* variables (passwords) in the kernel's environment");
    const cfg = loadEnvironment(ENVIRONMENT, configDirOf(s));
    check(view.master.startsWith('spark://') && cfg.processing, `the notebook's Spark master is ${view.master}, expected the cluster`);
    check(view.executors >= 1, `the notebook's Spark application has no executor on the cluster (${view.executors})`);
    checkEqual([...view.rows].sort(byDayAndType), [...expected], 'gold as the notebook reads it with Spark');
    const app = (await activeApps(s)).find((a) => a.id === view.app);
    check(app && app.user === user && app.state === 'RUNNING', `the master must list the notebook's application ${view.app} as RUNNING for ${user}: ${JSON.stringify(await activeApps(s))}`);
    log(`  jupyterhub: a kernel of ${user} (uid ${view.uid}) read gold with Spark on ${view.master} (${view.executors} executor, application ${view.app} of ${app.user} on the master): ${view.rows.length} rows, every value as the events give (${(read.ms / 1000).toFixed(1)} s)`);

    // While the user's server and kernel run: the hub's confinement as the kernel enforces it.
    const confinement = await hubConfinementProblems(s, user);
    if (confinement.problems.length) throw new AssertionFailed(`jupyterhub not confined as declared:\n  ${confinement.problems.join('\n  ')}`);
    log(`  ${confinement.line}`);

    // Gold is read-only to notebooks: the write fails in the cell with S3's AccessDenied and leaves nothing.
    const probe = `e2e-notebook-probe-${uniqueSuffix().replace(/[^a-z0-9-]/gi, '')}`;
    const write = await kernel.execute(`spark.range(3).write.format("delta").mode("append").save("s3a://gold/${probe}/")`, 6 * 60_000);
    const shown = `${write.error?.ename}: ${write.error?.evalue}\n${(write.error?.traceback ?? []).join('\n')}`;
    check(write.status === 'error', `a notebook's write to gold must fail; the cell ended ${write.status}`);
    const denied = /AccessDenied[^\n]*/.exec(shown)?.[0];
    check(denied && /403/.test(shown), `the failed write to gold must show S3's AccessDenied (403); the cell shows:\n${shown.slice(0, 3000)}`);
    const left = await removePrefix(s, 'gold', `${probe}/`);
    checkEqual(left, 0, `objects the refused write left under gold/${probe}/`);
    log(`  jupyterhub: a write to gold/${probe}/ fails in the cell with ${write.error?.ename}: …${denied.slice(0, 160)} and leaves nothing (${(write.ms / 1000).toFixed(1)} s)`);

    // The notebooks' scratch prefix is theirs to write.
    const scratch = cfg.visualization!.jupyterhub.scratch;
    const scratchPath = `s3a://${scratch.bucket}/${scratch.prefix}${probe}/`;
    const own = await kernel.execute(`spark.range(3).write.format("delta").mode("overwrite").save("${scratchPath}")\nprint("DATALAB-E2E-SCRATCH", spark.read.format("delta").load("${scratchPath}").count())\nspark.stop()`, 6 * 60_000);
    check(own.status === 'ok' && /DATALAB-E2E-SCRATCH 3\b/.test(own.stdout), `a notebook must be able to write and read back its scratch prefix ${scratchPath}: ${own.status} ${own.error?.ename ?? ''}: ${own.error?.evalue ?? ''}\n${own.stdout.slice(-500)}`);
    const removed = await removePrefix(s, scratch.bucket, `${scratch.prefix}${probe}/`);
    log(`  jupyterhub: the notebook wrote and read back a Delta table at ${scratchPath} (${removed} objects, removed afterwards)`);
  } finally {
    await kernel.shutdown().catch(() => undefined);
    await hub.stopServer().catch(() => undefined);
  }
}

/** A rendered cell against an expected value: numbers as numbers, null as an empty or "None" cell. */
function sameCell(text: string, expected: unknown): boolean {
  if (expected === null) return text === '' || /^none$/i.test(text);
  if (typeof expected === 'number') return Number(text.replace(/,/g, '')) === expected;
  return text === String(expected);
}

/** Expected gold rows missing from the grid (matched by every column but the timestamp, shown as Streamlit formats it). */
export function missingFromGrid(headers: readonly string[], rows: readonly (readonly string[])[], expected: readonly GoldRow[]): string[] {
  const columns = ['event_date', 'event_type', 'events', 'distinct_users', 'value_sum'] as const;
  const at = Object.fromEntries(columns.map((c) => [c, headers.indexOf(c)]));
  const absent = columns.filter((c) => at[c] < 0);
  if (absent.length) return [`the grid has no column ${absent.join(', ')} (headers: ${JSON.stringify(headers)})`];
  return expected
    .filter((e) => !rows.some((r) => columns.every((c) => sameCell(r[at[c]] ?? '', e[c]))))
    .map((e) => `${e.event_date}/${e.event_type}: events ${e.events}, users ${e.distinct_users}, value_sum ${e.value_sum}`);
}

async function useStreamlit(s: Scenario, expected: readonly GoldRow[]): Promise<void> {
  const browser = await step('Chromium', () => ensureChromium());
  const url = stateOutput(s, 'streamlit_url', 'visualization');
  const page = await renderStreamlit(browser.executable, url, expected.length, 3 * 60_000);
  s.measurements.record('streamlit: page to gold grid', page.ms, `${browser.version}: navigation until the grid shows the gold rows`);
  check(/DataLab gold layer/.test(page.text), `the page must show the app's title; it shows:\n${page.text.slice(0, 800)}`);
  check(/event_counts_daily \(delta\)/.test(page.text), `the sidebar must offer gold's event_counts_daily (delta) table; the page shows:\n${page.text.slice(0, 800)}`);
  const count = new RegExp(`\\b${expected.length} rows shown`).test(page.text);
  check(count, `the page must say ${expected.length} rows shown; it shows:\n${page.text.slice(0, 800)}`);
  checkEqual(page.rows.length, expected.length, `rows in the rendered grid (${JSON.stringify(page.rows)})`);
  const missing = missingFromGrid(page.headers, page.rows, expected);
  if (missing.length) throw new AssertionFailed(`the rendered grid lacks gold rows:\n  ${missing.join('\n  ')}\nit shows ${JSON.stringify(page.headers)}\n  ${page.rows.map((r) => JSON.stringify(r)).join('\n  ')}\nscreenshot: ${page.screenshot}`);
  log(`  streamlit: ${browser.version} renders "${expected.length} rows shown" and every gold row (${page.headers.join(' | ')}) in ${(page.ms / 1000).toFixed(1)} s; screenshot ${page.screenshot}`);
  const confinement = await streamlitConfinementProblems(s);
  if (confinement.problems.length) throw new AssertionFailed(`streamlit not confined as declared:\n  ${confinement.problems.join('\n  ')}`);
  log(`  ${confinement.line}`);
}

export const visualization: ScenarioStep = {
  name: 'visualization',
  summary: 'npx cdktf deploy visualization: JupyterHub login, server, a kernel reads gold with Spark and is refused writing it; Streamlit renders gold in Chromium',
  needs: ['pipeline'],
  services: VISUALIZATION_SERVICES,
  async run(s) {
    const expected = expectedGoldNow(s);
    check(expected.length > 0, 'no gold rows are expected: the pipeline produced nothing');
    const started = Date.now();
    const r = await deployVisualization(s);
    log(`  cdktf deploy visualization: ${applied(r.stdout)} (${Math.round(r.ms / 1000)} s); mirror requests by status: ${JSON.stringify(r.requests)}`);
    const up = await checkVisualizationUp(s, 5 * 60_000);
    s.measurements.record('cdktf deploy visualization', r.ms, 'synth, plan, both image builds (when not cached), the containers to created');
    s.measurements.record('visualization deploy to healthy', Date.now() - started, `until ${up.services.join(', ')} report healthy`);
    // Gold as the lake holds it (delta-rs) is still what the events give: what the users must see.
    checkEqual(goldOf((await readTables(s)).gold).rows, expected, 'gold before the visualization checks');

    const cfg = loadEnvironment(ENVIRONMENT, configDirOf(s)).visualization!;
    await useJupyterHub(s, cfg.jupyterhub.users[0], expected);
    await useStreamlit(s, expected);
  },
};

export const visualizationDestroy: ScenarioStep = {
  name: 'visualization-destroy',
  summary: 'npx cdktf destroy visualization removes the group; core and processing stay healthy and gold is unchanged',
  needs: ['visualization'],
  services: VISUALIZATION_SERVICES,
  async run(s) {
    const before = goldOf((await readTables(s)).gold);
    const r = await cdktf(s, 'destroy', { timeoutMs: 15 * 60_000 }, 'visualization');
    s.measurements.record('cdktf destroy visualization', r.ms, 'hub, Streamlit, their lake identities and registrations');
    const left = (await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=visualization', '--format', '{{.Names}}'], { timeoutMs: 30_000 })).split('\n').filter(Boolean);
    if (left.length) throw new AssertionFailed(`after cdktf destroy visualization, visualization containers remain: ${left.join(', ')}`);
    await checkCoreUp(s, 2 * 60_000);
    await checkProcessingUp(s, 2 * 60_000);
    const after = goldOf((await readTables(s)).gold);
    checkEqual(after, before, 'gold after destroying visualization');
    log(`  visualization destroyed (${Math.round(r.ms / 1000)} s): no visualization container left; core and processing healthy; gold unchanged (version ${after.version})`);
  },
};
