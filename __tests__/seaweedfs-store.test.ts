import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { parseEnvironment } from '../config/loader';
import { SeaweedfsLake } from '../constructs/seaweedfs-lake';
import { NO_ACCESS_ACTION, SEAWEEDFS_ACTIONS, seaweedfsActions } from '../constructs/seaweedfs-identity';
import { synthStacks } from '../policy/gate';
import { SEAWEEDFS_STATIC_CONFIG } from '../stacks/seaweedfs-store';
import { configErrorOf, container, containers, devYamlWith, envOf, expectLakeCredentials, platformFor, resourceAt, resourcesOf, TfJson, uploadsOf } from './helpers';
import { seaweedfsAllows } from './lake-permissions';

const ENV = 'e2e';
const cache = new Map<string, Record<string, TfJson>>();
/** Every stack of an environment as the app writes it (cross-stack references resolved), once. */
const stacks = (env: string): Record<string, TfJson> => {
  if (!cache.has(env)) {
    const { app } = platformFor(env);
    cache.set(env, Object.fromEntries(synthStacks(app).map((s) => [s.name, s.json as unknown as TfJson])));
  }
  return cache.get(env)!;
};
const core = () => stacks(ENV).core;
const upload = (service: string, file: string) => uploadsOf(core(), service).find((u) => u.file === file)!.content;
const provisioner = () => containers(core()).find((c) => c.name === `datalab-${ENV}-seaweedfs-provisioner`)!;

describe('the SeaweedFS server', () => {
  it('runs weed server with master, volume and filer on loopback and the S3 gateway and metrics on every address', () => {
    const s = container(core(), 'seaweedfs');
    expect(s.command).toEqual([
      'server', '-ip=127.0.0.1', '-ip.bind=127.0.0.1', '-s3', '-s3.port=8333', '-s3.ip.bind=0.0.0.0', '-s3.config=/etc/seaweedfs/s3.json',
      '-s3.autoCreateBucket=false', '-s3.allowDeleteBucketNotEmpty=false', '-s3.port.iceberg=0', '-s3.port.lance=0', '-master.volumeSizeLimitMB=1024', '-master.telemetry=false',
      '-metricsPort=9324', '-metricsIp=0.0.0.0',
    ]);
    expect(s.ports).toEqual([{ internal: 8333, external: 9000, ip: '127.0.0.1', protocol: 'tcp' }]);
    // s3.json comes read-only from the file holder: Docker uploads nothing into a read-only root.
    expect(s.volumes).toEqual([
      { container_path: '/data', volume_name: expect.stringContaining('docker_volume.seaweedfs_volume-data') },
      { from_container: expect.stringMatching(/^\$\{docker_container\.seaweedfs_files_[A-F0-9]{8}\.id\}:ro$/) },
    ]);
    expect(resourceAt(core(), 'docker_container', 'seaweedfs/files').volumes).toEqual([{ container_path: '/etc/seaweedfs' }]);
    expect((s.healthcheck as { test: string[] }).test).toEqual([
      'CMD-SHELL',
      'curl -fsS -o /dev/null http://127.0.0.1:9333/cluster/healthz && curl -fsS -o /dev/null http://127.0.0.1:8888/healthz && curl -fsS -o /dev/null http://127.0.0.1:8333/healthz',
    ]);
  });

  it('knows only its administrator from a static config that holds no secret, the secret coming from a generated password', () => {
    const s = container(core(), 'seaweedfs');
    // Terraform writes `$${` as `${`: the file in the container is the static config itself.
    expect(upload('seaweedfs', '/etc/seaweedfs/s3.json')).toBe(SEAWEEDFS_STATIC_CONFIG.replace(/\$\{/g, () => '$${'));
    expect(JSON.parse(SEAWEEDFS_STATIC_CONFIG)).toEqual({
      identities: [{ name: 'datalab-admin', credentials: [{ accessKey: 'datalab-admin', secretKey: '${DATALAB_S3_ADMIN_SECRET_KEY}' }], actions: ['Admin'] }],
    });
    expect(envOf(s).DATALAB_S3_ADMIN_SECRET_KEY).toMatch(/^\$\{random_password\.seaweedfs-admin-secret_[A-F0-9]{8}\.result\}$/);
  });

  it('is registered in Consul with a check of the S3 gateway and its metrics port in the service meta', () => {
    const reg = Object.values(resourcesOf(core(), 'consul_service')).find((r) => r.name === 'seaweedfs')!;
    expect((reg.check as Record<string, unknown>[])[0].http).toBe('http://seaweedfs:8333/healthz');
    expect(reg.meta).toMatchObject({ metrics_path: '/metrics', metrics_port: '9324' });
  });

  it('outputs the S3 URL and the administrator, its secret sensitive', () => {
    const out = core().output!;
    expect(out.lake_s3_url.value).toBe('http://127.0.0.1:9000');
    expect(out.lake_admin_user.value).toBe('datalab-admin');
    expect(out.lake_admin_password).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{random_password\.seaweedfs-admin-secret_/) });
  });

  it('needs no minio provider in any stack', () => {
    for (const [name, json] of Object.entries(stacks(ENV))) {
      expect([name, Object.keys(json.provider)]).toEqual([name, expect.not.arrayContaining(['minio'])]);
      expect(JSON.stringify(json)).not.toMatch(/minio_/);
    }
  });
});

