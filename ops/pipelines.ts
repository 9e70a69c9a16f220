/**
 * `datalab run <pipeline>` and `datalab runs [pipeline]`: the scheduled pipelines (docs/pipelines.md)
 * through Prefect's REST API on the Docker host. What the environment schedules comes from its
 * config; where Prefect answers, from the model (the ml stack's published `prefect-server` port).
 */
import type { EnvConfig } from '../config/schema';
import { PIPELINE_FLOW } from '../stacks/pipelines';
import { NothingDeployedError, requireSomethingDeployed } from './deployment';
import type { PlatformModel } from './model';

/** A pipeline the environment does not schedule, or that Prefect does not know (yet). */
export class UnknownPipelineError extends Error {
  override name = 'UnknownPipelineError';
}

export interface FlowRun {
  readonly id: string;
  readonly name: string;
  readonly deployment_id?: string | null;
  readonly state_type?: string | null;
  readonly state_name?: string | null;
  readonly start_time?: string | null;
  readonly end_time?: string | null;
  readonly expected_start_time?: string | null;
  readonly total_run_time?: number | null;
  readonly state?: { readonly type: string; readonly name: string; readonly message?: string | null } | null;
}

const FINAL = new Set(['COMPLETED', 'FAILED', 'CRASHED', 'CANCELLED']);

/** The Prefect API base URL on the host (`http://127.0.0.1:4200/api`), from the model. */
export function prefectApiUrl(model: PlatformModel): string {
  const server = model.services.find((s) => s.stack === 'ml' && s.name === 'prefect-server');
  const port = server?.ports.find((p) => p.name === 'http');
  if (!server || !port?.host) {
    throw new NothingDeployedError(`environment ${model.environment} publishes no Prefect API on the host (the ml stack's prefect-server has no host port), so its pipelines cannot be reached from here`);
  }
  return `http://${port.host.address}:${port.host.port}/api`;
}

/** The scheduled pipelines of the environment, by name; a usage error naming them when `name` is not one. */
export function requireScheduled(env: EnvConfig, name: string | undefined): string[] {
  const scheduled = Object.keys(env.processing?.pipelines ?? {});
  if (scheduled.length === 0) {
    throw new UnknownPipelineError(`environment ${env.environment} schedules no pipeline (processing.pipelines in config/${env.environment}.yaml is empty; docs/pipelines.md)`);
  }
  if (name !== undefined && !scheduled.includes(name)) {
    throw new UnknownPipelineError(`environment ${env.environment} does not schedule a pipeline "${name}"; it schedules: ${scheduled.join(', ')}`);
  }
  return scheduled;
}

/** The stacks a pipeline needs deployed (processing declares the deployments, ml runs Prefect). */
export function requirePipelinesDeployed(model: PlatformModel, root: string): void {
  requireSomethingDeployed(model.environment, model.stacks.filter((s) => s.name === 'ml'), root);
  requireSomethingDeployed(model.environment, model.stacks.filter((s) => s.name === 'processing'), root);
}

