/**
 * Turns job definitions plus an environment's `processing.jobs` settings into a run plan: which
 * jobs are deployed, with which resources, reading their code, in which order. Pure apart from
 * reading the PySpark files; every problem is collected and reported at once (`JobPlanError`), and
 * the config checks report them together with the environment file's own (config/groups/processing.ts).
 *
 * Ordering: a job depends on every enabled job that writes something it reads (the same topic, or
 * overlapping prefixes of one bucket). A cycle is an error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JobConfig } from '../config/groups/processing';
import { DataRef, describeRef, JOB_LIBRARY, JobDefinition, JobResources, PROJECT_ROOT } from './job';

/** What the selected stacks provide: bucket and topic names. */
export interface JobSources {
  readonly buckets: readonly string[];
  readonly topics: readonly string[];
}

/** What one Spark worker offers an executor. */
export interface WorkerCapacity {
  readonly cores: number;
  readonly sparkMemoryMb: number;
}

export interface PlanInput {
  readonly definitions: readonly JobDefinition[];
  /** `processing.jobs` of the environment. */
  readonly config: Readonly<Record<string, JobConfig>>;
  /** The environment file, for messages (`config/dev.yaml`). */
  readonly configFile: string;
  readonly sources: JobSources;
  readonly worker: WorkerCapacity;
  /**
   * Names of the scheduled-only jobs (`onDeploy: false`) the environment's pipelines run; the
   * others are left out of the plan (nothing of them is built). @default - none
   */
  readonly scheduled?: readonly string[];
}

export interface PlannedJob {
  readonly definition: JobDefinition;
  readonly resources: JobResources;
  readonly runId: string;
  readonly backfill: boolean;
  /** Entry file content. */
  readonly code: string;
  /** Shared helper module content (jobs/pyspark/datalab_job.py). */
  readonly library: string;
  /** Names of the (enabled) jobs this one must run after on deploy; empty for a scheduled-only job. */
  readonly after: readonly string[];
  /** Runs as a one-shot container on deploy (false: only in scheduled pipelines). */
  readonly onDeploy: boolean;
}

/**
 * One problem of a plan. A problem of the environment file names the path in it (the config loader
 * finds its line); any other names its file (a job's definition or code) and, when found, the line.
 */
export type PlanProblem =
  | { readonly path: readonly (string | number)[]; readonly message: string }
  | { readonly file: string; readonly line?: number; readonly message: string };

/** `processing.jobs.x`: a config path as messages show it. */
function dotted(p: readonly (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** One line of a report: `file[:line]  message`, or `configFile  path: message`. */
export function formatPlanProblem(p: PlanProblem, configFile: string): string {
  return 'path' in p ? `${configFile}  ${dotted(p.path)}: ${p.message}` : `${p.file}${p.line ? `:${p.line}` : ''}  ${p.message}`;
}

export class JobPlanError extends Error {
  constructor(
    readonly problems: readonly PlanProblem[],
    /** The environment file the plan was made for. */
    readonly configFile: string,
  ) {
    super(`${configFile}: the job plan has ${problems.length} problem(s):\n  ${problems.map((p) => formatPlanProblem(p, configFile)).join('\n  ')}`);
    this.name = 'JobPlanError';
  }
}

/** The 1-based line of the first match of `pattern` in a project file; undefined when there is none. */
function lineOf(file: string, pattern: RegExp): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(PROJECT_ROOT, file), 'utf8');
  } catch {
    return undefined;
  }
  const at = text.search(pattern);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where a job definition names its own `key` (`name: 'x'`, `code: …`, `executorMemoryMb: …`). */