describe('the SeaweedFS lake provisioner', () => {
  it('is a one-shot container of the server image in the server network namespace, failing the apply when it fails', () => {
    const p = provisioner();
    expect(p.image).toBe(container(core(), 'seaweedfs').image);
    expect(p.network_mode).toMatch(/^container:\$\{docker_container\.seaweedfs_container_[A-F0-9]{8}\.id\}$/);
    expect(p.networks_advanced).toBeUndefined();
    expect(p.ports).toBeUndefined();
    expect(p).toMatchObject({ must_run: false, attach: true, logs: true, restart: 'no', entrypoint: ['/bin/sh'], command: ['/provision/provision.sh'] });
    expect((p.lifecycle as { postcondition: { condition: string }[] }).postcondition[0].condition).toBe('${self.exit_code == 0}');
    expect(envOf(p)).toEqual({
      DATALAB_PROTECT_DATA: 'false',
      DATALAB_S3_ADMIN_USER: 'datalab-admin',
      DATALAB_S3_ADMIN_SECRET_KEY: expect.stringMatching(/^\$\{random_password\.seaweedfs-admin-secret_/),
    });
  });

  it('ships the provisioning script as it is in the repository, executable', () => {
    const script = uploadsOf(core(), 'seaweedfs-provisioner').find((u) => u.file === '/provision/provision.sh')!;
    const text = fs.readFileSync(path.join(__dirname, '..', 'stacks', 'seaweedfs-provision.sh'), 'utf8');
    expect(text).toMatch(/\$\{DATALAB_PROTECT_DATA:-true\}/);
    expect(script.content).toBe(text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'));
    expect(script.executable).toBe(true);
  });

  it('declares every bucket with its versioning and expiry', () => {
    expect(upload('seaweedfs-provisioner', '/provision/buckets.txt')).toBe(
      ['bronze Enabled 0', 'silver Enabled 0', 'gold Enabled 0', 'mlflow Enabled 0', 'landing Suspended 14', ''].join('\n'),
    );
  });

  it('imports one identity per consumer, each secret a generated password of this stack, with exactly the actions its grants give', () => {
    const doc = JSON.parse(upload('seaweedfs-provisioner', '/provision/identities.json')) as {
      identities: { name: string; credentials: { accessKey: string; secretKey: string }[]; actions: string[] }[];
    };
    const byName = Object.fromEntries(doc.identities.map((i) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['datalab-mlflow', 'job-bronze-events', 'job-gold-event-counts', 'job-silver-events', 'jupyterhub-notebooks', 'streamlit-gold-reader']);
    for (const i of doc.identities) {
      expect(i.credentials).toEqual([{ accessKey: i.name, secretKey: expect.stringMatching(new RegExp(`^\\$\\{random_password\\.lake_identity-${i.name}_[A-F0-9]{8}\\.result\\}$`)) }]);
    }
    expect(byName['job-silver-events'].actions).toEqual([
      'Read:bronze/events/*', 'List:bronze/events/*', 'Rea?:bronze/events',
      'Read:silver/events/*', 'List:silver/events/*', 'Write:silver/events/*', 'Rea?:silver/events',
    ]);
    expect(byName['datalab-mlflow'].actions).toEqual(['Read:mlflow', 'List:mlflow', 'Write:mlflow/*']);
    // e2e (as dev) gives Streamlit the whole gold bucket (visualization.streamlit.goldPrefix: '').
    expect(byName['streamlit-gold-reader'].actions).toEqual(['Read:gold', 'List:gold']);
    expect(byName['jupyterhub-notebooks'].actions).toEqual(['Read:silver', 'List:silver', 'Read:gold', 'List:gold', 'Read:silver/notebooks/*', 'List:silver/notebooks/*', 'Write:silver/notebooks/*']);
    // No identity is an administrator, or may do anything on every bucket.
    for (const i of doc.identities) for (const a of i.actions) expect(a).toMatch(/^(Read|List|Write|Rea\?):[a-z0-9.-]+/);
  });

  it('lists every key for the propagation check, in the order of the identities', () => {
    const keys = upload('seaweedfs-provisioner', '/provision/keys.txt').trim().split('\n').map((l) => l.split(' ')[0]);
    const doc = JSON.parse(upload('seaweedfs-provisioner', '/provision/identities.json')) as { identities: { name: string }[] };
    expect(keys).toEqual(doc.identities.map((i) => i.name));
  });

  it('hands each consumer its own secret through core outputs, marked sensitive', () => {
    const job = container(stacks(ENV).processing, 'job-bronze-events/service');
    expect(envOf(job).AWS_ACCESS_KEY_ID).toBe('job-bronze-events');
    expect(envOf(job).AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-core\.outputs\.cross-stack-output-random_passwordlake_identity-job-bronze-events_[A-F0-9]{8}result\}$/);
    const out = core().output!;
    for (const [name, o] of Object.entries(out)) if (name.includes('lake_identity')) expect(o.sensitive).toBe(true);
    expect(envOf(container(stacks(ENV).ml, 'mlflow')).MLFLOW_S3_ENDPOINT_URL).toBe('http://seaweedfs:8333');
    expectLakeCredentials(ENV, envOf(container(stacks(ENV).ml, 'mlflow')), 'datalab-mlflow', 'mlflow-lake-user');
    const viz = stacks(ENV).visualization;
    expectLakeCredentials(ENV, envOf(container(viz, 'jupyterhub')), 'jupyterhub-notebooks', 'notebook-lake-user');
    expectLakeCredentials(ENV, envOf(container(viz, 'streamlit')), 'streamlit-gold-reader', 'streamlit-lake-user');
    expect(envOf(container(viz, 'jupyterhub')).AWS_ENDPOINT_URL).toBe('http://seaweedfs:8333');
  });
});

describe('SeaweedFS actions from grants', () => {
  const lake = () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 's');
    const l = new SeaweedfsLake(s, 'lake', { buckets: [{ name: 'landing', versioning: false }], protectData: false, endpoint: 'http://seaweedfs:8333', admin: { user: 'datalab-admin', password: 'p' } });
    return { app, s, l };
  };

  it('gives an identity without grants one action on a bucket that does not exist', () => {
    const { s, l } = lake();
    expect(l.identityFor(s, 'idle', 'idle').actions).toEqual([NO_ACCESS_ACTION]);
  });

  it('renders read, write and read-write on a bucket and on a prefix, merging duplicates', () => {
    const { s, l } = lake();
    const u = l.identityFor(s, 'u', 'u');
    l.bronze.grantRead(u, 'a/b/', { directoryProbes: true });
    l.silver.grantWrite(u);
    l.gold.grantReadWrite(u, 'x/');
    l.gold.grantRead(u, 'x/');
    expect(seaweedfsActions(u.grants)).toEqual(['Read:bronze/a/b/*', 'List:bronze/a/b/*', 'Rea?:bronze/a', 'Rea?:bronze/a/b', 'Write:silver/*', 'Read:gold/x/*', 'List:gold/x/*', 'Write:gold/x/*']);
  });

  it('grants a whole bucket\'s objects for writing, not requests on the bucket itself', () => {
    expect(seaweedfsAllows(['Write:b/*'], 'Write', 'b', 'any/key')).toBe(true);
    expect(seaweedfsAllows(['Write:b/*'], 'Write', 'b', '')).toBe(false);
    expect(seaweedfsAllows(['Write:b'], 'Write', 'b', '')).toBe(true);
  });

  it('uses "Rea?" for exact keys because Read is the only action it matches', () => {
    const matches = SEAWEEDFS_ACTIONS.filter((a) => seaweedfsAllows(['Rea?:b/k'], a, 'b', 'k'));
    expect(matches).toEqual(['Read']);
    expect(seaweedfsAllows(['Rea?:b/k'], 'Read', 'b', 'k2')).toBe(false);
    expect(seaweedfsAllows(['Rea?:b/k'], 'Read', 'b', 'k/x')).toBe(false);
  });

  it('refuses a prefix without a trailing slash, which would also cover its siblings', () => {
    const { s, l } = lake();
    expect(() => l.bronze.grantRead(l.identityFor(s, 'u', 'u'), 'events')).toThrow('bucket "bronze": grant prefix "events" must end with "/" (e.g. "events/")');
  });

  it('refuses a second identity with the same name, and the administrator name', () => {
    const { s, l } = lake();
    l.identityFor(s, 'a', 'reader');
    expect(() => l.identityFor(s, 'b', 'reader')).toThrow(/lake identity "reader" exists already \(at s\/a\)/);
    expect(() => l.identityFor(s, 'c', 'datalab-admin')).toThrow('lake identity "datalab-admin" is the administrator\'s name; pick another');
  });

  it('refuses bucket settings SeaweedFS cannot enforce, naming the bucket', () => {
    const make = (b: object) => {
      const app = new App();
      return () => new SeaweedfsLake(new TerraformStack(app, 's'), 'lake', { buckets: [{ name: 'x', ...b }], protectData: false, endpoint: 'e', admin: { user: 'a', password: 'p' } });
    };
    expect(make({ noncurrentExpireDays: 7 })).toThrow('bucket "x": SeaweedFS does not expire non-current versions; remove noncurrentExpireDays (got 7)');
    expect(make({ expireDays: 7 })).toThrow(/bucket "x": SeaweedFS expires objects only in unversioned buckets/);
    expect(make({ expireDays: 7, versioning: false })).not.toThrow();
  });
});

