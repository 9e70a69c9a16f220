import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../cli/datalab';
import { closedPort } from './ops-servers';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'datalab.js');

function datalab(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, DATALAB_ENV: 'dev', ...env }, encoding: 'utf8', timeout: 30_000 });
}

const STACK_TRACE = /\n\s+at /;

describe('npx datalab verify', () => {
  let configDir: string;
  let root: string;

  beforeAll(async () => {
    // dev with every published port moved to a port nothing listens on, and no state.
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-cfg-'));
    let dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    for (const port of [9000, 9001, 9092, 8500, 8082]) dev = dev.replace(`{ port: ${port} }`, `{ port: ${await closedPort()} }`);
    fs.writeFileSync(path.join(configDir, 'dev.yaml'), dev);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-root-'));
    // core's state records a resource (so verify runs its checks) but no outputs: an unfinished deploy.
    fs.mkdirSync(path.join(root, '.state', 'dev'), { recursive: true });
    fs.writeFileSync(path.join(root, '.state', 'dev', 'core.tfstate'), JSON.stringify({ version: 4, resources: [{ mode: 'managed', type: 'docker_network', name: 'network', instances: [] }], outputs: {} }));
  });
  afterAll(() => {
    fs.rmSync(configDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  });

  // Only core: its ports are the ones moved above, and the counts stay exact when dev enables more groups.
  const verify = (args: string[]) => datalab(['verify', 'core', '--root', root, '--retries', '1', '--backoff', '1', '--timeout', '1000', ...args], { DATALAB_CONFIG_DIR: configDir });

  it('prints progress per check, a final table, one-line causes with fixes, and exits 1', () => {
    const r = verify([]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^FAIL {2}core {10}minio login as datalab-root: \.state\/dev\/core\.tfstate has no output "minio_root_password": the last deploy of "core" did not finish \(\d+ ms\)$/m);
    expect(r.stderr).toMatch(/^ {6}fix: run `npx cdktf deploy core`, or set DATALAB_MINIO_ROOT_PASSWORD$/m);
    expect(r.stderr).toMatch(/^FAIL {2}core {10}kafka bootstrap: nothing listens on 127\.0\.0\.1:\d+ \(\d+ ms, 2 attempts\)$/m);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const table = r.stdout.trim().split('\n');
    expect(table[0]).toMatch(/^GROUP +CHECK +RESULT +DETAIL$/);
    expect(table).toContainEqual(expect.stringMatching(/^core +consul catalog +FAIL +nothing listens on http:\/\/127\.0\.0\.1:\d+\/v1\/catalog\/services$/));
    expect(table).toContain('To fix:');
    expect(table[table.length - 1]).toBe('dev: 0 passed, 6 failed, 14 skipped (groups: core)');
  });

  it('prints only JSON on stdout with --json', () => {
    const r = verify(['--json', '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ environment: 'dev', groups: ['core'], ok: false, summary: { passed: 0, failed: 6, skipped: 14 } });
    expect(report.checks[0]).toEqual({
      id: 'core/minio/login',
      group: 'core',
      kind: 'lake',
      name: 'minio login as datalab-root',
      endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      status: 'fail',
      detail: '.state/dev/core.tfstate has no output "minio_root_password": the last deploy of "core" did not finish',
      fix: 'run `npx cdktf deploy core`, or set DATALAB_MINIO_ROOT_PASSWORD',
      attempts: 1,
      durationMs: expect.any(Number),
    });
  });

  it('says in one line that nothing is deployed when no selected stack has state, exit 1, without running a check', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-root-'));
    try {
      // A destroyed stack keeps its state file, with no resources: still nothing deployed.
      fs.mkdirSync(path.join(empty, '.state', 'dev'), { recursive: true });
      fs.writeFileSync(path.join(empty, '.state', 'dev', 'core.tfstate'), JSON.stringify({ version: 4, resources: [], outputs: {} }));
      const r = datalab(['verify', '--root', empty], { DATALAB_CONFIG_DIR: configDir });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `datalab: nothing is deployed in environment dev: no state with resources or outputs in ${path.join(empty, '.state', 'dev')}${path.sep} for core, processing, ml, visualization, monitoring; deploy first (npx cdktf deploy core …) or pass --root <the directory it was deployed from>\n`,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('rejects an unknown group in one line with the valid ones, exit 2', () => {
    const r = verify(['nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^datalab: unknown group "nope" in environment dev; valid: core(, [a-z]+)*\n$/);
    expect(r.stdout).toBe('');
  });

});

/** Runs the CLI in this process, capturing its output. */
async function inProcess(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: { DATALAB_ENV: 'dev', ...env }, cwd });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('datalab run and runs', () => {
  it('refuses a missing or unscheduled pipeline as a usage error, naming what the environment schedules', async () => {
    expect(await inProcess(['run'])).toMatchObject({ status: 2, stderr: 'datalab: run takes one pipeline name: npx datalab run <pipeline>' });
    expect(await inProcess(['run', 'medallion'])).toMatchObject({ status: 2, stderr: 'datalab: environment dev schedules no pipeline (processing.pipelines in config/dev.yaml is empty; docs/pipelines.md)' });
    expect(await inProcess(['runs', 'nope'], { DATALAB_ENV: 'prod' })).toMatchObject({
      status: 2,
      stderr: 'datalab: environment prod does not schedule a pipeline "nope"; it schedules: medallion, lake-maintenance, train-model, data-checks',
    });
  });

  it('says in one line that nothing is deployed when ml has no state, exit 1, without calling Prefect', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-root-'));
    try {
      for (const cmd of [['run', 'medallion'], ['runs']]) {
        const r = await inProcess([...cmd, '--root', empty], { DATALAB_ENV: 'prod' });
        expect(r).toMatchObject({ status: 1, stdout: '' });
        expect(r.stderr).toBe(`datalab: nothing is deployed in environment prod: no state with resources or outputs in ${path.join(empty, '.state', 'prod')}${path.sep} for ml; deploy first (npx cdktf deploy ml) or pass --root <the directory it was deployed from>`);
      }
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('datalab usage errors', () => {
  it('rejects a bad flag value and an unknown flag in one line, exit 2', async () => {
    expect(await inProcess(['verify', '--timeout', 'soon'])).toMatchObject({ status: 2, stderr: 'datalab: --timeout expects a whole number ≥ 1, got "soon"' });
    const r = await inProcess(['verify', '--wait']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^datalab: Unknown option '--wait'/);
  });

  it('rejects an unknown environment in one line, exit 2', async () => {
    expect(await inProcess(['verify'], { DATALAB_ENV: 'qa' })).toMatchObject({ status: 2, stderr: 'datalab: DATALAB_ENV="qa" is not an environment; valid: dev, staging, prod, e2e' });
  });

  it('prints every line of a config report with a job-plan problem (not just its header), without a stack trace, exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-cfg-'));
    try {
      const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'dev.yaml'), dev.replace(/^ *- \{ name: events, .*\n/m, ''));
      const r = datalab(['verify', 'core', '--json'], { DATALAB_CONFIG_DIR: dir });
      expect(r.status).toBe(2);
      const file = path.join(dir, 'dev.yaml');
      expect(r.stderr.trim().split('\n')).toEqual([
        `${file}: 1 problem`,
        expect.stringMatching(new RegExp(`^  ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+  core\\.topics: has no topic "events" .*job "bronze-events" reads it \\(reads\\.events,`)),
      ]);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a DATALAB_CONFIG_DIR that does not exist in one line, exit 2', () => {
    const missing = path.join(os.tmpdir(), `datalab-no-such-dir-${process.pid}`);
    const r = datalab(['verify'], { DATALAB_CONFIG_DIR: missing });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`datalab: DATALAB_CONFIG_DIR="${missing}" does not exist; it must be a directory holding the environment files (dev.yaml, staging.yaml, prod.yaml, e2e.yaml), or unset it to use config/\n`);
  });

  it('names the commands for an unknown one, exit 2', async () => {
    expect(await inProcess(['deploy'])).toMatchObject({ status: 2, stderr: 'datalab: unknown command "deploy"; commands: verify, diagram, endpoints, run, runs (npx datalab --help)' });
  });
});

describe('npx datalab', () => {
  it('runs through npx from the repository', () => {
    const r = spawnSync('npx', ['--offline', 'datalab', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npx datalab <command> \[options\]/);
  });

  it('finds the committed diagram and README table up to date (--check)', async () => {
    expect(await inProcess(['diagram', '--check'])).toMatchObject({ status: 0, stderr: '' });
    expect(await inProcess(['endpoints', '--check'])).toMatchObject({ status: 0, stderr: '' });
  });

  it('reports a stale diagram with the command that fixes it, exit 1, and rewrites it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cli-proj-'));
    try {
      fs.writeFileSync(path.join(dir, 'cdktf.json'), '{}');
      fs.mkdirSync(path.join(dir, 'docs'));
      fs.writeFileSync(path.join(dir, 'docs', 'architecture.md'), '# old\n');
      expect(await inProcess(['diagram', '--check'], {}, dir)).toMatchObject({ status: 1, stderr: 'docs/architecture.md differs from the model: run `npx datalab diagram`' });
      expect((await inProcess(['diagram'], {}, dir)).status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'docs', 'architecture.md'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
