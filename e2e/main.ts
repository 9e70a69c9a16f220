/**
 * `npm run e2e [-- --step <name>] [--keep] [--list] [--verbose]`: the acceptance scenario of the
 * stacks on a real Docker Engine, driven by the real cdktf CLI and OpenTofu; with --platform, the
 * whole-platform scenario (every stack deployed and destroyed with one command each).
 *
 * It prepares (engine, toolchain, stand-in images: idempotent and cached), removes what an earlier
 * run or a deploy by hand left of the e2e environment, runs the steps (e2e/scenario/steps/), and
 * tears the environment down unless --keep. Exit 0 only when every step passed; 1 when one
 * failed or was skipped; 2 on bad arguments or when the machine cannot run the scenario; 3 when a
 * program no registry here serves (the docker and consul providers, consul-esm) was not supplied.
 * DATALAB_E2E_EVENT_COPIES scales the processing step's event set; DATALAB_E2E_MAVEN_PORT moves
 * the Maven mirror the Spark image's build reads its jars from (default 18081).
 * Measurements go to <cache>/last-run.json and are printed as markdown tables at the end.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { cacheDir } from './lib/cache';
import { log, runEntryPoint, step, stepTimings, timingTable, UserFacingError } from './lib/log';
import { removeConfigCopies } from './scenario/config-copy';
import { ENVIRONMENT, Scenario, stateDir } from './scenario/context';
import { failureMessage } from './scenario/evidence';
import { removeLeftovers } from './scenario/leftovers';
import { hostFacts, markdown, Measurements, RunReport, StepOutcome, writeReport } from './scenario/measurements';
import { MemorySampler } from './scenario/memory';
import { prepare } from './scenario/prepare';
import { runSteps, ScenarioStep, selectSteps } from './scenario/runner';
import { STEPS } from './scenario/steps';
import { PLATFORM_STEPS } from './scenario/steps/platform';
import { teardown } from './scenario/teardown';

const ROOT = path.resolve(__dirname, '..');
// The project supports node >= 20 (as bin/datalab.js): the AWS SDK's notice about its node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run e2e -- [--platform] [--step <name>]… [--keep] [--verbose] [--list]
  --platform     the whole-platform scenario instead: cdktf deploy '*', datalab verify, a no-change
                 plan of every stack, cdktf destroy '*'
  --step <name>  run this step and the steps it needs (repeatable); default: every step
  --keep         leave the environment up at the end or after a failure (no teardown)
  --verbose      echo the output of cdktf, tofu and docker while they run
  --list         list the steps and exit`;

interface Args {
  readonly platform: boolean;
  readonly steps: readonly string[];
  readonly keep: boolean;
  readonly verbose: boolean;
  readonly list: boolean;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const steps: string[] = [];
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--step') {
      const name = argv[++i];
      if (!name) throw new UserFacingError(`--step needs a step name\n${USAGE}`, 2);
      steps.push(name);
    } else if (a.startsWith('--step=')) steps.push(a.slice('--step='.length));
    else if (['--platform', '--keep', '--verbose', '--list', '--help', '-h'].includes(a)) flags.add(a);
    else throw new UserFacingError(`unknown argument "${a}"\n${USAGE}`, 2);
  }
  const platform = flags.has('--platform');
  const known = scenarioSteps(platform).map((st) => st.name);
  const unknown = steps.filter((n) => !known.includes(n));
  if (unknown.length) throw new UserFacingError(`unknown step ${unknown.join(', ')}${platform ? ' of --platform' : ''}; steps: ${known.join(', ')}`, 2);
  return { platform, steps, keep: flags.has('--keep'), verbose: flags.has('--verbose'), list: flags.has('--list'), help: flags.has('--help') || flags.has('-h') };
}

/** The per-stack acceptance scenario, or the whole-platform one. */
function scenarioSteps(platform: boolean): readonly ScenarioStep[] {
  return platform ? PLATFORM_STEPS : STEPS;
}

