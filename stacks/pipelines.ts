/**
 * Scheduled pipelines (docs/pipelines.md), built inside the processing stack: the jobs' Prefect
 * workers, the pipeline runner, and the declared deployments with their schedules, applied to the
 * Prefect server of the ml stack.
 *
 * Prefect has no Terraform provider this project can build (its module is not reachable), so the
 * deployments are declared as a document synthesized from config (deployments.json: a `cdktf
 * diff` shows a schedule change as a change of that file) and applied by a one-shot container of
 * the Prefect image (pipelines/prefect/apply_deployments.py), re-created whenever the document
 * changes, as the SeaweedFS lake's provisioner does.
 *
 * - One process worker per job (constructs/pipeline-worker.ts), in the job's image with its
 *   identity; its pool is `datalab-job-<job>`. The job deployment `datalab-job/<job>` runs there.
 * - One pipeline runner: a process worker of the Prefect image with no lake identity at all, pool
 *   `datalab-pipelines`; the pipeline deployment `datalab-pipeline/<pipeline>` (with the schedule)
 *   runs there and starts its steps' job deployments in the job plan's order, each waited for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Image } from '@cdktf/provider-docker/lib/image';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { PipelinesConfig } from '../config/groups/pipelines';
import { DockerService } from '../constructs/docker-service';
import { Hardening, RunAs } from '../constructs/hardening';
import { FLOWS_DIR, PipelineWorker, WORKER_HEALTH_PORT } from '../constructs/pipeline-worker';
import { PlatformNetwork } from '../constructs/platform-network';
import { PROJECT_ROOT, ProjectImage } from '../constructs/project-image';
import { FileSpec, Probe } from '../constructs/service-spec';
import { SparkJob } from '../constructs/spark-job';
import { PIPELINES } from '../pipelines';
import { PipelineDefinition, pipelineSteps } from '../pipelines/pipeline';
import type { BuildMirrors } from '../config/build-mirrors';
import { mirrorBuildArgs } from './build-mirrors';

export const PIPELINE_IMAGE_DIR = path.join(__dirname, '..', 'images', 'spark-pipelines');
const PREFECT_DIR = path.join(__dirname, '..', 'pipelines', 'prefect');
/** The pool of the pipeline runner. */
export const PIPELINE_POOL = 'datalab-pipelines';
/** Every deployment the stack declares carries it; one that carries it and is no longer declared is removed. */
export const MANAGED_TAG = 'datalab-managed';
export const JOB_FLOW = 'datalab-job';
export const PIPELINE_FLOW = 'datalab-pipeline';
/** Where the data-checks job leaves its metrics in its worker, and the port they are served on. */
export const METRICS_DIR = '/var/lib/datalab/metrics';
export const METRICS_PORT = 9108;
/** Memory of the pipeline runner: its worker plus two pipeline flow runs at once (~120 MiB each). */
export const PIPELINE_RUNNER_MEMORY_MB = 512;

/** The job a pipeline deployment starts: `datalab-job/<job>`. */
export const jobDeployment = (job: string) => `${JOB_FLOW}/${job}`;
export const jobPool = (job: string) => `datalab-job-${job}`;

export interface PipelineDeployment {
  readonly flow: string;
  readonly name: string;
  readonly entrypoint: string;
  readonly workPool: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly version: string;
  readonly tags: readonly string[];
  /** Runs at once; a job's worker has memory for one driver. null: no limit. */
  readonly concurrencyLimit: number | null;
  readonly schedule: { readonly cron: string; readonly timezone: string; readonly active: boolean } | null;
}

export interface DeploymentsDocument {
  readonly managedTag: string;
  readonly flowsPath: string;
  readonly workPools: readonly string[];
  readonly deployments: readonly PipelineDeployment[];
}

/** A pipeline as scheduled in one environment: its steps in run order. */
export interface ScheduledPipeline {
  readonly definition: PipelineDefinition;
  readonly steps: readonly string[];
  readonly config: PipelinesConfig[string];
}

/**
 * The deployments of an environment: a job deployment per job its pipelines run (no schedule:
 * pipelines and `datalab run` start them), and a pipeline deployment per scheduled pipeline.
 * Pure; `versions` are the jobs' content hashes (a changed job shows as a changed version).
 */
