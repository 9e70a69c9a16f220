/**
 * The scheduled pipelines (docs/pipelines.md) as the pipelines step deploys them: what it adds to
 * the e2e config copy, and Prefect's REST API as a user's client reads it.
 *
 * The e2e environment schedules nothing in config/e2e.yaml: its processing stack must deploy before
 * ml (the scenario's order), and pipelines make processing depend on ml. The step schedules them in
 * the config copy once both stacks are up and takes them out again before it ends.
 */
import { parseDocument } from 'yaml';
import { AssertionFailed } from './assert';
import { editConfigCopy } from './config-copy';
import type { Scenario } from './context';

/**
 * The host the step declares: the e2e host's 16 GiB plus room for the pipeline workers (6 × 1216
 * MiB: a 512 MiB driver, its overhead and the Prefect worker each) and the runner (512 MiB). The
 * capacity check refuses the schedules on 16 GiB; the step checks that this machine has it.
 */
export const PIPELINES_HOST_MEMORY_MB = 22_528;

/** The pipelines the step schedules; prod's times, so the step also reads a time zone back. */
export const STEP_PIPELINES = {
  medallion: { cron: '0 6 * * *', timezone: 'Europe/Berlin', retries: 1, timeoutMinutes: 30 },
  'lake-maintenance': { cron: '0 3 * * 6', timezone: 'Europe/Berlin', timeoutMinutes: 30 },
  'train-model': { cron: '0 2 * * 0', timezone: 'Europe/Berlin', timeoutMinutes: 20 },
  // Paused until the step gives it a time a few minutes ahead (dataChecksAt).
  'data-checks': { cron: '0 4 * * *', timezone: 'UTC', enabled: false, timeoutMinutes: 15 },
} as const;

/**
 * Bounds the data checks hold against the lake the scenario built, but one: gold cannot have a
 * million rows. So the scheduled run must fail with exactly one failed check, gold_event_counts/rows.
 */
export const STEP_DATA_CHECKS = {
  tables: {
    bronze_events: { minRows: 1, maxNullRate: 0 },
    silver_events: { maxAgeHours: 2, minRows: 1, maxNullRate: 0 },
    gold_event_counts: { minRows: 1_000_000 },
  },
} as const;
export const EXPECTED_FAILED_CHECKS = ['gold_event_counts/rows'] as const;

export const ALERTS_TOPIC = { name: 'alerts', partitions: 1, replication: 1, retentionHours: 24 } as const;

type Doc = ReturnType<typeof parseDocument>;

/**
 * Partition retention of silver and gold such that maintenance expires their earliest event day
 * and keeps the rest: the cutoff (today − days) is the day after the earliest. Bronze keeps every
 * partition (it is the source the next medallion run rebuilds silver and gold from).
 */
export function retentionFor(earliestEventDate: string, today: Date): { readonly days: number; readonly cutoff: string } {
  const cutoff = new Date(Date.parse(`${earliestEventDate}T00:00:00Z`) + 86_400_000);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const days = Math.round((todayUtc - cutoff.getTime()) / 86_400_000);
  if (days < 1) throw new Error(`the scenario's earliest event day ${earliestEventDate} is too recent for a partition retention of at least one day`);
  return { days, cutoff: cutoff.toISOString().slice(0, 10) };
}

/** The copy's edits: the alerts topic (kept afterwards: core keeps it), the schedules and bounds, the larger host. */
export function addSchedules(doc: Doc, retentionDays = 30): void {
  doc.setIn(['processing', 'maintenance'], doc.createNode({ vacuumRetentionHours: 168, partitionRetentionDays: { silver_events: retentionDays, gold_event_counts: retentionDays } }));
  const topics = (doc.getIn(['core', 'topics']) as { items: { get(k: string): unknown }[] } | undefined)?.items ?? [];
  if (!topics.some((t) => t.get('name') === ALERTS_TOPIC.name)) doc.addIn(['core', 'topics'], doc.createNode(ALERTS_TOPIC, { flow: true }));
  doc.setIn(['host', 'memoryMb'], PIPELINES_HOST_MEMORY_MB);
  doc.setIn(['processing', 'pipelines'], doc.createNode(STEP_PIPELINES));
  doc.setIn(['processing', 'dataChecks'], doc.createNode(STEP_DATA_CHECKS));
}

