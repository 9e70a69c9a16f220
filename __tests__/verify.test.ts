import * as fs from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { consulChecks } from '../ops/checks/consul';
import { healthChecks } from '../ops/checks/health';
import { s3Checks } from '../ops/checks/s3';
import { PlatformModel } from '../ops/model';
import { backoffDelay, CheckResult, runChecks } from '../ops/runner';
import { planVerify, verify, VerifyOptions } from '../ops/verify';
import { coreModel } from './ops-platform';
import { closedPort, FakeConsul, pointAt, S3Served, startConsul, startHttp, startS3, stateRoot } from './ops-servers';

const FAST = { timeoutMs: 1000, retries: 2, backoffMs: 5, environment: 'dev' } as const;
const PASSWORD = 'generated-Password-42';

let model: PlatformModel;
beforeAll(() => {
  model = coreModel();
});

const byId = (results: readonly CheckResult[], id: string) => {
  const r = results.find((x) => x.id === id);
  if (!r) throw new Error(`no result ${id}; have ${results.map((x) => x.id).join(', ')}`);
  return r;
};

describe('the verify plan', () => {
  it('covers every bucket, topic, registration and service of the model', () => {
    const opts: VerifyOptions = { root: '/nowhere', env: {}, timeoutMs: 1, retries: 0, backoffMs: 0 };
    // Planning touches no network.
    const ids = planVerify(model, opts, { s3: new Map(), kafka: new Map() }).map((c) => c.id);
    expect(ids).toEqual([
      'core/minio/login',
      ...['bronze', 'silver', 'gold', 'mlflow', 'landing'].map((b) => `core/minio/bucket/${b}`),
      'core/kafka/bootstrap',
      'core/kafka/topic/events',
      'core/kafka/topic/events-dlq',
      'core/consul/catalog',
      ...['consul', 'consul-esm', 'minio', 'kafka', 'kafka-ui'].map((s) => `core/consul/service/${s}`),
      ...['consul', 'consul-esm', 'minio', 'kafka', 'kafka-ui'].map((s) => `core/${s}/health`),
    ]);
  });

  it('rejects a group the environment does not have, listing the valid ones', async () => {
    await expect(verify(model, { root: '/nowhere', env: {}, timeoutMs: 1, retries: 0, backoffMs: 0, groups: ['nope', 'core'] })).rejects.toThrow(
      'unknown group "nope" in environment dev; valid: core',
    );
  });

  it('doubles the backoff after each attempt, capped at 30 s', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(100, n))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(10_000, 5)).toBe(30_000);
  });
});

