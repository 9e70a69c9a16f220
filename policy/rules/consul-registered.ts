import { blocks, compliant, isOneShot, nonCompliant, notApplicable, PolicyRule } from '../types';

const CHECK_KINDS = ['http', 'tcp', 'grpc', 'script', 'args', 'ttl', 'docker_container_id'];

/** Names a container is known by on the platform network: hostname, network aliases, container name. */
function containerNames(config: Readonly<Record<string, unknown>>): string[] {
  const names = typeof config.hostname === 'string' ? [config.hostname] : [];
  // Docker's DNS resolves container names on user-defined networks: replicas are registered by them.
  if (typeof config.name === 'string') names.push(config.name);
  for (const n of blocks(config.networks_advanced)) if (Array.isArray(n.aliases)) names.push(...n.aliases.map(String));
  return names;
}

/**
 * DL008: every long-running container is in Consul's catalog with a health check, so monitoring and
 * discovery see every service. Cross-resource: looks for a `consul_service` (in any stack) whose
 * service_id or address is the container's hostname, alias or container name and that has a check.
 */
export const consulRegistered: PolicyRule = {
  id: 'DL008',
  name: 'consul-registered',
  level: 'error',
  summary: 'long-running docker_container resources are registered as a consul_service (service_id or address = hostname/alias) with a check',
  fix: 'call core.discovery.register(service) for the DockerService in its stack',
  check(r, ctx) {
    if (r.type !== 'docker_container' || isOneShot(r.config)) return notApplicable();
    const names = containerNames(r.config);
    if (names.length === 0) return nonCompliant('container has no hostname or network alias a registration could name');
    const services = ctx.resources.filter((o) => o.type === 'consul_service');
    const match = services.find((s) => names.includes(String(s.config.service_id)) || names.includes(String(s.config.address)));
    if (!match) return nonCompliant(`no consul_service registers "${names[0]}"`);
    const checks = blocks(match.config.check);
    const real = checks.some((c) => CHECK_KINDS.some((k) => c[k] !== undefined && c[k] !== ''));
    return real ? compliant() : nonCompliant(`consul_service ${match.address} registers "${names[0]}" without a check`);
  },
};
