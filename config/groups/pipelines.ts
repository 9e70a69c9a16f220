/**
 * `processing.pipelines`, `processing.maintenance` and `processing.dataChecks`: per environment,
 * which pipelines of pipelines/ run on which schedule, and the settings of the jobs they run.
 * An environment without `pipelines` schedules nothing (and builds no pipeline worker).
 * Documented in docs/pipelines.md.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { TABLE_CONTRACTS } from '../../jobs/data-checks';
import { MAINTAINED_TABLES } from '../../jobs/maintenance';
import { cronProblem, isTimeZone } from '../../pipelines/cron';
import { PIPELINES } from '../../pipelines';
import type { ConfigCheck, ConfigProblem } from '../checks';

const pipelineName = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { message: 'expected a pipeline name: lower-case letters, digits and -' });

export const pipelineScheduleSchema = z.strictObject({
  /** Five-field cron expression, read in `timezone` (e.g. "0 6 * * *": every day at 06:00). */
  cron: z.string().superRefine((v, ctx) => {
    const problem = cronProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: `not a cron expression: ${problem}` });
  }),
  /** IANA time zone the cron expression is read in. @default UTC */
  timezone: z
    .string()
    .default('UTC')
    .superRefine((v, ctx) => {
      if (!isTimeZone(v)) ctx.addIssue({ code: 'custom', message: 'not an IANA time zone (e.g. UTC, Europe/Berlin)' });
    }),
  /** false: the pipeline stays declared (and `datalab run` works) but its schedule is paused. */
  enabled: z.boolean().default(true),
  /** How often a failed step is run again before the pipeline fails. */
  retries: z.int().min(0).max(10).default(0),
  /** Delay before a retry. */
  retryDelaySeconds: z.int().min(0).max(3600).default(60),
  /** The whole run's limit; a step still running then is cancelled and the run fails. */
  timeoutMinutes: z.int().min(1).max(24 * 60).default(60),
});
export type PipelineScheduleConfig = z.infer<typeof pipelineScheduleSchema>;

export const pipelinesSchema = z.record(pipelineName, pipelineScheduleSchema).default({});
export type PipelinesConfig = z.infer<typeof pipelinesSchema>;

const tableName = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, { message: 'expected a table name as the job calls it (e.g. bronze_events)' });

export const maintenanceSchema = z
  .strictObject({
    /**
     * VACUUM keeps the files any table version of the last this-many hours reads. Delta refuses
     * less than 168 (7 days) by default: a reader or writer still on an older version would fail.
     */
    vacuumRetentionHours: z.int().min(168).max(24 * 3650).default(168),
    /** Per table, partitions older than this many days are deleted. A table not listed keeps every partition. */
    partitionRetentionDays: z.record(tableName, z.int().min(1).max(36500)).default({}),
  })
  .default({ vacuumRetentionHours: 168, partitionRetentionDays: {} });
export type MaintenanceConfig = z.infer<typeof maintenanceSchema>;

export const tableCheckSchema = z.strictObject({
  /** The table's last commit must be at most this old. */
  maxAgeHours: z.number().positive().max(24 * 365).optional(),
  /** At least this many rows. */
  minRows: z.int().min(0).optional(),
  /** At most this share (0..1) of nulls in each of the table's key columns. */
  maxNullRate: z.number().min(0).max(1).optional(),
});
export const dataChecksSchema = z
  .strictObject({
    /** Per table (as the data-checks job names it), its bounds. A table not listed gets only the schema check. */
    tables: z.record(tableName, tableCheckSchema).default({}),
  })
  .default({ tables: {} });
export type DataChecksConfig = z.infer<typeof dataChecksSchema>;

/** The section as the checks below see it. */
interface WithPipelines {
  readonly groups: readonly string[];
  readonly processing?: {
    readonly pipelines: PipelinesConfig;
    readonly maintenance: MaintenanceConfig;
    readonly dataChecks: DataChecksConfig;
    readonly jobs: Readonly<Record<string, { readonly enabled: boolean }>>;
  };
}
const sectionOf = (cfg: unknown) => {
  const c = cfg as WithPipelines;
  return c.processing && c.groups.includes('processing') ? c.processing : undefined;
};

