/**
 * The processing stack as the pipeline steps drive it: deployed with the Spark image's jars served
 * from the host's Maven mirror, its cluster and one-shot jobs checked with Docker and the master's
 * JSON endpoint, its jobs' runs timed, and the lake's Delta tables read back with delta-rs.
 */
import { log } from '../lib/log';
import { AssertionFailed, check } from './assert';
import type { CommandOptions } from './commands';
import { editConfigCopy } from './config-copy';
import { Scenario } from './context';
import { checkStackUp } from './core-up';
import { DeltaRead, readDeltaTables } from './delta';
import { inspectContainer } from './docker';
import { dockerProblems, processProblems, readOnlyProblems } from './steps/hardening';
import type { EventMessage } from './events';
import { BuildMirrorsUsed, deployWithMirrors } from './build-mirrors';
import { declaredContainers } from './stack';
import { lakeSecrets, stateOutput } from './state';
import type { RunResult } from '../lib/exec';

/** Containers whose state is evidence when a processing step fails. */
export const PROCESSING_SERVICES = ['spark-master', 'spark-worker', 'job-bronze-events', 'job-silver-events', 'job-gold-event-counts', 'seaweedfs', 'kafka'] as const;

/** The jobs in the order they run (stack output job_order), with the tables they write. */
export const JOBS = ['bronze-events', 'silver-events', 'gold-event-counts'] as const;
export type JobName = (typeof JOBS)[number];

export const TABLES = { bronze: 's3://bronze/events/', silver: 's3://silver/events/', gold: 's3://gold/event_counts_daily/' } as const;

/** What the pipeline steps hand each other: every message produced to the topic so far, in order. */
export interface PipelineState {
  readonly tag: string;
  readonly produced: EventMessage[];
}

const pipelines = new WeakMap<Scenario, PipelineState>();
export function pipelineOf(s: Scenario): PipelineState {
  const p = pipelines.get(s);
  check(p, 'no events were produced by this run (the processing step did not run)');
  return p;
}
export function startPipeline(s: Scenario, tag: string): PipelineState {
  const p = { tag, produced: [] };
  pipelines.set(s, p);
  return p;
}

export function jobContainer(job: JobName): string {
  return `datalab-e2e-job-${job}`;
}

/** Sets processing.jobs.<job>.runId (and backfill) in the config copy. */
export function setJobRun(s: Scenario, job: JobName, runId: string, backfill = false): void {
  editConfigCopy(s, (doc) => {
    doc.setIn(['processing', 'jobs', job, 'runId'], runId);
    doc.setIn(['processing', 'jobs', job, 'backfill'], backfill);
  });
}

/** `cdktf deploy processing` while the build mirrors serve (the Spark image's build may run in this apply). */
export function deployProcessing(s: Scenario, opts: CommandOptions = {}): Promise<RunResult & BuildMirrorsUsed> {
  return deployWithMirrors(s, 'processing', { maven: true }, opts);
}

export function applied(output: string): string {
  return /Apply complete! Resources: [^\n]*/.exec(output)?.[0] ?? (/No changes\. Your infrastructure matches the configuration\./.test(output) ? 'No changes' : 'done');
}

/** Master and workers running and healthy, every job exited 0, every file holder created, and nothing else of the group. */
export async function checkProcessingUp(s: Scenario, timeoutMs: number): Promise<{ readonly services: readonly string[] }> {
  return checkStackUp(s, 'processing', timeoutMs);
}

interface MasterJson {
  readonly status?: string;
  readonly aliveworkers?: number;
  readonly workers?: readonly { readonly id: string; readonly host: string; readonly state: string; readonly cores: number; readonly memory: number }[];
}

/**
 * Every worker joined the master, as the master itself says (its UI's /json/ on the published
 * port): as many ALIVE workers as configured, with the cores and memory each offers.
 */
