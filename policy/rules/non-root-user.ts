import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL017: a container names the user it runs as, and it is not root. Unset, the image's USER
 * decides, which nothing at synth can check (and several images start as root).
 */
export const nonRootUser: PolicyRule = {
  id: 'DL017',
  name: 'non-root-user',
  level: 'error',
  summary: 'docker_container resources set user to a non-root user (uid ≠ 0, not "root")',
  fix: 'set hardening.runAs: RunAs.user(uid, gid) (or RunAs.imageUser(name)); a service that must start as root uses RunAs.root(reason)',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const user = r.config.user;
    if (typeof user !== 'string' || user === '') return nonCompliant("user is unset: the image's USER decides, which may be root");
    const name = user.split(':')[0];
    return name === '0' || name === 'root' ? nonCompliant(`user is ${user} (root)`) : compliant();
  },
};
