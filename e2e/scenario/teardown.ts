/**
 * The end of a run (unless --keep): destroy what the states still hold with cdktf (visualization
 * and processing before core, which they depend on), then remove
 * whatever is left by hand — a destroy refused by prevent_destroy or failing part-way must not
 * leave the next run (or the machine) an environment to trip over — and the config copy.
 */
import * as fs from 'node:fs';
import { log } from '../lib/log';
import { cdktf } from './commands';
import { removeConfigCopies } from './config-copy';
import { Scenario, StackName, stateDir, stateFile } from './context';
import { failureMessage } from './evidence';
import { removeLeftovers } from './leftovers';

export function stateHasResources(s: Scenario, stack: StackName): boolean {
  try {
    const state = JSON.parse(fs.readFileSync(stateFile(s, stack), 'utf8')) as { resources?: unknown[] };
    return (state.resources ?? []).length > 0;
  } catch {
    return false;
  }
}

export async function teardown(s: Scenario): Promise<void> {
  for (const stack of ['visualization', 'processing', 'core'] as const) {
    if (!stateHasResources(s, stack)) continue;
    try {
      const r = await cdktf(s, 'destroy', { timeoutMs: 15 * 60_000 }, stack);
      log(`  cdktf destroy ${stack}: ${Math.round(r.ms / 1000)} s`);
    } catch (err) {
      log(`  cdktf destroy ${stack} failed (${failureMessage(err).split('\n')[0]}); removing the environment by hand`);
      break;
    }
  }
  await removeLeftovers(stateDir(s));
  removeConfigCopies(s);
}
