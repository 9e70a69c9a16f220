/**
 * Consul's HTTP API on the host: the catalog and the checks consul-esm runs for each externally
 * registered service.
 */
import { checkSameSet } from './assert';

export interface ConsulCheck {
  readonly CheckID: string;
  readonly ServiceName: string;
  readonly Status: string;
  readonly Output: string;
}

async function get<T>(base: string, path: string): Promise<T> {
  const r = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!r.ok) throw new Error(`GET ${path} answered HTTP ${r.status}`);
  return (await r.json()) as T;
}

export async function catalogServices(base: string): Promise<readonly string[]> {
  return Object.keys(await get<Record<string, string[]>>(base, '/v1/catalog/services'));
}

export async function serviceChecks(base: string, service: string): Promise<readonly ConsulCheck[]> {
  return get<ConsulCheck[]>(base, `/v1/health/checks/${encodeURIComponent(service)}`);
}

/** The status of a service's checks: "passing" only when it has checks and all pass. */
export function overallStatus(checks: readonly ConsulCheck[]): string {
  if (!checks.length) return 'no checks';
  for (const s of ['critical', 'warning', 'maintenance']) if (checks.some((c) => c.Status === s)) return s;
  return checks.every((c) => c.Status === 'passing') ? 'passing' : checks.map((c) => c.Status).join(',');
}

/** Every named service's status, for polling and for messages ("kafka: critical (dial tcp …)"). */
export async function statuses(base: string, services: readonly string[]): Promise<ReadonlyMap<string, { status: string; output: string }>> {
  const entries = await Promise.all(
    services.map(async (svc) => {
      const checks = await serviceChecks(base, svc);
      const output = checks.map((c) => c.Output.trim().split('\n')[0]).filter(Boolean).join(' | ');
      return [svc, { status: overallStatus(checks), output }] as const;
    }),
  );
  return new Map(entries);
}

export function describeStatuses(m: ReadonlyMap<string, { status: string; output: string }>): string {
  return [...m].map(([svc, { status, output }]) => `${svc}: ${status}${status === 'passing' || !output ? '' : ` (${output.slice(0, 160)})`}`).join('; ');
}

/** The catalog holds exactly these services (only core is deployed, so nothing else belongs there). */
export async function checkRegistered(base: string, expected: readonly string[]): Promise<void> {
  checkSameSet(await catalogServices(base), expected, 'services in the Consul catalog');
}
