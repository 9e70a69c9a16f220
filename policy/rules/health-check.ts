import { blocks, compliant, isOneShot, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL002: every long-running container declares a health check. `wait` on create, Consul checks and
 * restarts all depend on Docker knowing whether the service works, not only whether it runs.
 */
export const healthCheck: PolicyRule = {
  id: 'DL002',
  name: 'health-check',
  level: 'error',
  summary: 'long-running docker_container resources have a healthcheck block with a test',
  fix: 'give the ServiceSpec a `probe` (Probe.http/tcp/exec/shell); one-shot jobs set `oneShot: true`',
  check(r) {
    if (r.type !== 'docker_container' || isOneShot(r.config)) return notApplicable();
    const hc = blocks(r.config.healthcheck)[0];
    const test = hc?.test;
    if (!hc) return nonCompliant('no healthcheck block');
    if (!Array.isArray(test) || test.length === 0) return nonCompliant('healthcheck has no test');
    if (test[0] === 'NONE') return nonCompliant('healthcheck test is ["NONE"] (disabled)');
    return compliant();
  },
};
