/**
 * Typed definitions of the platform's Spark jobs. A job names what it reads and writes by
 * *reference* (`topic('events')`, `lakePath('bronze', 'events/')`); the processing stack resolves
 * those against the core stack's Kafka topics and data-lake buckets, grants the job's own MinIO
 * user exactly the declared prefixes, and orders jobs by what they read and write.
 *
 * One file per job (jobs/<name>.ts) with its PySpark code in jobs/pyspark/.
 */
import * as path from 'node:path';

/**
 * Medallion layers, and the roles of jobs that only run in scheduled pipelines (pipelines/):
 * `maintenance` keeps the lake's tables compact and within retention, `ml` trains models,
 * `quality` checks the layers.
 */
export type JobLayer = 'bronze' | 'silver' | 'gold' | 'maintenance' | 'ml' | 'quality';

/** A Kafka topic, by name; it must be one of `core.topics`. */
export interface TopicRef {
  readonly kind: 'topic';
  readonly topic: string;
}

/** A prefix in a data-lake bucket, e.g. bronze `events/`; the bucket must exist in core. */
export interface LakePathRef {
  readonly kind: 'lake';
  readonly bucket: string;
  /** Relative, ends with `/`. */
  readonly prefix: string;
}

export type DataRef = TopicRef | LakePathRef;

export function topic(name: string): TopicRef {
  return { kind: 'topic', topic: name };
}

export function lakePath(bucket: string, prefix: string): LakePathRef {
  return { kind: 'lake', bucket, prefix };
}

/** Resources of one run. Config (`processing.jobs.<name>.resources`) may override each. */
export interface JobResources {
  /** Driver heap (the job's container), MiB. */
  readonly driverMemoryMb: number;
  /** Executor heap on the workers, MiB. */
  readonly executorMemoryMb: number;
  readonly executorCores: number;
  /** `spark.cores.max`: the job's share of the cluster. */
  readonly maxCores: number;
}

/**
 * How the job runs: `availableNow` — Structured Streaming that processes everything available and
 * stops (incremental, checkpointed); `batch` — a plain batch job that recomputes its output.
 */
export type JobTrigger = 'availableNow' | 'batch';

export interface JobDefinitionProps {
  /** Stable name: container, MinIO user and config key. Lower-case letters, digits and `-`. */
  readonly name: string;
  readonly layer: JobLayer;
  readonly description: string;
  /** PySpark entry file in jobs/pyspark/. */
  readonly code: string;
  /** Inputs by the name the code uses (`job.input("events")`). */
  readonly reads: Readonly<Record<string, DataRef>>;
  /** Outputs by the name the code uses (`job.output("table")`). */
  readonly writes: Readonly<Record<string, DataRef>>;
  readonly resources: JobResources;
  readonly trigger: JobTrigger;
  /**
   * Run as a one-shot container on every deploy that changes it (the medallion layers). A job
   * that only makes sense on a schedule (maintenance, training, checks) sets false: it is built
   * (identity, grants, pipeline worker) only in an environment whose `processing.pipelines`
   * schedules a pipeline that runs it (docs/pipelines.md).
   * @default true
   */
  readonly onDeploy?: boolean;
  /**
   * Services the job talks to besides the lake and Kafka; the processing stack passes each one's
   * URL in DATALAB_JOB (`services.mlflow`). @default - none
   */
  readonly uses?: readonly JobService[];
}

/** A platform service a job may call, by name (the processing stack resolves it). */
export type JobService = 'mlflow';

export interface JobDefinition extends JobDefinitionProps {
  /** The definition file, relative to the project root (for error messages). */
  readonly definedIn: string;
  /** Absolute path of the PySpark entry file. */
  readonly codePath: string;
}

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const PYSPARK_DIR = path.join(__dirname, 'pyspark');
/** The helper module every job imports (`from datalab_job import Job`). */
export const JOB_LIBRARY = path.join(PYSPARK_DIR, 'datalab_job.py');

const NAME = /^[a-z][a-z0-9-]{1,40}$/;
const IO_NAME = /^[a-z][a-z0-9_]{0,40}$/;

/**
 * Declares a job. `definedIn` is the caller's `__filename`, so errors can name the file. Shape
 * errors (names, prefixes) throw here; references and code are checked by `planJobs`.
 */
export function defineJob(definedIn: string, props: JobDefinitionProps): JobDefinition {
  const file = path.relative(PROJECT_ROOT, definedIn) || definedIn;
  const problems: string[] = [];
  if (!NAME.test(props.name)) problems.push(`name "${props.name}" must match ${NAME}`);
  const codePath = path.join(PYSPARK_DIR, props.code);
  // Only the shape here (definitions are evaluated at import); planJobs reads the file.
  if (!/^[a-z][a-z0-9_]*\.py$/.test(props.code)) problems.push(`code "${props.code}" must name a .py module in jobs/pyspark/ (e.g. "bronze_events.py")`);
  for (const [section, refs] of [['reads', props.reads], ['writes', props.writes]] as const) {
    for (const [io, ref] of Object.entries(refs)) {
      if (!IO_NAME.test(io)) problems.push(`${section}.${io}: the name must match ${IO_NAME} (the code uses it)`);
      if (ref.kind === 'lake' && (!ref.prefix.endsWith('/') || ref.prefix.startsWith('/') || ref.prefix.includes('*'))) {
        problems.push(`${section}.${io}: prefix "${ref.prefix}" must be relative, end with "/" and have no wildcard (e.g. "events/")`);
      }
    }
  }
  if (Object.keys(props.writes).length === 0 && (props.uses ?? []).length === 0) problems.push('writes: a job must declare at least one output (or a service it delivers to, in uses)');
  for (const [k, v] of Object.entries(props.resources)) {
    if (!Number.isInteger(v) || v < 1) problems.push(`resources.${k}: expected a positive integer, got ${v}`);
  }
  if (problems.length > 0) throw new Error(`${file}: invalid job definition:\n  ${problems.join('\n  ')}`);
  return { ...props, definedIn: file, codePath };
}

/** `bronze/events/` or `topic events`, for messages. */
export function describeRef(ref: DataRef): string {
  return ref.kind === 'topic' ? `Kafka topic "${ref.topic}"` : `lake path "${ref.bucket}/${ref.prefix}"`;
}
