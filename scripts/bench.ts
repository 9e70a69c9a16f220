/**
 * `npm run bench` — what synthesis and the test suite cost, against the floor (cdktf + the same
 * provider modules + one empty stack) and the peer (the same app run through ts-node, the way the
 * cdktf template runs apps). Prints a table and writes it to docs/performance.md.
 *
 *   npm run bench -- [--runs N] [--warmup N] [--test-runs N] [--no-test] [--no-write] [--check]
 *
 * Measurements are wall time (median ± half the range) and peak RSS of the largest process
 * (every node process reports its own peak through a preloaded reporter; see rss-reporter.cjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ENVIRONMENTS } from '../config/schema';
import { providerModules } from './bench/floor-modules';
import { graphShape, StackJson } from './bench/graph';
import { scaledConfigYaml, SCALE } from './bench/scale';
import { median, renderTable, spread } from './bench/stats';

const ROOT = resolve(__dirname, '..');
const REPORTER = join(ROOT, 'scripts/bench/rss-reporter.cjs');

interface Options {
  runs: number;
  warmup: number;
  testRuns: number;
  test: boolean;
  write: boolean;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { runs: 5, warmup: 1, testRuns: 3, test: true, write: true, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) fail(`${a} needs a whole number ≥ 1, got "${argv[i] ?? ''}"`);
      return v;
    };
    if (a === '--runs') o.runs = num();
    else if (a === '--warmup') o.warmup = num() - 0;
    else if (a === '--test-runs') o.testRuns = num();
    else if (a === '--no-test') o.test = false;
    else if (a === '--no-write') o.write = false;
    else if (a === '--check') o.check = true;
    else fail(`unknown option "${a}"; valid: --runs N, --warmup N, --test-runs N, --no-test, --no-write, --check`);
  }
  return o;
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

interface Sample {
  readonly ms: number;
  readonly rssKb: number;
}

interface Measured {
  readonly label: string;
  readonly samples: readonly Sample[];
}

/** Runs a command once with the RSS reporter preloaded into every node process it starts. */
function runOnce(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv): Sample {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'datalab-rss-')), 'rss');
  writeFileSync(rssFile, '');
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env, NODE_OPTIONS: `--require ${REPORTER}`, BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`"${cmd} ${args.join(' ')}" exited ${r.status ?? r.signal}:\n${tail}`);
  }
  const rssKb = Math.max(0, ...readFileSync(rssFile, 'utf8').split('\n').filter(Boolean).map(Number));
  rmSync(dirname(rssFile), { recursive: true, force: true });
  return { ms, rssKb };
}

function measure(label: string, runs: number, warmup: number, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Measured {
  process.stdout.write(`  ${label} `);
  for (let i = 0; i < warmup; i++) runOnce(cmd, args, env);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(runOnce(cmd, args, env));
    process.stdout.write('.');
  }
  process.stdout.write(` ${Math.round(median(samples.map((s) => s.ms)))} ms\n`);
  return { label, samples };
}

const ms = (m: Measured) => median(m.samples.map((s) => s.ms));
const rssMb = (m: Measured) => Math.max(...m.samples.map((s) => s.rssKb)) / 1024;

function fmtRow(m: Measured, floor: Measured): string[] {
  const times = m.samples.map((s) => s.ms);
  return [
    m.label,
    `${Math.round(median(times))} ± ${Math.round(spread(times))}`,
    (ms(m) / ms(floor)).toFixed(2),
    rssMb(m).toFixed(0),
  ];
}

/** Resource-graph depth of every stack an app run wrote. */
function shapes(outdir: string): string[][] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  return Object.entries(manifest.stacks).map(([name, s]) => {
    const json = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')) as StackJson;
    const g = graphShape(json);
    return [name, String(g.nodes), String(g.edges), String(g.depth), String(g.startOrderWaits.length), g.criticalPath.join(' → '), g.startOrderWaits.join('<br>')];
  });
}

