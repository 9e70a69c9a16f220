import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalBackend, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { DockerService } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { Probe } from '../constructs/service-spec';
import { RunAs } from '../constructs/hardening';
import { statefulEntries } from '../policy/stateful';
import { validateStacks } from '../policy/schema-validate';
import { loadEnvironment } from '../config/loader';
import { policyContextFor } from '../policy/context';
import { checkPolicy, formatPolicyReport } from '../policy/engine';
import { checkStacks, synthChecked, synthStacks } from '../policy/gate';
import { SynthStack } from '../policy/resources';
import { formatSecretFindings, scanStacks } from '../policy/secret-scan';
import { globToRegExp, Suppressions } from '../policy/suppressions';
import { PolicyRule } from '../policy/types';
import { buildPlatform } from '../stacks/platform';
import { appCommand } from './app-command';
import { ENVS, platformFor } from './helpers';

const ROOT = path.join(__dirname, '..');

/**
 * The hardening exceptions of docs/policy.md, by construct path of the service: DL016 capabilities
 * added, DL017 root, DL018 writable root file system. A new exception fails here first.
 */
/** Read-only services with uploaded files, each with its never-started file holder (besides SeaweedFS's two). */
const FILE_HOLDERS = ['core/consul-esm/files', 'core/kafka/files', 'processing/spark-master/files', 'ml/postgres/files', 'monitoring/prometheus/files'];

const HARDENING_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  'core/minio': ['DL017', 'DL018'],
  'core/kafka-ui': ['DL018'],
  'monitoring/grafana': ['DL018'],
  'processing/spark-worker': ['DL018'],
  'processing/nifi': ['DL018'],
  'processing/job-*/service': ['DL018'],
  'processing/job-*/pipeline-worker/service': ['DL018'],
  'processing/pipelines/runner': ['DL017', 'DL018'],
  'processing/pipelines/deployments': ['DL017', 'DL018'],
  'ml/mlflow': ['DL017', 'DL018'],
  'ml/prefect-server': ['DL017', 'DL018'],
  'ml/prefect-worker': ['DL017', 'DL018'],
  'ml/airflow-*': ['DL018'],
  'visualization/jupyterhub': ['DL016', 'DL017', 'DL018'],
};

describe.each(ENVS)('the %s platform', (env) => {
  const { app } = platformFor(env);
  const stacks = synthStacks(app);
  const result = checkStacks(stacks, loadEnvironment(env), Suppressions.collect(app));

  it('passes every policy rule; the suppressions are the documented one and the hardening exceptions of docs/policy.md', () => {
    expect(result.policy.findings).toEqual([]);
    expect(result.policy.problems).toEqual([]);
    const suppressed = result.policy.suppressed.map((s) => `${s.rule} ${s.path!.replace(/\/container(-\d+)?$/, '')}`);
    // The Airflow DAG processor serves no port, so there is nothing for Consul to check (docs/ml.md).
    const expected = ['DL008 ml/airflow-dag-processor'];
    // Hardening exceptions, per service that the environment deploys (every replica carries them).
    const present = new Set(suppressed.map((x) => x.split(' ')[1]));
    for (const [service, rules] of Object.entries(HARDENING_EXCEPTIONS)) {
      const matching = [...present].filter((p) => globToRegExp(service).test(p));
      for (const p of matching) expected.push(...rules.map((r) => `${r} ${p}`));
    }
    // File holders (never started) keep a writable root for the upload: one per read-only service with files.
    const seaweed = loadEnvironment(env).core.objectStore === 'seaweedfs';
    for (const holder of [...FILE_HOLDERS, ...(seaweed ? ['core/seaweedfs/files', 'core/seaweedfs-provisioner/files'] : [])]) expected.push(`DL018 ${holder}`);
    expect([...new Set(suppressed)].sort()).toEqual([...new Set(expected)].sort());
    // Every exception names its reason: the policy report lists it.
    for (const s of result.policy.suppressed) expect(s.suppression.reason.length).toBeGreaterThanOrEqual(10);
    // The services the e2e apply proves run without a single exception.
    if (loadEnvironment(env).core.objectStore === 'seaweedfs') expect(suppressed.filter((x) => x.includes(' core/') && !x.endsWith('/files'))).toEqual([]);
    expect(result.policy.resources).toBeGreaterThan(30);
    expect(result.ok).toBe(true);
  });

  it('has no credential literal and no secret output without sensitive', () => {
    expect(scanStacks(stacks)).toEqual([]);
  });
});

