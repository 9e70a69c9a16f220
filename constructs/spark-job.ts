import { Container } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { ITerraformDependable, Lazy, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake } from './data-lake';
import { DockerService } from './docker-service';
import { DataGrant, GranteeKind, GrantLedger, IGrantee } from './grantee';
import { RunAs } from './hardening';
import { KafkaTopic } from './kafka-topic';
import { LakeBucket } from './lake-bucket';
import { LakeIdentity } from './lake-identity';
import { PlatformNetwork } from './platform-network';
import { FileSpec, Probe } from './service-spec';
import { contentHash } from './spark-conf';
import { SparkEndpoint } from './spark-endpoint';

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
  /** The cluster the job is submitted to. */
  readonly spark: SparkEndpoint;
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

/**
 * A Terraform template for the failed job's error lines, so the apply shows why a job failed and
 * not only that it did: the last 6 distinct lines of its output (`container_logs`, captured since
 * the container is attached) that name an error or exception, stack frames left out. Spark's
 * internals log at WARN (constructs/spark-conf.ts), so these are the driver's and the tasks' errors
 * and Python's traceback end. The docker provider (3.6.2) stores an attached container's output as
 * Docker's multiplexed stream, each chunk behind an 8-byte frame header (stream 1 or 2, three zero
 * bytes, a 4-byte length): the headers are removed first, or each line would start with stray bytes.
 */
const LOGS = 'replace(self.container_logs == null ? "" : self.container_logs, "/[\\\\x{1}\\\\x{2}]\\\\x{0}{3}(?s:.{4})/", "")';
const ERROR_LINES = `[for l in split("\\n", ${LOGS}) : trimspace(l) if length(regexall("(Exception|Error)(:|$)", l)) > 0 && !startswith(trimspace(l), "at ")]`;
export const JOB_ERROR_LINES = `\${join("\\n", slice(distinct(${ERROR_LINES}), max(0, length(distinct(${ERROR_LINES})) - 6), length(distinct(${ERROR_LINES}))))}`;

/** Spark's memory overhead rule for a JVM of `heapMb`: max(384 MiB, 10 %). */
function withOverhead(heapMb: number): number {
  return heapMb + Math.max(384, Math.ceil(heapMb * 0.1));
}

/**
 * One Spark job run as a one-shot container: `spark-submit` in client mode against the standalone
 * master, with the project image, its code uploaded by content and its own lake identity.
 *
 * - Access: the job is the grantee (`job-<name>`) of every bucket and topic it uses: the declared
 *   buckets grant it (reads: read; writes: read-write, since a Delta writer reads its log) and its
 *   lake identity `job-<name>` carries the permissions; the topics grant it read or write. The
 *   job's configuration (DATALAB_JOB) is rendered from these grants, so it names nothing it was
 *   not granted.
 * - Runs on deploy, in order: `restart = "no"`, `must_run = false` (an exited job stays in state),
 *   `attach = true` (the apply blocks until the job exits). A postcondition fails the apply when the
 *   exit code is not 0, so later jobs do not run on a failed predecessor's output.
 * - Re-runs only when something it depends on changes: code, conf, resources, `runId`/`backfill`
 *   (all in the container's env or uploads, which re-create it), or a job listed in `after`
 *   (`replace_triggered_by`).
 */
export class SparkJob extends Construct implements IGrantee {
  readonly name: string;
  readonly service: DockerService;
  readonly user: LakeIdentity;
  readonly granteeName: string;
  readonly granteeKind: GranteeKind = 'job';
  private readonly ledger = new GrantLedger();
  /** The job container, for ordering. */
  readonly container: Container;
  /** Hash of code, conf and run settings: visible as DATALAB_JOB_HASH. */
  readonly contentHash: string;

  constructor(scope: Construct, id: string, props: SparkJobProps) {
    super(scope, id);
    this.name = props.name;
    const serviceName = `job-${props.name}`;
    this.granteeName = serviceName;
    this.user = props.lake.identityFor(this, 'user', serviceName);

    // Each input and output is a grant to this job, and what the job is told is read from the grant.
    const resolve = (section: 'reads' | 'writes', data: Readonly<Record<string, SparkJobData>>) =>
      Object.fromEntries(
        Object.entries(data).map(([io, d]) => {
          if ('topic' in d) {
            const g = section === 'reads' ? d.topic.grantRead(this) : d.topic.grantWrite(this);
            return [io, { kind: 'topic', topic: g.topic.name }];
          }
          // A Delta writer reads the table's log, so an output is read-write.
          // S3A probes each parent "directory" of the prefix as an object before listing it.
          const g =
            section === 'reads'
              ? d.bucket.grantRead(this, d.prefix, { directoryProbes: true })
              : d.bucket.grantReadWrite(this, d.prefix, { directoryProbes: true });
          return [io, { kind: 'lake', uri: g.bucket.s3aUri(g.prefix) }];
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
          '--master', props.spark.url,
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
        probe: Probe.http(4040, '/', { client: 'wget', startPeriodSeconds: 30 }),
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
          errorMessage: `Spark job "${props.name}" failed (non-zero exit code). Its errors:\n${JOB_ERROR_LINES}\nIts whole output is in this container's container_logs (docker logs datalab-${props.environment}-job-${props.name}). Fix it, then change processing.jobs.${props.name}.runId to run it again.`,
        },
      ],
      replaceTriggeredBy: props.after && props.after.length > 0 ? props.after.map((j) => resourceAddress(j.container)) : undefined,
    };
  }

  /** The identity bucket grants to this job are rendered into. */
  get lakeIdentity(): LakeIdentity {
    return this.user;
  }

  /** Every bucket and topic grant the job holds, in grant order. */
  get dataGrants(): readonly DataGrant[] {
    return this.ledger.grants;
  }

  recordGrant(grant: DataGrant): void {
    this.ledger.record(grant);
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
