import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL015: no process in a container can gain privileges through a setuid/setgid binary or file
 * capabilities (`security_opts` `no-new-privileges:true`), so a compromised non-root service stays
 * non-root.
 */
export const noNewPrivileges: PolicyRule = {
  id: 'DL015',
  name: 'no-new-privileges',
  level: 'error',
  summary: 'docker_container resources set security_opts "no-new-privileges:true"',
  fix: 'render through DockerService (on by default); a service that truly needs setuid binaries sets hardening.noNewPrivileges { enabled: false, reason }',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const opts = Array.isArray(r.config.security_opts) ? r.config.security_opts.map(String) : [];
    const set = opts.some((o) => o === 'no-new-privileges' || o === 'no-new-privileges:true' || o === 'no-new-privileges=true');
    return set ? compliant() : nonCompliant('security_opts lacks no-new-privileges:true: a setuid binary in the image could raise a process to root');
  },
};
