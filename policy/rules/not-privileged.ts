import { blocks, compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

const HOST_CAPABILITIES = ['ALL', 'SYS_ADMIN', 'CAP_SYS_ADMIN', 'NET_ADMIN', 'CAP_NET_ADMIN', 'SYS_PTRACE', 'CAP_SYS_PTRACE'];

/** DL005: no container runs privileged or with host-level capabilities. */
export const notPrivileged: PolicyRule = {
  id: 'DL005',
  name: 'not-privileged',
  level: 'error',
  summary: 'docker_container resources are not privileged and add no host-level capabilities (ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE)',
  fix: 'remove privileged / capabilities.add; if a service truly needs one, suppress DL005 for it with the reason',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    if (r.config.privileged === true) return nonCompliant('privileged = true');
    const added = blocks(r.config.capabilities).flatMap((c) => (Array.isArray(c.add) ? c.add.map(String) : []));
    const bad = added.filter((c) => HOST_CAPABILITIES.includes(c.toUpperCase()));
    return bad.length ? nonCompliant(`capabilities.add ${bad.join(', ')}`) : compliant();
  },
};