function inDefinition(d: JobDefinition, key: string, value?: string): { file: string; line?: number } {
  const pattern = new RegExp(`\\b${escapeRe(key)}\\s*:\\s*${value === undefined ? '' : `['"\`]${escapeRe(value)}['"\`]`}`);
  return { file: d.definedIn, line: lineOf(d.definedIn, pattern) };
}

/** Does writing `w` change what reading `r` sees? */
export function overlaps(w: DataRef, r: DataRef): boolean {
  if (w.kind === 'topic') return r.kind === 'topic' && w.topic === r.topic;
  if (r.kind === 'topic') return false;
  return w.bucket === r.bucket && (w.prefix.startsWith(r.prefix) || r.prefix.startsWith(w.prefix));
}

/** Input / output names the code uses: `job.input("x")`, `job.read_delta(spark, "x")`, `job.output("x")`. */
export function namesUsedByCode(code: string): { inputs: string[]; outputs: string[] } {
  const used = (call: string) => [...new Set([...code.matchAll(new RegExp(`\\.${call}\\s*["']([^"']+)["']\\s*\\)`, 'g'))].map((m) => m[1]))];
  return {
    inputs: [...new Set([...used('input\\('), ...used('read_delta\\([^,()]+,')])],
    outputs: used('output\\('),
  };
}

/** Plans the jobs, or throws one `JobPlanError` listing every problem. */
export function planJobs(input: PlanInput): PlannedJob[] {
  const { plan, problems } = checkJobPlan(input);
  if (problems.length > 0) throw new JobPlanError(problems, input.configFile);
  return plan;
}

/** The plan and every problem of it, without throwing (the config checks report them with the file's own). */
export function checkJobPlan(input: Omit<PlanInput, 'configFile'>): { plan: PlannedJob[]; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const { definitions, config } = input;
  const jobsPath = (name: string, ...rest: string[]) => ['processing', 'jobs', name, ...rest];

  const byName = new Map<string, JobDefinition>();
  for (const d of definitions) {
    const other = byName.get(d.name);
    if (other) problems.push({ ...inDefinition(d, 'name', d.name), message: `job name "${d.name}" is already used by ${other.definedIn}` });
    byName.set(d.name, d);
  }
  for (const name of Object.keys(config)) {
    if (!byName.has(name)) problems.push({ path: jobsPath(name), message: `there is no job "${name}"; jobs are: ${[...byName.keys()].join(', ') || 'none'}` });
  }

  // A scheduled-only job is planned when a pipeline of the environment runs it.
  const enabled = definitions.filter((d) => (config[d.name]?.enabled ?? true) && (d.onDeploy !== false || (input.scheduled ?? []).includes(d.name)));
  let library = '';
  try {
    library = fs.readFileSync(JOB_LIBRARY, 'utf8');
  } catch {
    problems.push({ file: path.relative(PROJECT_ROOT, JOB_LIBRARY), message: 'the job helper module is missing' });
  }

  const planned = new Map<string, Omit<PlannedJob, 'after'>>();
  for (const d of enabled) {
    const cfg = config[d.name];
    // References must resolve against what the selected stacks provide. Topics and buckets come
    // from the environment file, so a missing one is reported as a problem of that file.
    for (const [section, refs] of [['reads', d.reads], ['writes', d.writes]] as const) {
      for (const [io, ref] of Object.entries(refs)) {
        const missing =
          ref.kind === 'topic'
            ? !input.sources.topics.includes(ref.topic) && { path: ['core', 'topics'], what: `has no topic "${ref.topic}" (topics: ${input.sources.topics.join(', ') || 'none'})` }
            : !input.sources.buckets.includes(ref.bucket) && { path: ['core', 'buckets'], what: `has no bucket "${ref.bucket}" (buckets: ${input.sources.buckets.join(', ') || 'none'})` };
        if (missing) {
          problems.push({
            path: missing.path,
            message: `${missing.what}, but job "${d.name}" ${section === 'reads' ? 'reads' : 'writes'} it (${section}.${io}, ${describeRef(ref)}, in ${d.definedIn}); add it here or disable the job with ${jobsPath(d.name, 'enabled').join('.')}: false`,
          });
        }
      }
    }

    let code = '';
    try {
      code = fs.readFileSync(d.codePath, 'utf8');
    } catch {
      problems.push({ ...inDefinition(d, 'code', d.code), message: `code "${d.code}" not found (expected ${path.relative(PROJECT_ROOT, d.codePath)})` });
    }
    const used = namesUsedByCode(code);
    const codeFile = path.relative(PROJECT_ROOT, d.codePath);
    const usedAt = (call: string, name: string) => lineOf(codeFile, new RegExp(`\\.${call}\\s*\\([^"')]*["']${escapeRe(name)}["']`));
    for (const n of used.inputs.filter((n) => !(n in d.reads))) {
      problems.push({ file: codeFile, line: usedAt('(?:input|read_delta)', n), message: `uses input "${n}", which ${d.definedIn} does not declare in reads (declared: ${Object.keys(d.reads).join(', ') || 'none'})` });
    }
    for (const n of used.outputs.filter((n) => !(n in d.writes))) {
      problems.push({ file: codeFile, line: usedAt('output', n), message: `uses output "${n}", which ${d.definedIn} does not declare in writes (declared: ${Object.keys(d.writes).join(', ') || 'none'})` });
    }

    // Config overrides the definition's defaults; the result must fit one worker, or the job waits forever.
    const resources: JobResources = { ...d.resources, ...(cfg?.resources ?? {}) };
    const at = (key: keyof JobResources, message: string): PlanProblem =>
      cfg?.resources?.[key] !== undefined ? { path: jobsPath(d.name, 'resources', key), message } : { ...inDefinition(d, key), message: `resources.${key}: ${message}` };
    if (resources.executorMemoryMb > input.worker.sparkMemoryMb) {
      problems.push(at('executorMemoryMb', `${resources.executorMemoryMb} MiB per executor exceeds what a worker offers (processing.spark.worker.sparkMemoryMb ${input.worker.sparkMemoryMb}); Spark would never start an executor`));
    }
    if (resources.executorCores > input.worker.cores) {
      problems.push(at('executorCores', `${resources.executorCores} cores per executor exceeds a worker's ${input.worker.cores} (processing.spark.worker.cores)`));
    }
    if (resources.maxCores < resources.executorCores) {
      problems.push(at('maxCores', `maxCores ${resources.maxCores} is below executorCores ${resources.executorCores}; no executor could start`));
    }
    planned.set(d.name, { definition: d, resources, runId: cfg?.runId ?? '1', backfill: cfg?.backfill ?? false, code, library, onDeploy: d.onDeploy !== false });
  }

  // Dependencies from declared reads/writes, among the enabled jobs that run on deploy (a
  // scheduled-only job runs in its pipeline's order, never in the deploy's).
  const after = new Map<string, string[]>();
  const onDeploy = enabled.filter((d) => d.onDeploy !== false);
  for (const d of enabled) {
    const deps = (d.onDeploy === false ? [] : onDeploy)
      .filter((w) => w !== d && Object.values(w.writes).some((out) => Object.values(d.reads).some((inp) => overlaps(out, inp))))
      .map((w) => w.name);
    after.set(d.name, deps);
  }
  const order = topologicalOrder(enabled.map((d) => d.name), after, problems, byName);
  return { plan: order.map((name) => ({ ...planned.get(name)!, after: after.get(name)! })), problems };
}

/** Depth-first topological sort (definition order among independent jobs); reports each cycle once. */
function topologicalOrder(names: string[], after: Map<string, string[]>, problems: PlanProblem[], defs: Map<string, JobDefinition>): string[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const out: string[] = [];
  const stack: string[] = [];
  const visit = (n: string): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(n)), n];
      const first = defs.get(cycle[0])!;
      problems.push({
        ...inDefinition(first, 'reads'),
        message: `jobs form a cycle: ${cycle.join(' → ')} (each job reads what the next one writes; see ${[...new Set(cycle.map((c) => defs.get(c)!.definedIn))].join(', ')}); break it by changing a job's reads or writes`,
      });
      return;
    }
    state.set(n, 'visiting');
    stack.push(n);
    for (const dep of after.get(n) ?? []) visit(dep);
    stack.pop();
    state.set(n, 'done');
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}
