/**
 * The capacity plan of an environment, read from the built construct tree: every service as it is
 * really deployed (`IService`: replicas, memory and CPU limits, published ports), per stack, with
 * totals against the host.
 *
 * Peak model. Long-running services all run at once, so their limits add up. One-shot tasks (the
 * Spark jobs, the Airflow migration, the SeaweedFS provisioner) run only during an apply and their
 * containers use no memory once exited; the peak counts the heaviest set of tasks that can run at
 * the same time. Two tasks cannot overlap when one starts after the other has finished: a task
 * starts after everything its containers wait for (`IService.startsAfter`, transitively; a Spark
 * job waits for the jobs before it in the job plan). Tasks in different stacks are counted as
 * overlapping, since stacks that only depend on core may be applied in parallel. The peak is
 * therefore the sum of the services' limits plus the heaviest set of pairwise unordered tasks
 * (concurrent-tasks.ts); it never under-counts what the plan order allows at once.
 *
 * The verdict `peakMemoryFitsHost` is what synth enforces (`buildPlatform` refuses a platform that
 * does not fit) and what `npm run plan:capacity` reports, with the config checks
 * `serviceMemoryFitsHost` and `hostPortsUnique`, so the two can never disagree.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ConfigProblem, hostPortsUnique, serviceMemoryFitsHost } from '../config/checks';
import { formatPath } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { IService, servicesIn } from '../constructs/service';
import { heaviestConcurrentSet } from './concurrent-tasks';

export interface TaskCapacity {
  readonly stack: string;
  readonly name: string;
  /** Memory limit × replicas. */
  readonly memoryMb: number;
}

export interface StackCapacity {
  readonly stack: string;
  /** Long-running services. */
  readonly services: number;
  /** Their containers (replicas). */
  readonly containers: number;
  /** Summed memory limits of the long-running containers. */
  readonly memoryMb: number;
  /** Sum of CPU limits in cores (long-running containers). */
  readonly cpus: number;
  /** Long-running containers without a CPU limit. */
  readonly unlimitedCpu: number;
  /** One-shot tasks of the stack. */
  readonly tasks: number;
  /** The heaviest set of this stack's tasks that can run at once. */
  readonly taskPeakMb: number;
  /** `address:port (service.port)` */
  readonly ports: readonly string[];
}

export interface CapacityPlan {
  readonly environment: string;
  readonly stacks: readonly StackCapacity[];
  readonly total: Omit<StackCapacity, 'stack' | 'ports'> & {
    readonly ports: number;
    /** Long-running memory plus the heaviest set of tasks that can run at once, across stacks. */
    readonly peakMemoryMb: number;
    /** The tasks of that set. */
    readonly peakTasks: readonly TaskCapacity[];
  };
  readonly host: { readonly memoryMb: number; readonly cpus: number };
  /** peakMemoryFitsHost, then the config checks serviceMemoryFitsHost and hostPortsUnique. */
  readonly problems: readonly ConfigProblem[];
}

/** The plan of the platform built under `root` (an app), measured against `cfg.host`. */
export function capacityPlan(root: IConstruct, cfg: EnvConfig): CapacityPlan {
  const services = servicesIn(root);
  const plan = measure(services, cfg);
  return { ...plan, problems: [...peakMemoryFitsHost(plan, services), ...serviceMemoryFitsHost(cfg), ...hostPortsUnique(cfg)] };
}

/**
 * What synth enforces after building: the peak fits the host. (The config checks of the plan run
 * when the config is loaded.)
 */
export function peakMemoryProblems(root: IConstruct, cfg: EnvConfig): ConfigProblem[] {
  const services = servicesIn(root);
  return peakMemoryFitsHost(measure(services, cfg), services);
}

function measure(services: readonly IService[], cfg: EnvConfig): Omit<CapacityPlan, 'problems'> {
  const stackOf = (s: IService) => TerraformStack.of(s).node.id;
  const tasks = services.filter((s) => s.oneShot);
  const task = (s: IService): TaskCapacity => ({ stack: stackOf(s), name: s.name, memoryMb: s.resources.memoryMb * s.replicas });
  const peakOf = (subset: readonly IService[]) =>
    heaviestConcurrentSet(
      subset.map((s) => ({ id: s.name, weight: task(s).memoryMb, service: s })),
      (a, b) => startsAfter(b.service).has(a.service),
    );

  const byStack = new Map<string, IService[]>();
  for (const s of services) byStack.set(stackOf(s), [...(byStack.get(stackOf(s)) ?? []), s]);
  const stacks: StackCapacity[] = [...byStack.entries()].map(([stack, all]) => {
    const running = all.filter((s) => !s.oneShot);
    const limited = running.filter((s) => s.resources.cpus !== undefined);
    return {
      stack,
      services: running.length,
      containers: running.reduce((n, s) => n + s.replicas, 0),
      memoryMb: running.reduce((n, s) => n + s.resources.memoryMb * s.replicas, 0),
      cpus: round(limited.reduce((n, s) => n + s.resources.cpus! * s.replicas, 0)),
      unlimitedCpu: running.filter((s) => s.resources.cpus === undefined).reduce((n, s) => n + s.replicas, 0),
      tasks: all.length - running.length,
      taskPeakMb: peakOf(all.filter((s) => s.oneShot)).weight,
      ports: all.flatMap(publishedPorts),
    };
  });

  const sum = (f: (s: StackCapacity) => number) => stacks.reduce((n, s) => n + f(s), 0);
  const peak = peakOf(tasks);
  const longRunning = sum((s) => s.memoryMb);
  return {
    environment: cfg.environment,
    stacks,
    total: {
      services: sum((s) => s.services),
      containers: sum((s) => s.containers),
      memoryMb: longRunning,
      cpus: round(sum((s) => s.cpus)),
      unlimitedCpu: sum((s) => s.unlimitedCpu),
      tasks: sum((s) => s.tasks),
      taskPeakMb: peak.weight,
      peakMemoryMb: longRunning + peak.weight,
      peakTasks: peak.tasks.map((t) => task(t.service)),
      ports: sum((s) => s.ports.length),
    },
    host: { memoryMb: cfg.host.memoryMb, cpus: cfg.host.cpus },
  };
}

