/**
 * The capacity plan of an environment: per stack (group), how many containers, how much memory and
 * CPU their limits add up to and which host ports they publish, with totals against the host. The
 * pass/fail verdicts are the config checks `memoryFitsHost`, `serviceMemoryFitsHost` and `hostPortsUnique`, reused as is, so
 * `plan:capacity` and synth can never disagree.
 */
import { ConfigProblem, hostPortsUnique, memoryFitsHost, serviceMemoryFitsHost, servicesOf } from '../config/checks';
import { EnvConfig, HostBinding } from '../config/schema';
import { formatPath } from '../config/loader';

export interface StackCapacity {
  readonly stack: string;
  readonly services: number;
  readonly containers: number;
  readonly memoryMb: number;
  /** Sum of CPU limits in cores. */
  readonly cpus: number;
  /** Containers without a CPU limit. */
  readonly unlimitedCpu: number;
  /** `address:port (service)` */
  readonly ports: readonly string[];
}

export interface CapacityPlan {
  readonly environment: string;
  readonly stacks: readonly StackCapacity[];
  readonly total: Omit<StackCapacity, 'stack' | 'ports'> & { readonly ports: number };
  readonly host: { readonly memoryMb: number; readonly cpus: number };
  /** From memoryFitsHost, serviceMemoryFitsHost and hostPortsUnique, each naming its config path. */
  readonly problems: readonly ConfigProblem[];
}

export function capacityPlan(cfg: EnvConfig): CapacityPlan {
  const byStack = new Map<string, { services: number; containers: number; memoryMb: number; cpus: number; unlimitedCpu: number; ports: string[] }>();
  for (const { path, service } of servicesOf(cfg)) {
    const stack = String(path[0]);
    const row = byStack.get(stack) ?? { services: 0, containers: 0, memoryMb: 0, cpus: 0, unlimitedCpu: 0, ports: [] };
    row.services++;
    row.containers += service.replicas;
    row.memoryMb += service.memoryMb * service.replicas;
    if (service.cpus === undefined) row.unlimitedCpu += service.replicas;
    else row.cpus += service.cpus * service.replicas;
    for (const [name, b] of Object.entries(service.ports) as [string, HostBinding | undefined][]) {
      if (!b) continue;
      const address = b.address ?? cfg.network.publishAddress;
      const ports = service.replicas > 1 ? `${b.port}-${b.port + service.replicas - 1}` : String(b.port);
      row.ports.push(`${address}:${ports} (${formatPath([...path.slice(1), name])})`);
    }
    byStack.set(stack, row);
  }
  const stacks = [...byStack.entries()].map(([stack, r]) => ({ stack, ...r }));
  const sum = (f: (s: StackCapacity) => number) => stacks.reduce((n, s) => n + f(s), 0);
  return {
    environment: cfg.environment,
    stacks,
    total: {
      services: sum((s) => s.services),
      containers: sum((s) => s.containers),
      memoryMb: sum((s) => s.memoryMb),
      cpus: Math.round(sum((s) => s.cpus) * 100) / 100,
      unlimitedCpu: sum((s) => s.unlimitedCpu),
      ports: sum((s) => s.ports.length),
    },
    host: { memoryMb: cfg.host.memoryMb, cpus: cfg.host.cpus },
    problems: [...memoryFitsHost(cfg), ...serviceMemoryFitsHost(cfg), ...hostPortsUnique(cfg)],
  };
}

const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;

export function formatCapacityPlan(plan: CapacityPlan): string {
  const header = ['stack', 'services', 'containers', 'memory MiB', 'CPU limit', 'host ports'];
  const cpu = (c: number, unlimited: number) => `${c}${unlimited ? ` (+${unlimited} unlimited)` : ''}`;
  const rows = plan.stacks.map((s) => [s.stack, String(s.services), String(s.containers), String(s.memoryMb), cpu(s.cpus, s.unlimitedCpu), s.ports.join(', ') || '-']);
  const t = plan.total;
  rows.push(['total', String(t.services), String(t.containers), String(t.memoryMb), cpu(t.cpus, t.unlimitedCpu), String(t.ports)]);
  rows.push(['host', '', '', `${plan.host.memoryMb} (${pct(t.memoryMb, plan.host.memoryMb)} used)`, `${plan.host.cpus} (${pct(t.cpus, plan.host.cpus)} limited)`, '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [`capacity plan for ${plan.environment}`, line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  if (plan.problems.length === 0) out.push('fits: memory limits within the host, no host port used twice');
  for (const p of plan.problems) out.push(`ERROR ${formatPath(p.path)}: ${p.message}`);
  return out.join('\n');
}
