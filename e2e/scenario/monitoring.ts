/**
 * The monitoring stack as a user meets it: Prometheus' HTTP API on the host (targets, instant and
 * range queries), what the deployed stacks register for it to scrape (read from the synthesized
 * JSON of every stack whose state holds resources, not from a list), and the queries of the
 * provisioned Grafana dashboards, with Grafana's variables substituted as Grafana would.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { loadEnvironment } from '../../config/loader';
import { PanelDef, platformPanels } from '../../stacks/grafana-provisioning';
import { buildPlatform } from '../../stacks/platform';
import { check } from './assert';
import { configDirOf } from './config-copy';
import { ENVIRONMENT, outDir, Scenario, stackDir, StackName } from './context';
import { stateHasResources } from './teardown';

// ---------------------------------------------------------------------------------------------
// What the deployed stacks register for monitoring

export interface ScrapeExpectation {
  /** Prometheus job names of services discovered through Consul, by service group. */
  readonly discovered: ReadonlyMap<string, string>;
  /** Static jobs of the generated prometheus.yml (Prometheus and Consul), by group. */
  readonly staticJobs: ReadonlyMap<string, string>;
  /** Every service registered in Consul by the deployed stacks (with or without metrics). */
  readonly registered: readonly string[];
  /** The group of every registered service. */
  readonly groupOf: ReadonlyMap<string, string>;
  /** The deployed stacks the expectation was read from. */
  readonly stacks: readonly string[];
}

interface StackJson {
  resource?: {
    consul_service?: Record<string, { name: string; meta?: Record<string, string> }>;
    docker_container?: Record<string, { upload?: { file: string; content: string }[] }>;
  };
}

/** The stacks cdktf synthesized for this run (every stack of the app) that have resources in their state. */
export function deployedStacks(s: Scenario): readonly string[] {
  const dir = path.join(outDir(s), 'stacks');
  const synthesized = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'cdk.tf.json'))) : [];
  return synthesized.filter((n) => stateHasResources(s, n as StackName)).sort();
}

function stackJson(s: Scenario, stack: string): StackJson {
  return JSON.parse(fs.readFileSync(path.join(stackDir(s, stack as StackName), 'cdk.tf.json'), 'utf8')) as StackJson;
}

/** The generated prometheus.yml, as uploaded by the monitoring stack (into Prometheus' file holder). */
export function prometheusYaml(s: Scenario): { scrape_configs: { job_name: string; static_configs?: { labels?: Record<string, string> }[] }[] } {
  const containers = Object.values(stackJson(s, 'monitoring').resource?.docker_container ?? {});
  const upload = containers.flatMap((c) => c.upload ?? []).find((u) => u.file === '/etc/prometheus/prometheus.yml');
  check(upload, 'the synthesized monitoring stack uploads no /etc/prometheus/prometheus.yml');
  // DockerService escapes "${" as "$${" for Terraform; Terraform writes the file unescaped.
  return parse(upload.content.replace(/\$\$\{/g, '${')) as ReturnType<typeof prometheusYaml>;
}

/**
 * What Prometheus must scrape, from the synthesized model of the deployed stacks: every Consul
 * registration whose meta announces a metrics_path (the discovery job keeps exactly those), except
 * the services prometheus.yml scrapes statically, plus those static jobs.
 */
export function scrapeExpectation(s: Scenario): ScrapeExpectation {
  const stacks = deployedStacks(s);
  check(stacks.includes('monitoring'), `monitoring is not deployed (deployed: ${stacks.join(', ') || 'nothing'})`);
  const staticJobs = new Map<string, string>();
  for (const j of prometheusYaml(s).scrape_configs) {
    if (j.static_configs) staticJobs.set(j.job_name, j.static_configs[0]?.labels?.group ?? '');
  }
  const discovered = new Map<string, string>();
  const registered: string[] = [];
  const groupOf = new Map<string, string>();
  for (const stack of stacks) {
    for (const svc of Object.values(stackJson(s, stack).resource?.consul_service ?? {})) {
      registered.push(svc.name);
      groupOf.set(svc.name, svc.meta?.group ?? '');
      if (svc.meta?.metrics_path && !staticJobs.has(svc.name)) discovered.set(svc.name, svc.meta.group ?? '');
    }
  }
  return { discovered, staticJobs, registered: [...new Set(registered)].sort(), groupOf, stacks };
}

// ---------------------------------------------------------------------------------------------
// Prometheus' HTTP API

export interface ActiveTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly scrapePool: string;
  readonly scrapeUrl: string;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}

