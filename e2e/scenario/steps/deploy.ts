/**
 * a. deploy: `npx cdktf deploy core` on a host without the environment, then every core container
 * healthy and the lake provisioner exited 0. Deploy-to-healthy runs from the command's start
 * (synth, init, plan, apply: the time a user waits) until the last container reports healthy.
 */
import { log } from '../../lib/log';
import { checkCoreUp, CORE_SERVICES } from '../core-up';
import { coreRetryingKafkaFlake } from '../kafka-flake';
import type { ScenarioStep } from '../runner';

export const deploy: ScenarioStep = {
  name: 'deploy',
  summary: 'npx cdktf deploy core: every core container healthy, the lake provisioner exited 0',
  needs: [],
  services: CORE_SERVICES,
  async run(s) {
    const started = Date.now();
    // The kafka provider's topic-creation flake is retried once, with a warning (kafka-flake.ts).
    const ms = await coreRetryingKafkaFlake(s, 'deploy', 'topic creation, first deploy');
    log(`cdktf deploy: done (${Math.round(ms / 1000)} s)`);
    const up = await checkCoreUp(s, 5 * 60_000);
    s.measurements.record('cdktf deploy core', ms, 'the command: synth, init, plan and apply (which waits for each health check)');
    s.measurements.record('deploy to healthy', Date.now() - started, `from the deploy command's start until ${up.services.length} containers report healthy`);
  },
};