function platformWith(mutate: (p: ReturnType<typeof buildPlatform>) => void) {
  const cfg = loadEnvironment('dev');
  const app = Testing.app();
  const p = buildPlatform(app, cfg);
  mutate(p);
  return { app, cfg, stacks: synthStacks(app), code: Suppressions.collect(app) };
}

describe('the policy engine', () => {
  it('lists every violation with address, construct path and fix', () => {
    const { cfg, stacks, code } = platformWith((p) => {
      p.core.lakeServer.containers[0].addOverride('privileged', true);
      p.core.lakeServer.containers[0].addOverride('restart', 'no');
    });
    const r = checkStacks(stacks, cfg, code);
    expect(r.ok).toBe(false);
    expect(r.policy.findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['DL004 core/minio/container', 'DL005 core/minio/container']);
    expect(r.text).toMatch(/ERROR DL005 not-privileged {2}core\/docker_container\.minio_container_[A-F0-9]{8} \(core\/minio\/container\): privileged = true\. Fix: remove privileged/);
  });

  it('lists warnings without failing', () => {
    const { cfg, stacks, code } = platformWith((p) => p.core.kafkaBroker.containers[0].addOverride('destroy_grace_seconds', 0));
    const r = checkStacks(stacks, cfg, code);
    expect(r.ok).toBe(true);
    expect(r.policy.findings.map((f) => `${f.level} ${f.rule} ${f.path}`)).toEqual(['warning DL011 core/kafka/container']);
    expect(r.text).toMatch(/0 error\(s\), 1 warning\(s\)[^]*WARNING DL011 stop-grace/);
  });

  it('treats a rule that throws as a violation (fails closed)', () => {
    const boom: PolicyRule = { id: 'DL999', name: 'boom', level: 'error', summary: 's', fix: 'f', check: () => { throw new Error('bad input'); } };
    const stacks: SynthStack[] = [{ name: 's', json: { resource: { docker_volume: { v: {} } } } }];
    const r = checkPolicy(stacks, policyContextFor(loadEnvironment('dev')), [], [boom]);
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'DL999', address: 's/docker_volume.v', message: expect.stringContaining('rule failed on this resource (bad input)') })]);
  });

  it('reports a config suppression (glob over the construct path) as suppressed, with its reason', () => {
    const { cfg, stacks, code } = platformWith((p) => p.core.lakeServer.containers[0].addOverride('privileged', true));
    const withSuppression = { ...cfg, policy: { suppressions: [{ rule: 'DL005', address: 'core/minio/*', reason: 'test: the fixture needs a privileged container' }] } };
    const r = checkStacks(stacks, withSuppression, code);
    expect(r.ok).toBe(true);
    expect(r.policy.suppressed.filter((s) => s.rule === 'DL005')).toHaveLength(1);
    expect(formatPolicyReport(r.policy)).toMatch(/suppressed DL005 not-privileged {2}core\/docker_container\.minio_container_\w+: test: the fixture needs a privileged container \[config\/dev\.yaml policy\.suppressions\[0\]\]/);
  });

  it('applies a code-level suppression to every resource below the construct', () => {
    const cfg = loadEnvironment('dev');
    const app = Testing.app();
    const p = buildPlatform(app, cfg);
    p.core.kafkaBroker.containers[0].addOverride('privileged', true);
    Suppressions.add(p.core.kafkaBroker, 'DL005', 'test: broker fixture runs privileged');
    const collected = Suppressions.collect(app);
    expect(collected.map((s) => s.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^core\/docker_container\.kafka_container_[A-F0-9]{8}$/)]));
    const r = checkStacks(synthStacks(app), cfg, collected);
    expect(r.ok).toBe(true);
    expect(r.policy.suppressed.map((s) => s.suppression.source)).toContain('code: core/kafka');
    expect(r.policy.suppressed.filter((s) => s.rule === 'DL005').map((s) => s.path)).toEqual(['core/kafka/container']);
  });

  it('requires a reason and a known rule for a suppression', () => {
    expect(() => Suppressions.add(Testing.app(), 'DL005', 'because')).toThrow(/needs a reason of at least 10 characters/);
    const cfg = loadEnvironment('dev');
    const r = checkStacks([], { ...cfg, policy: { suppressions: [{ rule: 'DL099', address: '*', reason: 'a long enough reason' }] } });
    expect(r.ok).toBe(false);
    expect(r.policy.problems).toEqual([expect.stringMatching(/^suppression of unknown rule "DL099" \(config\/dev\.yaml policy\.suppressions\[0\]\); rules: DL001, /)]);
  });

  it('matches globs on whole addresses only', () => {
    expect(globToRegExp('core/docker_container.*').test('core/docker_container.minio_container_1')).toBe(true);
    expect(globToRegExp('core/minio').test('core/minio/container')).toBe(false);
  });
});