describe('choosing the object store in config', () => {
  const toSeaweedfs = devYamlWith((d) => {
    d.setIn(['core', 'objectStore'], 'seaweedfs');
    d.setIn(['core', 'seaweedfs'], d.createNode({ image: 'chrislusf/seaweedfs:4.53', memoryMb: 1024, ports: { s3: { port: 9000 } } }));
    d.deleteIn(['core', 'minio']);
  });

  it('refuses a store without its section, and the other store section beside it, at their lines', () => {
    const missing = configErrorOf(devYamlWith((d) => d.setIn(['core', 'objectStore'], 'seaweedfs')));
    expect(missing.message).toMatch(/config\/dev\.yaml:\d+:\d+ {2}core\.seaweedfs: core\.objectStore is "seaweedfs": add a "seaweedfs:" section under core/);
    expect(missing.message).toMatch(/config\/dev\.yaml:\d+:\d+ {2}core\.minio: core\.objectStore is "seaweedfs", so this section would not be deployed; remove it, or set core\.objectStore: minio/);
  });

  it('rejects an unknown store with the allowed ones', () => {
    expect(configErrorOf(devYamlWith((d) => d.setIn(['core', 'objectStore'], 's3'))).message).toMatch(/core\.objectStore: expected one of "minio", "seaweedfs" \(got "s3"\)/);
  });

  it('refuses bucket settings the chosen store cannot enforce, each at its own key', () => {
    // dev's bronze expires non-current versions; landing (unversioned) expires after 14 days.
    const err = configErrorOf(toSeaweedfs);
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['core.buckets.0.noncurrentExpireDays']);
    expect(err.message).toMatch(/config\/dev\.yaml:\d+:\d+ {2}core\.buckets\[0\]\.noncurrentExpireDays: seaweedfs does not expire non-current versions here/);
    const versionedExpiry = configErrorOf(
      devYamlWith((d) => {
        d.setIn(['core', 'objectStore'], 'seaweedfs');
        d.setIn(['core', 'seaweedfs'], d.createNode({ image: 'chrislusf/seaweedfs:4.53', memoryMb: 1024 }));
        d.deleteIn(['core', 'minio']);
        d.setIn(['core', 'buckets'], d.createNode([{ name: 'raw', versioning: true, expireDays: 30 }]));
      }),
    );
    expect(versionedExpiry.message).toMatch(/core\.buckets\[0\]\.expireDays: seaweedfs expires objects only in unversioned buckets/);
  });

  it('accepts SeaweedFS without a published S3 port (it is provisioned inside the network)', () => {
    const text = devYamlWith((d) => {
      d.setIn(['core', 'objectStore'], 'seaweedfs');
      d.setIn(['core', 'seaweedfs'], d.createNode({ image: 'chrislusf/seaweedfs:4.53', memoryMb: 1024 }));
      d.deleteIn(['core', 'minio']);
      d.setIn(['core', 'buckets'], d.createNode([]));
    });
    expect(parseEnvironment(text, 'config/dev.yaml', 'dev').core.seaweedfs!.ports).toEqual({});
  });
});
