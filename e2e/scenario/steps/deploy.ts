/**
 * a. deploy: `npx cdktf deploy core` on a host without the environment, then every core container
 * healthy and the lake provisioner exited 0. Deploy-to-healthy runs from the command's start
 * (synth, init, plan, apply: the time a user waits) until the last container reports healthy.
 */
import { log } from '../../lib/log';
import { cdktf } from '../commands';
import { checkCoreUp, CORE_SERVICES } from '../core-up';
import type { ScenarioStep } from '../runner';

export const deploy: ScenarioStep = {
  name: 'deploy',
  summary: 'npx cdktf deploy core: every core container healthy, the lake provisioner exited 0',
  needs: [],
  services: CORE_SERVICES,
  async run(s) {
    const started = Date.now();
    const r = await cdktf(s, 'deploy', { timeoutMs: 20 * 60_000 });
    const applied = /Apply complete! Resources: [^\n]*/.exec(r.stdout)?.[0];
    log(`cdktf deploy: ${applied ?? 'done'} (${Math.round(r.ms / 1000)} s)`);
    const up = await checkCoreUp(s, 5 * 60_000);
    s.measurements.record('cdktf deploy core', r.ms, 'the command: synth, init, plan and apply (which waits for each health check)');
    s.measurements.record('deploy to healthy', Date.now() - started, `from the deploy command's start until ${up.services.length} containers report healthy`);
  },
};
