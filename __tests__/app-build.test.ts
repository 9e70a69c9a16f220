/**
 * The app cdktf.json runs (bin/app.js): main.ts bundled ahead of time, rebuilt when a source
 * changes, writing byte for byte what main.ts writes through tsx.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appCommand, ROOT } from './app-command';

interface Record {
  readonly root: string;
  readonly id: string;
  readonly inputs: readonly [string, number, number][];
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const launcher = require('../bin/app.js') as {
  buildDir(): string;
  ensureBuilt(): Promise<boolean>;
  readRecord(code: string): Record | undefined;
  staleReason(record: Record | undefined, root?: string): string | undefined;
  RECORD_PREFIX: string;
};

/** Every file below `dir`, relative, with its bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

describe('the bundled app', () => {
  let work: string;
  beforeAll(() => {
    // Inside the project, as `cdktf synth` writes: no "outside the project" warning in either output.
    work = fs.mkdtempSync(path.join(ROOT, '.test-out-'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  // e2e: every group, the lake on SeaweedFS (stacks/seaweedfs-provision.sh), the jobs' PySpark code,
  // the project images and the provider schemas, all read through paths computed from __dirname.
  it.each(['e2e'])('writes byte for byte what main.ts writes through tsx (%s)', (env) => {
    const run = (name: string, cmd: string, args: string[]) => {
      const outdir = path.join(work, `${env}-${name}`);
      const r = spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, DATALAB_ENV: env, CDKTF_OUTDIR: outdir }, encoding: 'utf8' });
      return { r, outdir };
    };
    const { cmd, args } = appCommand();
    const bundled = run('bundled', cmd, args);
    const tsx = run('tsx', process.execPath, ['--import', 'tsx', 'main.ts']);
    expect(bundled.r.status).toBe(0);
    expect(tsx.r.status).toBe(0);
    expect(bundled.r.stdout).toBe(tsx.r.stdout);
    expect(bundled.r.stderr).toBe(tsx.r.stderr);
    const a = tree(bundled.outdir);
    const b = tree(tsx.outdir);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect(a.size).toBeGreaterThan(5);
    for (const [file, bytes] of a) expect({ file, same: bytes.equals(b.get(file)!) }).toEqual({ file, same: true });
  });

  it('records every file it was built from, with the project it belongs to', async () => {
    await launcher.ensureBuilt(); // as the app does before it runs (built already, unless a source changed since)
    const record = launcher.readRecord(fs.readFileSync(path.join(launcher.buildDir(), 'main.js'), 'latin1'))!;
    expect(record.root).toBe(ROOT);
    const files = record.inputs.map(([f]) => f);
    for (const f of ['main.ts', 'stacks/platform.ts', 'stacks/seaweedfs-store.ts', 'config/loader.ts', 'policy/gate.ts', 'tsconfig.json', 'bin/app.js', 'node_modules/cdktf/package.json']) {
      expect(files).toContain(f);
    }
    // Packages are recorded by their package.json (npm rewrites it on every install), not file by file.
    expect(files.filter((f) => f.includes('node_modules/') && !f.endsWith('/package.json'))).toEqual([]);
    expect(launcher.staleReason(record)).toBeUndefined();
    const [first, mtime, size] = record.inputs[0];
    expect(launcher.staleReason({ ...record, inputs: [[first, mtime + 1, size]] })).toBe(`${first} changed`);
    expect(launcher.staleReason({ ...record, inputs: [['stacks/gone.ts', mtime, size]] })).toBe('stacks/gone.ts is gone');
    expect(launcher.staleReason({ ...record, root: '/elsewhere' })).toBe('built in /elsewhere');
  });
});

describe('the edit-and-synth loop', () => {
  // A project of two files, run through the same launcher: what a user who edits stacks/*.ts and
  // runs `npx cdktf synth` goes through, without touching this checkout's files.
  let root: string;
  const run = () => {
    const script = `require(${JSON.stringify(path.join(ROOT, 'bin', 'app.js'))}).run({ root: ${JSON.stringify(root)} })`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, DATALAB_BUILD_DIR: '' } });
    expect(r.stderr).toBe('');
    return r.stdout.trim();
  };
  const bundle = () => path.join(root, '.build', 'main.js');

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-app-'));
    fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(root, 'tsconfig.json'));
    fs.mkdirSync(path.join(root, 'stacks'));
    fs.writeFileSync(path.join(root, 'main.ts'), "import { value } from './stacks/value';\nconsole.log(value, require('node:path').relative(__dirname, __filename));\n");
    fs.writeFileSync(path.join(root, 'stacks', 'value.ts'), 'export const value: number = 1;\n');
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds on the first run (a fresh clone has no build), with __dirname and __filename of the source', () => {
    expect(fs.existsSync(bundle())).toBe(false);
    expect(run()).toBe('1 main.ts');
    expect(fs.existsSync(bundle())).toBe(true);
  });

  it('runs the existing build while nothing changed', () => {
    const before = fs.statSync(bundle()).mtimeMs;
    expect(run()).toBe('1 main.ts');
    expect(fs.statSync(bundle()).mtimeMs).toBe(before);
    // and from V8's code cache, written by the first run
    expect(fs.readdirSync(path.join(root, '.build')).filter((f) => f.endsWith('.cache'))).toHaveLength(1);
  });

  it('rebuilds when a source changed since the build, and runs the edit', () => {
    fs.writeFileSync(path.join(root, 'stacks', 'value.ts'), 'export const value: number = 2;\n');
    expect(run()).toBe('2 main.ts');
    const record = launcher.readRecord(fs.readFileSync(bundle(), 'latin1'))!;
    expect(record.inputs.map(([f]) => f)).toEqual(expect.arrayContaining(['main.ts', 'stacks/value.ts', 'tsconfig.json']));
    // the code cache of the previous build is gone with it
    expect(fs.readdirSync(path.join(root, '.build')).filter((f) => f.endsWith('.cache') && !f.startsWith(`main.${record.id}.`))).toEqual([]);
  });

  it('runs the TypeScript sources themselves when debugging (DATALAB_DEBUG=1), building nothing', () => {
    fs.rmSync(path.join(root, '.build'), { recursive: true, force: true });
    const script = `require(${JSON.stringify(path.join(ROOT, 'bin', 'app.js'))}).run({ root: ${JSON.stringify(root)} })`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, DATALAB_DEBUG: '1', DATALAB_BUILD_DIR: '' } });
    expect(r.stdout.trim()).toBe('2 main.ts');
    expect(fs.existsSync(path.join(root, '.build'))).toBe(false);
  });

  it('reports a source that does not compile, and runs nothing', () => {
    fs.writeFileSync(path.join(root, 'stacks', 'value.ts'), 'export const value: number = ;\n');
    const script = `require(${JSON.stringify(path.join(ROOT, 'bin', 'app.js'))}).run({ root: ${JSON.stringify(root)} })`;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cannot build main\.ts:\n.*\[ERROR\] Unexpected ";"\n+\s+stacks\/value\.ts:1:29:\n/);
  });
});
