/**
 * The `processing:` section of an environment file: the Spark cluster (one project image, built
 * from images/spark, used by master, workers and jobs), NiFi, and the per-environment settings of
 * the medallion jobs defined in jobs/. Documented in docs/processing.md and docs/jobs.md.
 */
import { z } from 'zod';
import { JOBS } from '../../jobs';
import { checkJobPlan } from '../../jobs/plan';
import type { ConfigCheck } from '../checks';
import { BUILTIN_BUCKETS } from '../names';
import { imageRef, serviceSchema } from '../service-schema';
import { dataChecksSchema, maintenanceSchema, PIPELINE_CHECKS, pipelinesSchema, scheduledJobs } from './pipelines';

/** Heap the Spark master and worker daemons get by default (Spark's own default is 1g). */
export const DEFAULT_SPARK_DAEMON_MEMORY_MB = 512;
/** Off-heap room a Spark JVM needs beyond its heap: Spark's executor overhead rule, max(384 MiB, 10 %). */
export function sparkOverheadMb(heapMb: number): number {
  return Math.max(384, Math.ceil(heapMb * 0.1));
}

const jobName = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { message: 'expected a job name: lower-case letters, digits and -' });

/** Resources of one job run; every key overrides the job definition's default. */
export const jobResourcesSchema = z.strictObject({
  /** Heap of the driver (the job's own container). */
  driverMemoryMb: z.int().min(256).max(65_536).optional(),
  /** Heap of each executor; must fit a worker's `sparkMemoryMb`. */
  executorMemoryMb: z.int().min(256).max(262_144).optional(),
  /** Cores per executor; must not exceed a worker's `cores`. */
  executorCores: z.int().min(1).max(64).optional(),
  /** Cores the job may take from the whole cluster (`spark.cores.max`). */
  maxCores: z.int().min(1).max(1024).optional(),
});
export type JobResourcesConfig = z.infer<typeof jobResourcesSchema>;

export const jobConfigSchema = z.strictObject({
  /** Deploy (and so run) this job in this environment. */
  enabled: z.boolean().default(true),
  /** Any string; changing it re-runs the job (and the jobs that read its output) on the next deploy. */
  runId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'expected 1-64 of A-Z a-z 0-9 . _ -' }).default('1'),
  /** Reprocess from the start instead of incrementally (see docs/jobs.md "Backfill"). */
  backfill: z.boolean().default(false),
  resources: jobResourcesSchema.default({}),
});
export type JobConfig = z.infer<typeof jobConfigSchema>;

/** The `processing:` section. */
function buildProcessingSchema() {
  const sparkMasterSchema = serviceSchema({ ports: ['ui'] })
    .omit({ image: true })
    .extend({
      /** Heap of the master daemon (`SPARK_DAEMON_MEMORY`). */
      daemonMemoryMb: z.int().min(128).default(DEFAULT_SPARK_DAEMON_MEMORY_MB),
    });

  const sparkWorkerSchema = serviceSchema({ ports: ['ui'] })
    .omit({ image: true })
    .extend({
      /** Cores each worker offers to executors (`SPARK_WORKER_CORES`). */
      cores: z.int().min(1).max(256),
      /** Memory each worker offers to executors (`SPARK_WORKER_MEMORY`); the container also holds the daemon. */
      sparkMemoryMb: z.int().min(256),
      /** Heap of the worker daemon (`SPARK_DAEMON_MEMORY`). */
      daemonMemoryMb: z.int().min(128).default(DEFAULT_SPARK_DAEMON_MEMORY_MB),
    });

  return z
    .strictObject({
      spark: z.strictObject({
        /** Tag of the project Spark image built from images/spark (master, workers and jobs run it). */
        image: imageRef,
        /** Upstream image the project image is built FROM (build argument SPARK_BASE_IMAGE). */
        baseImage: imageRef,
        /**
         * A Maven Central mirror the image build downloads its jars from (build argument MAVEN), e.g.
         * your Nexus/Artifactory proxy of Central. Unset: Maven Central itself (the Dockerfile's default).
         */
        mavenRepository: z
          .url({ protocol: /^https?$/, message: 'expected an http(s) URL of a Maven Central mirror, such as https://nexus.example.org/repository/maven-central' })
          .transform((u) => u.replace(/\/+$/, ''))
          .optional(),
        master: sparkMasterSchema,
        worker: sparkWorkerSchema,
      }),
      nifi: serviceSchema({
        ports: ['https'],
        volumes: ['conf', 'database', 'flowfile', 'content', 'provenance', 'state'],
        optional: true,
      }).extend({
        /** JVM heap (`NIFI_JVM_HEAP_INIT`/`NIFI_JVM_HEAP_MAX`); must leave room inside memoryMb. */
        heapMb: z.int().min(256),
        /** Single-user login name (the password is generated, output `nifi_password`). */
        username: z.string().regex(/^[a-zA-Z][a-zA-Z0-9._-]{2,63}$/).default('datalab'),
      }),
      /** Per-environment settings of the jobs in jobs/, by job name. A job not listed runs with its defaults. */
      jobs: z.record(jobName, jobConfigSchema).default({}),
      /** Pipelines run on a schedule, by name (docs/pipelines.md). None: nothing is scheduled. */
      pipelines: pipelinesSchema,
      /** Settings of the maintenance job (lake-maintenance pipeline). */
      maintenance: maintenanceSchema,
      /** Bounds the data-checks job checks each table against. */
      dataChecks: dataChecksSchema,
    })
    // Master and workers run the project image; it is named once (spark.image) and copied here so
    // the generic service checks (memory vs host, ports) see them as services.
    .transform((p) => ({
      ...p,
      spark: {
        ...p.spark,
        master: { ...p.spark.master, image: p.spark.image },
        worker: { ...p.spark.worker, image: p.spark.image },
      },
    }));
}
export const processingSchema = buildProcessingSchema();
export type ProcessingConfig = z.infer<typeof processingSchema>;

