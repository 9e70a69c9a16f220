/**
 * Which stacks to plan, and in what order: the requested ones plus everything upstream of them,
 * upstream first. Pure functions over the manifest's graph.
 */
import { StackGraph } from './manifest';

export class UnknownStackError extends Error {
  override name = 'UnknownStackError';
}

/**
 * Every stack of the graph, dependencies before dependants. Among stacks that are ready at the same
 * time, those in `preferred` come first in that order (the project passes its group deployment
 * order), then the rest in manifest order, so the result is deterministic. Throws on a cycle,
 * naming the stacks in it.
 */
export function topologicalOrder(graph: StackGraph, preferred: readonly string[] = []): string[] {
  const rank = (n: string) => (preferred.includes(n) ? preferred.indexOf(n) : preferred.length);
  const names = [...graph.stacks.keys()].map((n, i) => ({ n, i })).sort((a, b) => rank(a.n) - rank(b.n) || a.i - b.i).map((x) => x.n);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const ready = names.find((n) => !done.has(n) && graph.stacks.get(n)!.dependencies.every((d) => done.has(d)));
    if (ready === undefined) {
      const stuck = names.filter((n) => !done.has(n));
      throw new Error(`stack dependencies form a cycle among: ${stuck.join(', ')}`);
    }
    done.add(ready);
    order.push(ready);
  }
  return order;
}

/** A stack and all stacks it depends on, directly or not. */
export function upstreamOf(graph: StackGraph, name: string): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string): void => {
    for (const d of graph.stacks.get(n)?.dependencies ?? []) {
      if (!seen.has(d)) {
        seen.add(d);
        visit(d);
      }
    }
  };
  visit(name);
  return seen;
}

/**
 * The stacks to plan for `requested` (all stacks when empty): each requested stack and its
 * upstream dependencies, in topological order. An unknown name throws, listing the valid ones.
 */
export function selectStacks(graph: StackGraph, requested: readonly string[], preferred: readonly string[] = []): string[] {
  const unknown = requested.filter((r) => !graph.stacks.has(r));
  if (unknown.length > 0) {
    const valid = topologicalOrder(graph, preferred);
    throw new UnknownStackError(
      `unknown stack${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; valid: ${valid.join(', ') || '(none synthesized)'}`,
    );
  }
  const order = topologicalOrder(graph, preferred);
  if (requested.length === 0) return order;
  const wanted = new Set<string>();
  for (const r of requested) {
    wanted.add(r);
    for (const u of upstreamOf(graph, r)) wanted.add(u);
  }
  return order.filter((n) => wanted.has(n));
}
