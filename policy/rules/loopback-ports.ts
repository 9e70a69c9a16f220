import { blocks, compliant, dockerLabels, isToken, nonCompliant, notApplicable, PolicyRule } from '../types';

/** The label a container may carry to declare itself public (besides `public: true` in config). */
export const PUBLIC_LABEL = 'datalab.public';

/**
 * DL006: published host ports bind to loopback (127.0.0.0/8) unless the service is public: marked
 * `public: true` in the environment file, or labelled `datalab.public=true`. An unset `ip` means
 * 0.0.0.0, i.e. every interface.
 */
export const loopbackPorts: PolicyRule = {
  id: 'DL006',
  name: 'loopback-ports',
  level: 'error',
  summary: 'docker_container ports bind ip 127.x unless the service is public (config `public: true` or label datalab.public=true)',
  fix: 'drop the binding address (default network.publishAddress 127.0.0.1), or set `public: true` on the service in config/<env>.yaml',
  check(r, ctx) {
    if (r.type !== 'docker_container') return notApplicable();
    const ports = blocks(r.config.ports);
    if (ports.length === 0) return notApplicable();
    const labels = dockerLabels(r.config);
    const service = labels['datalab.service'];
    if (labels[PUBLIC_LABEL] === 'true' || (service !== undefined && ctx.publicServices.has(service))) return compliant();
    const open = ports.filter((p) => !isToken(p.ip) && !String(p.ip ?? '0.0.0.0').startsWith('127.'));
    return open.length
      ? nonCompliant(`host port(s) ${open.map((p) => `${String(p.ip ?? '0.0.0.0')}:${String(p.external ?? '(random)')}`).join(', ')} of service "${service ?? r.name}" leave loopback`)
      : compliant();
  },
};
