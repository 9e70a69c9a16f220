import { loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { workerPrefectPin } from '../config/groups/pipelines';
import { cronProblem, isTimeZone } from '../pipelines/cron';
import { DeploymentsDocument } from '../stacks/pipelines';
import { configErrorOf, devYamlWith, ENVS, platformFor, resourcesOf, synthJson, TfJson } from './helpers';

type Container = {
  name: string;
  image: string;
  command?: string[];
  env?: string[];
  upload?: { file: string; content?: string }[];
  volumes?: { host_path?: string; container_path?: string }[];
  mounts?: { source?: string; target?: string }[];
  memory: number;
  restart: string;
};

const containers = (json: TfJson) => Object.values(resourcesOf(json, 'docker_container')) as unknown as Container[];
const containerNamed = (json: TfJson, name: string): Container => {
  const hits = containers(json).filter((c) => c.name === name);
  if (hits.length !== 1) throw new Error(`expected one container ${name}, found ${hits.length}`);
  return hits[0];
};
const envOf = (c: Container) => Object.fromEntries((c.env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
const upload = (c: Container, file: string) => c.upload!.find((u) => u.file === file)!.content!;

function variant(env: string, edit: (c: EnvConfig) => void): EnvConfig {
  const cfg = structuredClone(loadEnvironment(env));
  edit(cfg);
  return cfg;
}

function prodProcessing(cfg: EnvConfig | string = 'prod') {
  const { platform } = platformFor(cfg);
  return { platform, json: synthJson(platform.processing!) };
}

const documentOf = (json: TfJson, env = 'prod'): DeploymentsDocument => JSON.parse(upload(containerNamed(json, `datalab-${env}-pipeline-deployments`), '/provision/deployments.json')) as DeploymentsDocument;

describe('cron expressions and time zones', () => {
  it.each(['0 6 * * *', '0 3 * * 6', '0 2 * * 0', '*/10 * * * *', '0,30 8-18/2 1-15 jan-jun mon-fri', '0 0 1 12 7'])('accepts "%s"', (c) => {
    expect(cronProblem(c)).toBeUndefined();
  });

  it.each([
    ['0 25 * * *', 'hour "25" is outside 0-23'],
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 4'],
    ['0 6 * * * *', 'expected 5 fields (minute hour day-of-month month day-of-week), got 6'],
    ['*/0 * * * *', 'minute "*/0": a step must be at least 1'],
    ['0 6 0 * *', 'day of month "0" is outside 1-31'],
    ['0 6 * 13 *', 'month "13" is outside 1-12'],
    ['0 6 * * 8', 'day of week "8" is outside 0-7'],
    ['0 18-6 * * *', 'hour range "18-6" runs backwards'],
    ['0 6 * * funday', 'day of week "funday" is outside 0-7'],
    ['@daily', 'expected 5 fields (minute hour day-of-month month day-of-week), got 1'],
  ])('refuses "%s": %s', (c, why) => {
    expect(cronProblem(c)).toBe(why);
  });

  it('knows IANA zones and nothing else', () => {
    expect([isTimeZone('UTC'), isTimeZone('Europe/Berlin'), isTimeZone('America/New_York')]).toEqual([true, true, true]);
    expect([isTimeZone('Mars/Olympus'), isTimeZone(''), isTimeZone('CEST+99')]).toEqual([false, false, false]);
  });
});

describe('schedules in config', () => {
  const schedule = (pipeline: string, value: unknown) => devYamlWith((d) => d.setIn(['processing', 'pipelines', pipeline], value));

  it('refuses a bad cron expression, naming file, line, path and the reason', () => {
    const err = configErrorOf(schedule('medallion', { cron: '0 25 * * *' }));
    expect(err.message).toMatch(/^ {2}config\/dev\.yaml:\d+:\d+ {2}processing\.pipelines\.medallion\.cron: not a cron expression: hour "25" is outside 0-23 \(got "0 25 \* \* \*"\)$/m);
  });

  it('refuses a time zone that is not one', () => {
    const err = configErrorOf(schedule('medallion', { cron: '0 6 * * *', timezone: 'Europe/Berlinn' }));
    expect(err.message).toMatch(/^ {2}config\/dev\.yaml:\d+:\d+ {2}processing\.pipelines\.medallion\.timezone: not an IANA time zone \(e\.g\. UTC, Europe\/Berlin\) \(got "Europe\/Berlinn"\)$/m);
  });

  it('refuses an unknown pipeline, listing the known ones', () => {
    const err = configErrorOf(schedule('medalion', { cron: '0 6 * * *' }));
    expect(err.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['processing.pipelines.medalion', 'there is no pipeline "medalion"; pipelines are: medallion, lake-maintenance, train-model, data-checks'],
    ]);
    expect(err.problems[0].line).toBeGreaterThan(0);
  });

  it('refuses a schedule of a pipeline whose job the environment switches off', () => {
    const err = configErrorOf(
      devYamlWith((d) => {
        d.setIn(['processing', 'pipelines', 'medallion'], { cron: '0 6 * * *' });
        d.setIn(['processing', 'jobs', 'silver-events', 'enabled'], false);
      }),
    );
    expect(err.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'processing.pipelines.medallion',
        'pipeline "medallion" runs job "silver-events" (pipelines/index.ts), which processing.jobs.silver-events.enabled switches off here; enable the job or remove the schedule',
      ],
    ]);
  });

  it('refuses schedules without the ml group, whose Prefect would run them', () => {
    const err = configErrorOf(
      devYamlWith((d) => {
        d.setIn(['processing', 'pipelines', 'train-model'], { cron: '0 2 * * 0' });
        d.setIn(['groups'], ['core', 'processing', 'visualization', 'monitoring']);
        d.delete('ml');
      }),
    );
    expect(err.problems.map((p) => [p.path.join('.'), p.message])).toContainEqual([
      'processing.pipelines',
      'pipelines run on Prefect, which the ml group deploys: add ml to groups or remove the schedules (train-model)',
    ]);
  });

  it('plans a scheduled job with the rest: data-checks needs the alerts topic it writes', () => {
    const err = configErrorOf(schedule('data-checks', { cron: '*/10 * * * *' }));
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['core.topics']);
    expect(err.problems[0].message).toMatch(/^has no topic "alerts" \(topics: events, events-dlq\), but job "data-checks" writes it \(writes\.alerts, Kafka topic "alerts", in jobs\/data-checks\.ts\)/);
  });

  it('refuses settings for tables the jobs do not have', () => {
    const err = configErrorOf(
      devYamlWith((d) => {
        d.setIn(['processing', 'maintenance', 'partitionRetentionDays', 'bronze'], 30);
        d.setIn(['processing', 'dataChecks', 'tables', 'gold_counts'], { minRows: 1 });
      }),
    );
    expect(err.problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['processing.maintenance.partitionRetentionDays.bronze', 'there is no table "bronze" here; tables are: bronze_events, silver_events, gold_event_counts'],
      ['processing.dataChecks.tables.gold_counts', 'there is no table "gold_counts" here; tables are: bronze_events, silver_events, gold_event_counts'],
    ]);
  });

  it('refuses a VACUUM retention below Delta\'s 7-day safety limit', () => {
    const err = configErrorOf(devYamlWith((d) => d.setIn(['processing', 'maintenance', 'vacuumRetentionHours'], 24)));
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['processing.maintenance.vacuumRetentionHours']);
  });
});

