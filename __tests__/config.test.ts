import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError, environmentFromEnv, loadEnvironment, parseEnvironment, UnknownEnvironmentError } from '../config/loader';
import { servicesOf } from '../config/services';
import { configErrorOf, devYamlWith, ENVS } from './helpers';

const CONFIG_DIR = path.join(__dirname, '..', 'config');
const devText = fs.readFileSync(path.join(CONFIG_DIR, 'dev.yaml'), 'utf8');

const devWith = devYamlWith;
const problemsOf = (text: string) => configErrorOf(text, 'config/test.yaml');

describe('environment files', () => {
  it.each(ENVS)('%s.yaml loads and validates', (env) => {
    const cfg = loadEnvironment(env);
    expect(cfg.environment).toBe(env);
    expect(cfg.groups[0]).toBe('core');
  });
});

describe('choosing the environment', () => {
  it('defaults to dev', () => {
    expect(environmentFromEnv({})).toBe('dev');
  });

  it('takes DATALAB_ENV', () => {
    expect(environmentFromEnv({ DATALAB_ENV: 'prod' })).toBe('prod');
  });

  it('rejects an unknown name with one line listing the valid environments', () => {
    expect(() => environmentFromEnv({ DATALAB_ENV: 'nope' })).toThrow(UnknownEnvironmentError);
    expect(() => environmentFromEnv({ DATALAB_ENV: 'nope' })).toThrow(/^DATALAB_ENV="nope" is not an environment; valid: dev, staging, prod, e2e$/);
  });
});

