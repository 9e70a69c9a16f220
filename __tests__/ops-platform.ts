/**
 * A dev platform (core only) plus an `extra` stack built only for tests, to show that the model walker
 * finds services, jobs and lineage in any stack without being told about it.
 */
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { loadEnvironment } from '../config/loader';
import { DockerService } from '../constructs/docker-service';
import { DataGrant, GranteeKind, GrantLedger, IGrantee } from '../constructs/grantee';
import { LakeIdentity } from '../constructs/lake-identity';
import { declareLineage } from '../constructs/lineage';
import { Probe } from '../constructs/service-spec';
import { EnvConfig } from '../config/schema';
import { describePlatform, modelFor, PlatformModel } from '../ops/model';
import { buildPlatform } from '../stacks/platform';

/** A job as another library might write one: a grantee of its own, holding a lake identity. */
class TestJob extends Construct implements IGrantee {
  readonly granteeKind: GranteeKind = 'job';
  readonly granteeName: string;
  private readonly ledger = new GrantLedger();
  constructor(scope: Construct, id: string, readonly lakeIdentity: LakeIdentity) {
    super(scope, id);
    this.granteeName = id;
  }
  get dataGrants(): readonly DataGrant[] {
    return this.ledger.grants;
  }
  recordGrant(grant: DataGrant): void {
    this.ledger.record(grant);
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

  // A service holding a lake identity: the buckets and topics grant the service itself.
  const user = lake.identityFor(stack, 'ingest-user', 'ingest');
  const ingest = new DockerService(stack, 'ingest', {
    network: core.network,
    environment: env.environment,
    spec: {
      name: 'ingest',
      group: 'extra',
      image: 'example/ingest:1.0.0',
      env: { S3_ACCESS_KEY: user.accessKey, S3_SECRET_KEY: user.secretKey },
      ports: [{ name: 'http', containerPort: 8080, host: { address: '127.0.0.1', port: 18080 } }],
      probe: Probe.http(8080, '/healthz'),
      resources: { memoryMb: 128 },
      replicas: 2,
      lakeIdentity: user,
    },
  });
  lake.bronze.grantWrite(ingest, 'events/');
  lake.bucket('landing').grantRead(ingest);
  core.discovery.register(ingest);
  core.kafka.topic('events').grantRead(ingest);
  core.kafka.topic('events-dlq').grantWrite(ingest);

  // A job of another library (its own grantee), and one that declares its lineage explicitly.
  const b2s = new TestJob(stack, 'bronze-to-silver', lake.identityFor(stack, 'b2s-user', 'bronze-to-silver'));
  lake.bronze.grantRead(b2s);
  lake.silver.grantWrite(b2s, 'events/');
  core.kafka.topic('events').grantRead(b2s);
  const gold = new Construct(stack, 'silver-to-gold');
  declareLineage(gold, { name: 'silver-to-gold', reads: [lake.silver], writes: [lake.gold] });

  // A one-shot task (a job) holding its identity, writing a table it also reads.
  const compactUser = lake.identityFor(stack, 'compact-user', 'compact');
  const compact = new DockerService(stack, 'compact', {
    network: core.network,
    environment: env.environment,
    spec: {
      name: 'compact',
      group: 'extra',
      image: 'example/compact:1.0.0',
      oneShot: true,
      command: ['compact', '--key', compactUser.accessKey],
      resources: { memoryMb: 128 },
      lakeIdentity: compactUser,
    },
  });
  lake.gold.grantReadWrite(compact, 'daily/');

  // An identity no service or job holds (granted as itself), whose keys a one-shot task carries in
  // its command text: the grants stay the identity's, whatever text holds its keys.
  const analyst = lake.identityFor(stack, 'analyst-user', 'analyst');
  lake.gold.grantRead(analyst);
  new DockerService(stack, 'export', {
    network: core.network,
    environment: env.environment,
    spec: { name: 'export', group: 'extra', image: 'example/export:1.0.0', oneShot: true, command: ['export', '--key', analyst.accessKey], resources: { memoryMb: 64 } },
  });
  // A topic consumer outside the lake: an identity granted a topic only.
  core.kafka.topic('events-dlq').grantRead(lake.identityFor(stack, 'alerting-user', 'alerting'));

  return describePlatform(app, env);
}
