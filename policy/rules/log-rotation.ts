import { compliant, nonCompliant, notApplicable, PolicyRule } from '../types';

const ROTATING_FILE_DRIVERS = ['json-file', 'local'];

/**
 * DL012 (warning): container logs are bounded. Docker's default json-file driver keeps logs
 * forever; a chatty service fills the host disk. Drivers that ship logs elsewhere (syslog,
 * journald, fluentd, …) are fine.
 */
export const logRotation: PolicyRule = {
  id: 'DL012',
  name: 'log-rotation',
  level: 'warning',
  summary: 'docker_container resources logging to a local file driver (json-file, local, or unset) set log_opts max-size',
  fix: 'render through DockerService (json-file, max-size 10m, max-file 3), or set log_driver/log_opts',
  check(r) {
    if (r.type !== 'docker_container') return notApplicable();
    const driver = String(r.config.log_driver ?? 'json-file');
    if (!ROTATING_FILE_DRIVERS.includes(driver)) return compliant();
    const opts = (r.config.log_opts ?? {}) as Record<string, unknown>;
    // The `local` driver rotates by default (20 MB × 5).
    if (driver === 'local' || opts['max-size'] !== undefined) return compliant();
    return nonCompliant(`log driver ${driver} without max-size: logs grow without bound`);
  },
};