describe.each(ENVS.filter((e) => Object.keys(loadEnvironment(e).processing?.pipelines ?? {}).length === 0))('%s schedules nothing', (env) => {
  it('has no pipeline worker, runner or deployments, no scheduled-only job, and processing deploys after core only', () => {
    const { platform } = platformFor(env);
    const json = synthJson(platform.processing!);
    expect(containers(json).filter((c) => /pipeline/.test(c.name))).toEqual([]);
    expect([...platform.processing!.jobs.keys()]).toEqual(['bronze-events', 'silver-events', 'gold-event-counts']);
    expect(platform.processing!.dependencies.map((d) => d.node.id)).toEqual(['core']);
  });
});

describe('prod schedules every pipeline', () => {
  const { platform, json } = prodProcessing();
  const doc = documentOf(json);
  const processing = platform.processing!;

  it('declares one deployment per job, unscheduled, on the job\'s own pool, and one per pipeline with its schedule', () => {
    expect(doc.managedTag).toBe('datalab-managed');
    expect(doc.workPools).toEqual(['datalab-pipelines', ...['bronze-events', 'silver-events', 'gold-event-counts', 'maintenance', 'train-model', 'data-checks'].map((j) => `datalab-job-${j}`)]);
    expect(doc.deployments.map((d) => [`${d.flow}/${d.name}`, d.workPool, d.entrypoint, d.schedule])).toEqual([
      ['datalab-job/bronze-events', 'datalab-job-bronze-events', 'datalab_flows.py:run_job', null],
      ['datalab-job/silver-events', 'datalab-job-silver-events', 'datalab_flows.py:run_job', null],
      ['datalab-job/gold-event-counts', 'datalab-job-gold-event-counts', 'datalab_flows.py:run_job', null],
      ['datalab-job/maintenance', 'datalab-job-maintenance', 'datalab_flows.py:run_job', null],
      ['datalab-job/train-model', 'datalab-job-train-model', 'datalab_flows.py:run_job', null],
      ['datalab-job/data-checks', 'datalab-job-data-checks', 'datalab_flows.py:run_job', null],
      ['datalab-pipeline/medallion', 'datalab-pipelines', 'datalab_flows.py:run_pipeline', { cron: '0 6 * * *', timezone: 'Europe/Berlin', active: true }],
      ['datalab-pipeline/lake-maintenance', 'datalab-pipelines', 'datalab_flows.py:run_pipeline', { cron: '0 3 * * 6', timezone: 'Europe/Berlin', active: true }],
      ['datalab-pipeline/train-model', 'datalab-pipelines', 'datalab_flows.py:run_pipeline', { cron: '0 2 * * 0', timezone: 'Europe/Berlin', active: true }],
      ['datalab-pipeline/data-checks', 'datalab-pipelines', 'datalab_flows.py:run_pipeline', { cron: '*/10 * * * *', timezone: 'Europe/Berlin', active: true }],
    ]);
  });

  it('lets a job run once at a time (its worker has memory for one driver), a pipeline unlimited', () => {
    expect(doc.deployments.map((d) => [`${d.flow}/${d.name}`, d.concurrencyLimit]).filter(([n]) => String(n).endsWith('/data-checks'))).toEqual([
      ['datalab-job/data-checks', 1],
      ['datalab-pipeline/data-checks', null],
    ]);
    expect(doc.deployments.filter((d) => d.flow === 'datalab-job').every((d) => d.concurrencyLimit === 1)).toBe(true);
  });

  it('runs the medallion steps in the job plan\'s order, with the configured retries and timeout', () => {
    const medallion = doc.deployments.find((d) => d.name === 'medallion')!;
    expect(medallion.parameters).toEqual({
      steps: ['datalab-job/bronze-events', 'datalab-job/silver-events', 'datalab-job/gold-event-counts'],
      retries: 1,
      retry_delay_seconds: 60,
      timeout_seconds: 7200,
    });
    expect(doc.deployments.find((d) => d.name === 'data-checks' && d.flow === 'datalab-pipeline')!.parameters).toEqual({ steps: ['datalab-job/data-checks'], retries: 0, retry_delay_seconds: 60, timeout_seconds: 540 });
  });

  it.each(['bronze-events', 'silver-events', 'gold-event-counts'])('runs %s in its worker exactly as its one-shot container does: same job, code, conf, image base and identity', (name) => {
    const oneShot = containerNamed(json, `datalab-prod-job-${name}`);
    const worker = containerNamed(json, `datalab-prod-pipeline-worker-${name}`);
    const [a, b] = [envOf(oneShot), envOf(worker)];
    for (const k of ['DATALAB_JOB', 'DATALAB_JOB_HASH', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) expect(b[k]).toBe(a[k]);
    // The same spark-submit, but executors reach the driver in the worker.
    const submit = JSON.parse(b.DATALAB_SUBMIT) as string[];
    expect(submit).toEqual(oneShot.command!.map((arg) => (arg === `spark.driver.host=job-${name}` ? `spark.driver.host=pipeline-worker-${name}` : arg)));
    for (const u of oneShot.upload!) expect(upload(worker, u.file)).toBe(u.content);
    expect(worker.command).toEqual(['prefect', 'worker', 'start', '--pool', `datalab-job-${name}`, '--type', 'process', '--name', `pipeline-worker-${name}`, '--with-healthcheck']);
    expect(b.PREFECT_API_URL).toBe('http://prefect-server:4200/api');
    expect(worker.restart).toBe('unless-stopped');
  });

  it('builds the workers\' image from the project Spark image with the server\'s Prefect version', () => {
    const image = processing.pipelines!.image;
    expect(image.name).toMatch(/^datalab\/spark-pipelines:3\.5\.7-delta3\.3\.1-prefect3\.4\.24-[0-9a-f]{12}$/);
    const res = resourcesOf(json, 'docker_image')[image.image.friendlyUniqueId] as { build: { build_args: Record<string, string> }; triggers: Record<string, string> };
    expect(res.build.build_args).toEqual({ SPARK_IMAGE: 'datalab/spark:3.5.7-delta3.3.1', PREFECT_VERSION: '3.4.24' });
    expect(res.triggers.spark_image_id).toMatch(/^\$\{docker_image\.spark-image_[A-F0-9]{8}\.image_id\}$/);
  });

  it('gives the scheduled-only jobs their own identities with exactly their declared access, and no one-shot container', () => {
    const grants = (job: string) =>
      processing.jobs.get(job)!.dataGrants.map((g) => (g.kind === 'topic' ? `${g.access} topic ${g.topic.name}` : `${g.access} ${g.bucket.name}/${g.prefix}`));
    expect(grants('maintenance')).toEqual(['readwrite bronze/events/', 'readwrite silver/events/', 'readwrite gold/event_counts_daily/']);
    expect(grants('data-checks')).toEqual(['read bronze/events/', 'read silver/events/', 'read gold/event_counts_daily/', 'write topic alerts']);
    expect(grants('train-model')).toEqual(['read gold/event_counts_daily/']);
    for (const j of ['maintenance', 'train-model', 'data-checks']) {
      expect(containers(json).filter((c) => c.name === `datalab-prod-job-${j}`)).toEqual([]);
      expect(processing.jobs.get(j)!.container).toBeUndefined();
    }
  });

  it('tells each scheduled job its settings and services', () => {
    const job = (name: string) => JSON.parse(envOf(containerNamed(json, `datalab-prod-pipeline-worker-${name}`)).DATALAB_JOB) as Record<string, unknown>;
    expect(job('train-model').services).toEqual({ mlflow: 'http://mlflow:5000' });
    expect(job('maintenance').settings).toEqual({
      vacuumRetentionHours: 168,
      tables: {
        bronze_events: { partitionColumn: 'ingest_date', retentionDays: 365 },
        silver_events: { partitionColumn: 'event_date', retentionDays: null },
        gold_event_counts: { partitionColumn: 'event_date', retentionDays: null },
      },
    });
    const checks = job('data-checks').settings as { metricsDir: string; tables: Record<string, { maxAgeHours: number; columns: Record<string, string> }> };
    expect(checks.metricsDir).toBe('/var/lib/datalab/metrics');
    expect(Object.keys(checks.tables)).toEqual(['bronze_events', 'silver_events', 'gold_event_counts']);
    expect(checks.tables.gold_event_counts.maxAgeHours).toBe(26);
    // The medallion jobs are told nothing new: their configuration (and so their hash) is unchanged.
    expect(job('silver-events')).not.toHaveProperty('settings');
    expect(job('silver-events')).not.toHaveProperty('services');
  });

  it('serves the data checks\' metrics from their worker, registered for Prometheus', () => {
    const w = containerNamed(json, 'datalab-prod-pipeline-worker-data-checks');
    expect(w.command).toEqual(['/bin/sh', '-c', 'python3 /opt/datalab/flows/metrics_server.py & exec prefect worker start --pool datalab-job-data-checks --type process --name pipeline-worker-data-checks --with-healthcheck']);
    expect(envOf(w)).toMatchObject({ DATALAB_METRICS_DIR: '/var/lib/datalab/metrics', DATALAB_METRICS_PORT: '9108' });
    expect(processing.pipelines!.workers.get('data-checks')!.service.spec.metrics).toEqual({ port: 9108, path: '/metrics' });
    expect(platform.core.discovery.registered.map((s) => s.spec.name)).toContain('pipeline-worker-data-checks');
  });

  it('probes the job workers with python3, which the Spark image has (Ubuntu\'s python3 installs no `python`)', () => {
    for (const c of containers(json).filter((x) => /pipeline-worker-/.test(x.name))) {
      const raw = (c as unknown as { healthcheck: unknown }).healthcheck;
      const hc = (Array.isArray(raw) ? raw[0] : raw) as { test: string[] };
      expect([c.name, hc.test.slice(0, 2)]).toEqual([c.name, ['CMD', 'python3']]);
    }
  });

  it('mounts no Docker socket anywhere and gives the runner no lake keys', () => {
    for (const c of containers(json).filter((x) => /pipeline/.test(x.name))) {
      expect(JSON.stringify([c.volumes ?? [], c.mounts ?? []])).not.toMatch(/docker\.sock/);
    }
    const runner = envOf(containerNamed(json, 'datalab-prod-pipeline-runner'));
    expect(Object.keys(runner).sort()).toEqual(['PREFECT_API_URL', 'PREFECT_WORKER_WEBSERVER_HOST', 'PREFECT_WORKER_WEBSERVER_PORT']);
  });

  it('sizes each worker as its driver plus the Prefect worker', () => {
    const mem = (name: string) => containerNamed(json, `datalab-prod-pipeline-worker-${name}`).memory;
    const driver = (heap: number) => heap + Math.max(384, Math.ceil(heap * 0.1));
    expect(mem('silver-events')).toBe(driver(loadEnvironment('prod').processing!.jobs['silver-events'].resources.driverMemoryMb!) + 320);
    expect(mem('maintenance')).toBe(driver(512) + 320);
  });

  it('deploys processing after ml, whose Prefect and MLflow it uses', () => {
    expect(processing.dependencies.map((d) => d.node.id).sort()).toEqual(['core', 'ml']);
  });
});

describe('a schedule change is a change of the declared document', () => {
  it('pauses a schedule that is switched off, keeps it declared, and re-creates the applying container', () => {
    const before = documentOf(prodProcessing().json);
    const paused = documentOf(prodProcessing(variant('prod', (c) => { c.processing!.pipelines.medallion.enabled = false; c.processing!.pipelines['data-checks'].cron = '*/5 * * * *'; })).json);
    const sched = (d: DeploymentsDocument, n: string) => d.deployments.find((x) => x.flow === 'datalab-pipeline' && x.name === n)!.schedule;
    expect(sched(paused, 'medallion')).toEqual({ cron: '0 6 * * *', timezone: 'Europe/Berlin', active: false });
    expect(sched(paused, 'data-checks')!.cron).toBe('*/5 * * * *');
    expect(paused).not.toEqual(before);
  });

  it('declares only the scheduled pipelines and their jobs', () => {
    const cfg = variant('prod', (c) => {
      c.processing!.pipelines = { 'train-model': c.processing!.pipelines['train-model'] };
    });
    const { platform, json } = prodProcessing(cfg);
    expect(documentOf(json).deployments.map((d) => `${d.flow}/${d.name}`)).toEqual(['datalab-job/train-model', 'datalab-pipeline/train-model']);
    expect([...platform.processing!.jobs.keys()]).toEqual(['bronze-events', 'silver-events', 'gold-event-counts', 'train-model']);
    expect(containers(json).filter((c) => /pipeline-worker/.test(c.name)).map((c) => c.name)).toEqual(['datalab-prod-pipeline-worker-train-model']);
  });
});

describe('the workers\' Prefect', () => {
  it('is pinned in the worker image\'s requirements at the version every scheduling environment\'s server runs', () => {
    expect(workerPrefectPin()).toBe('3.4.24');
    for (const env of ENVS.filter((e) => Object.keys(loadEnvironment(e).processing?.pipelines ?? {}).length > 0)) {
      expect(loadEnvironment(env).ml!.prefect.server.image).toMatch(/:3\.4\.24-/);
    }
  });

  it('refuses a server version the workers do not install, at the server\'s image', () => {
    const text = devYamlWith((d) => {
      d.setIn(['processing', 'pipelines', 'train-model'], { cron: '0 2 * * 0' });
      d.setIn(['ml', 'prefect', 'server', 'image'], 'prefecthq/prefect:3.4.25-python3.12');
      d.setIn(['ml', 'prefect', 'worker', 'image'], 'prefecthq/prefect:3.4.25-python3.12');
    });
    expect(configErrorOf(text).problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'ml.prefect.server.image',
        'the pipeline workers install prefect 3.4.24 (images/spark-pipelines/requirements.txt) but the server runs 3.4.25 (prefecthq/prefect:3.4.25-python3.12); regenerate that file for this version (its header says how) or keep the server at 3.4.24',
      ],
    ]);
  });
});
