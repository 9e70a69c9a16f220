/**
 * `npm run diff -- [--skip-synth] [--outdir DIR] [stack…]`: plans the given stacks (default: all)
 * plus everything they depend on, in dependency order, and prints one summary table on stdout
 * (progress goes to stderr, so `npm run -s diff > summary.md` captures just the table).
 *
 * Uses `TERRAFORM_BINARY_NAME` (default `terraform`), as cdktf does; `tofu` works the same way.
 * `DATALAB_ENV` picks the environment, as for every other command.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GROUP_NAMES } from '../config/schema';
import { runDiff } from './diff/run';
import { spawnRunner, terraformBinary } from './diff/runner';
import { localStateReachable } from '../stacks/backend';
import { environmentFromEnv, loadEnvironment } from '../config/loader';

const ROOT = path.join(__dirname, '..');

const USAGE = 'usage: npm run diff -- [--skip-synth] [--outdir DIR] [stack…]';

/** Runs the app command from cdktf.json (what `cdktf synth` runs), writing into `outdir`. */
function synthesize(outdir: string): Promise<void> {
  const app = (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app;
  return new Promise((resolve, reject) => {
    // The app's own output goes to stderr: stdout carries only the summary table.
    const child = spawn(app, { cwd: ROOT, shell: true, stdio: ['ignore', 2, 'inherit'], env: { ...process.env, CDKTF_OUTDIR: outdir } });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`synth failed (${app} exited with ${code})`))));
  });
}

async function main(argv: string[]): Promise<number> {
  let skipSynth = false;
  let outdir = path.join(ROOT, 'cdktf.out');
  const requested: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--skip-synth') skipSynth = true;
    else if (a === '--outdir') outdir = path.resolve(argv[++i] ?? '');
    else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else requested.push(a);
  }
  if (!localStateReachable(outdir) && localBackend()) {
    // Local state paths are relative to <outdir>/stacks/<stack>: outside the project they would
    // point at a .state/ that does not exist, and every plan would show everything as new.
    console.error(`--outdir ${outdir} is outside the project (${ROOT}); plans need the project's .state/ — use a directory inside it, e.g. --outdir cdktf.pr`);
    return 2;
  }
  const binary = terraformBinary();
  const env = process.env.DATALAB_ENV?.trim() || 'dev';
  const outcome = await runDiff({
    requested,
    outdir,
    synth: skipSynth ? undefined : () => synthesize(outdir),
    run: spawnRunner(binary),
    log: (line) => console.error(line),
    title: `Plan summary: environment ${env}, ${binary}`,
    preferredOrder: GROUP_NAMES,
  });
  (outcome.exitCode === 2 ? console.error : console.log)(outcome.output);
  return outcome.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);

/** Whether the selected environment keeps state locally (only then must the outdir be inside the project). */
function localBackend(): boolean {
  try {
    return loadEnvironment(environmentFromEnv()).state.backend === 'local';
  } catch {
    return true; // the synth step reports a bad config itself
  }
}