export type Sample = { readonly metric: Readonly<Record<string, string>>; readonly value?: readonly [number, string]; readonly values?: readonly (readonly [number, string])[] };
export interface QueryResult {
  readonly resultType: 'vector' | 'matrix' | 'scalar' | 'string';
  readonly result: readonly Sample[];
}

export class PrometheusApi {
  constructor(readonly base: string) {}

  private async get<T>(p: string, params: Record<string, string> = {}): Promise<T> {
    const url = `${this.base}${p}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`;
    const r = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    const body = (await r.json()) as { status: string; data: T; error?: string; errorType?: string };
    if (body.status !== 'success') throw new Error(`GET ${p} ${JSON.stringify(params)}: ${body.errorType ?? r.status}: ${body.error ?? 'no error text'}`);
    return body.data;
  }

  async activeTargets(): Promise<readonly ActiveTarget[]> {
    return (await this.get<{ activeTargets: ActiveTarget[] }>('/api/v1/targets', { state: 'active' })).activeTargets;
  }

  query(expr: string): Promise<QueryResult> {
    return this.get<QueryResult>('/api/v1/query', { query: expr });
  }

  queryRange(expr: string, startS: number, endS: number, stepS: number): Promise<QueryResult> {
    return this.get<QueryResult>('/api/v1/query_range', { query: expr, start: String(startS), end: String(endS), step: `${stepS}s` });
  }

