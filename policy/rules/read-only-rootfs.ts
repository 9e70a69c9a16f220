import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL018: a container's root file system is read-only, so a compromised process cannot replace the
 * service's programs or configuration; what the service must write goes to volumes or scratch
 * paths (tmpfs) declared with their purpose.
 */
export const readOnlyRootfs: PolicyRule = {
  id: 'DL018',
  name: 'read-only-rootfs',
  level: 'error',
  summary: 'docker_container resources set read_only = true',
  fix: 'render through DockerService (read-only by default) and declare what the service writes as hardening.scratch; otherwise hardening.readOnlyRootFilesystem { enabled: false, reason }',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    return r.config.read_only === true ? compliant() : nonCompliant('read_only is not true: every process may rewrite the image');
  },
};