describe('verify of a healthy environment', () => {
  it('passes every check against s3rver, a Consul API server, health endpoints and a Kafka admin, and reports ok', async () => {
    const s3 = await startS3('datalab-root', PASSWORD);
    const consul = await startConsul(model.registrations);
    const ok = await startHttp((_req, res) => res.writeHead(200).end('ok'));
    const root = stateRoot(model, { core: { minio_root_password: PASSWORD } });
    try {
      await s3.createBuckets(model.buckets.map((b) => b.name));
      for (const b of model.buckets) if (b.versioning) s3.versioning.set(b.name, 'Enabled');
      const m = pointAt(model, { s3: s3.url, consul: consul.url, hostPorts: { minio: ok.port, 'kafka-ui': ok.port, consul: consul.port } });
      const seen: string[] = [];
      const report = await verify(m, {
        root,
        env: {},
        ...FAST,
        kafkaAdmin: () => ({
          connect: async () => undefined,
          listTopics: async () => m.topics.map((t) => t.name),
          describeTopic: async (name) => {
            const t = m.topics.find((x) => x.name === name)!;
            return { partitions: t.partitions, replication: t.replication };
          },
          disconnect: async () => undefined,
        }),
        onResult: (r) => seen.push(r.id),
      });
      expect(report.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.detail}`)).toEqual([
        'core/consul-esm/health: probe port 8080 is not published on the host; Consul checks it inside the network',
        'core/kafka/health: probe port 19092 is not published on the host; Consul checks it inside the network',
      ]);
      expect(report).toMatchObject({ environment: 'dev', groups: ['core'], ok: true, summary: { passed: 18, failed: 0, skipped: 2 } });
      // Progress saw every check; the report keeps plan order.
      expect([...seen].sort()).toEqual(report.checks.map((c) => c.id).sort());
    } finally {
      await Promise.all([s3.close(), consul.close(), ok.close()]);
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('MinIO checks against s3rver', () => {
  let s3: S3Served;
  let root: string;
  const clients = new Map<string, S3Client>();
  const run = (m: PlatformModel, env: NodeJS.ProcessEnv = {}, r = root) =>
    runChecks(
      s3Checks(m.buckets, {
        secrets: { root: r, env, states: Object.fromEntries(m.stacks.map((s) => [s.name, s])) },
        timeoutMs: FAST.timeoutMs,
        clients,
      }),
      FAST,
    );

  beforeAll(async () => {
    s3 = await startS3('datalab-root', PASSWORD);
    await s3.createBuckets(['bronze', 'silver', 'mlflow', 'landing']);
    for (const b of ['bronze', 'silver', 'mlflow']) s3.versioning.set(b, 'Enabled');
    root = stateRoot(model, { core: { minio_root_password: PASSWORD } });
  });
  afterEach(() => {
    for (const c of clients.values()) c.destroy();
    clients.clear();
  });
  afterAll(async () => {
    await s3.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('logs in with the password from the state file and passes buckets that match the model', async () => {
    const results = await run(pointAt(model, { s3: s3.url }));
    expect(byId(results, 'core/minio/login')).toMatchObject({ status: 'pass', detail: '4 buckets visible', attempts: 1 });
    expect(byId(results, 'core/minio/bucket/bronze')).toMatchObject({ status: 'pass', detail: 'exists, versioning Enabled' });
    // landing has versioning: false in config/dev.yaml, and S3 reports no status for it.
    expect(byId(results, 'core/minio/bucket/landing')).toMatchObject({ status: 'pass', detail: 'exists, versioning off' });
  });

  it('fails a missing bucket with the deploy that creates it, without retrying', async () => {
    const gold = byId(await run(pointAt(model, { s3: s3.url })), 'core/minio/bucket/gold');
    expect(gold).toMatchObject({ status: 'fail', detail: `bucket "gold" does not exist on ${s3.url}`, attempts: 1 });
    expect(gold.fix).toBe('run `npx cdktf deploy core` (it creates the buckets of the model)');
  });

  it('fails a bucket whose versioning is off while the model says Enabled', async () => {
    s3.versioning.set('bronze', 'Suspended');
    try {
      const bronze = byId(await run(pointAt(model, { s3: s3.url })), 'core/minio/bucket/bronze');
      expect(bronze).toMatchObject({ status: 'fail', detail: 'bucket "bronze": versioning is Suspended, the model says Enabled' });
      expect(bronze.fix).toMatch(/^run `npx cdktf deploy core` to re-apply it/);
    } finally {
      s3.versioning.set('bronze', 'Enabled');
    }
  });

  it('fails a bucket that is versioned while the model says off', async () => {
    s3.versioning.set('landing', 'Enabled');
    try {
      expect(byId(await run(pointAt(model, { s3: s3.url })), 'core/minio/bucket/landing')).toMatchObject({
        status: 'fail',
        detail: 'bucket "landing": versioning is Enabled, the model says off',
      });
    } finally {
      s3.versioning.delete('landing');
    }
  });

  it('reports a wrong password once, names its source, and skips the buckets', async () => {
    const results = await run(pointAt(model, { s3: s3.url }), { DATALAB_MINIO_ROOT_PASSWORD: 'not-the-password' });
    const login = byId(results, 'core/minio/login');
    expect(login).toMatchObject({
      status: 'fail',
      detail: `${s3.url} rejected user "datalab-root" with the password from $DATALAB_MINIO_ROOT_PASSWORD (SignatureDoesNotMatch)`,
      attempts: 1,
    });
    expect(login.fix).toBe('correct or unset DATALAB_MINIO_ROOT_PASSWORD; the deployed password is output minio_root_password of `npx cdktf output core`');
    expect(byId(results, 'core/minio/bucket/bronze')).toMatchObject({ status: 'skip', detail: 'not checked: minio login as datalab-root did not pass' });
  });

  it('reports a user the server does not know, blaming a state file from elsewhere', async () => {
    s3.forgetUser();
    try {
      const login = byId(await run(pointAt(model, { s3: s3.url })), 'core/minio/login');
      expect(login.detail).toBe(`${s3.url} rejected user "datalab-root" with the password from .state/dev/core.tfstate output minio_root_password (InvalidAccessKeyId)`);
      expect(login.fix).toBe('the state does not match this server (another environment on the same port? check DATALAB_ENV), or set DATALAB_MINIO_ROOT_PASSWORD');
    } finally {
      s3.learnUser();
    }
  });

  it('explains a missing state file in one line, with the deploy and the env var as fixes', async () => {
    const login = byId(await run(pointAt(model, { s3: s3.url }), {}, '/nonexistent-project'), 'core/minio/login');
    expect(login).toMatchObject({
      status: 'fail',
      detail: 'no state file .state/dev/core.tfstate: stack "core" is not deployed in this environment, or verify runs outside the project directory',
      attempts: 1,
    });
    expect(login.fix).toBe('run `npx cdktf deploy core` from the project root (or pass --root), or set DATALAB_MINIO_ROOT_PASSWORD');
  });

  it('explains a state file without the output (an unfinished deploy)', async () => {
    const partial = stateRoot(model, { core: {} });
    try {
      const login = byId(await run(pointAt(model, { s3: s3.url }), {}, partial), 'core/minio/login');
      expect(login.detail).toBe('.state/dev/core.tfstate has no output "minio_root_password": the last deploy of "core" did not finish');
    } finally {
      fs.rmSync(partial, { recursive: true, force: true });
    }
  });

  it('asks for the env var when the state is remote, since only local state files are read', async () => {
    const remote: PlatformModel = { ...model, stacks: model.stacks.map((s) => ({ name: s.name, dependsOn: s.dependsOn, stateLocation: `s3://tfstate/datalab/dev/${s.name}.tfstate` })) };
    const login = byId(await run(pointAt(remote, { s3: s3.url })), 'core/minio/login');
    expect(login).toMatchObject({ status: 'fail', detail: 'the state of "core" is remote (s3://tfstate/datalab/dev/core.tfstate); verify reads local state files only', attempts: 1 });
    expect(login.fix).toBe('set DATALAB_MINIO_ROOT_PASSWORD to the value of minio_root_password in `npx cdktf output core --outputs-file out.json --outputs-file-include-sensitive-outputs`');
    // With the variable set, the remote state is not needed.
    expect(byId(await run(pointAt(remote, { s3: s3.url }), { DATALAB_MINIO_ROOT_PASSWORD: PASSWORD }), 'core/minio/login').status).toBe('pass');
  });

  it('reports an unreachable MinIO as nothing listening, after every retry', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const login = byId(await run(pointAt(model, { s3: url })), 'core/minio/login');
    expect(login).toMatchObject({ status: 'fail', detail: `nothing listens on ${url}`, attempts: 3 });
    expect(login.fix).toMatch(/^deploy the stack \(npx cdktf deploy core\) or start the container \(docker start datalab-dev-minio\)/);
  });
});

