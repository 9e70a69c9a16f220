/**
 * Each service's own health endpoint, dialled through its host port: the probe of the service's
 * health check (HTTP path or TCP port), replica by replica. A probe port that is not published is
 * reported as skipped: only Consul (inside the network) can reach it.
 */
import { ServiceModel } from '../model';
import { Check } from '../runner';
import { CheckFailure, CheckSkip } from './failure';
import { httpGet, tcpConnect } from './http';

export function healthChecks(services: readonly ServiceModel[], environment: string): Check[] {
  const checks: Check[] = [];
  for (const s of services) {
    if (!s.probe || s.oneShot) continue;
    const probe = s.probe;
    const published = s.ports.find((p) => p.containerPort === probe.port && p.host);
    s.replicas.forEach((replica, i) => {
      const host = published?.host ? { address: published.host.address, port: published.host.port + i } : undefined;
      const endpoint = host
        ? probe.scheme === 'tcp'
          ? `${host.address}:${host.port}`
          : `${probe.scheme}://${host.address}:${host.port}${probe.path ?? '/'}`
        : `${replica}:${probe.port} (network only)`;
      checks.push({
        id: `${s.stack}/${replica}/health`,
        group: s.stack,
        kind: 'health',
        name: `${replica} health`,
        endpoint,
        service: replica,
        async run(signal) {
          if (!host) throw new CheckSkip(`probe port ${probe.port} is not published on the host; Consul checks it inside the network`);
          if (probe.scheme === 'tcp') {
            await tcpConnect(host.address, host.port, signal);
            return 'port open';
          }
          const answer = await httpGet(endpoint, signal);
          // Like `curl -f` in the container's own check: 2xx and 3xx are healthy.
          if (answer.status >= 200 && answer.status < 400) return `HTTP ${answer.status}`;
          throw new CheckFailure(
            `${endpoint} answered HTTP ${answer.status}`,
            `see why the service is unhealthy: docker logs datalab-${environment}-${replica}`,
          );
        },
      });
    });
  }
  return checks;
}
