/**
 * The platform contract of an environment: which stacks it has, which services (with how many
 * replicas) and one-shot jobs each stack runs, and which stacks each depends on (the dependencies
 * cdktf writes into manifest.json, which decide the deploy order). A checked-in
 * `__tests__/contracts/<env>.platform.json` per environment pins it, so a service that disappears,
 * changes its replica count or moves to another stack, or a stack dependency that appears, is a
 * reviewed change (`npm run contracts:update`) rather than a side effect.
 */
import { App, TerraformStack } from 'cdktf';
import { resourcesOf, SynthStack } from './resources';
import { blocks } from './types';

export interface StackContract {
  /** Stacks this one depends on, as in manifest.json (sorted). */
  readonly dependsOn: readonly string[];
  /** Long-running services (DockerService names) → replica count. */
  readonly services: Readonly<Record<string, number>>;
  /** One-shot tasks (run to completion at apply), sorted. */
  readonly jobs: readonly string[];
}

export interface PlatformContract {
  readonly environment: string;
  readonly note: string;
  readonly stacks: Readonly<Record<string, StackContract>>;
}

/**
 * Dependencies of every stack of `app`, by stack name, as manifest.json records them. Read after
 * synthesis (`synthStacks` or `app.synth()`): cross-stack references add theirs while preparing.
 */
export function stackDependencies(app: App): Record<string, string[]> {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return Object.fromEntries(stacks.map((s) => [s.node.id, s.dependencies.map((d) => d.node.id).sort()]));
}

/** The contract of synthesized stacks: containers grouped by their `datalab.service` label. */
export function platformContractFor(environment: string, stacks: readonly SynthStack[], dependencies: Readonly<Record<string, readonly string[]>>): PlatformContract {
  const out: Record<string, StackContract> = {};
  for (const stack of stacks) {
    const services: Record<string, number> = {};
    const jobs = new Set<string>();
    // File holders (`start = false`, see DockerService) run nothing: neither service nor job.
    for (const r of resourcesOf(stack).filter((x) => x.type === 'docker_container' && x.config.start !== false)) {
      const label = blocks(r.config.labels).find((l) => l.label === 'datalab.service')?.value;
      const name = typeof label === 'string' ? label : r.name;
      // DockerService runs one-shot tasks with restart "no"; every service restarts.
      if (r.config.restart === 'no') jobs.add(name);
      else services[name] = (services[name] ?? 0) + 1;
    }
    out[stack.name] = {
      dependsOn: [...(dependencies[stack.name] ?? [])].sort(),
      services: Object.fromEntries(Object.entries(services).sort(([a], [b]) => a.localeCompare(b))),
      jobs: [...jobs].sort(),
    };
  }
  return {
    environment,
    note: 'Stacks, their services (replicas), one-shot jobs and stack dependencies. Run `npm run contracts:update` for a deliberate change and review the diff.',
    stacks: Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Every difference between a checked-in contract and the current one, one readable line each. */
export function comparePlatform(expected: PlatformContract, actual: PlatformContract): string[] {
  const out: string[] = [];
  const names = (r: Readonly<Record<string, unknown>>) => Object.keys(r);
  for (const s of names(expected.stacks)) if (!(s in actual.stacks)) out.push(`stack ${s} removed`);
  for (const s of names(actual.stacks)) if (!(s in expected.stacks)) out.push(`stack ${s} added`);
  for (const s of names(expected.stacks).filter((x) => x in actual.stacks)) {
    const was = expected.stacks[s];
    const now = actual.stacks[s];
    for (const d of was.dependsOn) if (!now.dependsOn.includes(d)) out.push(`${s}: no longer depends on ${d}`);
    for (const d of now.dependsOn) if (!was.dependsOn.includes(d)) out.push(`${s}: now depends on ${d}`);
    for (const [svc, n] of Object.entries(was.services)) {
      if (!(svc in now.services)) out.push(`${s}: service ${svc} removed`);
      else if (now.services[svc] !== n) out.push(`${s}: service ${svc} replicas ${n} → ${now.services[svc]}`);
    }
    for (const [svc, n] of Object.entries(now.services)) if (!(svc in was.services)) out.push(`${s}: service ${svc} added (${n} replica${n === 1 ? '' : 's'})`);
    for (const j of was.jobs) if (!now.jobs.includes(j)) out.push(`${s}: job ${j} removed`);
    for (const j of now.jobs) if (!was.jobs.includes(j)) out.push(`${s}: job ${j} added`);
  }
  return out;
}
