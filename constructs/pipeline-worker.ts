import { Image } from '@cdktf/provider-docker/lib/image';
import { Construct } from 'constructs';
import { DockerService } from './docker-service';
import { FileSpec, MetricsSpec, Probe } from './service-spec';
import { driverMemoryMb, SparkJob } from './spark-job';

/** Where the pipeline flows (pipelines/prefect/datalab_flows.py) are uploaded in every worker. */
export const FLOWS_DIR = '/opt/datalab/flows';
/** The port of a Prefect worker's health server (`--with-healthcheck`). */
export const WORKER_HEALTH_PORT = 8080;
/** Memory a Prefect process worker and the flow-run process it starts take beside the driver. */
export const PREFECT_WORKER_MEMORY_MB = 320;

export interface PipelineWorkerProps {
  /** The job's image with Prefect added (images/spark-pipelines). */
  readonly image: Image;
  /** PREFECT_API_URL inside the platform network. */
  readonly prefectApiUrl: string;
  /** The job's own work pool. */
  readonly workPool: string;
  /** The flows module, uploaded into FLOWS_DIR. */
  readonly flows: FileSpec;
  /** Metrics the job leaves for Prometheus, served from the worker. @default - none */
  readonly metrics?: { readonly spec: MetricsSpec; readonly server: FileSpec; readonly dir: string };
}

/**
 * The Prefect process worker that runs one job on schedule: one per job, polling the job's own work
 * pool, in the job's image with the job's code, conf and lake identity (SparkJob.runEnv/files)
 * and nothing else: no Docker socket, no other job's keys. A flow run (datalab_flows.run_job)
 * runs the job's spark-submit as a subprocess, so the driver lives in this container (client mode),
 * reachable by the container's name. Its memory limit is the driver's plus the worker's.
 */
export class PipelineWorker extends Construct {
  readonly service: DockerService;
  readonly name: string;
  readonly workPool: string;

  constructor(job: SparkJob, id: string, props: PipelineWorkerProps) {
    super(job, id);
    this.name = `pipeline-worker-${job.name}`;
    this.workPool = props.workPool;
    const start = `prefect worker start --pool ${props.workPool} --type process --name ${this.name} --with-healthcheck`;
    this.service = new DockerService(this, 'service', {
      network: job.network,
      environment: job.environment,
      image: props.image,
      spec: {
        name: this.name,
        group: job.group,
        image: props.image.name,
        // With metrics, a small static server beside the worker serves what the job last wrote.
        command: props.metrics ? ['/bin/sh', '-c', `python3 ${props.metrics.server.path} & exec ${start}`] : start.split(' '),
        env: {
          ...job.runEnv,
          DATALAB_SUBMIT: JSON.stringify(job.submitArgs(this.name)),
          PREFECT_API_URL: props.prefectApiUrl,
          PREFECT_HOME: '/opt/datalab/prefect',
          PREFECT_WORKER_WEBSERVER_HOST: '0.0.0.0',
          PREFECT_WORKER_WEBSERVER_PORT: String(WORKER_HEALTH_PORT),
          ...(props.metrics ? { DATALAB_METRICS_DIR: props.metrics.dir, DATALAB_METRICS_PORT: String(props.metrics.spec.port) } : {}),
        },
        files: [...job.files, props.flows, ...(props.metrics ? [props.metrics.server] : [])],
        ports: [{ name: 'health', containerPort: WORKER_HEALTH_PORT }, ...(props.metrics ? [{ name: 'metrics', containerPort: props.metrics.spec.port }] : [])],
        // The job's image is the Spark image: Ubuntu's python3, no `python`.
        probe: Probe.http(WORKER_HEALTH_PORT, '/health', { client: 'python3', startPeriodSeconds: 30 }),
        metrics: props.metrics?.spec,
        resources: { memoryMb: driverMemoryMb(job.resources.driverMemoryMb) + PREFECT_WORKER_MEMORY_MB },
        // Importing Prefect and registering with the API takes a while on a busy host.
        waitTimeoutSeconds: 180,
        hardening: { runAs: job.runAs, readOnlyRootFilesystem: { enabled: false, reason: job.scratchReason } },
      },
      dependsOn: job.dependsOn,
    });
  }
}