describe('config validation', () => {
  it('fails on a wrong type, naming file, line, path, value and what is allowed', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'minio', 'memoryMb'], 'lots')));
    expect(err.message).toMatch(/^config\/test\.yaml: 1 problem\n {2}config\/test\.yaml:\d+:\d+ {2}core\.minio\.memoryMb: expected number \(got "lots"\)$/);
  });

  it('fails on an unknown key and lists the allowed keys', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'minio', 'memory'], 512)));
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain('core.minio: unknown key "memory"; allowed: image, memoryMb, cpus, replicas, ports, volumes, waitTimeoutSeconds, public, enabled');
  });

  it('fails on an unknown port name of a service', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'minio', 'ports', 'web'], { port: 9100 })));
    expect(err.message).toContain('core.minio.ports: unknown key "web"; allowed: api, console');
  });

  it('fails on a duplicate bucket', () => {
    const err = problemsOf(devWith((d) => (d.getIn(['core', 'buckets']) as { add(v: unknown): void }).add({ name: 'landing', versioning: false })));
    expect(err.message).toMatch(/core\.buckets\[2\]\.name: bucket "landing" is already defined at core\.buckets\[1\] \(got "landing"\)/);
  });

  it('fails on a duplicate topic', () => {
    const err = problemsOf(devWith((d) => (d.getIn(['core', 'topics']) as { add(v: unknown): void }).add({ name: 'events', partitions: 1, retentionHours: 1 })));
    expect(err.message).toContain('core.topics[2].name: topic "events" is already defined at core.topics[0]');
  });

  it('fails on topic replication above the broker count', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'topics', 0, 'replication'], 3)));
    expect(err.message).toContain('core.topics[0].replication: replication 3 exceeds the 1 Kafka broker(s); allowed: 1..1 (got 3)');
  });

  it('fails on a host port used twice, naming both users', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'kafkaUi', 'ports', 'http', 'port'], 9000)));
    expect(err.message).toContain('core.kafkaUi.ports.http.port: host port 127.0.0.1:9000 is already used by core.minio.ports.api; pick another port (got 9000)');
  });

  it('treats 0.0.0.0 as clashing with every address on the same port', () => {
    const err = problemsOf(
      devWith((d) => {
        d.setIn(['core', 'kafkaUi', 'ports', 'http'], { port: 9001, address: '0.0.0.0' });
        d.setIn(['core', 'kafkaUi', 'public'], true);
      }),
    );
    expect(err.message).toContain('host port 0.0.0.0:9001 is already used by core.minio.ports.console');
  });

  it('fails on an unpinned image', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'kafka', 'image'], 'apache/kafka:latest')));
    expect(err.message).toContain('core.kafka.image: the tag "latest" is not pinned; name a version (got "apache/kafka:latest")');
    const noTag = problemsOf(devWith((d) => d.setIn(['core', 'kafka', 'image'], 'apache/kafka')));
    expect(noTag.message).toContain('core.kafka.image: expected a pinned image "registry/name:tag" (a tag is required)');
  });

  it('fails on a port bound beyond loopback on its own, at that address, unless the service is marked public', () => {
    const text = devWith((d) => d.setIn(['core', 'consul', 'ports', 'http', 'address'], '0.0.0.0'));
    const err = problemsOf(text);
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain('core.consul.ports.http.address: binding 0.0.0.0:8500 exposes the service beyond this host; allowed: a loopback address (127.x.x.x), or this address with core.consul.public: true (got "0.0.0.0")');
    const allowed = parseDocument(text);
    allowed.setIn(['core', 'consul', 'public'], true);
    expect(() => parseEnvironment(allowed.toString(), 'config/test.yaml', 'dev')).not.toThrow();
  });

  it('reports a wide network.publishAddress once, at its own line, not once per port', () => {
    const text = devText.replace('publishAddress: 127.0.0.1', 'publishAddress: 0.0.0.0');
    expect(text).not.toBe(devText);
    const line = text.split('\n').findIndex((l) => l.includes('publishAddress: 0.0.0.0')) + 1;
    const err = problemsOf(text);
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['network.publishAddress']);
    expect(err.problems[0].line).toBe(line);
    // dev publishes 16 ports of 15 services (core.minio publishes two), none of them public.
    expect(err.message).toContain(
      `config/test.yaml:${line}:19  network.publishAddress: would publish 16 host port(s) of 15 service(s) without public: true beyond this host (core.minio, core.kafka, core.consul and 12 more); allowed: a loopback address (127.x.x.x, default 127.0.0.1), or public: true on each of those services (got "0.0.0.0")`,
    );
  });

  it('counts only the ports that inherit a wide publishAddress and belong to services that are not public', () => {
    const others = servicesOf(loadEnvironment('dev')).filter(({ path: p, service }) => Object.keys(service.ports).length > 0 && p.join('.') !== 'core.kafka');
    expect(others.length).toBeGreaterThan(10);
    const text = devWith((d) => {
      d.setIn(['network', 'publishAddress'], '0.0.0.0');
      for (const { path: p } of others) d.setIn([...p, 'public'], true);
    });
    const err = problemsOf(text);
    expect(err.problems).toHaveLength(1);
    expect(err.message).toContain('would publish 1 host port(s) of 1 service(s) without public: true beyond this host (core.kafka)');
    const ownAddress = parseDocument(text);
    ownAddress.setIn(['core', 'kafka', 'ports', 'external', 'address'], '127.0.0.1');
    expect(() => parseEnvironment(ownAddress.toString(), 'config/test.yaml', 'dev')).not.toThrow();
  });

  it('fails when a group is enabled without core', () => {
    const err = problemsOf(devWith((d) => d.set('groups', ['processing'])));
    expect(err.message).toContain('groups: every group builds on "core": add core to groups (got processing)');
  });

  it('fails on an unknown group name, listing the valid ones', () => {
    const err = problemsOf(devWith((d) => d.set('groups', ['core', 'search'])));
    expect(err.message).toContain('groups[1]: expected one of "core", "processing", "ml", "visualization", "monitoring" (got "search")');
  });

  it('fails when the services need more memory than the host has', () => {
    const err = problemsOf(devWith((d) => d.setIn(['host', 'memoryMb'], 2048)));
    expect(err.message).toMatch(/host\.memoryMb: the enabled services need \d+ MiB of memory limits but the host has 2048 MiB/);
  });

  it('names a single service whose replicas alone need more memory than the host, at its memoryMb path', () => {
    const text = devWith((d) => {
      d.setIn(['host', 'memoryMb'], 4096);
      d.setIn(['processing', 'spark', 'worker', 'replicas'], 2);
    });
    expect(() => parseEnvironment(text, 'config/test.yaml', 'dev')).toThrow(
      /config\/test\.yaml:\d+:\d+ {2}processing\.spark\.worker\.memoryMb: 2304 MiB × 2 replicas = 4608 MiB exceeds the host's 4096 MiB \(host\.memoryMb\) on its own; lower memoryMb or replicas or raise host\.memoryMb \(got 2304\)/,
    );
    const paths = problemsOf(text).problems.map((p) => p.path.join('.'));
    expect(paths).toContain('host.memoryMb');
    expect(paths.filter((p) => p.endsWith('memoryMb') && p !== 'host.memoryMb')).toEqual(['processing.spark.worker.memoryMb']);
  });

  it('names a single-replica service bigger than the host at its memoryMb path', () => {
    const text = devWith((d) => d.setIn(['core', 'minio', 'memoryMb'], 20000));
    expect(() => parseEnvironment(text, 'config/test.yaml', 'dev')).toThrow(/core\.minio\.memoryMb: 20000 MiB exceeds the host's 16384 MiB \(host\.memoryMb\) on its own; lower memoryMb or raise host\.memoryMb/);
  });

  it('fails when the Kafka heap leaves no room in its memory limit', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'kafka', 'heapMb'], 1500)));
    expect(err.message).toContain('core.kafka.heapMb: heap 1500 MiB leaves under 256 MiB of the 1536 MiB limit');
  });

  it('fails when a port Terraform needs is not published', () => {
    const err = problemsOf(devWith((d) => d.deleteIn(['core', 'kafka', 'ports', 'external'])));
    expect(err.message).toContain('core.kafka.ports.external: Terraform reaches kafka through this port; publish it');
  });

  it('fails when a service with volumes has several replicas', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'minio', 'replicas'], 2)));
    expect(err.message).toContain('core.minio.replicas: a service with data volumes (data) runs exactly one replica (got 2)');
  });

  it('fails when a mandatory service is switched off', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'minio', 'enabled'], false)));
    expect(err.message).toMatch(/core\.minio\.enabled: .*true.* \(got false\)/);
  });

  it('fails on non-current expiry without versioning', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'buckets', 1, 'noncurrentExpireDays'], 3)));
    expect(err.message).toContain('core.buckets[1].noncurrentExpireDays: non-current versions exist only with versioning: true');
  });

  it('fails when the environment key does not match the file name', () => {
    const err = problemsOf(devWith((d) => d.set('environment', 'prod')));
    expect(err.message).toContain('environment: must equal the file name "dev" (got "prod")');
  });

  it('fails on a state directory inside cdktf.out or outside the project', () => {
    expect(problemsOf(devWith((d) => d.setIn(['state', 'dir'], 'cdktf.out/state'))).message).toContain('state.dir: expected a relative path inside the project and outside cdktf.out');
    expect(problemsOf(devWith((d) => d.setIn(['state', 'dir'], '../elsewhere'))).problems).toHaveLength(1);
  });

  it('fails on a required key that is missing', () => {
    const err = problemsOf(devWith((d) => d.deleteIn(['core', 'consul', 'image'])));
    expect(err.message).toContain('core.consul.image: required string is missing');
  });

  it('reports YAML syntax errors with their line', () => {
    const err = problemsOf('environment: dev\ngroups: [core\n');
    expect(err.problems[0].line).toBeGreaterThan(0);
    expect(err.message).toMatch(/config\/test\.yaml:\d+:\d+ {2}\(top level\): not valid YAML/);
  });

  it('reports a duplicate key as a YAML error rather than silently taking the last one', () => {
    const err = problemsOf(devText.replace('protectData: false', 'protectData: false\nprotectData: true'));
    expect(err.message).toMatch(/not valid YAML: Map keys must be unique/);
  });

  it('reports every problem at once', () => {
    const err = problemsOf(
      devWith((d) => {
        d.setIn(['core', 'minio', 'memoryMb'], 'lots');
        d.setIn(['core', 'kafka', 'image'], 'apache/kafka:latest');
        d.setIn(['core', 'consul', 'extra'], 1);
      }),
    );
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['core.minio.memoryMb', 'core.kafka.image', 'core.consul']);
  });

  it('reports the job plan with the cross-key checks: a job setting is located in the file, like any key', () => {
    const err = problemsOf(
      devWith((d) => {
        d.setIn(['processing', 'jobs', 'silver-evnets'], { runId: '1' });
        d.setIn(['core', 'kafka', 'heapMb'], 1400);
      }),
    );
    expect(err.problems.map((p) => [p.path.join('.'), p.line !== undefined])).toEqual([
      ['core.kafka.heapMb', true],
      ['processing.jobs.silver-evnets', true],
    ]);
    expect(err.message).toMatch(/\n {2}config\/test\.yaml:\d+:\d+ {2}processing\.jobs\.silver-evnets: there is no job "silver-evnets"; jobs are: bronze-events, silver-events, gold-event-counts, maintenance, train-model, data-checks$/m);
  });

  it('names a problem of another file (a job definition or its code) by that file and line, not the environment file', () => {
    const err = new ConfigError('config/dev.yaml', [
      { path: ['core', 'topics'], line: 48, column: 5, message: 'has no topic "events"' },
      { path: [], file: 'jobs/pyspark/silver_events.py', line: 28, message: 'uses input "raw", which jobs/silver-events.ts does not declare in reads' },
      { path: [], file: 'jobs/pyspark/datalab_job.py', message: 'the job helper module is missing' },
    ]);
    expect(err.message).toBe(
      'config/dev.yaml: 3 problems\n' +
        '  config/dev.yaml:48:5  core.topics: has no topic "events"\n' +
        '  jobs/pyspark/silver_events.py:28  uses input "raw", which jobs/silver-events.ts does not declare in reads\n' +
        '  jobs/pyspark/datalab_job.py  the job helper module is missing',
    );
  });

  it('points at the line of the offending key', () => {
    const err = problemsOf(devWith((d) => d.setIn(['core', 'topics', 0, 'replication'], 2)));
    const line = devWith((d) => d.setIn(['core', 'topics', 0, 'replication'], 2)).split('\n')[err.problems[0].line! - 1];
    expect(line).toContain('replication: 2');
  });
});
