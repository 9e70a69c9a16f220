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
  /**
   * Run as a one-shot container on deploy. false: only the identity and grants are made, for a
   * pipeline worker (constructs/pipeline-worker.ts) to run the job on schedule. @default true
   */
  readonly onDeploy?: boolean;
  /** URLs of the platform services the job calls, by name (DATALAB_JOB `services`). @default - none */
  readonly services?: Readonly<Record<string, string>>;
  /** Job-specific settings from config (DATALAB_JOB `settings`). @default - none */
  readonly settings?: Readonly<Record<string, unknown>>;
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

/** The memory a driver of `heapMb` needs: Spark's overhead rule, max(384 MiB, 10 %), on top. */
export function driverMemoryMb(heapMb: number): number {
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
  /** The one-shot container's service; absent for a scheduled-only job (`onDeploy: false`). */
  readonly service?: DockerService;
  readonly user: LakeIdentity;
  readonly granteeName: string;
  readonly granteeKind: GranteeKind = 'job';
  private readonly ledger = new GrantLedger();
  /** The job container, for ordering; absent for a scheduled-only job. */
  readonly container?: Container;
  /** Hash of code, conf and run settings: visible as DATALAB_JOB_HASH. */
  readonly contentHash: string;
  /** Conf, helper modules and entry code, as uploaded into every container that runs the job. */
  readonly files: readonly FileSpec[];
  /** DATALAB_JOB, its hash and the job identity's keys: the environment a run of the job needs. */
  readonly runEnv: Readonly<Record<string, string>>;
  /** The `spark-submit` command line of a run whose driver is reachable as `driverHost`. */
  readonly submitArgs: (driverHost: string) => string[];
  readonly resources: SparkJobResources;
  readonly image: Image;
  readonly runAs: RunAs;
  readonly scratchReason: string;
  readonly environment: string;
  readonly group: string;
  readonly network: PlatformNetwork;
  /** What a run needs first: the cluster, and the identity's policy attached. */
  readonly dependsOn: readonly ITerraformDependable[];

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
      // Only when given: the medallion jobs' DATALAB_JOB (and so their content hash) stays as it was.
      ...(props.services && Object.keys(props.services).length > 0 ? { services: props.services } : {}),
      ...(props.settings ? { settings: props.settings } : {}),
    };

    this.files = [
      ...props.sparkConf,
      ...props.libraries.map((l) => ({ path: `${JOB_CODE_DIR}/${l.file}`, content: l.content })),
      { path: `${JOB_CODE_DIR}/${props.code.file}`, content: props.code.content },
    ];
    const r = props.resources;
    this.resources = r;
    this.contentHash = contentHash([...this.files, { path: 'DATALAB_JOB', content: JSON.stringify(spec) }, { path: 'resources', content: JSON.stringify(r) }]);
    this.image = props.image;
    this.runAs = props.runAs;
    this.scratchReason = props.scratchReason;
    this.environment = props.environment;
    this.group = props.group;
    this.network = props.network;
    // The run's whole configuration, and the identity it runs as: what the one-shot container and
    // a pipeline worker (addPipelineWorker) both get, so a scheduled run is the deployed job's run.
    this.runEnv = {
      DATALAB_JOB: JSON.stringify(spec),
      // Changes with code, conf, resources and run settings: a change re-creates (re-runs) the job.
      DATALAB_JOB_HASH: this.contentHash,
      AWS_ACCESS_KEY_ID: this.user.accessKey,
      AWS_SECRET_ACCESS_KEY: this.user.secretKey,
    };
    this.submitArgs = (driverHost: string) => [
      '/opt/spark/bin/spark-submit',
      '--master', props.spark.url,
      '--deploy-mode', 'client',
      '--name', props.name,
      // Executors on the workers connect back to the driver in this container.
      '--conf', `spark.driver.host=${driverHost}`,
      '--conf', 'spark.driver.bindAddress=0.0.0.0',
      '--driver-memory', `${r.driverMemoryMb}m`,
      '--executor-memory', `${r.executorMemoryMb}m`,
      '--conf', `spark.executor.cores=${r.executorCores}`,
      '--conf', `spark.cores.max=${r.maxCores}`,
      ...(props.libraries.length > 0 ? ['--py-files', props.libraries.map((l) => `${JOB_CODE_DIR}/${l.file}`).join(',')] : []),
      `${JOB_CODE_DIR}/${props.code.file}`,
    ];
    this.dependsOn = [...props.dependsOn, ...this.user.ready];

    if (props.onDeploy === false) return;
    this.service = new DockerService(this, 'service', {
      network: props.network,
      environment: props.environment,
      image: props.image,
      spec: {
        name: serviceName,
        group: props.group,
        image: props.image.name,
        oneShot: true,
        command: this.submitArgs(serviceName),
        env: this.runEnv,
        files: this.files,
        // The driver UI answers while the job runs (the apply does not wait on it: one-shot).
        probe: Probe.http(4040, '/', { client: 'wget', startPeriodSeconds: 30 }),
        resources: { memoryMb: driverMemoryMb(r.driverMemoryMb) },
        hardening: { runAs: props.runAs, readOnlyRootFilesystem: { enabled: false, reason: props.scratchReason } },
      },
      // The policy must be attached before the job uses the user's keys.
      dependsOn: [...this.dependsOn, ...(props.after ?? []).map((j) => j.container!)],
    });
    this.container = this.service.containers[0];
    this.container.lifecycle = {
      postcondition: [
        {
          condition: '${self.exit_code == 0}',
          errorMessage: `Spark job "${props.name}" failed (non-zero exit code). Its errors:\n${JOB_ERROR_LINES}\nIts whole output is in this container's container_logs (docker logs datalab-${props.environment}-job-${props.name}). Fix it, then change processing.jobs.${props.name}.runId to run it again.`,
        },
      ],
      replaceTriggeredBy: props.after && props.after.length > 0 ? props.after.map((j) => resourceAddress(j.container!)) : undefined,
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