/**
 * The peak (long-running limits plus the heaviest set of tasks that can run at once) may not
 * exceed the host. Names the largest long-running consumers and the tasks of the peak set.
 */
export function peakMemoryFitsHost(plan: Omit<CapacityPlan, 'problems'>, services: readonly IService[]): ConfigProblem[] {
  const t = plan.total;
  if (t.peakMemoryMb <= plan.host.memoryMb) return [];
  const largest = services
    .filter((s) => !s.oneShot)
    .sort((a, b) => b.resources.memoryMb * b.replicas - a.resources.memoryMb * a.replicas)
    .slice(0, 3)
    .map((s) => `${s.name} ${s.resources.memoryMb}${s.replicas > 1 ? ` × ${s.replicas}` : ''}`);
  const tasks = t.peakTasks.length > 0 ? ` + ${t.taskPeakMb} MiB of one-shot tasks that can run at once (${t.peakTasks.map((x) => `${x.name} ${x.memoryMb}`).join(', ')})` : '';
  return [
    {
      path: ['host', 'memoryMb'],
      message: `the deployed containers need up to ${t.peakMemoryMb} MiB (${t.memoryMb} MiB of long-running services${tasks}) but the host has ${plan.host.memoryMb} MiB; raise host.memoryMb or lower memoryMb (largest services: ${largest.join(', ')})`,
    },
  ];
}

/** Every service `s` starts after, directly or through others. */
function startsAfter(s: IService, seen = new Set<IService>()): Set<IService> {
  for (const d of s.startsAfter) {
    if (seen.has(d)) continue;
    seen.add(d);
    startsAfter(d, seen);
  }
  return seen;
}

function publishedPorts(s: IService): string[] {
  return s.ports
    .filter((p) => p.host)
    .map((p) => {
      const ports = s.replicas > 1 ? `${p.host!.port}-${p.host!.port + s.replicas - 1}` : String(p.host!.port);
      return `${p.host!.address}:${ports} (${s.name}.${p.name})`;
    });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;

export function formatCapacityPlan(plan: CapacityPlan): string {
  const header = ['stack', 'services', 'containers', 'memory MiB', 'one-shot tasks', 'CPU limit', 'host ports'];
  const cpu = (c: number, unlimited: number) => `${c}${unlimited ? ` (+${unlimited} unlimited)` : ''}`;
  const tasks = (n: number, peak: number) => (n === 0 ? '-' : `${n}, up to ${peak} MiB at once`);
  const rows = plan.stacks.map((s) => [s.stack, String(s.services), String(s.containers), String(s.memoryMb), tasks(s.tasks, s.taskPeakMb), cpu(s.cpus, s.unlimitedCpu), s.ports.join(', ') || '-']);
  const t = plan.total;
  rows.push(['total', String(t.services), String(t.containers), String(t.memoryMb), tasks(t.tasks, t.taskPeakMb), cpu(t.cpus, t.unlimitedCpu), String(t.ports)]);
  rows.push(['peak', '', '', `${t.peakMemoryMb} (${pct(t.peakMemoryMb, plan.host.memoryMb)} of host)`, t.peakTasks.map((x) => x.name).join(', ') || '-', '', '']);
  rows.push(['host', '', '', String(plan.host.memoryMb), '', `${plan.host.cpus} (${pct(t.cpus, plan.host.cpus)} limited)`, '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [`capacity plan for ${plan.environment}`, line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  out.push('peak = long-running limits + the heaviest set of one-shot tasks that can run at once (docs/policy.md#capacity-plan)');
  if (plan.problems.length === 0) out.push('fits: peak memory within the host, no host port used twice');
  for (const p of plan.problems) out.push(`ERROR ${formatPath(p.path)}: ${p.message}`);
  return out.join('\n');
}
