/**
 * A dev platform (core only) plus an `extra` stack built only for tests, to show that the model walker
 * finds services, jobs and lineage in any stack without being told about it.
 */
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { loadEnvironment } from '../config/loader';
import { DockerService } from '../constructs/docker-service';
import { KafkaTopic } from '../constructs/kafka-topic';
import { LakeBucket } from '../constructs/lake-bucket';
import { declareLineage } from '../constructs/lineage';
import { HealthCheck } from '../constructs/service-spec';
import { EnvConfig } from '../config/schema';
import { describePlatform, modelFor, PlatformModel } from '../ops/model';
import { buildPlatform } from '../stacks/platform';

/** A job as another stack might write one: it lists what it reads and writes. */
class TestJob extends Construct {
  readonly reads: readonly (LakeBucket | KafkaTopic)[];
  readonly writes: readonly (LakeBucket | { bucket: LakeBucket; prefix: string })[];
  constructor(scope: Construct, id: string, props: { reads: TestJob['reads']; writes: TestJob['writes'] }) {
    super(scope, id);
    this.reads = props.reads;
    this.writes = props.writes;
  }
}

/**
 * dev with only its core group: tests that count checks, services or rows stay exact when more
 * groups are enabled in config/dev.yaml.
 */
export function devCore(): EnvConfig {
  return { ...loadEnvironment('dev'), groups: ['core'] };
}

export function coreModel(): PlatformModel {
  return modelFor(devCore());
}

export function extendedModel(): PlatformModel {
  const env = devCore();
  const app = Testing.app({ stackTraces: false });
  const { core } = buildPlatform(app, env);
  const stack = new TerraformStack(app, 'extra');
  stack.addDependency(core);
  const lake = core.lake;

  // A service that receives a MinIO user's keys: its grants are its reads and writes.
  const user = lake.identityFor(stack, 'ingest-user', 'ingest');
  lake.bronze.grantWrite(user, 'events/');
  lake.bucket('landing').grantRead(user);
  const ingest = new DockerService(stack, 'ingest', {
    network: core.network,
    environment: env.environment,
    spec: {
      name: 'ingest',
      group: 'extra',
      image: 'example/ingest:1.0.0',
      env: { S3_ACCESS_KEY: user.accessKey, S3_SECRET_KEY: user.secretKey },
      ports: [{ name: 'http', containerPort: 8080, host: { address: '127.0.0.1', port: 18080 } }],
      health: HealthCheck.http(8080, '/healthz'),
      resources: { memoryMb: 128 },
      replicas: 2,
    },
  });
  core.discovery.register(ingest);
  core.kafka.topic('events').grantRead('ingest');
  core.kafka.topic('events-dlq').grantWrite('ingest');
  core.kafka.topic('events-dlq').grantRead('alerting');

  // A duck-typed job, and one that declares its lineage explicitly.
  new TestJob(stack, 'bronze-to-silver', { reads: [lake.bronze, core.kafka.topic('events')], writes: [{ bucket: lake.silver, prefix: 'events/' }] });
  const gold = new Construct(stack, 'silver-to-gold');
  declareLineage(gold, { name: 'silver-to-gold', reads: [lake.silver], writes: [lake.gold] });

  // A one-shot task (a job) given its user's keys, writing a table it also reads.
  const compactUser = lake.identityFor(stack, 'compact-user', 'compact');
  lake.gold.grantReadWrite(compactUser, 'daily/');
  new DockerService(stack, 'compact', {
    network: core.network,
    environment: env.environment,
    spec: {
      name: 'compact',
      group: 'extra',
      image: 'example/compact:1.0.0',
      oneShot: true,
      command: ['compact', '--key', compactUser.accessKey],
      resources: { memoryMb: 128 },
    },
  });

  // A MinIO identity no service or job owns.
  const analyst = lake.identityFor(stack, 'analyst-user', 'analyst');
  lake.gold.grantRead(analyst);

  return describePlatform(app, env);
}