export function deploymentsDocument(pipelines: readonly ScheduledPipeline[], versions: ReadonlyMap<string, string>): DeploymentsDocument {
  const jobs = [...new Set(pipelines.flatMap((p) => p.steps))];
  const deployments: PipelineDeployment[] = [
    ...jobs.map((j) => ({
      flow: JOB_FLOW,
      name: j,
      entrypoint: 'datalab_flows.py:run_job',
      workPool: jobPool(j),
      description: `Runs job ${j} once (its worker holds its code, image and lake identity).`,
      parameters: {},
      version: (versions.get(j) ?? '').slice(0, 12),
      tags: ['job'],
      concurrencyLimit: 1,
      schedule: null,
    })),
    ...pipelines.map((p) => ({
      flow: PIPELINE_FLOW,
      name: p.definition.name,
      entrypoint: 'datalab_flows.py:run_pipeline',
      workPool: PIPELINE_POOL,
      description: p.definition.description,
      parameters: {
        steps: p.steps.map(jobDeployment),
        retries: p.config.retries,
        retry_delay_seconds: p.config.retryDelaySeconds,
        timeout_seconds: p.config.timeoutMinutes * 60,
      },
      version: p.steps.map((s) => (versions.get(s) ?? '').slice(0, 12)).join('.'),
      tags: ['pipeline'],
      concurrencyLimit: null,
      schedule: { cron: p.config.cron, timezone: p.config.timezone, active: p.config.enabled },
    })),
  ];
  return { managedTag: MANAGED_TAG, flowsPath: FLOWS_DIR, workPools: [PIPELINE_POOL, ...jobs.map(jobPool)], deployments };
}

/** The scheduled pipelines of an environment, with their steps in the plan's order. */
export function scheduledPipelines(config: PipelinesConfig, planOrder: readonly string[]): ScheduledPipeline[] {
  return PIPELINES.filter((d) => d.name in config).map((d) => ({ definition: d, steps: pipelineSteps(d, planOrder).steps, config: config[d.name] }));
}

export interface PipelinesProps {
  readonly environment: string;
  readonly group: string;
  readonly network: PlatformNetwork;
  readonly pipelines: PipelinesConfig;
  /** The jobs, in plan order. */
  readonly jobs: ReadonlyMap<string, SparkJob>;
  readonly planOrder: readonly string[];
  /** The project Spark image the workers' image is built from. */
  readonly sparkImage: ProjectImage;
  /** From the ml stack: the Prefect image (its tag names the Prefect version) and API. */
  readonly prefect: { readonly image: string; readonly apiUrl: string };
  /** Package mirrors the worker image build uses (config `buildMirrors`: Prefect and numpy from `python`). @default - PyPI */
  readonly buildMirrors?: BuildMirrors;
}

const file = (name: string, at: string): FileSpec => ({ path: at, content: fs.readFileSync(path.join(PREFECT_DIR, name), 'utf8') });

/**
 * The build arguments of the pipeline worker image (images/spark-pipelines): the project Spark image
 * it is built FROM, the server's Prefect version, and the PyPI mirror. Also read by `npm run
 * check:pins` and the e2e's PyPI mirror, so all three see the same build.
 */
export function pipelineImageBuildArgs(sparkImage: string, prefectImage: string, mirrors?: BuildMirrors): Record<string, string> {
  return { SPARK_IMAGE: sparkImage, PREFECT_VERSION: prefectVersion(prefectImage), ...mirrorBuildArgs(mirrors, ['python']) };
}

/** The Prefect version of an image reference (`prefecthq/prefect:3.4.24-python3.12` → `3.4.24`). */
export function prefectVersion(image: string): string {
  const tag = image.replace(/@sha256:.*$/, '').split(':').pop() ?? '';
  const m = /^(\d+\.\d+\.\d+)/.exec(tag);
  if (!m) throw new Error(`cannot read a Prefect version from image "${image}" (expected a tag like 3.4.24-python3.12)`);
  return m[1];
}

export class Pipelines extends Construct {
  readonly image: ProjectImage;
  readonly workers: ReadonlyMap<string, PipelineWorker>;
  readonly runner: DockerService;
  readonly provisioner: DockerService;
  readonly document: DeploymentsDocument;
  readonly scheduled: readonly ScheduledPipeline[];