export async function checkWorkersJoined(s: Scenario, expected: { readonly replicas: number; readonly cores: number; readonly memoryMb: number }, timeoutMs = 60_000): Promise<string> {
  const ui = stateOutput(s, 'spark_master_ui_url', 'processing');
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const res = await fetch(`${ui}/json/`);
      const json = (await res.json()) as MasterJson;
      const alive = (json.workers ?? []).filter((w) => w.state === 'ALIVE');
      last = `status ${json.status}, workers ${JSON.stringify(json.workers ?? [])}`;
      if (json.status === 'ALIVE' && alive.length === expected.replicas && alive.every((w) => w.cores === expected.cores && w.memory === expected.memoryMb)) {
        return `master ${json.status} at ${ui}: ${alive.length} ALIVE worker(s) ${alive.map((w) => `${w.host} (${w.cores} cores, ${w.memory} MiB)`).join(', ')}`;
      }
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new AssertionFailed(`the Spark master at ${ui}/json/ must list ${expected.replicas} ALIVE worker(s) with ${expected.cores} cores and ${expected.memoryMb} MiB each; last answer: ${last}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export interface JobRun {
  readonly job: JobName;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly exitCode: number;
  readonly ms: number;
}

/** Each job container's last run (a job not yet created is left out). */
export async function jobRuns(): Promise<readonly JobRun[]> {
  const out: JobRun[] = [];
  for (const job of JOBS) {
    const c = await inspectContainer(jobContainer(job));
    if (!c) continue;
    out.push({ job, startedAt: c.startedAt, finishedAt: c.finishedAt, exitCode: c.exitCode, ms: Date.parse(c.finishedAt) - Date.parse(c.startedAt) });
  }
  return out;
}

export function recordJobRuns(s: Scenario, runs: readonly JobRun[], when: string): void {
  for (const r of runs) s.measurements.record(`job ${r.job} (${when})`, r.ms, 'container start to exit: spark-submit, the application on the cluster, the write');
  log(`  job runs (${when}): ${runs.map((r) => `${r.job} ${(r.ms / 1000).toFixed(1)} s (exit ${r.exitCode})`).join(', ')}`);
}

/** The three tables at their latest version, read as the lake administrator. */
export async function readTables(s: Scenario): Promise<Record<keyof typeof TABLES, DeltaRead>> {
  const secrets = lakeSecrets(s);
  return (await readDeltaTables(s.logFile, secrets.url, secrets.admin, TABLES)) as Record<keyof typeof TABLES, DeltaRead>;
}

/**
 * The Spark containers' confinement (docs/policy.md): every one runs as the image's spark user
 * (185:185) with no-new-privileges and no capability; only the worker and the job drivers keep a
 * writable root (the documented exception: their scratch follows the data), the master's root is
 * read-only with a /tmp tmpfs. Checked in the synthesized JSON, in `docker inspect`, and inside
 * each running container for every process (executors included), as the core hardening step does.
 */
export async function processingConfinementProblems(s: Scenario): Promise<{ readonly problems: readonly string[]; readonly lines: readonly string[] }> {
  const problems: string[] = [];
  const lines: string[] = [];
  const writableAllowed = (name: string) => /-(spark-worker(-\d+)?|job-[a-z0-9-]+)$/.test(name);
  for (const d of declaredContainers(s, 'processing')) {
    const found = (p: string) => problems.push(`${d.name}: ${p}`);
    const c = d.confinement;
    if (!c.securityOpts.includes('no-new-privileges:true')) found('declared without no-new-privileges:true');
    if (!c.capDrop.map((x) => x.toUpperCase()).includes('ALL') || c.capAdd.length) found(`declared capabilities drop ${JSON.stringify(c.capDrop)} add ${JSON.stringify(c.capAdd)}`);
    if (!d.holdsFiles && c.user !== '185:185') found(`declared user ${JSON.stringify(c.user)}, expected the image's spark user 185:185`);
    if (!c.readOnly && !d.holdsFiles && !writableAllowed(d.name)) found('declared with a writable root, which only the worker and the jobs may keep');
    const info = await inspectContainer(d.name);
    if (!info) {
      found('not found');
      continue;
    }
    dockerProblems(c, info).forEach(found);
    if (info.status === 'running') {
      (await processProblems(d.name, '185', c)).forEach(found);
      if (c.readOnly) (await readOnlyProblems(d.name, '')).forEach(found);
    }
    if (!problems.some((p) => p.startsWith(`${d.name}:`))) {
      const root = d.holdsFiles ? 'never started (file holder)' : c.readOnly ? `read-only root, tmpfs ${Object.keys(c.tmpfs).join(' ') || 'none'}` : 'writable root (documented exception)';
      lines.push(`${d.name}: ${d.holdsFiles ? '' : `user ${c.user}, `}no capability, no-new-privileges, ${root}${info.status === 'running' ? ', every process checked' : ` (${info.status})`}`);
    }
  }
  return { problems, lines };
}
