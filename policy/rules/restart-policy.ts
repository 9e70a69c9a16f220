import { compliant, isOneShot, nonCompliant, notApplicable, PolicyRule } from '../types';

const RESTARTING = ['always', 'unless-stopped', 'on-failure'];

/**
 * DL004: long-running containers come back after a crash or a host reboot. One-shot containers
 * (`must_run = false`) must instead not restart (`restart = "no"`), or they would loop forever.
 */
export const restartPolicy: PolicyRule = {
  id: 'DL004',
  name: 'restart-policy',
  level: 'error',
  summary: 'long-running docker_container resources set restart to unless-stopped, always or on-failure; one-shot ones (must_run = false) use "no"',
  fix: 'render the container through DockerService (unless-stopped); for a job set `oneShot: true` in its ServiceSpec',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const restart = r.config.restart ?? 'no';
    if (isOneShot(r.config)) {
      return restart === 'no' ? compliant() : nonCompliant(`one-shot container (must_run = false) has restart "${String(restart)}"; use "no"`);
    }
    return RESTARTING.includes(String(restart)) ? compliant() : nonCompliant(`restart is "${String(restart)}" (the provider default "no" when unset)`);
  },
};
