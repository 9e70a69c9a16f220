import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appCommand } from './app-command';

const ROOT = path.join(__dirname, '..');

/** Runs the app exactly as cdktf.json does, with a private output directory. */
function runApp(env: Record<string, string>) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-out-'));
  fs.rmSync(outdir, { recursive: true });
  const { cmd, args } = appCommand();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, ...env },
    encoding: 'utf8',
  });
  return { ...r, outdir };
}

describe('the app entry point', () => {
  it('synthesizes the core stack for dev by default', () => {
    const r = runApp({ DATALAB_ENV: '' });
    expect(r.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(r.outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toContain('core');
    const core = fs.readFileSync(path.join(r.outdir, 'stacks', 'core', 'cdk.tf.json'), 'utf8');
    expect(core).toContain('"datalab-dev-minio"');
    expect(core).not.toContain(ROOT);
    fs.rmSync(r.outdir, { recursive: true, force: true });
  });

  it('rejects an unknown environment in one line, without a stack trace or any output', () => {
    const r = runApp({ DATALAB_ENV: 'nope' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('DATALAB_ENV="nope" is not an environment; valid: dev, staging, prod, e2e');
    expect(fs.existsSync(r.outdir)).toBe(false);
  });

  it('reports every problem of a bad config file and writes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cfg-'));
    const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    fs.writeFileSync(path.join(dir, 'dev.yaml'), dev.replace('memoryMb: 1024', 'memoryMb: lots').replace('protectData: false', 'protectData: false\nprotect_data: true'));
    const r = runApp({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/dev\.yaml: 2 problems$/);
    expect(r.stderr).toMatch(/dev\.yaml:\d+:\d+ {2}core\.minio\.memoryMb: expected number \(got "lots"\)/);
    expect(r.stderr).toMatch(/dev\.yaml:\d+:\d+ {2}\(top level\): unknown key "protect_data"; allowed: environment, host, network, protectData, state, groups, core/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(r.outdir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a wide network.publishAddress as one problem at its own line, with no stack trace and no output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cfg-'));
    const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    const wide = dev.replace('publishAddress: 127.0.0.1', 'publishAddress: 0.0.0.0');
    expect(wide).not.toBe(dev);
    fs.writeFileSync(path.join(dir, 'dev.yaml'), wide);
    const line = wide.split('\n').findIndex((l) => l.includes('publishAddress: 0.0.0.0')) + 1;
    const r = runApp({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    const file = path.join(dir, 'dev.yaml');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: 1 problem`,
      `  ${file}:${line}:19  network.publishAddress: would publish 16 host port(s) of 15 service(s) without public: true beyond this host (core.minio, core.kafka, core.consul and 12 more); allowed: a loopback address (127.x.x.x, default 127.0.0.1), or public: true on each of those services (got "0.0.0.0")`,
    ]);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(r.outdir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports a job reading a topic the config file does not define as a problem of that file, with no stack trace and no output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cfg-'));
    const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    const withoutEvents = dev.replace(/^ *- \{ name: events, .*\n/m, '');
    expect(withoutEvents).not.toBe(dev);
    fs.writeFileSync(path.join(dir, 'dev.yaml'), withoutEvents);
    const r = runApp({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    expect(r.status).toBe(1);
    // The file really loaded (DATALAB_CONFIG_DIR), not config/dev.yaml.
    const file = path.join(dir, 'dev.yaml');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: the job plan has 1 problem(s):`,
      `  ${file}: core.topics has no topic "events" (topics: events-dlq), but job "bronze-events" reads it (reads.events, Kafka topic "events", in jobs/bronze-events.ts); add it to ${file} or disable the job with processing.jobs.bronze-events.enabled: false`,
      'synth failed: nothing was written',
    ]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(r.outdir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

