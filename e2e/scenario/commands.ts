/**
 * The real CLIs the scenario drives: `npx cdktf`, `tofu` in the synthesized stack directory and
 * `npx datalab`, all with the toolchain's environment (mirror-only providers, the built tofu),
 * DATALAB_ENV=e2e and the config directory in force.
 */
import { run, RunResult } from '../lib/exec';
import { ENVIRONMENT, outDir, Scenario, stackDir, STACK, StackName } from './context';

export interface CommandOptions {
  readonly timeoutMs?: number;
  /** Exit codes the caller inspects itself (default: only 0 is success). */
  readonly okCodes?: readonly number[];
}

export function childEnv(s: Scenario): NodeJS.ProcessEnv {
  // CI: cdktf prints plain lines instead of redrawing a spinner, so logs and error tails read as text.
  const env: NodeJS.ProcessEnv = { ...s.toolchain.env, DATALAB_ENV: ENVIRONMENT, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  // A DATALAB_CONFIG_DIR from the caller's shell would silently deploy another config.
  delete env.DATALAB_CONFIG_DIR;
  if (s.configDir) env.DATALAB_CONFIG_DIR = s.configDir;
  return env;
}

function runIn(s: Scenario, cwd: string, cmd: string, args: readonly string[], opts: CommandOptions): Promise<RunResult> {
  return run(cmd, args, { cwd, env: childEnv(s), logFile: s.logFile, stream: s.verbose, timeoutMs: opts.timeoutMs ?? 10 * 60_000, okCodes: opts.okCodes });
}

/**
 * `npx cdktf <command> <stack> … --skip-provider-lock` (core unless named): cdktf's `providers lock` would ask the
 * registry for every platform's checksums, and this machine installs providers from the mirror only.
 * A destroy of one stack also needs --ignore-missing-stack-dependencies: the other stacks of the
 * environment depend on core (and some on processing), and cdktf refuses to destroy it without them
 * (they are not deployed). The scenario destroys processing before core itself. A deploy of
 * processing needs it too: cdktf would otherwise insist on deploying core in the same command.
 */
export function cdktf(s: Scenario, command: 'deploy' | 'destroy', opts: CommandOptions = {}, stack: StackName = STACK): Promise<RunResult> {
  // A deploy of processing names only processing: core is deployed already, by an earlier command.
  const extra = command === 'destroy' || stack !== STACK ? ['--ignore-missing-stack-dependencies'] : [];
  return runIn(s, s.root, 'npx', ['cdktf', command, stack, '--output', outDir(s), '--auto-approve', '--skip-provider-lock', '--no-color', ...extra], opts);
}

/**
 * `npx cdktf <command> '*'`: every stack of the environment in one command, in the order of their
 * dependencies (cdktf's own), as a user deploys or destroys the whole platform.
 */
export function cdktfAll(s: Scenario, command: 'deploy' | 'destroy', opts: CommandOptions = {}): Promise<RunResult> {
  return runIn(s, s.root, 'npx', ['cdktf', command, '*', '--output', outDir(s), '--auto-approve', '--skip-provider-lock', '--no-color'], opts);
}

/** `npx cdktf synth`: rewrites the output directory (keeping each stack's .terraform, see policy/gate.ts). */
export function cdktfSynth(s: Scenario, opts: CommandOptions = {}): Promise<RunResult> {
  return runIn(s, s.root, 'npx', ['cdktf', 'synth', '--output', outDir(s)], opts);
}

/** OpenTofu in a synthesized stack's directory (core unless named), which `cdktf deploy` initialised (backend and providers). */
export function tofu(s: Scenario, args: readonly string[], opts: CommandOptions = {}, stack: StackName = STACK): Promise<RunResult> {
  return runIn(s, stackDir(s, stack), s.toolchain.tofuBinary, args, opts);
}

export function datalab(s: Scenario, args: readonly string[], opts: CommandOptions = {}): Promise<RunResult> {
  return runIn(s, s.root, 'npx', ['datalab', ...args], opts);
}

/** Terminal colours and cursor moves, should a child ignore NO_COLOR and CI: output is matched and shown as text. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
