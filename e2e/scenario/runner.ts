/**
 * Runs scenario steps in order. A step declares the steps it needs (`--step verify` runs deploy and
 * consul first); a step whose need failed or was skipped is skipped, since it would only fail for
 * the same reason. A failed step prints its evidence and the run goes on with the steps that do
 * not depend on it, so one run shows every independent failure.
 */
import { log, step } from '../lib/log';
import { containerName, Scenario } from './context';
import { evidence, failureMessage } from './evidence';
import type { StepOutcome } from './measurements';

export interface ScenarioStep {
  readonly name: string;
  /** One line for --list. */
  readonly summary: string;
  readonly needs: readonly string[];
  /** Services (datalab-e2e-<service>) whose state, health and logs are the evidence of a failure. */
  readonly services: readonly string[];
  readonly run: (s: Scenario) => Promise<void>;
  /**
   * Puts the environment back in shape after a failure part-way (a broker the step stopped is
   * started again), so the steps that do not depend on this one still meet a working platform.
   */
  readonly recover?: (s: Scenario) => Promise<void>;
}

/** The named steps with everything they need, in the scenario's order; all steps when none are named. */
export function selectSteps(all: readonly ScenarioStep[], wanted: readonly string[]): readonly ScenarioStep[] {
  if (!wanted.length) return all;
  const byName = new Map(all.map((st) => [st.name, st]));
  const chosen = new Set<string>();
  const add = (name: string): void => {
    const st = byName.get(name);
    if (!st) throw new Error(`unknown step "${name}"`);
    if (chosen.has(name)) return;
    chosen.add(name);
    st.needs.forEach(add);
  };
  wanted.forEach(add);
  return all.filter((st) => chosen.has(st.name));
}

export async function runSteps(steps: readonly ScenarioStep[], s: Scenario): Promise<readonly StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const st of steps) {
    const blocked = st.needs.filter((n) => outcomes.find((o) => o.name === n)?.status !== 'pass');
    if (blocked.length) {
      const detail = `needs ${blocked.join(', ')}, which did not pass`;
      log(`- ${st.name}: skipped (${detail})`);
      outcomes.push({ name: st.name, status: 'skip', ms: 0, detail });
      continue;
    }
    const started = Date.now();
    try {
      await step(st.name, () => st.run(s));
      outcomes.push({ name: st.name, status: 'pass', ms: Date.now() - started });
    } catch (err) {
      const ms = Date.now() - started;
      process.stderr.write(`${await evidence(st.name, err, st.services.map(containerName))}\n`);
      outcomes.push({ name: st.name, status: 'fail', ms, detail: failureMessage(err).split('\n')[0] });
      await recover(st, s);
    }
  }
  return outcomes;
}

async function recover(st: ScenarioStep, s: Scenario): Promise<void> {
  if (!st.recover) return;
  try {
    await st.recover(s);
  } catch (err) {
    log(`${st.name}: could not put the environment back (${failureMessage(err).split('\n')[0]}); later steps may fail for it`);
  }
}
