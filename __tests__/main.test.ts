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
    expect(r.stderr).toMatch(/dev\.yaml:\d+:\d+ {2}\(top level\): unknown key "protect_data"; allowed: environment, host, network, protectData, state, buildMirrors, groups, core/);
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

  it('rejects a DATALAB_CONFIG_DIR that does not exist in one line, and writes nothing', () => {
    const missing = path.join(os.tmpdir(), `datalab-no-such-dir-${process.pid}`);
    const r = runApp({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: missing });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`DATALAB_CONFIG_DIR="${missing}" does not exist; it must be a directory holding the environment files (dev.yaml, staging.yaml, prod.yaml, e2e.yaml), or unset it to use config/\n`);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(r.outdir)).toBe(false);
  });

  describe('an output directory that cannot be written', () => {
    let base: string;
    beforeAll(() => {
      base = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-outdir-'));
      fs.chmodSync(base, 0o755);
    });
    afterAll(() => {
      fs.chmodSync(path.join(base, 'read-only'), 0o755);
      fs.rmSync(base, { recursive: true, force: true });
    });
    const oneLine = (outdir: string, why: string) =>
      `cannot write the synth output to ${outdir}: ${why}; nothing was written. Synthesize into a writable directory (CDKTF_OUTDIR, or cdktf synth --output)\n`;

    it('is one line naming the file in its path, with no stack trace', () => {
      const file = path.join(base, 'a-file');
      fs.writeFileSync(file, 'not a directory');
      const outdir = path.join(file, 'cdktf.out');
      const r = runApp({ DATALAB_ENV: 'dev', CDKTF_OUTDIR: outdir });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(oneLine(outdir, `${file} is a file, not a directory`));
      expect(r.stdout).toBe('');
    });

    // root may write anywhere: the app then runs as nobody, building its bundle where nobody may
    // write. A checkout nobody cannot read (below /root, say) cannot be run so: the test is then
    // reported as skipped; the case above still covers the one-line report there.
    const nobodyCannotRead =
      process.getuid?.() === 0 && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path.join(ROOT, 'main.ts'))}, 4)`], { uid: 65534, gid: 65534 }).status !== 0;
    (nobodyCannotRead ? it.skip : it)('is one line naming the directory it may not write in, with no stack trace and nothing left behind', () => {
      const readOnly = path.join(base, 'read-only');
      fs.mkdirSync(readOnly, { mode: 0o555 });
      fs.chmodSync(readOnly, 0o555);
      const outdir = path.join(readOnly, 'cdktf.out');
      const asRoot = process.getuid?.() === 0;
      const buildDir = path.join(base, 'build');
      fs.mkdirSync(buildDir, { mode: 0o777 });
      fs.chmodSync(buildDir, 0o777);
      const { cmd, args } = appCommand();
      const r = spawnSync(cmd, args, {
        cwd: ROOT,
        env: { ...process.env, DATALAB_ENV: 'dev', CDKTF_OUTDIR: outdir, DATALAB_BUILD_DIR: buildDir, DATALAB_CONFIG_CACHE: '0' },
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(oneLine(outdir, `no permission to write in ${readOnly}`));
      expect(fs.readdirSync(readOnly)).toEqual([]);
    });
  });

  it('reports a job reading a topic the config file does not define with the other problems of that file, each at its line, with no stack trace and no output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cfg-'));
    const dev = fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8');
    const broken = dev.replace(/^ *- \{ name: events, .*\n/m, '').replace('heapMb: 768\n    cpus: 1', 'heapMb: 1400\n    cpus: 1');
    expect(broken).not.toBe(dev);
    fs.writeFileSync(path.join(dir, 'dev.yaml'), broken);
    const lines = broken.split('\n');
    // core.topics is reported where its list starts (the line after `topics:`), the heap at its key.
    const topicsLine = lines.findIndex((l) => l === '  topics:') + 2;
    const heapLine = lines.findIndex((l) => l.includes('heapMb: 1400')) + 1;
    const r = runApp({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    expect(r.status).toBe(1);
    // The file really loaded (DATALAB_CONFIG_DIR), not config/dev.yaml.
    const file = path.join(dir, 'dev.yaml');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}: 2 problems`,
      `  ${file}:${heapLine}:13  core.kafka.heapMb: heap 1400 MiB leaves under 256 MiB of the 1536 MiB limit for the JVM itself; lower heapMb or raise memoryMb (got 1400)`,
      `  ${file}:${topicsLine}:5  core.topics: has no topic "events" (topics: events-dlq), but job "bronze-events" reads it (reads.events, Kafka topic "events", in jobs/bronze-events.ts); add it here or disable the job with processing.jobs.bronze-events.enabled: false`,
    ]);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(r.outdir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

