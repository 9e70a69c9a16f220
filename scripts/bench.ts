/**
 * `npm run bench` — what synthesis and the test suite cost, against the floor: plain `node`, the
 * cdktf library and one empty stack (scripts/bench/floor.cjs), nothing the project chose. Also the
 * previous entry (`node --import tsx main.ts`), the peer (the same app through ts-node, as cdktf's
 * project template runs apps), `npx cdktf synth` end to end, a generated 10× platform and
 * `npm test` with the cost of each test file. Prints the report and writes it to
 * docs/performance.md (keeping a `## Deploy on a real engine` section found there).
 *
 *   npm run bench -- [--runs N] [--warmup N] [--test-runs N] [--no-test] [--no-write] [--check]
 *
 * Runs are paired: each round runs every row once, in turn, so load from other work on the
 * machine falls on all rows alike; the 1-minute load average is recorded with each round.
 * Measurements are wall time (median ± half the range), CPU time (user + system of every node
 * process, median) and peak RSS of the largest process (each node process reports its own through
 * a preloaded reporter; see rss-reporter.cjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ENVIRONMENTS } from '../config/schema';
import { providerModules } from './bench/floor-modules';
import { graphShape, StackJson } from './bench/graph';
import { fileTimings, FileTiming, JestJson } from './bench/jest-files';
import { mergeDeploySection } from './bench/report';
import { scaledConfigYaml, SCALE } from './bench/scale';
import { median, renderTable, spread } from './bench/stats';

const ROOT = resolve(__dirname, '..');
const REPORTER = join(ROOT, 'scripts/bench/rss-reporter.cjs');
const DOC = join(ROOT, 'docs/performance.md');

interface Options {
  runs: number;
  warmup: number;
  testRuns: number;
  test: boolean;
  write: boolean;
  check: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { runs: 10, warmup: 1, testRuns: 3, test: true, write: true, check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) fail(`${a} needs a whole number ≥ 1, got "${argv[i] ?? ''}"`);
      return v;
    };
    if (a === '--runs') o.runs = num();
    else if (a === '--warmup') o.warmup = num();
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
  readonly cpuMs: number;
  readonly rssKb: number;
}

interface Row {
  readonly label: string;
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Runs of this row (slow rows run fewer rounds). */
  readonly runs: number;
  /** Called after each run (the npm test row collects the per-file timings). */
  readonly after?: () => void;
  /** A failing run is timed all the same (npm test: failing tests are reported, not fatal). */
  readonly mayFail?: boolean;
  readonly samples: Sample[];
}