describe('the synth gate', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-gate-'));

  it('writes nothing and leaves a previous output untouched when an error-level rule fails', () => {
    const dir = tmp();
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous'), 'x');
    const cfg = loadEnvironment('dev');
    const r = synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg).core.consul.containers[0].addOverride('healthcheck', null));
    expect(r.ok).toBe(false);
    expect(r.policy.findings.map((f) => f.rule)).toEqual(['DL002']);
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
    expect(fs.readdirSync(outdir)).toEqual(['previous']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('replaces the output directory as a whole when every check passes', () => {
    const dir = tmp();
    const outdir = path.join(dir, 'cdktf.out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous'), 'x');
    const cfg = loadEnvironment('dev');
    const r = synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg));
    expect(r.ok).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['cdktf.out']);
    expect(fs.readdirSync(outdir).sort()).toEqual(['manifest.json', 'stacks']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('replaces an output directory that is a symbolic link, leaving what it pointed to alone', () => {
    const dir = tmp();
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'keep'), 'x');
    const outdir = path.join(dir, 'cdktf.out');
    fs.symlinkSync(elsewhere, outdir);
    const cfg = loadEnvironment('dev');
    expect(synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg)).ok).toBe(true);
    expect(fs.lstatSync(outdir).isDirectory()).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual(['keep']);
    expect(fs.readdirSync(dir).sort()).toEqual(['cdktf.out', 'elsewhere']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what terraform init left in each stack (.terraform/, the lock file) across a re-synth', () => {
    const dir = tmp();
    const outdir = path.join(dir, 'cdktf.out');
    const cfg = loadEnvironment('dev');
    expect(synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg)).ok).toBe(true);
    const core = path.join(outdir, 'stacks', 'core');
    fs.mkdirSync(path.join(core, '.terraform'));
    fs.writeFileSync(path.join(core, '.terraform', 'terraform.tfstate'), '{"backend":{"type":"local"}}');
    fs.writeFileSync(path.join(core, '.terraform.lock.hcl'), '# lock');
    fs.writeFileSync(path.join(core, 'cdk.tf.json'), '{}'); // stale output is replaced
    expect(synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg)).ok).toBe(true);
    expect(fs.readFileSync(path.join(core, '.terraform', 'terraform.tfstate'), 'utf8')).toBe('{"backend":{"type":"local"}}');
    expect(fs.readFileSync(path.join(core, '.terraform.lock.hcl'), 'utf8')).toBe('# lock');
    expect(JSON.parse(fs.readFileSync(path.join(core, 'cdk.tf.json'), 'utf8')).resource).toBeDefined();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves an empty directory for a stack that is gone, for the cdktf CLI to remove (it lists them before the app runs)', () => {
    const dir = tmp();
    const outdir = path.join(dir, 'cdktf.out');
    const cfg = loadEnvironment('dev');
    expect(synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg)).ok).toBe(true);
    fs.mkdirSync(path.join(outdir, 'stacks', 'ml', '.terraform'), { recursive: true });
    const fewer = { ...cfg, groups: cfg.groups.filter((g) => g !== 'ml' && g !== 'visualization') };
    expect(synthChecked(fewer, outdir, (app) => buildPlatform(app, fewer)).ok).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    expect(Object.keys(manifest.stacks)).not.toContain('ml');
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'ml'))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks HCL output (cdktf synth --hcl) just the same', () => {
    const dir = tmp();
    const outdir = path.join(dir, 'cdktf.out');
    const cfg = loadEnvironment('dev');
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const bad = synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg).core.lakeServer.containers[0].addOverride('privileged', true));
      expect(bad.policy.findings.map((f) => f.rule)).toEqual(['DL005']);
      expect(fs.existsSync(outdir)).toBe(false);
      expect(synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg)).ok).toBe(true);
      expect(fs.readdirSync(path.join(outdir, 'stacks', 'core'))).toContain('cdk.tf');
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails main.ts with exit 1 and every problem listed, writing no cdktf.out', () => {
    const dir = tmp();
    const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'dev.yaml'), `${dev}\npolicy:\n  suppressions:\n    - { rule: DL099, address: "core/*", reason: "no such rule exists here" }\n`);
    const outdir = path.join(dir, 'out');
    const { cmd, args } = appCommand();
    const r = spawnSync(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('ERROR suppressions: suppression of unknown rule "DL099"');
    expect(r.stderr).toContain('synth failed: nothing was written');
    expect(fs.readdirSync(dir)).toEqual(['dev.yaml']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('synthesizing for tests and tools (synthStacks)', () => {
  it('returns the stacks with their construct paths and leaves the temporary output directory as the app made it', () => {
    const { app } = platformFor('staging');
    const stacks = synthStacks(app);
    expect(stacks.map((s) => s.name).sort()).toEqual(['core', 'ml', 'monitoring', 'processing', 'visualization']);
    // The policy reports and suppressions need the construct path cdktf writes into the metadata.
    const kafka = Object.entries(stacks.find((s) => s.name === 'core')!.json.resource!.docker_container).find(([id]) => id.startsWith('kafka_container_'))![1];
    expect(kafka['//']).toEqual({ metadata: expect.objectContaining({ path: 'core/kafka/container' }) });
    expect(fs.readdirSync(app.outdir)).toEqual(['stacks']);
    expect(fs.readdirSync(path.join(app.outdir, 'stacks'))).toEqual([]);
    // Emptied, not removed: the same app synthesizes again.
    expect(synthStacks(app).map((s) => s.name).sort()).toEqual(stacks.map((s) => s.name).sort());
  });

  it('refuses an app whose output directory is not a temporary one, writing nothing there', () => {
    // A folder outside the system temporary directory wherever the checkout lives (CI may clone
    // under /tmp): the home directory, else /var/tmp.
    const tmp = fs.realpathSync(os.tmpdir());
    const parent = [os.homedir(), '/var/tmp'].find((d) => fs.existsSync(d) && !`${fs.realpathSync(d)}${path.sep}`.startsWith(`${tmp}${path.sep}`));
    expect(parent).toBeDefined();
    const outdir = fs.mkdtempSync(path.join(parent!, '.datalab-gate-out-'));
    try {
      const app = Testing.app({ outdir });
      buildPlatform(app, loadEnvironment('dev'));
      expect(() => synthStacks(app)).toThrow(`synthStacks empties the output directory of the app it synthesizes; ${outdir} is not below ${tmp} (build the app with Testing.app())`);
      expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('wires cross-stack references (sensitive outputs, remote state) before checking', () => {
    const app = Testing.app();
    const core = new TerraformStack(app, 'core');
    new LocalBackend(core, { path: 'core.tfstate' });
    const secret = new GeneratedSecret(core, 'db-password');
    const ml = new TerraformStack(app, 'ml');
    new LocalBackend(ml, { path: 'ml.tfstate' });
    new TerraformOutput(ml, 'db_password', { value: secret.value, sensitive: true });
    const stacks = synthStacks(app);
    const coreOut = Object.values(stacks[0].json.output ?? {});
    expect(coreOut).toEqual([{ value: expect.stringMatching(/^\$\{random_password\.db-password_\w+\.result\}$/), sensitive: true }]);
    expect(stacks[1].json.output?.db_password.value).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-core\.outputs\./);
    expect(scanStacks(stacks)).toEqual([]);
  });
});

describe('a further group stack (as processing, ml, … will be)', () => {
  function withGroup(register: boolean) {
    const cfg = loadEnvironment('dev');
    const app = Testing.app();
    const { core } = buildPlatform(app, cfg);
    const stack = new TerraformStack(app, 'extra');
    new LocalBackend(stack, { path: 'extra.tfstate' });
    stack.addDependency(core);
    const password = new GeneratedSecret(stack, 'db-password');
    const db = new DockerService(stack, 'db', {
      network: core.network,
      environment: 'dev',
      spec: {
        name: 'db',
        group: 'extra',
        image: 'postgres:16.4',
        env: { POSTGRES_USER: 'app', POSTGRES_PASSWORD: password.value, MINIO_ROOT_PASSWORD: core.lake.admin.password },
        ports: [{ name: 'pg', containerPort: 5432, scheme: 'tcp', host: { address: '127.0.0.1', port: 5432 } }],
        volumes: [{ key: 'data', path: '/var/lib/postgresql/data', name: 'datalab-dev-db-data' }],
        probe: Probe.exec(['pg_isready'], { reachableAt: { port: 5432, scheme: 'tcp' } }),
        resources: { memoryMb: 512 },
        hardening: { runAs: RunAs.user(999, 999), scratch: [{ path: '/var/run/postgresql', purpose: 'the Unix socket', sizeMb: 1 }] },
      },
    });
    if (register) core.discovery.register(db);
    return { cfg, stacks: synthStacks(app), code: Suppressions.collect(app) };
  }

  it('is checked like core: rules, secret scan, schema validation and stateful contract all see it', () => {
    const { cfg, stacks, code } = withGroup(true);
    expect(stacks.map((s) => s.name).sort()).toEqual([...cfg.groups, 'extra'].sort());
    const r = checkStacks(stacks, cfg, code);
    expect(r.policy.findings).toEqual([]);
    expect(r.secrets).toEqual([]);
    expect(r.policy.resources).toBeGreaterThan(45);
    expect(validateStacks(stacks).findings).toEqual([]);
    expect(statefulEntries(stacks).filter((e) => e.address.startsWith('extra/')).map((e) => `${e.kind} ${e.path}`)).toEqual(['data container extra/db/container', 'docker_volume extra/db/volume-data']);
  });

  it('fails when its service is not registered in Consul', () => {
    const { cfg, stacks, code } = withGroup(false);
    const r = checkStacks(stacks, cfg, code);
    expect(r.policy.findings.map((f) => `${f.rule} ${f.path}`)).toEqual(['DL008 extra/db/container']);
  });
});

describe('the secret scan', () => {
  const fixture: SynthStack = {
    name: 'bad',
    json: {
      provider: { minio: [{ minio_user: 'minioadmin', minio_password: 'minioadmin' }], consul: [{ token: 'hunter2', scheme: 'http' }] },
      resource: {
        docker_container: {
          db: { env: ['POSTGRES_PASSWORD=password123', 'API_TOKEN=9fK2xQ7vL0pZ8rT4mN6b', 'DB_URL=postgresql://app:s3cretpw@db:5432/app', 'OK_URL=postgresql://app:${random_password.p.result}@db/app'] },
        },
        minio_iam_user: { u: { name: 'u', secret: 'admin' } },
      },
      output: {
        db_password: { value: '${random_password.p.result}' },
        admin_token: { value: '${random_password.t.result}', sensitive: true },
        root: { value: '${random_password.root.result}' },
        connection: { value: { user: 'app', password: '${random_password.p.result}' } },
      },
    },
  };

  it('finds known defaults, high-entropy literals, URL passwords and non-sensitive secret outputs', () => {
    const found = scanStacks([fixture]).map((f) => `${f.where}: ${f.message}`);
    expect(found).toEqual([
      'resource.docker_container.db.env[0]: known default credential "password123"',
      'resource.docker_container.db.env[1]: high-entropy literal assigned to API_TOKEN',
      'resource.docker_container.db.env[2]: URL with a literal password',
      'resource.minio_iam_user.u.secret: default credential "admin" assigned to secret',
      'provider.minio[0].minio_user: known default credential "minioadmin"',
      'provider.minio[0].minio_password: known default credential "minioadmin"',
      'provider.consul[0].token: literal assigned to token',
      'output.db_password: output named like a secret is not sensitive; add sensitive: true',
      'output.root: output valued like a secret is not sensitive; add sensitive: true',
      'output.connection: output valued like a secret is not sensitive; add sensitive: true',
    ]);
    expect(formatSecretFindings(scanStacks([fixture]))).toMatch(/^secret scan: 10 finding\(s\)\n {2}ERROR bad: /);
  });
});
