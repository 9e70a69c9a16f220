import { Container } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { ITerraformDependable, Lazy, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake } from './data-lake';
import { DockerService } from './docker-service';
import { RunAs } from './hardening';
import { KafkaTopic } from './kafka-topic';
import { LakeBucket } from './lake-bucket';
import { LakeIdentity } from './lake-identity';
import { PlatformNetwork } from './platform-network';
import { FileSpec, HealthCheck } from './service-spec';
import { contentHash } from './spark-conf';

/** A resolved input or output: a topic or a bucket prefix, as construct references. */
export type SparkJobData = { readonly topic: KafkaTopic } | { readonly bucket: LakeBucket; readonly prefix: string };

export interface SparkJobResources {
  readonly driverMemoryMb: number;
  readonly executorMemoryMb: number;
  readonly executorCores: number;
  readonly maxCores: number;
}

export interface SparkJobProps {
  /** Job name: container `job-<name>`, lake identity `job-<name>`. */
  readonly name: string;
  readonly layer: string;
  /** Service group (stack) the job belongs to. */
  readonly group: string;
  readonly environment: string;
  readonly network: PlatformNetwork;
  /** The project Spark image (the same as master and workers). */
  readonly image: Image;
  /** `spark://spark-master:7077`. */
  readonly masterUrl: string;
  /** Kafka bootstrap inside the network. */
  readonly kafkaBootstrap: string;
  readonly lake: DataLake;
  /** Files every Spark process gets (spark-defaults.conf, …). */
  readonly sparkConf: readonly FileSpec[];
  /** Entry module: file name and content. */
  readonly code: { readonly file: string; readonly content: string };
  /** Helper modules the entry imports, file name and content. */
  readonly libraries: readonly { readonly file: string; readonly content: string }[];
  readonly reads: Readonly<Record<string, SparkJobData>>;
  readonly writes: Readonly<Record<string, SparkJobData>>;
  readonly resources: SparkJobResources;
  readonly trigger: string;
  /** Changing it re-runs the job. */
  readonly runId: string;
  /** @default false */
  readonly backfill?: boolean;
  /** Jobs that must finish first; when one re-runs, this one re-runs too. @default - none */
  readonly after?: readonly SparkJob[];
  /** Running cluster (master and workers) the job needs. */
  readonly dependsOn: readonly ITerraformDependable[];
  /** The image's Spark user: the driver runs as it. */
  readonly runAs: RunAs;
  /** Why the driver keeps a writable root file system (its scratch follows the data). */
  readonly scratchReason: string;
}

export const JOB_CODE_DIR = '/opt/datalab/jobs';

/** Spark's memory overhead rule for a JVM of `heapMb`: max(384 MiB, 10 %). */
function withOverhead(heapMb: number): number {
  return heapMb + Math.max(384, Math.ceil(heapMb * 0.1));
}

/**
 * One Spark job run as a one-shot container: `spark-submit` in client mode against the standalone
 * master, with the project image, its code uploaded by content and its own lake identity.
 *
 * - Access: a lake identity `job-<name>` whose permissions the declared buckets grant (reads: read; writes:
 *   read-write, since a Delta writer reads its log); topic access is recorded on the topics.
 * - Runs on deploy, in order: `restart = "no"`, `must_run = false` (an exited job stays in state),
 *   `attach = true` (the apply blocks until the job exits). A postcondition fails the apply when the
 *   exit code is not 0, so later jobs do not run on a failed predecessor's output.
 * - Re-runs only when something it depends on changes: code, conf, resources, `runId`/`backfill`
 *   (all in the container's env or uploads, which re-create it), or a job listed in `after`
 *   (`replace_triggered_by`).
 */
export class SparkJob extends Construct {
  readonly name: string;
  readonly service: DockerService;
  readonly user: LakeIdentity;
  /** The job container, for ordering. */
  readonly container: Container;
  /** Hash of code, conf and run settings: visible as DATALAB_JOB_HASH. */
  readonly contentHash: string;