/** Runs a command once with the RSS reporter preloaded into every node process it starts. */
function runOnce(row: Row): Sample {
  const reportFile = join(mkdtempSync(join(tmpdir(), 'datalab-rss-')), 'rss');
  writeFileSync(reportFile, '');
  const start = process.hrtime.bigint();
  const r = spawnSync(row.cmd, row.args, {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', ...row.env, NODE_OPTIONS: `--require ${REPORTER}`, BENCH_RSS_FILE: reportFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !row.mayFail) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    fail(`"${row.cmd} ${row.args.join(' ')}" exited ${r.status ?? r.signal}:\n${tail}`);
  }
  const reports = readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ').map(Number));
  rmSync(dirname(reportFile), { recursive: true, force: true });
  row.after?.();
  return { ms, rssKb: Math.max(0, ...reports.map(([kb]) => kb)), cpuMs: reports.reduce((sum, [, cpu]) => sum + (cpu ?? 0), 0) };
}

/**
 * Paired measurement: after the warm-up runs of each row, round after round runs every row once,
 * in turn. Returns the 1-minute load average at the start of each round.
 */
function measure(rows: readonly Row[], warmup: number): number[] {
  for (const row of rows) {
    process.stdout.write(`  warm-up: ${row.label}\n`);
    for (let i = 0; i < warmup; i++) runOnce(row);
  }
  const loads: number[] = [];
  const rounds = Math.max(...rows.map((r) => r.runs));
  for (let round = 0; round < rounds; round++) {
    loads.push(loadavg()[0]);
    process.stdout.write(`  round ${round + 1}/${rounds} (load ${loadavg()[0].toFixed(2)}):`);
    for (const row of rows) {
      if (round >= row.runs) continue;
      const s = runOnce(row);
      row.samples.push(s);
      process.stdout.write(` ${Math.round(s.ms)}`);
    }
    process.stdout.write('\n');
  }
  return loads;
}

const ms = (r: Row) => median(r.samples.map((s) => s.ms));
const cpuMs = (r: Row) => median(r.samples.map((s) => s.cpuMs));
const rssMb = (r: Row) => Math.max(...r.samples.map((s) => s.rssKb)) / 1024;

function fmtRow(r: Row, floor: Row): string[] {
  const times = r.samples.map((s) => s.ms);
  return [r.label, `${Math.round(median(times))} ± ${Math.round(spread(times))}`, (ms(r) / ms(floor)).toFixed(2), Math.round(cpuMs(r)).toString(), rssMb(r).toFixed(0), String(r.samples.length)];
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

/** cdktf.json's "app", split; `node` is this node. */
function appCommand(): [string, string[]] {
  const [cmd, ...args] = (JSON.parse(readFileSync(join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app.trim().split(/\s+/);
  return [cmd === 'node' ? process.execPath : cmd, args];
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'datalab-bench-'));
  const node = process.execPath;
  const [appCmd, appArgs] = appCommand();
  const row = (label: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, runs = o.runs, after?: () => void): Row => ({ label, cmd, args, env, runs, after, samples: [] });
  const app = (label: string, env: string, extra: NodeJS.ProcessEnv = {}) =>
    row(label, appCmd, appArgs, { DATALAB_ENV: env, CDKTF_OUTDIR: join(work, `out-${label.replace(/\W+/g, '-')}`), ...extra });

  console.log(`bench: ${o.runs} paired rounds after ${o.warmup} warm-up per row (${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
  const floor = row('floor: node + cdktf + one empty stack', node, ['scripts/bench/floor.cjs'], { CDKTF_OUTDIR: join(work, 'floor') });
  const perEnv = ENVIRONMENTS.map((env) => app(`app: all stacks, ${env}`, env));
  const prod = perEnv[ENVIRONMENTS.indexOf('prod')];
  const dev = perEnv[ENVIRONMENTS.indexOf('dev')];
  // The floor this report used before: tsx, cdktf and the provider bindings the app imports (the
  // generated ones are TypeScript). It hid what tsx and the bindings cost; kept to show it.
  const providers = row('old floor: tsx + cdktf + the app\'s provider modules + empty stack', node, ['--import', 'tsx', 'scripts/bench/floor-providers.cjs'],
    { BENCH_FLOOR_MODULES: JSON.stringify(providerModules(ROOT)), CDKTF_OUTDIR: join(work, 'floor-providers') });
  const previous = row('previous entry: node --import tsx main.ts, prod', node, ['--import', 'tsx', 'main.ts'], { DATALAB_ENV: 'prod', CDKTF_OUTDIR: join(work, 'out-tsx') });

  // The peer: cdktf's project template runs `npx ts-node main.ts` (type-checking on every synth).
  const tsNode = join(ROOT, 'node_modules/ts-node/dist/bin.js');
  const peer = existsSync(tsNode) ? row('peer: same app via ts-node, prod', node, [tsNode, 'main.ts'], { DATALAB_ENV: 'prod', CDKTF_OUTDIR: join(work, 'peer') }, Math.min(o.runs, 3)) : undefined;
  const peerNote = peer ? '' : 'The peer row is missing: ts-node is not installed (`npm ci` installs it as a dev dependency).';

  // `npx cdktf synth` as a user runs it: the CLI, which runs cdktf.json's app.
  const cli = row('npx cdktf synth, prod (CLI end to end)', 'npx', ['cdktf', 'synth', '--output', join(work, 'cli-out')], { DATALAB_ENV: 'prod' }, Math.min(o.runs, 5));

  // The 10× platform: generated from dev's config, written to a temporary config dir.
  const scaledDir = join(work, 'scaled-config');
  mkdirSync(scaledDir);
  const scaled = scaledConfigYaml(readFileSync(join(ROOT, 'config/dev.yaml'), 'utf8'));
  writeFileSync(join(scaledDir, 'dev.yaml'), scaled.yaml);
  const scaledRun = app(`app: ${SCALE}× platform (generated), dev`, 'dev', { DATALAB_CONFIG_DIR: scaledDir });

  const synthRows = [floor, ...perEnv, providers, previous, ...(peer ? [peer] : []), cli, scaledRun];
  console.log('synthesis:');
  const loads = measure(synthRows, o.warmup);

  // npm test: one run after another (each takes both cores), jest's per-file timings from each.
  const jestJson = join(work, 'jest.json');
  const fileRuns: FileTiming[][] = [];
  const failedTests: number[] = [];
  let testRun: Row | undefined;
  if (o.test) {
    testRun = { ...row('npm test (type-check + jest)', 'npm', ['test', '--silent', '--', '--json', `--outputFile=${jestJson}`], { CI: 'true' }, o.testRuns, () => {
      const json = JSON.parse(readFileSync(jestJson, 'utf8')) as JestJson & { numFailedTests: number };
      fileRuns.push(fileTimings(json, ROOT));
      failedTests.push(json.numFailedTests);
    }), mayFail: true };
    console.log('npm test:');
    loads.push(...measure([testRun], 0));
  }

  const devShape = shapes(join(work, 'out-app-all-stacks-dev'));
  const scaledShape = shapes(scaledRun.env.CDKTF_OUTDIR!);
  const worst = perEnv.reduce((a, b) => (ms(b) > ms(a) ? b : a));
  const worstRatio = ms(worst) / ms(floor);
  const scaleRatio = ms(scaledRun) / ms(dev);
  const synthRss = Math.max(...perEnv.map(rssMb), rssMb(scaledRun));
  const targets: Target[] = [
    { what: `app vs floor (slowest environment: ${worst.label.replace(/.*, /, '')})`, limit: '≤ 1.50×', actual: `${worstRatio.toFixed(2)}×`, ok: worstRatio <= 1.5 },
    { what: `${SCALE}× platform vs normal platform (dev)`, limit: '≤ 2.00×', actual: `${scaleRatio.toFixed(2)}×`, ok: scaleRatio <= 2 },
    { what: 'peak RSS of synth (any env, incl. 10×)', limit: '≤ 300 MB', actual: `${synthRss.toFixed(0)} MB`, ok: synthRss <= 300 },
    ...(testRun ? [{ what: 'npm test', limit: '≤ 30 s', actual: `${(ms(testRun) / 1000).toFixed(1)} s`, ok: ms(testRun) <= 30_000 }] : []),
  ];

  const files = mergedFileTimings(fileRuns);
  const header = ['run', 'wall ms (median ± half range)', '× floor', 'CPU ms', 'peak RSS MB', 'runs'];
  const report = [
    '## Timings',
    '',
    renderTable(header, [...synthRows, ...(testRun ? [testRun] : [])].map((r) => fmtRow(r, floor))),
    '',
    `The app against the previous entry (tsx): ${(ms(prod) / ms(previous)).toFixed(2)}× (prod)` +
      (peer ? `; against the ts-node peer: ${(ms(prod) / ms(peer)).toFixed(2)}×` : '') +
      `. The cdktf CLI around it: ${Math.round(ms(cli) - ms(prod))} ms of ${Math.round(ms(cli))} ms.`,
    '',
    ...(peerNote ? [peerNote, ''] : []),
    ...(failedTests.some((n) => n > 0)
      ? [`npm test had failing tests while measured (${failedTests.join(', ')} per run): its time is that of the whole suite all the same.`, '']
      : []),
    '## Targets',
    '',
    renderTable(['target', 'limit', 'measured', ''], targets.map((t) => [t.what, t.limit, t.actual, t.ok ? 'met' : 'MISSED'])),
    '',
    ...(files.length
      ? [
          `## Test files (jest, median of ${fileRuns.length} run${fileRuns.length === 1 ? '' : 's'})`,
          '',
          'Time of each test file in its worker, from its start to its end (jest runs two at a time on two',
          'cores): the ten most expensive, then all of them together.',
          '',
          renderTable(['test file', 'ms', 'tests'], [
            ...files.slice(0, 10).map((f) => [f.file, Math.round(f.ms).toString(), String(f.tests)]),
            [`all ${files.length} files`, Math.round(files.reduce((s, f) => s + f.ms, 0)).toString(), String(files.reduce((s, f) => s + f.tests, 0))],
          ]),
          '',
        ]
      : []),
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
      'Written by `npm run bench` (scripts/bench.ts); do not edit by hand. Floor = plain `node` loading',
      'the cdktf library and synthesizing one empty stack (scripts/bench/floor.cjs): nothing the project',
      'chose, no TypeScript runner, no provider bindings. Each app row runs the command cdktf.json gives',
      'the cdktf CLI (`node bin/app.js`: main.ts bundled ahead of time, see bin/app.js); the previous',
      'entry runs main.ts through tsx, the peer through ts-node; the CLI row is `npx cdktf synth` itself.',
      'CPU ms adds user and system time of every node process of a run.',
      '',
      `Machine: ${machine}. Runs: paired rounds (every row once per round, in turn), ${o.runs} per row ` +
        `(ts-node peer ${peer?.runs ?? 0}, CLI ${cli.runs}, npm test ${testRun?.runs ?? 0}) after ${o.warmup} warm-up; ` +
        `1-minute load average during the rounds ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} ` +
        `(median ${median(loads).toFixed(2)}). Date: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      report,
      '',
    ].join('\n');
    const previousDoc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    writeFileSync(DOC, mergeDeploySection(doc, previousDoc));
    console.log('bench: wrote docs/performance.md');
  }
  rmSync(work, { recursive: true, force: true });
  if (o.check && targets.some((t) => !t.ok)) process.exit(1);
}

/** Per-file timings over several runs: the median of each file, most expensive first. */
function mergedFileTimings(runs: readonly FileTiming[][]): FileTiming[] {
  const byFile = new Map<string, FileTiming[]>();
  for (const run of runs) for (const f of run) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  return [...byFile.entries()]
    .map(([file, ts]) => ({ file, ms: median(ts.map((t) => t.ms)), tests: ts[0].tests }))
    .sort((a, b) => b.ms - a.ms);
}

main();