describe('Consul checks against a server speaking its HTTP API', () => {
  let consul: FakeConsul;
  const run = (m: PlatformModel) => runChecks(consulChecks(m.registrations, { environment: 'dev' }), FAST);

  beforeAll(async () => {
    consul = await startConsul(model.registrations);
  });
  afterAll(() => consul.close());

  it('passes when every registered instance is passing', async () => {
    const results = await run(pointAt(model, { consul: consul.url }));
    expect(byId(results, 'core/consul/catalog')).toMatchObject({ status: 'pass', detail: '5 services' });
    expect(results.filter((r) => r.status !== 'pass')).toEqual([]);
    expect(byId(results, 'core/consul/service/minio').detail).toBe('1 instance passing');
  });

  it('fails a critical service with the check output and where to look', async () => {
    consul.catalog.get('minio')!.set('minio', { Status: 'critical', Output: 'Get "http://minio:9000/minio/health/live": dial tcp: lookup minio: no such host' });
    try {
      const minio = byId(await run(pointAt(model, { consul: consul.url })), 'core/consul/service/minio');
      expect(minio).toMatchObject({
        status: 'fail',
        detail: 'minio check "minio health" is critical: Get "http://minio:9000/minio/health/live": dial tcp: lookup minio: no such host',
        attempts: 3,
      });
      expect(minio.fix).toBe('consul-esm probes from inside the network: docker logs datalab-dev-minio and docker logs datalab-dev-consul-esm');
    } finally {
      consul.catalog.get('minio')!.set('minio', { Status: 'passing', Output: '' });
    }
  });

  it('fails a service missing from the catalog', async () => {
    const saved = consul.catalog.get('kafka-ui')!;
    consul.catalog.delete('kafka-ui');
    try {
      expect(byId(await run(pointAt(model, { consul: consul.url })), 'core/consul/service/kafka-ui')).toMatchObject({
        status: 'fail',
        detail: 'service "kafka-ui" is not in Consul\'s catalog',
        fix: 'run `npx cdktf deploy core` (it registers the service)',
      });
    } finally {
      consul.catalog.set('kafka-ui', saved);
    }
  });

  it('names the container of the failing replica, not replica 1, in the hint', async () => {
    const ingest = { stack: 'extra', service: 'ingest', instances: ['ingest-1', 'ingest-2'], containers: ['datalab-dev-ingest', 'datalab-dev-ingest-2'], consul: '' };
    const fake = await startConsul([ingest]);
    try {
      fake.catalog.get('ingest')!.set('ingest-2', { Status: 'critical', Output: 'connection refused' });
      const result = byId(await runChecks(consulChecks([{ ...ingest, consul: fake.url }], { environment: 'dev' }), FAST), 'extra/consul/service/ingest');
      expect(result).toMatchObject({ status: 'fail', detail: 'ingest-2 check "ingest health" is critical: connection refused' });
      expect(result.fix).toBe('consul-esm probes from inside the network: docker logs datalab-dev-ingest-2 and docker logs datalab-dev-consul-esm');
    } finally {
      fake.close();
    }
  });

  it('skips the registrations when Consul does not answer', async () => {
    const results = await run(pointAt(model, { consul: `http://127.0.0.1:${await closedPort()}` }));
    expect(byId(results, 'core/consul/catalog').status).toBe('fail');
    expect(byId(results, 'core/consul/service/kafka')).toMatchObject({ status: 'skip', detail: 'not checked: consul catalog did not pass' });
  });
});