/** A worker container holds the worker daemon plus executors of `sparkMemoryMb` with their overhead. */
export const sparkWorkerMemoryFits: ConfigCheck = (cfg) => {
  const p = cfg.processing;
  if (!p || !cfg.groups.includes('processing')) return [];
  const w = p.spark.worker;
  const needed = w.daemonMemoryMb + w.sparkMemoryMb + sparkOverheadMb(w.sparkMemoryMb);
  return needed > w.memoryMb
    ? [{
        path: ['processing', 'spark', 'worker', 'sparkMemoryMb'],
        message: `a worker needs ${needed} MiB (daemon ${w.daemonMemoryMb} + executors ${w.sparkMemoryMb} + overhead ${sparkOverheadMb(w.sparkMemoryMb)}) but its container has memoryMb ${w.memoryMb}; lower sparkMemoryMb to at most ${w.memoryMb - w.daemonMemoryMb - sparkOverheadMb(w.sparkMemoryMb)} or raise memoryMb`,
      }]
    : [];
};

export const sparkMasterMemoryFits: ConfigCheck = (cfg) => {
  const p = cfg.processing;
  if (!p || !cfg.groups.includes('processing')) return [];
  const m = p.spark.master;
  return m.daemonMemoryMb + 256 > m.memoryMb
    ? [{ path: ['processing', 'spark', 'master', 'daemonMemoryMb'], message: `daemon heap ${m.daemonMemoryMb} MiB leaves under 256 MiB of the master's ${m.memoryMb} MiB limit; lower daemonMemoryMb or raise memoryMb` }]
    : [];
};

/** Workers and jobs reach the master by its one DNS name; a second master would split the cluster. */
export const sparkSingleMaster: ConfigCheck = (cfg) => {
  const p = cfg.processing;
  if (!p || !cfg.groups.includes('processing')) return [];
  return p.spark.master.replicas !== 1
    ? [{ path: ['processing', 'spark', 'master', 'replicas'], message: `a standalone cluster has exactly one master (got ${p.spark.master.replicas}); scale out with processing.spark.worker.replicas` }]
    : [];
};

export const nifiHeapFits: ConfigCheck = (cfg) => {
  const n = cfg.processing?.nifi;
  if (!n || !n.enabled || !cfg.groups.includes('processing')) return [];
  return n.heapMb + 512 > n.memoryMb
    ? [{ path: ['processing', 'nifi', 'heapMb'], message: `heap ${n.heapMb} MiB leaves under 512 MiB of NiFi's ${n.memoryMb} MiB limit for the JVM itself; lower heapMb or raise memoryMb` }]
    : [];
};

/**
 * The job plan (jobs/plan.ts) of the environment: its `processing.jobs` entries, the topics and
 * buckets the jobs read and write, their resources against a worker, their code. Checked with the
 * rest of the file so every problem is reported at once, each with its file and line: the
 * environment file's at their path in it, a job definition's or code's at their own file.
 */
export const jobPlanResolves: ConfigCheck = (cfg) => {
  const p = cfg.processing;
  if (!p || !cfg.groups.includes('processing')) return [];
  const { problems } = checkJobPlan({
    definitions: JOBS,
    config: p.jobs,
    sources: { buckets: [...BUILTIN_BUCKETS, ...cfg.core.buckets.map((b) => b.name)], topics: cfg.core.topics.map((t) => t.name) },
    worker: { cores: p.spark.worker.cores, sparkMemoryMb: p.spark.worker.sparkMemoryMb },
    scheduled: scheduledJobs(p.pipelines),
  });
  return problems.map((x) => ('path' in x ? { path: x.path, message: x.message } : { path: [], file: x.file, line: x.line, message: x.message }));
};

export const PROCESSING_CHECKS: readonly ConfigCheck[] = [sparkWorkerMemoryFits, sparkMasterMemoryFits, sparkSingleMaster, nifiHeapFits, jobPlanResolves, ...PIPELINE_CHECKS];

