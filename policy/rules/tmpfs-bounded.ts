import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

/**
 * DL019 (warning): every tmpfs of a container has a size. What is written to a tmpfs is memory,
 * charged to the container; without `size=` Docker allows half the host's RAM, so a runaway log
 * would end in the OOM killer instead of a full disk.
 */
export const tmpfsBounded: PolicyRule = {
  id: 'DL019',
  name: 'tmpfs-bounded',
  level: 'warning',
  summary: 'every tmpfs mount of a docker_container sets size=',
  fix: 'declare scratch paths through hardening.scratch (sizeMb is required)',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const tmpfs = r.config.tmpfs;
    if (!tmpfs || typeof tmpfs !== 'object') return notApplicable();
    const unbounded = Object.entries(tmpfs as Record<string, unknown>)
      .filter(([, opts]) => !String(opts ?? '').split(',').some((o) => /^size=\d+[kmg%]?$/i.test(o.trim())))
      .map(([path]) => path);
    return unbounded.length ? nonCompliant(`tmpfs without size: ${unbounded.join(', ')}`) : compliant();
  },
};
