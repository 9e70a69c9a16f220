import { TerraformStack, Testing } from 'cdktf';
import { DockerService } from '../constructs/docker-service';
import { KafkaCluster } from '../constructs/kafka-cluster';
import { MinioLake } from '../constructs/minio-lake';
import { PlatformNetwork } from '../constructs/platform-network';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { platformFor } from './helpers';

function fixture() {
  const s = new TerraformStack(Testing.app(), 'test');
  const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
  const lake = new MinioLake(s, 'lake', {
    buckets: [],
    protectData: false,
    connection: { server: '127.0.0.1:9000', user: 'root', password: 'token' },
    endpoint: 'http://minio:9000',
    dependsOn: [],
  });
  const kafka = new KafkaCluster(s, 'kafka', { bootstrapInternal: 'kafka:19092', bootstrapHost: '127.0.0.1:9092', brokers: 1, protectData: false, dependsOn: [] });
  const events = kafka.addTopic({ name: 'events', partitions: 1, replication: 1, retentionHours: 1 });
  const service = (name: string, extra: Partial<ServiceSpec> = {}) =>
    new DockerService(s, name, { network, environment: 'test', spec: { name, group: 'test', image: `example/${name}:1.0.0`, probe: Probe.tcp(80), resources: { memoryMb: 64 }, ...extra } });
  return { s, lake, events, service };
}

describe('bucket grants by reference', () => {
  it('grant the service, are recorded on the bucket and the service, and land in the identity the service holds', () => {
    const { s, lake, service } = fixture();
    const user = lake.identityFor(s, 'app-user', 'app');
    const app = service('app', { lakeIdentity: user });
    const grant = lake.gold.grantRead(app, 'daily/');
    expect(grant).toMatchObject({ kind: 'bucket', bucket: lake.gold, grantee: app, identity: user, access: 'read', prefix: 'daily/' });
    expect(lake.gold.grants).toEqual([grant]);
    expect(app.dataGrants).toEqual([grant]);
    expect(user.grants).toEqual([grant]);
    // The grant was given to the service, not to the identity as a grantee of its own.
    expect(user.dataGrants).toEqual([]);
    expect(user.statements.flatMap((st) => st.Resource)).toEqual(['arn:aws:s3:::gold', 'arn:aws:s3:::gold/daily/*']);
  });

  it('refuse a service that holds no lake identity, saying how to give it one', () => {
    const { lake, service } = fixture();
    expect(() => lake.bronze.grantRead(service('app'))).toThrow(
      'bucket "bronze": service "app" holds no lake identity to grant access to; give it one (a service: spec.lakeIdentity = lake.identityFor(...))',
    );
    expect(lake.bronze.grants).toEqual([]);
  });

  it('grant a bare identity as a consumer of its own', () => {
    const { s, lake } = fixture();
    const analyst = lake.identityFor(s, 'analyst', 'analyst');
    const grant = lake.gold.grantRead(analyst);
    expect(analyst.granteeKind).toBe('consumer');
    expect(analyst.dataGrants).toEqual([grant]);
    // Recorded once for the store, though the identity is both grantee and identity.
    expect(analyst.grants).toEqual([grant]);
  });

  it('make a one-shot task a job grantee', () => {
    const { s, lake, service } = fixture();
    const task = service('compact', { oneShot: true, probe: undefined, lakeIdentity: lake.identityFor(s, 'c', 'compact') });
    expect(lake.gold.grantReadWrite(task).grantee.granteeKind).toBe('job');
  });
});

describe('topic grants by reference', () => {
  it('record the grantee object (not a name) on the topic and on the grantee, with its access', () => {
    const { events, service } = fixture();
    const producer = service('producer');
    const consumer = service('consumer');
    const w = events.grantWrite(producer);
    const r = events.grantRead(consumer);
    expect(events.grants).toEqual([
      { kind: 'topic', topic: events, grantee: producer, access: 'write' },
      { kind: 'topic', topic: events, grantee: consumer, access: 'read' },
    ]);
    expect(producer.dataGrants).toEqual([w]);
    expect(consumer.dataGrants).toEqual([r]);
  });

  it('take a grantee, never a name (checked by the compiler)', () => {
    const { events, lake } = fixture();
    // @ts-expect-error a topic is granted to a service, job or identity, not to a string
    expect(() => events.grantRead('job-bronze-events')).toThrow();
    // @ts-expect-error likewise for buckets
    expect(() => lake.gold.grantRead('streamlit')).toThrow();
    expect(events.grants).toEqual([]);
  });

  it('need no lake identity', () => {
    const { events, service } = fixture();
    expect(() => events.grantRead(service('app'))).not.toThrow();
  });
});

describe('the platform\'s grants', () => {
  it('go to the services and jobs themselves, every one with the identity it holds', () => {
    const { platform } = platformFor('dev');
    const lake = platform.core.lake;
    const granted = (bucket: string) => lake.bucket(bucket).grants.map((g) => `${g.grantee.granteeKind} ${g.grantee.granteeName} as ${g.identity.name} ${g.access} ${g.prefix}`.trim());
    expect(granted('mlflow')).toEqual(['service mlflow as datalab-mlflow readwrite']);
    expect(granted('gold')).toEqual([
      'job job-gold-event-counts as job-gold-event-counts readwrite event_counts_daily/',
      'service jupyterhub as jupyterhub-notebooks read',
      'service streamlit as streamlit-gold-reader read',
    ]);
    const hub = platform.visualization!.jupyterhub;
    expect(hub.lakeIdentity).toBe(platform.visualization!.notebookUser);
    expect(hub.dataGrants.map((g) => (g.kind === 'bucket' ? `${g.bucket.name} ${g.access} ${g.prefix}`.trim() : ''))).toEqual(['silver read', 'gold read', 'silver readwrite notebooks/']);
  });
});