  constructor(scope: Construct, id: string, props: SparkJobProps) {
    super(scope, id);
    this.name = props.name;
    const serviceName = `job-${props.name}`;
    this.user = props.lake.identityFor(this, 'user', serviceName);

    const resolve = (section: 'reads' | 'writes', data: Readonly<Record<string, SparkJobData>>) =>
      Object.fromEntries(
        Object.entries(data).map(([io, d]) => {
          if ('topic' in d) {
            if (section === 'reads') d.topic.grantRead(serviceName);
            else d.topic.grantWrite(serviceName);
            return [io, { kind: 'topic', topic: d.topic.name }];
          }
          // A Delta writer reads the table's log, so an output is read-write.
          // S3A probes each parent "directory" of the prefix as an object before listing it.
          if (section === 'reads') d.bucket.grantRead(this.user, d.prefix, { directoryProbes: true });
          else d.bucket.grantReadWrite(this.user, d.prefix, { directoryProbes: true });
          return [io, { kind: 'lake', uri: d.bucket.s3aUri(d.prefix) }];
        }),
      );
    const spec = {
      name: props.name,
      layer: props.layer,
      runId: props.runId,
      backfill: props.backfill ?? false,
      trigger: props.trigger,
      kafkaBootstrap: props.kafkaBootstrap,
      inputs: resolve('reads', props.reads),
      outputs: resolve('writes', props.writes),
    };

    const files: FileSpec[] = [
      ...props.sparkConf,
      ...props.libraries.map((l) => ({ path: `${JOB_CODE_DIR}/${l.file}`, content: l.content })),
      { path: `${JOB_CODE_DIR}/${props.code.file}`, content: props.code.content },
    ];
    const r = props.resources;
    this.contentHash = contentHash([...files, { path: 'DATALAB_JOB', content: JSON.stringify(spec) }, { path: 'resources', content: JSON.stringify(r) }]);

    this.service = new DockerService(this, 'service', {
      network: props.network,
      environment: props.environment,
      image: props.image,
      spec: {
        name: serviceName,
        group: props.group,
        image: props.image.name,
        oneShot: true,
        command: [
          '/opt/spark/bin/spark-submit',
          '--master', props.masterUrl,
          '--deploy-mode', 'client',
          '--name', props.name,
          // Executors on the workers connect back to the driver in this container.
          '--conf', `spark.driver.host=${serviceName}`,
          '--conf', 'spark.driver.bindAddress=0.0.0.0',
          '--driver-memory', `${r.driverMemoryMb}m`,
          '--executor-memory', `${r.executorMemoryMb}m`,
          '--conf', `spark.executor.cores=${r.executorCores}`,
          '--conf', `spark.cores.max=${r.maxCores}`,
          ...(props.libraries.length > 0 ? ['--py-files', props.libraries.map((l) => `${JOB_CODE_DIR}/${l.file}`).join(',')] : []),
          `${JOB_CODE_DIR}/${props.code.file}`,
        ],
        env: {
          DATALAB_JOB: JSON.stringify(spec),
          // Changes with code, conf, resources and run settings: a change re-creates (re-runs) the job.
          DATALAB_JOB_HASH: this.contentHash,
          AWS_ACCESS_KEY_ID: this.user.accessKey,
          AWS_SECRET_ACCESS_KEY: this.user.secretKey,
        },
        files,
        // The driver UI answers while the job runs (the apply does not wait on it: one-shot).
        health: HealthCheck.http(4040, '/', { client: 'wget', startPeriodSeconds: 30 }),
        resources: { memoryMb: withOverhead(r.driverMemoryMb) },
        hardening: { runAs: props.runAs, readOnlyRootFilesystem: { enabled: false, reason: props.scratchReason } },
      },
      // The policy must be attached before the job uses the user's keys.
      dependsOn: [...props.dependsOn, ...this.user.ready, ...(props.after ?? []).map((j) => j.container)],
    });
    this.container = this.service.containers[0];
    this.container.lifecycle = {
      postcondition: [
        {
          condition: '${self.exit_code == 0}',
          errorMessage: `Spark job "${props.name}" failed (non-zero exit code); its output is in this container's container_logs. Fix it, then change processing.jobs.${props.name}.runId to run it again.`,
        },
      ],
      replaceTriggeredBy: props.after && props.after.length > 0 ? props.after.map((j) => resourceAddress(j.container)) : undefined,
    };
  }
}

/**
 * The plain address (`docker_container.<logical id>`) of a resource in the same stack, as
 * `lifecycle.replace_triggered_by` needs it. Passing the resource itself makes cdktf 0.21 render
 * its fqn, `"${docker_container.x}"`, which Terraform rejects there ("Invalid expression"): a known
 * cdktf bug (hashicorp/terraform-cdk#3196, #3645). Lazy, so a later logical-id override is honoured.
 */
function resourceAddress(r: TerraformResource): string {
  return Lazy.stringValue({ produce: () => `${r.terraformResourceType}.${r.friendlyUniqueId}` });
}
