import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { computeDelta, ConfigDifference, formatDeltaPath, renderDelta, stacksTouched } from '../scripts/env-diff/delta';
import { npmScript } from './app-command';

const dev = loadEnvironment('dev');
const prod = loadEnvironment('prod');

/** A deep copy of `cfg` with `edit` applied (configs are plain data after parsing). */
function variant(cfg: EnvConfig, edit: (c: Record<string, any>) => void): EnvConfig {
  const copy = structuredClone(cfg) as unknown as Record<string, any>;
  edit(copy);
  return copy as unknown as EnvConfig;
}

const at = (diffs: readonly ConfigDifference[], p: string) => diffs.find((d) => formatDeltaPath(d.path) === p);

describe('environment delta', () => {
  const delta = computeDelta(dev, prod);

  it('finds services deployed in one environment only', () => {
    expect(delta.servicesOnlyInA).toContain('core.kafkaUi');
    expect(delta.servicesOnlyInB).not.toContain('core.kafkaUi');
  });

  it('reports topic partitions and retention, matched by topic name, touching core', () => {
    expect(at(delta.differences, 'core.topics[events].partitions')).toEqual({ path: ['core', 'topics', { name: 'events' }, 'partitions'], a: 3, b: 12, stacks: ['core'] });
    expect(at(delta.differences, 'core.topics[events-dlq].retentionHours')).toMatchObject({ a: 336, b: 2160 });
  });

  it('reports memory, cpus and a bucket present on one side only', () => {
    expect(at(delta.differences, 'core.minio.memoryMb')).toMatchObject({ a: 1024, b: 4096, stacks: ['core'] });
    expect(at(delta.differences, 'core.minio.cpus')).toMatchObject({ a: 1, b: 2 });
    expect(at(delta.differences, 'core.buckets[gold]')).toMatchObject({ a: undefined, b: { name: 'gold', versioning: true, noncurrentExpireDays: 90 } });
  });

  it('marks protectData as touching every deployed stack and host as touching none', () => {
    expect(at(delta.differences, 'protectData')).toMatchObject({ a: false, b: true, stacks: [...new Set([...dev.groups, ...prod.groups])] });
    expect(at(delta.differences, 'host.memoryMb')?.stacks).toEqual([]);
  });

  it('never reports the environment name itself', () => {
    expect(at(delta.differences, 'environment')).toBeUndefined();
  });

  it('is empty between an environment and itself', () => {
    expect(computeDelta(dev, dev)).toEqual({ a: 'dev', b: 'dev', servicesOnlyInA: [], servicesOnlyInB: [], differences: [] });
    expect(renderDelta(computeDelta(dev, dev))).toBe('## dev → dev\n\nNo differences.');
  });

  it('compares named lists by name, so inserting a topic does not shift the others', () => {
    const more = variant(dev, (c) => c.core.topics.unshift({ name: 'audit', partitions: 1, replication: 1, retentionHours: 24, cleanupPolicy: 'delete' }));
    expect(computeDelta(dev, more).differences.map((d) => formatDeltaPath(d.path))).toEqual(['core.topics[audit]']);
  });

  it('reports each named item when the other side has an empty list', () => {
    const none = variant(dev, (c) => (c.core.topics = []));
    expect(computeDelta(none, dev).differences.map((d) => formatDeltaPath(d.path))).toEqual(dev.core.topics.map((t) => `core.topics[${t.name}]`));
  });

  it('reports replicas, images and host bindings of a service', () => {
    const b = variant(dev, (c) => {
      c.core.minio.image = 'quay.io/minio/minio:RELEASE.2025-10-01T00-00-00Z';
      c.core.kafkaUi.replicas = 2;
      c.core.minio.ports.console = { port: 9101, address: '0.0.0.0' };
    });
    const paths = computeDelta(dev, b).differences.map((d) => [formatDeltaPath(d.path), d.b]);
    expect(paths).toEqual([
      ['core.minio.image', 'quay.io/minio/minio:RELEASE.2025-10-01T00-00-00Z'],
      ['core.minio.ports.console.port', 9101],
      ['core.minio.ports.console.address', '0.0.0.0'],
      ['core.kafkaUi.replicas', 2],
    ]);
  });

  it('attributes a group that only one environment deploys to that group stack, with its services', () => {
    // Core only on one side (whatever groups dev deploys today), core plus a processing section on the other.
    const coreOnly = variant(dev, (c) => {
      for (const g of c.groups) if (g !== 'core') delete c[g];
      c.groups = ['core'];
    });
    const withGroup = variant(coreOnly, (c) => {
      c.groups = ['core', 'processing'];
      c.processing = { sparkMaster: { image: 'apache/spark:3.5.6', memoryMb: 1024, replicas: 1, ports: {}, volumes: {}, public: false, enabled: true } };
    });
    const d = computeDelta(coreOnly, withGroup);
    expect(d.servicesOnlyInB).toEqual(['processing.sparkMaster']);
    expect(at(d.differences, 'groups')).toMatchObject({ a: ['core'], b: ['core', 'processing'], stacks: ['processing'] });
    expect(at(d.differences, 'processing')?.stacks).toEqual(['processing']);
  });

  it('attributes a backend change to every deployed stack', () => {
    const s3 = variant(dev, (c) => {
      c.state = { backend: 's3', bucket: 'tf-state', endpoint: 'https://minio.example.org:9000', region: 'us-east-1', pathStyle: true, useLockfile: true };
    });
    const d = computeDelta(dev, s3);
    expect(at(d.differences, 'state.backend')).toMatchObject({ a: 'local', b: 's3', stacks: dev.groups });
    expect(at(d.differences, 'state.useLockfile')).toMatchObject({ a: undefined, b: true });
  });

  it('lists stacks in deployment order', () => {
    const a = variant(dev, (c) => (c.groups = ['core', 'monitoring', 'ml']));
    const b = variant(dev, (c) => (c.groups = ['core']));
    expect(stacksTouched(['network', 'publishAddress'], a, b)).toEqual(['core', 'ml', 'monitoring']);
    expect(stacksTouched(['groups'], a, b)).toEqual(['ml', 'monitoring']);
  });

  it('renders one row per difference with the stacks it touches', () => {
    const text = renderDelta(delta);
    expect(text).toContain('- deployed only in dev: core.kafkaUi');
    expect(text).toContain('| `core.topics[events].partitions` | 3 | 12 | core |');
    expect(text).toContain('| `host.cpus` | 4 | 16 | (none: config checks only) |');
    expect(text).toContain('| `core.buckets[silver]` | — | {"name":"silver"');
  });
});

describe('npm run env-diff', () => {
  const { cmd, args: scriptArgs } = npmScript('env-diff');
  const run = (...args: string[]) => spawnSync(cmd, [...scriptArgs, ...args], { encoding: 'utf8', cwd: path.join(__dirname, '..') });

  it('prints the delta of two environments', () => {
    const r = run('dev', 'prod');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('## dev → prod');
  });

  it('lists the valid environments for an unknown one', () => {
    const r = run('dev', 'qa');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no config file for environment "qa"');
    expect(r.stderr).toContain('valid: dev, staging, prod, e2e');
  });
});
