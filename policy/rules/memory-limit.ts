import { compliant, isToken, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL003: every container has a hard memory limit. Without one a single service can take the host
 * down, and the capacity plan (`npm run plan:capacity`) means nothing.
 */
export const memoryLimit: PolicyRule = {
  id: 'DL003',
  name: 'memory-limit',
  level: 'error',
  summary: 'docker_container resources set memory (MiB) > 0',
  fix: 'set memoryMb for the service in config/<env>.yaml (DockerService sets memory and memory_swap from it)',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const m = r.config.memory;
    if (isToken(m)) return compliant();
    if (typeof m !== 'number') return nonCompliant('no memory limit');
    return m > 0 ? compliant() : nonCompliant(`memory ${m} is not a limit`);
  },
};
