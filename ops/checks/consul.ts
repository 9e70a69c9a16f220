/**
 * Consul checks over its HTTP API: the catalog answers (`/v1/catalog/services`), and every
 * registration of the model is in it with each replica's health checks passing
 * (`/v1/health/service/<name>`). The checks themselves are run by consul-esm inside the network, so
 * a critical state here means the service failed its probe there.
 */
import { RegistrationModel } from '../model';
import { Check } from '../runner';
import { CheckFailure, firstLine } from './failure';
import { httpGet } from './http';

export interface ConsulCheckOptions {
  readonly environment: string;
  /** ACL token, sent as X-Consul-Token when set (`CONSUL_HTTP_TOKEN`). */
  readonly token?: string;
  /** The service and stack that serve an endpoint, for hints and grouping. @default - the registration's stack, service "consul" */
  readonly ownerOf?: (endpoint: string) => { readonly stack: string; readonly service: string } | undefined;
}

/** The parts of `/v1/health/service/<name>` entries that are read. */
interface HealthEntry {
  readonly Node: { readonly Node: string };
  readonly Service: { readonly ID: string; readonly Service: string };
  readonly Checks: readonly { readonly CheckID: string; readonly Name: string; readonly Status: string; readonly Output?: string; readonly ServiceID?: string }[];
}

const SEVERITY: Record<string, number> = { passing: 0, warning: 1, critical: 2, maintenance: 2 };

export function consulChecks(registrations: readonly RegistrationModel[], opts: ConsulCheckOptions): Check[] {
  const checks: Check[] = [];
  const catalogs = new Map<string, string>();
  const headers: Record<string, string> = opts.token ? { 'X-Consul-Token': opts.token } : {};
  for (const r of registrations) {
    // One catalog check per Consul server, in the stack that runs it, whichever stacks register there.
    const owner = opts.ownerOf?.(r.consul) ?? { stack: r.stack, service: 'consul' };
    let catalogId = catalogs.get(r.consul);
    if (!catalogId) {
      catalogId = `${owner.stack}/${owner.service}/catalog${catalogs.size === 0 ? '' : `-${catalogs.size + 1}`}`;
      catalogs.set(r.consul, catalogId);
      checks.push(catalogCheck(catalogId, r, headers, owner));
    }
    checks.push(registrationCheck(catalogId, r, headers, opts.environment));
  }
  return checks;
}

async function getJson<T>(url: string, signal: AbortSignal, headers: Record<string, string>): Promise<T> {
  const answer = await httpGet(url, signal, headers);
  if (answer.status === 403) {
    throw new CheckFailure(`${url} answered 403: Consul ACLs are on`, 'set CONSUL_HTTP_TOKEN to a token with service:read and node:read', false);
  }
  if (answer.status !== 200) throw new CheckFailure(`${url} answered HTTP ${answer.status}: ${firstLine(answer.body)}`, 'see the Consul server log (docker logs of its container)');
  try {
    return JSON.parse(answer.body) as T;
  } catch {
    throw new CheckFailure(`${url} did not answer JSON: is this port Consul's?`, 'check the consul http port binding in config/<env>.yaml');
  }
}

function catalogCheck(id: string, r: RegistrationModel, headers: Record<string, string>, owner: { stack: string; service: string }): Check {
  const url = `${r.consul}/v1/catalog/services`;
  return {
    id,
    group: owner.stack,
    kind: 'consul',
    name: `${owner.service} catalog`,
    endpoint: url,
    service: owner.service,
    async run(signal) {
      const services = await getJson<Record<string, string[]>>(url, signal, headers);
      return `${Object.keys(services).length} services`;
    },
  };
}

function registrationCheck(catalogId: string, r: RegistrationModel, headers: Record<string, string>, environment: string): Check {
  const url = `${r.consul}/v1/health/service/${encodeURIComponent(r.service)}`;
  return {
    id: `${r.stack}/consul/service/${r.service}`,
    group: r.stack,
    kind: 'consul',
    name: `consul: ${r.service}`,
    endpoint: url,
    service: r.service,
    dependsOn: catalogId,
    async run(signal) {
      const catalog = await getJson<Record<string, string[]>>(`${r.consul}/v1/catalog/services`, signal, headers);
      if (!(r.service in catalog)) {
        throw new CheckFailure(`service "${r.service}" is not in Consul's catalog`, `run \`npx cdktf deploy ${r.stack}\` (it registers the service)`, false);
      }
      const entries = await getJson<HealthEntry[]>(url, signal, headers);
      const problems: string[] = [];
      // Containers of the instances whose check fails, for the hint (the first one otherwise).
      const failing: string[] = [];
      for (const [i, instance] of r.instances.entries()) {
        const entry = entries.find((e) => e.Service.ID === instance);
        if (!entry) {
          problems.push(`instance ${instance} is not registered`);
          continue;
        }
        if (entry.Checks.length === 0) problems.push(`instance ${instance} has no health check`);
        const worst = [...entry.Checks].sort((a, b) => (SEVERITY[b.Status] ?? 2) - (SEVERITY[a.Status] ?? 2))[0];
        if (worst && worst.Status !== 'passing') {
          const out = worst.Output ? `: ${firstLine(worst.Output)}` : '';
          problems.push(`${instance} check "${worst.Name}" is ${worst.Status}${out}`);
          failing.push(r.containers[i] ?? `datalab-${environment}-${instance}`);
        }
      }
      if (problems.length > 0) {
        const missing = problems.some((p) => p.includes('not registered'));
        throw new CheckFailure(
          problems.join('; '),
          missing
            ? `run \`npx cdktf deploy ${r.stack}\` (it registers every replica)`
            : `consul-esm probes from inside the network: ${(failing.length > 0 ? failing : r.containers.slice(0, 1)).map((c) => `docker logs ${c}`).join(', ')} and docker logs datalab-${environment}-consul-esm`,
        );
      }
      return `${r.instances.length} instance${r.instances.length === 1 ? '' : 's'} passing`;
    },
  };
}