  labelValues(label: string, match?: string): Promise<readonly string[]> {
    return this.get<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values`, match ? { 'match[]': match } : {});
  }
}

// ---------------------------------------------------------------------------------------------
// The provisioned dashboards' queries

export interface DashboardQuery {
  readonly dashboard: string;
  readonly panel: string;
  readonly refId: string;
  readonly expr: string;
  readonly instant: boolean;
  /** From the panel's definition: the services that export what it needs, when not all do. */
  readonly onlyFrom?: readonly string[];
}

interface DashboardJson {
  readonly title: string;
  readonly templating?: { readonly list?: readonly TemplateVariable[] };
  readonly panels: readonly { readonly title: string; readonly targets?: readonly { refId: string; expr: string; instant?: boolean }[] }[];
}

export interface TemplateVariable {
  readonly name: string;
  readonly type: string;
  readonly query?: string | { readonly query?: string };
  readonly current?: { readonly value?: string | readonly string[] };
  readonly includeAll?: boolean;
  readonly multi?: boolean;
}

export interface Dashboards {
  readonly files: readonly { readonly path: string; readonly json: DashboardJson }[];
  readonly queries: readonly DashboardQuery[];
  readonly variables: readonly TemplateVariable[];
}

/**
 * The dashboards Grafana is provisioned with in the environment in force, generated by the
 * monitoring stack exactly as it uploads them (MonitoringStack.grafanaProvisioning; a test pins
 * that they are the uploaded files where Grafana is on). Built here because the e2e environment
 * switches Grafana off, so no synthesized container carries them.
 */
export function provisionedDashboards(s: Scenario): Dashboards {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-e2e-dashboards-'));
  try {
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    const platform = buildPlatform(app, loadEnvironment(ENVIRONMENT, configDirOf(s)), { checkCapacity: false });
    check(platform.monitoring, 'the environment in force deploys no monitoring group');
    const defs = new Map<string, PanelDef>(platformPanels(platform.core.lake.capacity).map((p) => [p.title, p]));
    const files = platform.monitoring.grafanaProvisioning.filter((f) => f.path.endsWith('.json')).map((f) => ({ path: f.path, json: JSON.parse(f.content) as DashboardJson }));
    const queries = files.flatMap((f) =>
      f.json.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ dashboard: f.json.title, panel: p.title, refId: t.refId, expr: t.expr, instant: t.instant === true, onlyFrom: defs.get(p.title)?.onlyFrom }))),
    );
    return { files, queries, variables: files.flatMap((f) => f.json.templating?.list ?? []) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** How Grafana fills its own variables for a query over `rangeS` seconds at step `stepS`, on a data source whose timeInterval is `scrapeS`. */
export function builtInValues(rangeS: number, stepS: number, scrapeS: number): Record<string, string> {
  // Grafana: $__rate_interval = max($__interval + scrape interval, 4 × scrape interval).
  const rate = Math.max(stepS + scrapeS, 4 * scrapeS);
  return {
    __interval: `${stepS}s`,
    __interval_ms: String(stepS * 1000),
    __rate_interval: `${rate}s`,
    __rate_interval_ms: String(rate * 1000),
    __range: `${rangeS}s`,
    __range_s: String(rangeS),
    __range_ms: String(rangeS * 1000),
  };
}

/** Prometheus regex alternation of values, as Grafana's default format for a multi-value variable. */
function regexOf(values: readonly string[]): string {
  const esc = values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&'));
  return esc.length === 1 ? esc[0] : `(${esc.join('|')})`;
}

/**
 * The value Grafana would give a dashboard variable on first load: its saved current value, or
 * for a `label_values(metric, label)` query every value Prometheus has (All, which is what a
 * multi-value or include-all variable shows first), else the first value.
 */
export async function variableValue(v: TemplateVariable, prom: PrometheusApi): Promise<string> {
  const current = v.current?.value;
  if (current !== undefined && current !== '' && current !== '$__all') return regexOf(Array.isArray(current) ? current : [current as string]);
  if (v.type === 'constant' || v.type === 'textbox' || v.type === 'custom') {
    const q = typeof v.query === 'string' ? v.query : v.query?.query ?? '';
    const values = v.type === 'custom' ? q.split(',').map((x) => x.trim()).filter(Boolean) : [q];
    check(values.length, `variable $${v.name} (${v.type}) has no value`);
    return regexOf(v.includeAll || v.multi ? values : values.slice(0, 1));
  }
  if (v.type === 'query') {
    const q = typeof v.query === 'string' ? v.query : v.query?.query ?? '';
    const m = /^label_values\((?:(.+),\s*)?(\w+)\)$/.exec(q.trim());
    check(m, `variable $${v.name}: cannot evaluate query ${JSON.stringify(q)} (only label_values(...) is supported)`);
    const values = await prom.labelValues(m[2], m[1]);
    check(values.length, `variable $${v.name}: ${q} gives no values from this Prometheus`);
    return regexOf(v.includeAll || v.multi ? values : values.slice(0, 1));
  }
  throw new Error(`variable $${v.name}: type ${v.type} cannot be substituted here`);
}

/** The query with every `$name`, `${name}`, `${name:fmt}` and `[[name]]` replaced; fails on an unknown one. */
export function substitute(expr: string, values: Readonly<Record<string, string>>): string {
  return expr.replace(/\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g, (_whole, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c!;
    if (!(name in values)) throw new Error(`query ${JSON.stringify(expr)}: no value for variable $${name}`);
    return values[name];
  });
}

/**
 * A query that filters by comparison with a number (`up == 0`) is empty exactly when nothing
 * matches: the operand is what must return data. Undefined for other queries.
 */
export function comparisonOperand(expr: string): string | undefined {
  const m = /^(.*\S)\s*(==|!=|>=|<=|>|<)(\s*bool)?\s*-?\d+(\.\d+)?$/.exec(expr.trim());
  return m && !m[3] ? m[1] : undefined;
}

/** Deployed groups none of whose registered services announces a metrics endpoint, with those services. */
export function unmonitoredGroups(e: ScrapeExpectation): ReadonlyMap<string, readonly string[]> {
  const scraped = new Set([...e.discovered.values(), ...e.staticJobs.values()]);
  const out = new Map<string, string[]>();
  for (const [svc, group] of e.groupOf) if (!scraped.has(group)) out.set(group, [...(out.get(group) ?? []), svc].sort());
  return out;
}

/** Number of series in a result (a scalar counts as one). */
export function seriesCount(r: QueryResult): number {
  return r.resultType === 'scalar' || r.resultType === 'string' ? 1 : r.result.length;
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The series selectors of a query (`process_cpu_seconds_total`, `jvm_memory_used_bytes{area="heap"}`):
 * metric names with their label matchers, leaving out functions, aggregation clauses and keywords.
 */
export function selectorsIn(expr: string): string[] {
  const found: string[] = [];
  // Aggregation and matching clauses name labels, not metrics.
  const text = expr.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const re = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?(\s*\()?|"(?:[^"\\]|\\.)*"|\[[^\]]*\]|\{[^}]*\}/g;
  for (const m of text.matchAll(re)) {
    if (!m[1] || m[3] || PROMQL_WORDS.has(m[1].toLowerCase())) continue;
    found.push(`${m[1]}${m[2] ?? ''}`);
  }
  return [...new Set(found)];
}

/** A query aggregated `by (job)`: one series per job that has its metric is what its panel promises. */
export function perJob(expr: string): boolean {
  return /\bby\s*\(\s*job\s*\)/.test(expr);
}
