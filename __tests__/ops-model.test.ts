import { loadEnvironment } from '../config/loader';
import { LocalBackend, S3Backend, TerraformStack, Testing } from 'cdktf';
import { describePlatform, modelFor, serviceAt } from '../ops/model';
import { planVerify } from '../ops/verify';
import { coreModel, devCore, extendedModel } from './ops-platform';

describe('the platform model', () => {
  it('describes the dev core stack from its constructs', () => {
    const m = coreModel();
    expect(m.stacks).toEqual([{ name: 'core', dependsOn: [], stateFile: '.state/dev/core.tfstate', stateLocation: '.state/dev/core.tfstate' }]);
    expect(m.services.map((s) => s.name)).toEqual(['consul', 'consul-esm', 'minio', 'kafka', 'kafka-ui']);
    expect(m.buckets.map((b) => [b.name, b.versioning])).toEqual([
      ['bronze', true],
      ['silver', true],
      ['gold', true],
      ['mlflow', true],
      ['landing', false],
    ]);
    expect(m.buckets[0].s3).toEqual({
      url: 'http://127.0.0.1:9000',
      service: 'minio',
      user: 'datalab-root',
      password: { stack: 'core', output: 'minio_root_password', envVar: 'DATALAB_MINIO_ROOT_PASSWORD' },
    });
    expect(m.topics).toEqual([
      { stack: 'core', name: 'events', partitions: 3, replication: 1, bootstrap: '127.0.0.1:9092' },
      { stack: 'core', name: 'events-dlq', partitions: 1, replication: 1, bootstrap: '127.0.0.1:9092' },
    ]);
    expect(m.registrations.find((r) => r.service === 'minio')).toEqual({ stack: 'core', service: 'minio', instances: ['minio'], containers: ['datalab-dev-minio'], consul: 'http://127.0.0.1:8500' });
  });

  it('checks a SeaweedFS lake as its administrator, whose secret is a core output', () => {
    const m = modelFor(loadEnvironment('e2e'));
    expect(m.buckets.map((b) => [b.name, b.versioning])).toEqual([['bronze', true], ['silver', true], ['gold', true], ['mlflow', true], ['landing', false]]);
    expect(m.buckets[0].s3).toEqual({
      url: 'http://127.0.0.1:9000',
      service: 'seaweedfs',
      user: 'datalab-admin',
      password: { stack: 'core', output: 'lake_admin_password', envVar: 'DATALAB_LAKE_ADMIN_PASSWORD' },
    });
    expect(serviceAt(m, 'http://127.0.0.1:9000')).toEqual({ stack: 'core', service: 'seaweedfs' });
  });

  it('reads where each stack keeps its state from its backend block', () => {
    const app = Testing.app({ stackTraces: false });
    new LocalBackend(new TerraformStack(app, 'here'), { path: '../../../custom/state/here.tfstate' });
    new S3Backend(new TerraformStack(app, 'there'), { bucket: 'tfstate', key: 'datalab/dev/there.tfstate', region: 'us-east-1' });
    expect(describePlatform(app, devCore()).stacks).toEqual([
      { name: 'here', dependsOn: [], stateFile: 'custom/state/here.tfstate', stateLocation: 'custom/state/here.tfstate' },
      { name: 'there', dependsOn: [], stateLocation: 's3://tfstate/datalab/dev/there.tfstate' },
    ]);
  });

  it('leaves out a disabled optional service (prod has no Kafka UI)', () => {
    const m = modelFor(loadEnvironment('prod'));
    expect(m.services.map((s) => s.name)).not.toContain('kafka-ui');
    expect(m.registrations.map((r) => r.service)).not.toContain('kafka-ui');
  });

  it('finds the service behind a host endpoint, replica ports included', () => {
    const m = coreModel();
    expect(serviceAt(m, 'http://127.0.0.1:9000')).toEqual({ stack: 'core', service: 'minio' });
    expect(serviceAt(m, '127.0.0.1:9092')).toEqual({ stack: 'core', service: 'kafka' });
    expect(serviceAt(m, 'http://127.0.0.1:1')).toBeUndefined();
    expect(serviceAt(extendedModel(), 'http://127.0.0.1:18081/healthz')).toEqual({ stack: 'extra', service: 'ingest-2' });
  });

  describe('with a stack it was not told about', () => {
    const m = extendedModel();

    it('finds the stack, its dependency, its replicated service and its registration', () => {
      expect(m.stacks.map((s) => [s.name, s.dependsOn])).toEqual([
        ['core', []],
        ['extra', ['core']],
      ]);
      expect(m.services.find((s) => s.name === 'ingest')).toMatchObject({ stack: 'extra', replicas: ['ingest', 'ingest-2'] });
      expect(m.registrations.find((r) => r.service === 'ingest')).toMatchObject({ stack: 'extra', instances: ['datalab-dev-ingest', 'datalab-dev-ingest-2'], containers: ['datalab-dev-ingest', 'datalab-dev-ingest-2'] });
    });

    it('plans health and Consul checks for it, one per replica, with the Consul catalog checked under core that runs it', () => {
      const ids = planVerify(m, { root: '/x', env: {}, timeoutMs: 1, retries: 0, backoffMs: 0, groups: ['extra'] }, { s3: new Map(), kafka: new Map() }).map((c) => c.id);
      expect(ids).toEqual(['core/consul/catalog', 'extra/consul/service/ingest', 'extra/ingest/health', 'extra/ingest-2/health']);
    });

    it('reads lineage from the grants: to the service, one-shot task or job granted, declared lineage, and bare identities as consumers', () => {
      const flows = m.flows.map((f) => `${f.actor} ${f.access} ${f.target.kind}:${f.target.name}${f.prefix ? `/${f.prefix}` : ''}`);
      // Sorted by actor, then bucket before topic, then name and access.
      expect(flows).toEqual([
        'alerting read topic:events-dlq',
        'analyst read bucket:gold',
        'bronze-to-silver read bucket:bronze',
        'bronze-to-silver write bucket:silver/events/',
        'bronze-to-silver read topic:events',
        'compact read bucket:gold/daily/',
        'compact write bucket:gold/daily/',
        'ingest write bucket:bronze/events/',
        'ingest read bucket:landing',
        'ingest read topic:events',
        'ingest write topic:events-dlq',
        'silver-to-gold write bucket:gold',
        'silver-to-gold read bucket:silver',
      ]);
      const kinds = Object.fromEntries(m.actors.map((a) => [a.name, `${a.stack}/${a.kind}`]));
      expect(kinds).toMatchObject({
        ingest: 'extra/service',
        compact: 'extra/job',
        'bronze-to-silver': 'extra/job',
        'silver-to-gold': 'extra/job',
        analyst: 'extra/consumer',
        alerting: 'extra/consumer',
        export: 'extra/job',
      });
    });

    it('never reads lineage from container text: a task carrying an identity\'s keys in its command gets none of its grants', () => {
      expect(m.flows.filter((f) => f.actor === 'export')).toEqual([]);
      expect(m.flows.filter((f) => f.actor === 'analyst').map((f) => `${f.access} ${f.target.name}`)).toEqual(['read gold']);
    });
  });
});