/** Pauses every schedule (the documented first step of retiring pipelines: docs/pipelines.md). */
export function pauseSchedules(doc: Doc): void {
  for (const name of Object.keys(STEP_PIPELINES)) doc.setIn(['processing', 'pipelines', name, 'enabled'], false);
}

/** Takes the schedules out again and gives the host back its size. */
export function removeSchedules(doc: Doc, hostMemoryMb: number): void {
  doc.deleteIn(['processing', 'pipelines']);
  doc.deleteIn(['processing', 'dataChecks']);
  doc.deleteIn(['processing', 'maintenance']);
  doc.setIn(['host', 'memoryMb'], hostMemoryMb);
}

/** The five-field cron of one UTC minute of the day (`37 14 * * *`). */
export function dailyCronAt(at: Date): string {
  return `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`;
}

export function scheduleDataChecks(s: Scenario, at: Date): string {
  const cron = dailyCronAt(at);
  editConfigCopy(s, (doc) => doc.setIn(['processing', 'pipelines', 'data-checks'], doc.createNode({ cron, timezone: 'UTC', enabled: true, timeoutMinutes: 15 })));
  return cron;
}

/** Date, weekday, hour and minute of an instant in a time zone. */
export function wallClock(iso: string, timeZone: string): { readonly date: string; readonly weekday: string; readonly time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '?';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: get('weekday'), time: `${get('hour')}:${get('minute')}` };
}

/**
 * Whether a wall-clock time exists on a date in a time zone: 02:30 does not in Europe/Berlin on
 * the day clocks go forward, and a cron run for it then fires at the next valid time.
 */
export function wallTimeExists(date: string, time: string, timeZone: string): boolean {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  for (let t = midnight - 14 * 3_600_000; t <= midnight + 38 * 3_600_000; t += 15 * 60_000) {
    const w = wallClock(new Date(t).toISOString(), timeZone);
    if (w.date === date && w.time === time) return true;
  }
  return false;
}

export interface PrefectDeployment {
  readonly id: string;
  readonly name: string;
  readonly work_pool_name?: string | null;
  readonly tags?: readonly string[];
  readonly schedules?: readonly { readonly active: boolean; readonly schedule: { readonly cron?: string; readonly timezone?: string } }[];
}

export interface PrefectFlowRun {
  readonly id: string;
  readonly name: string;
  readonly deployment_id?: string | null;
  readonly parent_task_run_id?: string | null;
  readonly auto_scheduled?: boolean;
  readonly expected_start_time?: string | null;
  readonly start_time?: string | null;
  readonly end_time?: string | null;
  readonly state?: { readonly type: string; readonly name: string; readonly message?: string | null } | null;
}

/** Prefect's REST API at `<url>/api`, as the e2e reads it. */
export class PrefectApi {
  constructor(readonly api: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.api}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (!res.ok) throw new AssertionFailed(`Prefect ${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  deployment(flow: string, name: string): Promise<PrefectDeployment> {
    return this.call('GET', `/deployments/name/${flow}/${encodeURIComponent(name)}`);
  }

  runsOf(deploymentId: string, states?: readonly string[]): Promise<PrefectFlowRun[]> {
    return this.call('POST', '/flow_runs/filter', { flow_runs: { deployment_id: { any_: [deploymentId] }, ...(states ? { state: { type: { any_: states } } } : {}) }, sort: 'EXPECTED_START_TIME_ASC', limit: 50 });
  }

  childrenOf(parentId: string): Promise<PrefectFlowRun[]> {
    return this.call('POST', '/flow_runs/filter', { flow_runs: { parent_flow_run_id: { any_: [parentId] } }, sort: 'EXPECTED_START_TIME_ASC', limit: 50 });
  }

  flowRun(id: string): Promise<PrefectFlowRun> {
    return this.call('GET', `/flow_runs/${id}`);
  }

  workers(pool: string): Promise<{ name: string; status: string }[]> {
    return this.call('POST', `/work_pools/${encodeURIComponent(pool)}/workers/filter`, {});
  }
}

/** `name value` samples of a Prometheus text exposition, by `name{labels}`. */
export function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const m = /^(\S+?(?:\{[^}]*\})?)\s+(\S+)$/.exec(line.trim());
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}
