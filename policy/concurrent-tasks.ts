/**
 * The heaviest set of one-shot tasks that can run at the same time. Tasks are partially ordered
 * ("a has finished before b starts"); any set of pairwise unordered tasks may overlap, so the peak
 * is the heaviest such set (a maximum-weight antichain). By Dilworth's theorem in its weighted
 * form it equals the total weight minus a maximum flow through the bipartite graph of the order,
 * which also yields the set itself (the side of a minimum cut). Exact, and polynomial: a plan with
 * many jobs costs no subset enumeration.
 */

export interface WeightedTask {
  readonly id: string;
  /** Memory in MiB (any non-negative weight). */
  readonly weight: number;
}

export interface ConcurrentSet<T extends WeightedTask> {
  /** Summed weight of `tasks`. */
  readonly weight: number;
  /** The tasks, in input order. */
  readonly tasks: readonly T[];
}

/**
 * The heaviest set of tasks no two of which are ordered. `before(a, b)` must be the transitive
 * order: true when `a` has certainly finished before `b` starts (directly or through others).
 */
export function heaviestConcurrentSet<T extends WeightedTask>(tasks: readonly T[], before: (a: T, b: T) => boolean): ConcurrentSet<T> {
  const n = tasks.length;
  if (n === 0) return { weight: 0, tasks: [] };
  // Nodes: source 0, left copies 1..n, right copies n+1..2n, sink 2n+1.
  const size = 2 * n + 2;
  const source = 0;
  const sink = 2 * n + 1;
  const cap: number[][] = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const total = tasks.reduce((sum, t) => sum + t.weight, 0);
  const infinite = total + 1;
  tasks.forEach((a, i) => {
    cap[source][1 + i] = a.weight;
    cap[1 + n + i][sink] = a.weight;
    tasks.forEach((b, j) => {
      if (i !== j && before(a, b)) cap[1 + i][1 + n + j] = infinite;
    });
  });

  // Edmonds–Karp: shortest augmenting paths in the residual graph.
  let flow = 0;
  for (;;) {
    const parent = bfs(cap, source);
    if (parent[sink] === -1) break;
    let push = Infinity;
    for (let v = sink; v !== source; v = parent[v]) push = Math.min(push, cap[parent[v]][v]);
    for (let v = sink; v !== source; v = parent[v]) {
      cap[parent[v]][v] -= push;
      cap[v][parent[v]] += push;
    }
    flow += push;
  }

  // Left copy reachable from the source and right copy not: outside the minimum vertex cover.
  const reached = bfs(cap, source).map((p, v) => v === source || p !== -1);
  const members = tasks.filter((_, i) => reached[1 + i] && !reached[1 + n + i]);
  const weight = members.reduce((sum, t) => sum + t.weight, 0);
  if (weight !== total - flow) throw new Error(`concurrent-task peak: set weight ${weight} differs from ${total} - ${flow}`);
  return { weight, tasks: members };
}

/** Parent of each node on a shortest residual path from `source` (-1: unreached). */
function bfs(cap: number[][], source: number): number[] {
  const parent = new Array<number>(cap.length).fill(-1);
  parent[source] = source;
  const queue = [source];
  for (let q = 0; q < queue.length; q++) {
    const u = queue[q];
    for (let v = 0; v < cap.length; v++) {
      if (parent[v] === -1 && cap[u][v] > 0) {
        parent[v] = u;
        queue.push(v);
      }
    }
  }
  parent[source] = -1;
  return parent;
}