/** The jobs the declared (known) pipelines run: the scheduled-only jobs the plan must include. */
export function scheduledJobs(pipelines: PipelinesConfig): string[] {
  return [...new Set(PIPELINES.filter((p) => p.name in pipelines).flatMap((p) => p.jobs.map((j) => j.name)))];
}

export const pipelinesKnown: ConfigCheck = (cfg) => {
  const p = sectionOf(cfg);
  if (!p) return [];
  const known = PIPELINES.map((d) => d.name);
  return Object.keys(p.pipelines)
    .filter((n) => !known.includes(n))
    .map((n) => ({ path: ['processing', 'pipelines', n], message: `there is no pipeline "${n}"; pipelines are: ${known.join(', ')}` }));
};

/** A schedule of a pipeline one of whose jobs is switched off in this environment. */
export const pipelineJobsEnabled: ConfigCheck = (cfg) => {
  const p = sectionOf(cfg);
  if (!p) return [];
  const problems: ConfigProblem[] = [];
  for (const d of PIPELINES.filter((x) => x.name in p.pipelines)) {
    for (const j of d.jobs) {
      if (p.jobs[j.name]?.enabled === false) {
        problems.push({
          path: ['processing', 'pipelines', d.name],
          message: `pipeline "${d.name}" runs job "${j.name}" (${d.definedIn}), which processing.jobs.${j.name}.enabled switches off here; enable the job or remove the schedule`,
        });
      }
    }
  }
  return problems;
};

/** Pipelines run on Prefect, which the ml group deploys. */
export const pipelinesNeedMl: ConfigCheck = (cfg) => {
  const p = sectionOf(cfg);
  if (!p || Object.keys(p.pipelines).length === 0 || cfg.groups.includes('ml')) return [];
  return [{ path: ['processing', 'pipelines'], message: `pipelines run on Prefect, which the ml group deploys: add ml to groups or remove the schedules (${Object.keys(p.pipelines).join(', ')})` }];
};

export const pipelineSettingsKnown: ConfigCheck = (cfg) => {
  const p = sectionOf(cfg);
  if (!p) return [];
  const unknown = (section: string, key: string, names: string[], known: readonly string[]): ConfigProblem[] =>
    names
      .filter((n) => !known.includes(n))
      .map((n) => ({ path: ['processing', section, key, n], message: `there is no table "${n}" here; tables are: ${known.join(', ')}` }));
  return [
    ...unknown('maintenance', 'partitionRetentionDays', Object.keys(p.maintenance.partitionRetentionDays), Object.keys(MAINTAINED_TABLES)),
    ...unknown('dataChecks', 'tables', Object.keys(p.dataChecks.tables), Object.keys(TABLE_CONTRACTS)),
  ];
};

/** The requirements of the pipeline worker image (images/spark-pipelines). */
export const WORKER_REQUIREMENTS = path.join(__dirname, '..', '..', 'images', 'spark-pipelines', 'requirements.txt');

/** The Prefect version images/spark-pipelines/requirements.txt pins, if any. */
export function workerPrefectPin(text = fs.readFileSync(WORKER_REQUIREMENTS, 'utf8')): string | undefined {
  return /^prefect==([^\s#]+)/m.exec(text)?.[1];
}

/** The workers' Prefect must be the server's: a client newer than its server can be refused. */
export const pipelinePrefectMatchesServer: ConfigCheck = (cfg) => {
  const p = sectionOf(cfg);
  const ml = (cfg as unknown as { ml?: { prefect: { server: { image: string } } } }).ml;
  if (!p || Object.keys(p.pipelines).length === 0 || !ml) return [];
  const image = ml.prefect.server.image;
  const server = /:(\d+\.\d+\.\d+)/.exec(image.replace(/@sha256:.*$/, ''))?.[1];
  const pin = workerPrefectPin();
  return server !== pin
    ? [{ path: ['ml', 'prefect', 'server', 'image'], message: `the pipeline workers install prefect ${pin ?? '(no pin)'} (images/spark-pipelines/requirements.txt) but the server runs ${server ?? 'an unknown version'} (${image}); regenerate that file for this version (its header says how) or keep the server at ${pin}` }]
    : [];
};

export const PIPELINE_CHECKS: readonly ConfigCheck[] = [pipelinesKnown, pipelineJobsEnabled, pipelinesNeedMl, pipelineSettingsKnown, pipelinePrefectMatchesServer];