describe('health checks through host ports', () => {
  it('passes a 2xx answer on the probe path and fails a 503 with the log to read', async () => {
    const seen: string[] = [];
    const ok = await startHttp((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(200).end('ok');
    });
    const down = await startHttp((_req, res) => res.writeHead(503).end('starting'));
    try {
      const m = pointAt(model, { hostPorts: { minio: ok.port, consul: down.port } });
      const results = await runChecks(healthChecks(m.services, 'dev'), { ...FAST, retries: 0 });
      expect(byId(results, 'core/minio/health')).toMatchObject({ status: 'pass', detail: 'HTTP 200', endpoint: `http://127.0.0.1:${ok.port}/minio/health/live` });
      expect(seen).toEqual(['/minio/health/live']);
      expect(byId(results, 'core/consul/health')).toMatchObject({
        status: 'fail',
        detail: `http://127.0.0.1:${down.port}/v1/status/leader answered HTTP 503`,
        fix: 'see why the service is unhealthy: docker logs datalab-dev-consul',
      });
      // consul-esm publishes no port: only Consul can probe it.
      expect(byId(results, 'core/consul-esm/health')).toMatchObject({ status: 'skip' });
    } finally {
      await Promise.all([ok.close(), down.close()]);
    }
  });

  it('times out a silent endpoint per attempt and retries with exponential backoff', async () => {
    const silent = await startHttp(() => undefined);
    try {
      const m = pointAt(model, { hostPorts: { minio: silent.port } });
      const checks = healthChecks(m.services, 'dev').filter((c) => c.id === 'core/minio/health');
      const [r] = await runChecks(checks, { environment: 'dev', timeoutMs: 60, retries: 2, backoffMs: 20 });
      expect(r).toMatchObject({ status: 'fail', detail: `no answer from http://127.0.0.1:${silent.port}/minio/health/live within 60 ms`, attempts: 3 });
      expect(r.fix).toMatch(/^the service may still be starting: retry with a longer --timeout/);
      // 3 timeouts of 60 ms plus backoffs of 20 and 40 ms.
      expect(r.durationMs).toBeGreaterThanOrEqual(3 * 60 + 20 + 40 - 5);
    } finally {
      await silent.close();
    }
  });

  it('retries a failing endpoint and passes once it recovers', async () => {
    let calls = 0;
    const flaky = await startHttp((_req, res) => res.writeHead(++calls < 3 ? 502 : 200).end());
    try {
      const m = pointAt(model, { hostPorts: { minio: flaky.port } });
      const [r] = await runChecks(healthChecks(m.services, 'dev').filter((c) => c.id === 'core/minio/health'), FAST);
      expect(r).toMatchObject({ status: 'pass', attempts: 3 });
    } finally {
      await flaky.close();
    }
  });

  it('reports a closed TCP port as nothing listening', async () => {
    const port = await closedPort();
    const m: PlatformModel = {
      ...model,
      services: [{ stack: 'core', name: 'broker', image: 'x:1', replicas: ['broker'], oneShot: false, probe: { port: 9092, scheme: 'tcp' }, ports: [{ name: 'external', containerPort: 9092, scheme: 'tcp', host: { address: '127.0.0.1', port } }] }],
    };
    const [r] = await runChecks(healthChecks(m.services, 'dev'), { ...FAST, retries: 0 });
    expect(r).toMatchObject({ status: 'fail', detail: `nothing listens on 127.0.0.1:${port}` });
  });
});

describe('the check runner', () => {
  const check = (id: string, run: () => Promise<string>, dependsOn?: string) => ({ id, group: 'core', kind: 'health' as const, name: id, endpoint: 'x', dependsOn, run });

  it('never runs more checks at once than the concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    const slow = async () => {
      peak = Math.max(peak, ++active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
      return 'ok';
    };
    const results = await runChecks(Array.from({ length: 9 }, (_, i) => check(`c${i}`, slow)), { ...FAST, concurrency: 2 });
    expect(results.every((r) => r.status === 'pass')).toBe(true);
    expect(peak).toBe(2);
  });

  it('rejects a plan whose dependency does not exist', async () => {
    await expect(runChecks([check('a', async () => 'ok', 'missing')], FAST)).rejects.toThrow('check a depends on unknown check missing');
  });

  it('turns an unexpected error into its first line as the cause, after every retry', async () => {
    let calls = 0;
    const [r] = await runChecks(
      [
        check('boom', async () => {
          calls++;
          throw new Error('first line\n    at somewhere (file.ts:1:1)');
        }),
      ],
      FAST,
    );
    expect(r).toMatchObject({ status: 'fail', detail: 'x: first line', attempts: 3 });
    expect(calls).toBe(3);
  });
});