  constructor(scope: Construct, id: string, props: PipelinesProps) {
    super(scope, id);
    const common = { environment: props.environment, network: props.network };
    this.scheduled = scheduledPipelines(props.pipelines, props.planOrder);
    const flows = file('datalab_flows.py', `${FLOWS_DIR}/datalab_flows.py`);

    this.image = new ProjectImage(this, 'worker-image', {
      name: `datalab/spark-pipelines:${props.sparkImage.name.split(':').pop()}-prefect${prefectVersion(props.prefect.image)}`,
      context: path.relative(PROJECT_ROOT, PIPELINE_IMAGE_DIR),
      tagWithContentHash: true,
      buildArgs: pipelineImageBuildArgs(props.sparkImage.name, props.prefect.image, props.buildMirrors),
    });
    // Built FROM the Spark image: the reference orders the builds, and a rebuilt Spark image rebuilds this one.
    this.image.image.addOverride('triggers.spark_image_id', props.sparkImage.image.imageId);

    const workers = new Map<string, PipelineWorker>();
    for (const name of new Set(this.scheduled.flatMap((p) => p.steps))) {
      const job = props.jobs.get(name)!;
      workers.set(
        name,
        new PipelineWorker(job, 'pipeline-worker', {
          image: this.image.image,
          prefectApiUrl: props.prefect.apiUrl,
          workPool: jobPool(name),
          flows,
          ...(name === 'data-checks'
            ? { metrics: { spec: { port: METRICS_PORT, path: '/metrics' }, server: file('metrics_server.py', `${FLOWS_DIR}/metrics_server.py`), dir: METRICS_DIR } }
            : {}),
        }),
      );
    }
    this.workers = workers;

    const prefectImage = new Image(this, 'prefect-image', { name: props.prefect.image, keepLocally: true });
    const prefectHardening: Hardening = {
      runAs: RunAs.root('the Prefect image defines no user and keeps PREFECT_HOME under /root, as for the ml stack\'s worker'),
      readOnlyRootFilesystem: { enabled: false, reason: 'Prefect writes its home (PREFECT_HOME under /root) and each flow run\'s working files' },
    };
    this.runner = new DockerService(this, 'runner', {
      ...common,
      image: prefectImage,
      spec: {
        name: 'pipeline-runner',
        group: props.group,
        image: props.prefect.image,
        command: ['prefect', 'worker', 'start', '--pool', PIPELINE_POOL, '--type', 'process', '--name', 'pipeline-runner', '--with-healthcheck'],
        // No lake identity and no job's keys: it only starts deployments and waits for them.
        env: { PREFECT_API_URL: props.prefect.apiUrl, PREFECT_WORKER_WEBSERVER_HOST: '0.0.0.0', PREFECT_WORKER_WEBSERVER_PORT: String(WORKER_HEALTH_PORT) },
        files: [flows],
        ports: [{ name: 'health', containerPort: WORKER_HEALTH_PORT }],
        probe: Probe.http(WORKER_HEALTH_PORT, '/health', { client: 'python', startPeriodSeconds: 30 }),
        hardening: prefectHardening,
        resources: { memoryMb: PIPELINE_RUNNER_MEMORY_MB },
        // Importing Prefect and registering with the API takes a while on a busy host.
        waitTimeoutSeconds: 180,
      },
    });

    const versions = new Map([...props.jobs].map(([n, j]) => [n, j.contentHash]));
    this.document = deploymentsDocument(this.scheduled, versions);
    this.provisioner = new DockerService(this, 'deployments', {
      ...common,
      image: prefectImage,
      spec: {
        name: 'pipeline-deployments',
        group: props.group,
        image: props.prefect.image,
        command: ['python', '/provision/apply_deployments.py', '/provision/deployments.json'],
        env: { PREFECT_API_URL: props.prefect.apiUrl },
        // A change of either file re-creates the container: the declaration is applied again.
        files: [file('apply_deployments.py', '/provision/apply_deployments.py'), { path: '/provision/deployments.json', content: `${JSON.stringify(this.document, null, 2)}\n` }],
        hardening: { ...prefectHardening, readOnlyRootFilesystem: { enabled: false, reason: 'the Prefect client writes its home (PREFECT_HOME under /root)' } },
        // Healthy while the API it applies the deployments through answers.
        probe: Probe.exec(['python', '-c', "import os, urllib.request; urllib.request.urlopen(os.environ['PREFECT_API_URL'] + '/health', timeout=5)"], { startPeriodSeconds: 10 }),
        resources: { memoryMb: 256 },
        oneShot: true,
      },
    });

    new TerraformOutput(scope, 'pipeline_schedules', {
      value: this.scheduled.map((p) => `${p.definition.name}: ${p.steps.join(' -> ')} @ "${p.config.cron}" ${p.config.timezone}${p.config.enabled ? '' : ' (paused)'}`).join('; ') || 'none',
      description: 'Scheduled pipelines: steps in order, cron and time zone',
    });
  }
}
