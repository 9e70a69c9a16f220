import { Testing, TerraformStack } from 'cdktf';
import { SparkJob } from '../constructs/spark-job';
import { loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { JOBS } from '../jobs';

/** The jobs that run on deploy (the scheduled-only ones are tested with their pipelines, pipelines.test.ts). */
const DEPLOY_JOBS = JOBS.filter((j) => j.onDeploy !== false);
import { bronzeEvents } from '../jobs/bronze-events';
import { goldEventCounts } from '../jobs/gold-event-counts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineJob, JobDefinition, lakePath, PROJECT_ROOT, topic } from '../jobs/job';
import { checkJobPlan, JobPlanError, namesUsedByCode, overlaps, planJobs, PlanInput } from '../jobs/plan';
import { silverEvents } from '../jobs/silver-events';
import { buildPlatform } from '../stacks/platform';
import { SPARK_SCRATCH_REASON, SPARK_USER } from '../stacks/processing-stack';
import { ENVS, MINIO_ENVS, platformFor, resourcesOf, synthJson, TfJson } from './helpers';

type Container = Record<string, unknown> & {
  name: string;
  env: string[];
  command: string[];
  restart: string;
  must_run: boolean;
  attach: boolean;
  depends_on: string[];
  labels: { label: string; value: string }[];
  upload: { file: string; content: string }[];
  lifecycle: { postcondition: { condition: string; error_message: string }[]; replace_triggered_by?: string[] };
};
type Statement = { Effect: string; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string[]>> };

const cache = new Map<string, TfJson>();
const processing = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthJson(platformFor(env).platform.processing!));
  return cache.get(env)!;
};
const jobContainer = (json: TfJson, job: string): [string, Container] => {
  const hits = Object.entries(resourcesOf(json, 'docker_container')).filter(([id]) => id.startsWith(`job-${job}_service_container_`));
  expect(hits).toHaveLength(1);
  return hits[0] as [string, Container];
};
const envOf = (c: Container): Record<string, string> => Object.fromEntries(c.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
const policyOf = (json: TfJson, job: string): Statement[] => {
  const hits = Object.entries(resourcesOf(json, 'minio_iam_policy')).filter(([id]) => id.startsWith(`job-${job}_user_policy_`));
  expect(hits).toHaveLength(1);
  const p = hits[0][1] as { name: string; policy: string };
  expect(p.name).toBe(`job-${job}-access`);
  return (JSON.parse(p.policy) as { Statement: Statement[] }).Statement;
};

/** Every resource ARN a job may be granted, derived from its declaration alone. */
function allowedArns(def: JobDefinition): { bucketArns: Set<string>; objectArns: Set<string> } {
  const bucketArns = new Set<string>();
  const objectArns = new Set<string>();
  for (const ref of [...Object.values(def.reads), ...Object.values(def.writes)]) {
    if (ref.kind !== 'lake') continue;
    bucketArns.add(`arn:aws:s3:::${ref.bucket}`);
    objectArns.add(`arn:aws:s3:::${ref.bucket}/${ref.prefix}*`);
    // S3A's HEAD probes on the "directory" keys of the declared prefix.
    const parts = ref.prefix.split('/').filter(Boolean);
    parts.forEach((_, i) => objectArns.add(`arn:aws:s3:::${ref.bucket}/${parts.slice(0, i + 1).join('/')}`));
  }
  return { bucketArns, objectArns };
}

describe.each(ENVS)('jobs in %s', (env) => {
  it('run once per deploy as one-shot containers that block the apply and fail it on a non-zero exit', () => {
    for (const def of DEPLOY_JOBS) {
      const [, c] = jobContainer(processing(env), def.name);
      expect(c.name).toBe(`datalab-${env}-job-${def.name}`);
      expect(c.restart).toBe('no');
      expect(c.must_run).toBe(false);
      expect(c.attach).toBe(true);
      expect(c.wait).toBe(false);
      expect(c.lifecycle.postcondition).toEqual([{ condition: '${self.exit_code == 0}', error_message: expect.stringContaining(`processing.jobs.${def.name}.runId`) }]);
      // The failed apply shows the job's own error lines (read from its captured output), not only that it failed.
      expect(c.lifecycle.postcondition[0].error_message).toContain(`Spark job "${def.name}" failed (non-zero exit code). Its errors:\n\${join("\\n", slice(distinct([for l in split("\\n", replace(self.container_logs == null ? "" : self.container_logs, "/[\\\\x{1}\\\\x{2}]\\\\x{0}{3}(?s:.{4})/", "")) : trimspace(l) if length(regexall("(Exception|Error)(:|$)", l)) > 0 && !startswith(trimspace(l), "at ")])`);
      expect(c.lifecycle.postcondition[0].error_message).toContain(`docker logs datalab-${env}-job-${def.name}`);
    }
  });

  it('run bronze, then silver, then gold: each depends on (and is re-run with) the job whose output it reads', () => {
    const json = processing(env);
    const [bronzeId, bronze] = jobContainer(json, 'bronze-events');
    const [silverId, silver] = jobContainer(json, 'silver-events');
    const [, gold] = jobContainer(json, 'gold-event-counts');
    const jobDeps = (c: Container) => c.depends_on.filter((d) => d.startsWith('docker_container.job-'));
    expect(jobDeps(bronze)).toEqual([]);
    expect(jobDeps(silver)).toEqual([`docker_container.${bronzeId}`]);
    expect(jobDeps(gold)).toEqual([`docker_container.${silverId}`]);
    expect(bronze.lifecycle.replace_triggered_by).toBeUndefined();
    // Plain addresses: Terraform rejects an interpolation ("${...}") in replace_triggered_by.
    expect(silver.lifecycle.replace_triggered_by).toEqual([`docker_container.${bronzeId}`]);
    expect(gold.lifecycle.replace_triggered_by).toEqual([`docker_container.${silverId}`]);
    // Every job waits for the master and all workers, and on MinIO for its own policy attachment
    // (on SeaweedFS its identity is provisioned by core, which processing is deployed after).
    for (const c of [bronze, silver, gold]) {
      expect(c.depends_on.filter((d) => /^docker_container\.spark-(master|worker)_/.test(d))).toHaveLength(1 + loadEnvironment(env).processing!.spark.worker.replicas);
      expect(c.depends_on.some((d) => d.startsWith('minio_iam_user_policy_attachment.job-'))).toBe(MINIO_ENVS.includes(env));
    }
  });

  it('hands each job its inputs and outputs by reference, and its own lake keys, never a root or admin key', () => {
    const [, c] = jobContainer(processing(env), 'bronze-events');
    const e = envOf(c);
    const spec = JSON.parse(e.DATALAB_JOB);
    expect(spec).toMatchObject({
      name: 'bronze-events',
      runId: '1',
      backfill: false,
      trigger: 'availableNow',
      kafkaBootstrap: 'kafka:19092',
      inputs: { events: { kind: 'topic', topic: 'events' } },
      outputs: { table: { kind: 'lake', uri: 's3a://bronze/events/' }, checkpoint: { kind: 'lake', uri: 's3a://bronze/events/_checkpoint/' } },
    });
    if (MINIO_ENVS.includes(env)) {
      expect(e.AWS_ACCESS_KEY_ID).toMatch(/^\$\{minio_iam_user\.job-bronze-events_user_[A-F0-9]+\.name\}$/);
      expect(e.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{minio_iam_user\.job-bronze-events_user_[A-F0-9]+\.secret\}$/);
    } else {
      // The secret is core's; seaweedfs-store.test.ts checks it arrives as a cross-stack reference.
      expect(e.AWS_ACCESS_KEY_ID).toBe('job-bronze-events');
      expect(e.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{random_password\.lake_identity-job-bronze-events_[A-F0-9]{8}\.result\}$/);
    }
    expect(JSON.stringify(c)).not.toMatch(/minio-root-password|seaweedfs-admin-secret/);
    expect(c.command.slice(0, 3)).toEqual(['/opt/spark/bin/spark-submit', '--master', 'spark://spark-master:7077']);
    expect(c.command[c.command.length - 1]).toBe('/opt/datalab/jobs/bronze_events.py');
    expect(c.upload.map((u) => u.file).sort()).toEqual([
      '/opt/datalab/jobs/bronze_events.py',
      '/opt/datalab/jobs/datalab_job.py',
      '/opt/spark/conf/log4j2.properties',
      '/opt/spark/conf/metrics.properties',
      '/opt/spark/conf/spark-defaults.conf',
    ]);
    expect(c.upload.find((u) => u.file.endsWith('bronze_events.py'))!.content).toContain('trigger(availableNow=True)');
    expect(e.DATALAB_JOB_HASH).toMatch(/^[a-f0-9]{16}$/);
  });
});

describe('topic grants', () => {
  it('records on the topic and on the job that bronze-events reads the events topic', () => {
    const { platform } = platformFor('dev');
    const job = platform.processing!.jobs.get('bronze-events')!;
    const grants = platform.core.kafka.topic('events').grants;
    expect(grants.map((g) => [g.grantee, g.access])).toEqual([[job, 'read']]);
    expect(job.dataGrants.filter((g) => g.kind === 'topic')).toEqual(grants);
  });

  it('tells a job only the topics it was granted: its configuration is rendered from the grants', () => {
    const { platform } = platformFor('dev');
    for (const job of platform.processing!.jobs.values()) {
      const cfg = JSON.parse(job.service!.spec.env!.DATALAB_JOB) as { inputs: Record<string, { kind: string; topic?: string }>; outputs: Record<string, { kind: string; topic?: string }> };
      const told = (section: Record<string, { kind: string; topic?: string }>) => Object.values(section).filter((d) => d.kind === 'topic').map((d) => d.topic);
      const granted = (access: 'read' | 'write') => job.dataGrants.flatMap((g) => (g.kind === 'topic' && g.access === access ? [g.topic.name] : []));
      expect(told(cfg.inputs)).toEqual(granted('read'));
      expect(told(cfg.outputs)).toEqual(granted('write'));
    }
  });
});

describe('re-running and backfilling', () => {
  const hashOf = (cfg: EnvConfig, job: string) => {
    const json = synthJson(buildPlatform(Testing.app(), cfg).processing!);
    return envOf(jobContainer(json, job)[1]);
  };
  const withJob = (patch: object): EnvConfig => {
    const cfg = loadEnvironment('dev');
    return { ...cfg, processing: { ...cfg.processing!, jobs: { ...cfg.processing!.jobs, 'silver-events': { ...cfg.processing!.jobs['silver-events'], ...patch } } } };
  };

  it('re-creates a job (new hash and env) when its runId changes', () => {
    const before = hashOf(loadEnvironment('dev'), 'silver-events');
    const after = hashOf(withJob({ runId: '2026-11-24' }), 'silver-events');
    expect(after.DATALAB_JOB_HASH).not.toBe(before.DATALAB_JOB_HASH);
    expect(JSON.parse(after.DATALAB_JOB).runId).toBe('2026-11-24');
  });

  it('passes backfill to the job', () => {
    const after = hashOf(withJob({ backfill: true }), 'silver-events');
    expect(JSON.parse(after.DATALAB_JOB).backfill).toBe(true);
  });

  it('leaves a disabled job out and keeps the order of the rest', () => {
    // Without silver-events, bronze and gold may run at once, which dev's host does not hold (see
    // capacity.test.ts): built without that check, since the order is what is tested here.
    const json = synthJson(buildPlatform(Testing.app(), withJob({ enabled: false }), { checkCapacity: false }).processing!);
    const ids = Object.keys(resourcesOf(json, 'docker_container')).filter((id) => id.startsWith('job-'));
    expect(ids.some((id) => id.startsWith('job-silver-events'))).toBe(false);
    expect(ids).toHaveLength(2);
    // gold reads silver/events/, which no enabled job writes: it has no job dependency left.
    const gold = jobContainer(json, 'gold-event-counts')[1];
    expect(gold.depends_on.filter((d) => d.startsWith('docker_container.job-'))).toEqual([]);
  });
});

describe('SparkJob', () => {
  it('re-creates the job when its code changes: the upload and DATALAB_JOB_HASH follow the content', () => {
    const { app, platform } = platformFor('dev');
    const p = platform.processing!;
    const stack = new TerraformStack(app, 'job-test');
    const make = (id: string, content: string, name = id) =>
      new SparkJob(stack, id, {
        name,
        layer: 'gold',
        group: 'processing',
        environment: 'dev',
        network: platform.core.network,
        image: p.sparkImage.image,
        spark: p.spark,
        kafkaBootstrap: platform.core.kafka.bootstrapInternal,
        lake: platform.core.lake,
        sparkConf: p.sparkConf,
        code: { file: 'x.py', content },
        libraries: [],
        reads: { events: { bucket: platform.core.lake.silver, prefix: 'events/' } },
        writes: { table: { bucket: platform.core.lake.gold, prefix: 'x/' } },
        resources: { driverMemoryMb: 512, executorMemoryMb: 512, executorCores: 1, maxCores: 1 },
        trigger: 'batch',
        runId: '1',
        dependsOn: [],
        runAs: SPARK_USER,
        scratchReason: SPARK_SCRATCH_REASON,
      });
    const a = make('job-a', 'print(1)');
    const b = make('job-b', 'print(2)');
    // Same name and code under another construct id: the same hash.
    const c = make('job-c', 'print(1)', 'job-a');
    expect(a.contentHash).not.toBe(b.contentHash);
    expect(a.contentHash).toBe(c.contentHash);
    const json = synthJson(stack);
    const container = (id: string) => jobContainer(json, id.replace(/^job-/, ''))[1];
    expect(container('job-a').upload.find((u) => u.file === '/opt/datalab/jobs/x.py')!.content).toBe('print(1)');
    expect(envOf(container('job-b')).DATALAB_JOB_HASH).toBe(b.contentHash);
    // No helper modules: no --py-files.
    expect(container('job-a').command).not.toContain('--py-files');
  });
});

describe('planning jobs', () => {
  const base: PlanInput = {
    definitions: JOBS,
    config: {},
    configFile: 'config/dev.yaml',
    sources: { buckets: ['bronze', 'silver', 'gold', 'mlflow'], topics: ['events'] },
    worker: { cores: 2, sparkMemoryMb: 2048 },
  };
  const errorOf = (input: PlanInput): string => {
    try {
      planJobs(input);
    } catch (e) {
      expect(e).toBeInstanceOf(JobPlanError);
      return (e as Error).message;
    }
    throw new Error('expected a JobPlanError');
  };

  it('orders jobs by what they read and write, whatever order they are defined in', () => {
    const plan = planJobs({ ...base, definitions: [goldEventCounts, silverEvents, bronzeEvents] });
    expect(plan.map((p) => [p.definition.name, p.after])).toEqual([
      ['bronze-events', []],
      ['silver-events', ['bronze-events']],
      ['gold-event-counts', ['silver-events']],
    ]);
  });

  it('treats overlapping prefixes of one bucket and equal topics as a dependency', () => {
    expect(overlaps(lakePath('bronze', 'events/'), lakePath('bronze', 'events/2026/'))).toBe(true);
    expect(overlaps(lakePath('bronze', 'events/'), lakePath('bronze', 'eventsx/'))).toBe(false);
    expect(overlaps(lakePath('bronze', 'events/'), lakePath('silver', 'events/'))).toBe(false);
    expect(overlaps(topic('events'), topic('events'))).toBe(true);
    expect(overlaps(topic('events'), lakePath('bronze', 'events/'))).toBe(false);
  });

  it('fails on a cycle, naming the jobs in it', () => {
    const backflow = defineJob(path.join(PROJECT_ROOT, 'jobs', 'gold-backflow.ts'), {
      ...goldEventCounts,
      name: 'gold-backflow',
      reads: { events: lakePath('gold', 'event_counts_daily/') },
      writes: { table: lakePath('bronze', 'events/') },
    });
    expect(() => planJobs({ ...base, definitions: [...JOBS, backflow] })).toThrow(JobPlanError);
    expect(errorOf({ ...base, definitions: [...JOBS, backflow] })).toMatch(
      /jobs form a cycle: (\S+ → ){3}\S+ \(each job reads what the next one writes; see .*jobs\/gold-backflow\.ts/,
    );
  });

  it('fails when a job reads a topic no selected stack provides, as a problem of the config file naming the job and the input', () => {
    const input = { ...base, sources: { ...base.sources, topics: ['events-dlq'] } };
    const message = 'has no topic "events" (topics: events-dlq), but job "bronze-events" reads it (reads.events, Kafka topic "events", in jobs/bronze-events.ts); add it here or disable the job with processing.jobs.bronze-events.enabled: false';
    expect(checkJobPlan(input).problems).toEqual([{ path: ['core', 'topics'], message }]);
    expect(errorOf(input)).toBe(`config/dev.yaml: the job plan has 1 problem(s):\n  config/dev.yaml  core.topics: ${message}`);
  });

  it('fails when a job reads a bucket no selected stack provides', () => {
    expect(checkJobPlan({ ...base, sources: { ...base.sources, buckets: ['bronze', 'gold'] } }).problems).toContainEqual({
      path: ['core', 'buckets'],
      message: expect.stringMatching(/^has no bucket "silver" \(buckets: bronze, gold\), but job "silver-events" writes it \(writes\.table, lake path "silver\/events\/", in jobs\/silver-events\.ts\)/),
    });
  });

  it('fails synthesis of the whole platform when the config drops a topic a job reads', () => {
    const cfg = loadEnvironment('dev');
    const noEvents: EnvConfig = { ...cfg, core: { ...cfg.core, topics: cfg.core.topics.filter((t) => t.name !== 'events') } };
    expect(() => buildPlatform(Testing.app(), noEvents)).toThrow(/config\/dev\.yaml {2}core\.topics: has no topic "events" .*job "bronze-events" reads it \(reads\.events, Kafka topic "events", in jobs\/bronze-events\.ts\)/);
  });

  it('fails when the code uses an input the definition does not declare', () => {
    const renamed = defineJob(path.join(PROJECT_ROOT, 'jobs', 'silver-events.ts'), { ...silverEvents, reads: { raw: lakePath('bronze', 'events/') } });
    const code = fs.readFileSync(path.join(PROJECT_ROOT, 'jobs', 'pyspark', 'silver_events.py'), 'utf8').split('\n');
    const line = code.findIndex((l) => l.includes('read_delta(spark, "events")')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(checkJobPlan({ ...base, definitions: [bronzeEvents, renamed] }).problems).toEqual([
      { file: 'jobs/pyspark/silver_events.py', line, message: 'uses input "events", which jobs/silver-events.ts does not declare in reads (declared: raw)' },
    ]);
    expect(errorOf({ ...base, definitions: [bronzeEvents, renamed] })).toContain(`\n  jobs/pyspark/silver_events.py:${line}  uses input "events"`);
  });

  it('finds the input and output names a PySpark file uses', () => {
    expect(namesUsedByCode('a = job.input("events")\nb = job.output( \'table\' )\nc = job.input("events")\nd = job.read_delta(spark, "raw")')).toEqual({
      inputs: ['events', 'raw'],
      outputs: ['table'],
    });
  });

  it('fails on a config entry for a job that does not exist, naming the config path', () => {
    expect(checkJobPlan({ ...base, config: { 'silver-evnets': { enabled: true, runId: '1', backfill: false, resources: {} } } }).problems).toEqual([
      { path: ['processing', 'jobs', 'silver-evnets'], message: 'there is no job "silver-evnets"; jobs are: bronze-events, silver-events, gold-event-counts, maintenance, train-model, data-checks' },
    ]);
  });

  it('fails when an executor would not fit a worker, naming the config path when config set it', () => {
    const cfg = { 'gold-event-counts': { enabled: true, runId: '1', backfill: false, resources: { executorMemoryMb: 4096 } } };
    expect(checkJobPlan({ ...base, config: cfg }).problems).toEqual([
      {
        path: ['processing', 'jobs', 'gold-event-counts', 'resources', 'executorMemoryMb'],
        message: '4096 MiB per executor exceeds what a worker offers (processing.spark.worker.sparkMemoryMb 2048); Spark would never start an executor',
      },
    ]);
    // A definition's own default is reported in the definition, at its line.
    const definition = fs.readFileSync(path.join(PROJECT_ROOT, 'jobs', 'bronze-events.ts'), 'utf8').split('\n');
    const line = definition.findIndex((l) => l.includes('executorMemoryMb: 1024')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(checkJobPlan({ ...base, worker: { cores: 2, sparkMemoryMb: 512 } }).problems).toContainEqual({
      file: 'jobs/bronze-events.ts',
      line,
      message: expect.stringMatching(/^resources\.executorMemoryMb: 1024 MiB per executor exceeds/),
    });
  });

  it('rejects a malformed definition when it is declared', () => {
    expect(() => defineJob(path.join(PROJECT_ROOT, 'jobs', 'bad.ts'), { ...silverEvents, name: 'Bad_Name', writes: { table: lakePath('silver', '/abs') } })).toThrow(
      /^jobs\/bad\.ts: invalid job definition:\n {2}name "Bad_Name" must match .*\n {2}writes\.table: prefix "\/abs" must be relative, end with "\/"/,
    );
  });
});

describe.each(MINIO_ENVS)('job policies on MinIO in %s', (env) => {
  it.each(DEPLOY_JOBS.map((j) => [j.name, j] as const))('%s gets a MinIO policy covering only the buckets and prefixes it declares', (name, def) => {
    const statements = policyOf(processing(env), name);
    const { bucketArns, objectArns } = allowedArns(def);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      for (const r of s.Resource) {
        const isBucket = bucketArns.has(r);
        expect(isBucket || objectArns.has(r)).toBe(true);
        // Listing a bucket is limited to the declared prefixes.
        if (s.Action.includes('s3:ListBucket')) {
          const declared = [...Object.values(def.reads), ...Object.values(def.writes)].flatMap((ref) =>
            ref.kind === 'lake' && `arn:aws:s3:::${ref.bucket}` === r ? [`${ref.prefix}*`] : [],
          );
          expect(declared).toEqual(expect.arrayContaining(s.Condition!.StringLike['s3:prefix']));
        }
      }
    }
    // Reads are read-only: no write action on a prefix only read.
    for (const ref of Object.values(def.reads)) {
      if (ref.kind !== 'lake') continue;
      const writtenToo = Object.values(def.writes).some((w) => w.kind === 'lake' && w.bucket === ref.bucket);
      if (writtenToo) continue;
      const writes = statements.filter((s) => s.Action.includes('s3:PutObject') && s.Resource.some((r) => r.startsWith(`arn:aws:s3:::${ref.bucket}/`)));
      expect(writes).toEqual([]);
    }
  });

  it('gives silver-events read on bronze/events/ and read-write on silver/events/, nothing else', () => {
    const statements = policyOf(processing(env), 'silver-events');
    const byResource = (r: string) => statements.filter((s) => s.Resource.includes(r)).flatMap((s) => s.Action).sort();
    expect(byResource('arn:aws:s3:::bronze/events/*')).toEqual(['s3:GetObject']);
    expect(byResource('arn:aws:s3:::silver/events/*')).toEqual(['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:PutObject']);
    const all = new Set(statements.flatMap((s) => s.Resource));
    expect([...all].sort()).toEqual(['arn:aws:s3:::bronze', 'arn:aws:s3:::bronze/events', 'arn:aws:s3:::bronze/events/*', 'arn:aws:s3:::silver', 'arn:aws:s3:::silver/events', 'arn:aws:s3:::silver/events/*']);
  });

});