export type Fetch = (url: string, init?: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;

export class PrefectClient {
  constructor(
    readonly api: string,
    private readonly fetchFn: Fetch = (u, i) => fetch(u, i),
    private readonly timeoutMs = 10_000,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    let res;
    try {
      res = await this.fetchFn(`${this.api}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new NothingDeployedError(`Prefect does not answer at ${this.api} (${cause}): is the ml stack deployed and running? (npx cdktf deploy ml)`);
    }
    const text = await res.text();
    let json: T;
    try {
      json = (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new Error(`Prefect at ${this.api} answered ${method} ${path} with HTTP ${res.status} and no JSON: ${text.slice(0, 200)}`);
    }
    if (res.status >= 400 && res.status !== 404) throw new Error(`Prefect at ${this.api} answered ${method} ${path} with HTTP ${res.status}: ${text.slice(0, 300)}`);
    return { status: res.status, json };
  }

  /** The pipeline's deployment id; UnknownPipelineError when Prefect has none (not applied yet). */
  async pipelineDeployment(name: string): Promise<string> {
    const r = await this.call<{ id: string }>('GET', `/deployments/name/${PIPELINE_FLOW}/${encodeURIComponent(name)}`);
    if (r.status === 404) {
      throw new UnknownPipelineError(`Prefect at ${this.api} has no deployment ${PIPELINE_FLOW}/${name}: deploy the processing stack (its pipeline-deployments step applies the declared pipelines)`);
    }
    return r.json.id;
  }

  async startRun(deploymentId: string): Promise<FlowRun> {
    return (await this.call<FlowRun>('POST', `/deployments/${deploymentId}/create_flow_run`, { tags: ['datalab-run'] })).json;
  }

  async flowRun(id: string): Promise<FlowRun> {
    return (await this.call<FlowRun>('GET', `/flow_runs/${id}`)).json;
  }

  private readonly deploymentNames = new Map<string, string>();

  /** `datalab-job/<job>` for a step run's deployment (cached); the run's own name when it has none. */
  async stepName(run: FlowRun): Promise<string> {
    const id = run.deployment_id;
    if (!id) return run.name;
    if (!this.deploymentNames.has(id)) {
      const r = await this.call<{ name?: string }>('GET', `/deployments/${id}`);
      this.deploymentNames.set(id, r.status === 200 && r.json.name ? r.json.name : run.name);
    }
    return this.deploymentNames.get(id)!;
  }

  /** The runs a pipeline run started (its steps), oldest first. */
  async stepRuns(parentId: string): Promise<FlowRun[]> {
    const r = await this.call<FlowRun[]>('POST', '/flow_runs/filter', { flow_runs: { parent_flow_run_id: { any_: [parentId] } }, sort: 'EXPECTED_START_TIME_ASC', limit: 50 });
    return Array.isArray(r.json) ? r.json : [];
  }

  /** Recent pipeline runs (of one pipeline, or all), newest first, each with its pipeline's name. */
  async recentRuns(pipeline: string | undefined, limit: number): Promise<{ pipeline: string; run: FlowRun }[]> {
    const deps = await this.call<{ id: string; name: string }[]>('POST', '/deployments/filter', { flows: { name: { any_: [PIPELINE_FLOW] } }, limit: 200 });
    const names = new Map((Array.isArray(deps.json) ? deps.json : []).map((d) => [d.id, d.name]));
    const ids = [...names].filter(([, n]) => pipeline === undefined || n === pipeline).map(([id]) => id);
    if (pipeline !== undefined && ids.length === 0) {
      throw new UnknownPipelineError(`Prefect at ${this.api} has no deployment ${PIPELINE_FLOW}/${pipeline}: deploy the processing stack (its pipeline-deployments step applies the declared pipelines)`);
    }
    if (ids.length === 0) return [];
    const runs = await this.call<FlowRun[]>('POST', '/flow_runs/filter', {
      flow_runs: { deployment_id: { any_: ids }, state: { type: { any_: ['RUNNING', 'COMPLETED', 'FAILED', 'CRASHED', 'CANCELLED', 'CANCELLING', 'PENDING'] } } },
      sort: 'START_TIME_DESC',
      limit,
    });
    return (Array.isArray(runs.json) ? runs.json : []).map((run) => ({ pipeline: names.get(run.deployment_id ?? '') ?? '?', run }));
  }
}

const stateOf = (r: FlowRun) => r.state?.type ?? r.state_type ?? 'UNKNOWN';
const stateName = (r: FlowRun) => r.state?.name ?? r.state_name ?? stateOf(r);

/** `1h02m03s`, `4m05s`, `12.3s`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${rest}s` : `${m}m${rest}s`;
}

/** A run's duration: Prefect's total run time, or start to end (or to `now` while running). */
export function durationOf(r: FlowRun, now: Date): number | undefined {
  if (r.start_time) {
    const end = r.end_time ? Date.parse(r.end_time) : now.getTime();
    return Math.max(0, (end - Date.parse(r.start_time)) / 1000);
  }
  return r.total_run_time ?? undefined;
}

export interface FollowOptions {
  readonly pollMs: number;
  readonly print: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/**
 * Starts the pipeline now and follows it to its end: prints each state it enters and each step
 * run as it appears or changes. Returns the final run (its state decides the exit code).
 */
export async function runPipeline(client: PrefectClient, name: string, opts: FollowOptions): Promise<FlowRun> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const now = opts.now ?? (() => new Date());
  const deployment = await client.pipelineDeployment(name);
  const started = await client.startRun(deployment);
  opts.print(`${name}: flow run ${started.name} (${started.id}) created`);
  let last = '';
  const steps = new Map<string, string>();
  for (;;) {
    const run = await client.flowRun(started.id);
    const state = stateName(run);
    if (state !== last) {
      opts.print(`${name}: ${state}${run.state?.message && FINAL.has(stateOf(run)) ? ` — ${run.state.message}` : ''}`);
      last = state;
    }
    for (const s of await client.stepRuns(started.id)) {
      const seen = `${stateName(s)}`;
      if (steps.get(s.id) !== seen) {
        steps.set(s.id, seen);
        const final = FINAL.has(stateOf(s));
        opts.print(`  step ${await client.stepName(s)} (${s.name}): ${seen}${final ? ` after ${formatDuration(durationOf(s, now()))}` : ''}`);
      }
    }
    if (FINAL.has(stateOf(run))) {
      opts.print(`${name}: ${state} after ${formatDuration(durationOf(run, now()))}`);
      return run;
    }
    await sleep(opts.pollMs);
  }
}

/** The table of `datalab runs`. */
export function runsTable(rows: readonly { pipeline: string; run: FlowRun }[], now: Date): string {
  if (rows.length === 0) return 'no pipeline runs yet';
  const lines = rows.map(({ pipeline, run }) => [pipeline, run.name, stateName(run), run.start_time ? new Date(run.start_time).toISOString().replace(/\.\d+Z$/, 'Z') : '—', formatDuration(durationOf(run, now))]);
  const head = ['pipeline', 'run', 'state', 'started (UTC)', 'duration'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (l: string[]) => l.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [fmt(head), ...lines.map(fmt)].join('\n');
}

export const isSuccess = (r: FlowRun) => stateOf(r) === 'COMPLETED';
