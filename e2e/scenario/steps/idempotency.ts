/**
 * f. idempotency: right after deploy and the checks (a broker stopped and started included), a
 * plan of the unchanged config must be empty. Its time is the no-op plan time: a refresh of every
 * resource (containers, images, topics, registrations) and no change.
 */
import { log } from '../../lib/log';
import { AssertionFailed } from '../assert';
import { detailedPlan } from '../plan';
import type { ScenarioStep } from '../runner';

export const idempotency: ScenarioStep = {
  name: 'idempotency',
  summary: 'tofu plan -detailed-exitcode in the synthesized core stack: no change',
  needs: ['deploy'],
  services: [],
  async run(s) {
    const plan = await detailedPlan(s);
    s.measurements.record('no-op plan', plan.ms, 'tofu plan -detailed-exitcode in the synthesized core stack: refresh of every resource, nothing to do');
    if (!plan.empty) throw new AssertionFailed(`the plan of an unchanged config must be empty; it has:\n  ${plan.changes.join('\n  ')}`);
    log(`  no changes (${Math.round(plan.ms / 100) / 10} s)`);
  },
};