function listSteps(platform: boolean): string {
  const steps = scenarioSteps(platform);
  const width = Math.max(...steps.map((st) => st.name.length));
  return steps.map((st) => `${st.name.padEnd(width)}  ${st.summary}${st.needs.length ? ` [needs ${st.needs.join(', ')}]` : ''}`).join('\n');
}

function summary(outcomes: readonly StepOutcome[]): string {
  const skipped = outcomes.filter((o) => o.status === 'skip').map((o) => `- ${o.name}  skipped: ${o.detail}`);
  return [timingTable(stepTimings()), ...skipped].join('\n');
}

/** Teardown unless --keep; false when it failed (the run then fails too: the next one would meet leftovers). */
async function finish(s: Scenario, keep: boolean): Promise<boolean> {
  if (keep) {
    const config = s.configDir ? ` DATALAB_CONFIG_DIR=${s.configDir}` : '';
    log(`--keep: the environment stays up (DATALAB_ENV=${ENVIRONMENT}${config}); the next run removes it first`);
    return true;
  }
  try {
    await step('teardown', () => teardown(s));
    return true;
  } catch (err) {
    log(`teardown failed: ${failureMessage(err)}`);
    return false;
  }
}

/**
 * `host.memoryMb` of the environment as deployed (the change step may have switched to an edited
 * copy), or the larger host a step declared for a while (the pipelines step): the peak may be then.
 */
function declaredHostMemoryMb(s: Scenario): number {
  return Math.max(loadEnvironment(ENVIRONMENT, s.configDir ?? path.join(s.root, 'config')).host.memoryMb, s.largestDeclaredHostMb ?? 0);
}

function report(s: Scenario, startedAt: string, dockerServer: string, outcomes: readonly StepOutcome[], ok: boolean, sampler: MemorySampler): RunReport {
  const total = sampler.totalPeak();
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    ok,
    host: hostFacts(dockerServer),
    preparation: stepTimings().filter((t) => !outcomes.some((o) => o.name === t.name)),
    steps: outcomes,
    measurements: s.measurements.list(),
    warnings: s.measurements.warnings(),
    memory: sampler.report(),
    ...(total ? { memoryTotal: { ...total, declaredHostMiB: declaredHostMemoryMb(s) } } : {}),
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help || args.list) {
    process.stdout.write(`${args.help ? USAGE : listSteps(args.platform)}\n`);
    return 0;
  }
  const selected = selectSteps(scenarioSteps(args.platform), args.steps);
  const startedAt = new Date().toISOString();
  const logFile = path.join(cacheDir('logs'), 'scenario.log');
  fs.writeFileSync(logFile, `e2e scenario ${startedAt}\n`);
  log(`output of cdktf, tofu and docker: ${logFile}`);
  process.once('SIGINT', () => {
    log('interrupted: the environment stays as it is; the next run removes it first');
    process.exit(130);
  });

  const { engine, toolchain, warnings } = await prepare(ROOT);
  const s: Scenario = { root: ROOT, toolchain, logFile, verbose: args.verbose, measurements: new Measurements() };
  warnings.forEach((w) => s.measurements.warn(w));
  await step('remove leftovers', async () => {
    await removeLeftovers(stateDir(s));
    removeConfigCopies();
  });

  // Sampled from the first deploy to the end of teardown: every container's peak is seen.
  const sampler = new MemorySampler();
  sampler.start();
  const outcomes = await runSteps(selected, s);
  const tornDown = await finish(s, args.keep);
  await sampler.stop();

  const ok = tornDown && outcomes.every((o) => o.status === 'pass');
  const run = report(s, startedAt, engine.serverVersion, outcomes, ok, sampler);
  const file = writeReport(run);
  process.stderr.write(`\n${summary(outcomes)}\n\n`);
  process.stdout.write(`${markdown(run)}\n`);
  log(`measurements: ${file}${sampler.failedSamples ? ` (${sampler.failedSamples} memory samples failed)` : ''}`);
  log(ok ? 'e2e: every step passed' : `e2e: FAILED (${outcomes.filter((o) => o.status !== 'pass').map((o) => `${o.name} ${o.status}`).join(', ') || 'teardown'})`);
  return ok ? 0 : 1;
}

runEntryPoint(main);
