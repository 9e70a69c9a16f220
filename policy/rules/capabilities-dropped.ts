import { blocks, compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL016: a container drops every Linux capability and adds none back. Docker otherwise grants 14
 * (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …) to a root process; a service that starts as its own
 * user needs none. Added capabilities are violations, so each one shows up in the report with the
 * reason its service gives (DockerService suppresses this rule with the reasons of
 * `hardening.capabilities`).
 */
export const capabilitiesDropped: PolicyRule = {
  id: 'DL016',
  name: 'capabilities-dropped',
  level: 'error',
  summary: 'docker_container resources drop ALL capabilities and add none back',
  fix: 'render through DockerService (drops ALL); give back only what the service needs with hardening.capabilities [{ capability, reason }]',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const caps = blocks(r.config.capabilities);
    const list = (key: 'add' | 'drop') => caps.flatMap((c) => (Array.isArray(c[key]) ? c[key].map((x) => String(x).toUpperCase()) : []));
    if (!list('drop').includes('ALL')) return nonCompliant("capabilities.drop does not include ALL: Docker's default set (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …) stays");
    const added = list('add');
    return added.length ? nonCompliant(`capabilities.add ${added.join(', ')}`) : compliant();
  },
};