interface Target {
  readonly what: string;
  readonly limit: string;
  readonly actual: string;
  readonly ok: boolean;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'datalab-bench-'));
  const node = process.execPath;
  const app = (env: string, outdir: string, extra: NodeJS.ProcessEnv = {}) =>
    [node, ['--import', 'tsx', 'main.ts'], { DATALAB_ENV: env, CDKTF_OUTDIR: outdir, ...extra }] as const;

  console.log(`bench: ${o.runs} runs after ${o.warmup} warm-up per row (${cpus().length} CPUs)`);
  const modules = providerModules(ROOT);
  const floor = measure('floor: cdktf + provider modules + empty stack', o.runs, o.warmup, node,
    ['--import', 'tsx', 'scripts/bench/floor.ts'],
    { BENCH_FLOOR_MODULES: JSON.stringify(modules), CDKTF_OUTDIR: join(work, 'floor') });

  const rows: Measured[] = [floor];
  const perEnv: Measured[] = [];
  for (const env of ENVIRONMENTS) {
    const [cmd, args, e] = app(env, join(work, env));
    const m = measure(`app: all stacks, ${env}`, o.runs, o.warmup, cmd, args, e);
    perEnv.push(m);
    rows.push(m);
  }

  // The peer: cdktf's project template runs `npx ts-node main.ts` (type-checking on every synth).
  const tsNode = join(ROOT, 'node_modules/ts-node/dist/bin.js');
  let peerNote = '';
  if (existsSync(tsNode)) {
    rows.push(measure('peer: same app via ts-node, dev', Math.min(o.runs, 3), 1, node, [tsNode, 'main.ts'],
      { DATALAB_ENV: 'dev', CDKTF_OUTDIR: join(work, 'peer') }));
  } else {
    peerNote = 'The peer row is missing: ts-node is not installed (`npm ci` installs it as a dev dependency).';
    console.log(`  peer skipped: ${peerNote}`);
  }

  // The 10× platform: generated from dev's config, written to a temporary config dir.
  const scaledDir = join(work, 'scaled-config');
  mkdirSync(scaledDir);
  const scaled = scaledConfigYaml(readFileSync(join(ROOT, 'config/dev.yaml'), 'utf8'));
  writeFileSync(join(scaledDir, 'dev.yaml'), scaled.yaml);
  const [sc, sa, se] = app('dev', join(work, 'scaled'), { DATALAB_CONFIG_DIR: scaledDir });
  const scaledRun = measure(`app: ${SCALE}× platform (generated), dev`, o.runs, o.warmup, sc, sa, se);
  rows.push(scaledRun);

  let testRun: Measured | undefined;
  if (o.test) {
    testRun = measure('npm test (type-check + jest)', o.testRuns, 0, 'npm', ['test', '--silent'], { CI: 'true' });
    rows.push(testRun);
  }

  const devRun = perEnv[ENVIRONMENTS.indexOf('dev')];
  const devShape = shapes(join(work, 'dev'));
  const scaledShape = shapes(join(work, 'scaled'));
  const worstEnvRatio = Math.max(...perEnv.map((m) => ms(m) / ms(floor)));
  const synthRss = Math.max(...perEnv.map(rssMb), rssMb(scaledRun));
  const targets: Target[] = [
    { what: 'all stacks of one environment vs floor', limit: '≤ 1.30×', actual: `${worstEnvRatio.toFixed(2)}×`, ok: worstEnvRatio <= 1.3 },
    { what: `${SCALE}× platform vs normal platform (dev)`, limit: '≤ 3.00×', actual: `${(ms(scaledRun) / ms(devRun)).toFixed(2)}×`, ok: ms(scaledRun) / ms(devRun) <= 3 },
    { what: 'peak RSS of synth (any env, incl. 10×)', limit: '≤ 300 MB', actual: `${synthRss.toFixed(0)} MB`, ok: synthRss <= 300 },
    ...(testRun ? [{ what: 'npm test', limit: '≤ 30 s', actual: `${(ms(testRun) / 1000).toFixed(1)} s`, ok: ms(testRun) <= 30_000 }] : []),
  ];

  const report = [
    '## Timings',
    '',
    renderTable(['run', 'wall ms (median ± half range)', '× floor', 'peak RSS MB'], rows.map((m) => fmtRow(m, floor))),
    '',
    ...(peerNote ? [peerNote, ''] : []),
    '## Targets',
    '',
    renderTable(['target', 'limit', 'measured', ''], targets.map((t) => [t.what, t.limit, t.actual, t.ok ? 'met' : 'MISSED'])),
    '',
    '## Deploy-time shape (dev)',
    '',
    'Depth is the longest chain of resources an apply must create one after another (references and',
    '`depends_on`). "Waits" are start-order edges: a container that `depends_on` another one without',
    'referencing it. Every one listed is deliberate (a database before its clients, an init job before',
    'the services that need its migration, a broker before its UI, each medallion job after its input).',
    '',
    renderTable(['stack', 'resources', 'edges', 'depth', 'waits', 'critical path', 'start-order waits'], devShape),
    '',
    `## Deploy-time shape (${SCALE}× platform)`,
    '',
    renderTable(['stack', 'resources', 'edges', 'depth', 'waits'], scaledShape.map((r) => r.slice(0, 5))),
    '',
    `The ${SCALE}× platform: ${scaled.summary}.`,
  ].join('\n');

  console.log(`\n${report}\n`);
  if (o.write) {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM ` +
      `(${(freemem() / 2 ** 30).toFixed(0)} GiB free), Linux ${release()}, Node ${process.versions.node}`;
    const doc = [
      '# Performance',
      '',
      'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Floor = a process that loads',
      'cdktf and the same provider modules as the app and synthesizes one empty stack. Each app row is',
      'a full `node --import tsx main.ts` run, the command cdktf.json gives the cdktf CLI.',
      '',
      `Machine: ${machine}. Runs: ${o.runs} per row after ${o.warmup} warm-up (npm test: ${o.testRuns}). ` +
        `Date: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      report,
      '',
    ].join('\n');
    writeFileSync(join(ROOT, 'docs/performance.md'), doc);
    console.log('bench: wrote docs/performance.md');
  }
  rmSync(work, { recursive: true, force: true });
  if (o.check && targets.some((t) => !t.ok)) process.exit(1);
}

main();
