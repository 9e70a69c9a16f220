import { blocks, compliant, isOneShot, isToken, nonCompliant, notApplicable, PolicyRule } from '../types';

/** Seconds a data service gets to flush on stop before SIGKILL. */
export const MIN_GRACE_SECONDS = 10;

/**
 * DL011 (warning): a long-running container that writes to a named volume gets time to shut down
 * cleanly. Unset `destroy_grace_seconds` makes the docker provider stop with timeout 0, i.e. an
 * immediate SIGKILL, on every re-create.
 */
export const stopGrace: PolicyRule = {
  id: 'DL011',
  name: 'stop-grace',
  level: 'warning',
  summary: `long-running docker_container resources mounting a named volume set destroy_grace_seconds ≥ ${MIN_GRACE_SECONDS}`,
  fix: 'render through DockerService (30 s by default) or set stopGraceSeconds in the ServiceSpec',
  check(r) {
    if (r.type !== 'docker_container' || isOneShot(r.config)) return notApplicable();
    const mountsData = blocks(r.config.volumes).some((v) => typeof v.volume_name === 'string' && v.volume_name !== '');
    if (!mountsData) return notApplicable();
    const g = r.config.destroy_grace_seconds;
    if (isToken(g)) return compliant();
    return typeof g === 'number' && g >= MIN_GRACE_SECONDS ? compliant() : nonCompliant(`destroy_grace_seconds is ${g === undefined ? 'unset (immediate SIGKILL)' : String(g)}`);
  },
};
