import fc from 'fast-check';
import { heaviestConcurrentSet, WeightedTask } from '../policy/concurrent-tasks';

type Task = WeightedTask & { readonly index: number };

/** A random partial order: edges only from lower to higher index (a DAG), closed transitively. */
const dag = fc
  .integer({ min: 0, max: 9 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: n, maxLength: n }),
      fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1))), { maxLength: 3 * n }),
    ),
  )
  .map(([weights, edges]) => {
    const tasks: Task[] = weights.map((weight, index) => ({ id: `t${index}`, weight, index }));
    const n = tasks.length;
    const reach = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
    for (const [a, b] of edges) if (a < b) reach[a][b] = true;
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (reach[i][k] && reach[k][j]) reach[i][j] = true;
    return { tasks, before: (a: Task, b: Task) => reach[a.index][b.index] };
  });

/** Every subset, the heaviest one with no ordered pair. */
function bruteForce(tasks: readonly Task[], before: (a: Task, b: Task) => boolean): number {
  let best = 0;
  for (let mask = 0; mask < 1 << tasks.length; mask++) {
    const set = tasks.filter((t) => mask & (1 << t.index));
    if (set.some((a) => set.some((b) => before(a, b)))) continue;
    best = Math.max(best, set.reduce((n, t) => n + t.weight, 0));
  }
  return best;
}

describe('the heaviest set of tasks that can run at once', () => {
  it('is the heaviest set with no two tasks ordered, for any partial order (checked against every subset)', () => {
    fc.assert(
      fc.property(dag, ({ tasks, before }) => {
        const r = heaviestConcurrentSet(tasks, before);
        expect(r.weight).toBe(bruteForce(tasks, before));
        expect(r.weight).toBe(r.tasks.reduce((n, t) => n + t.weight, 0));
        for (const a of r.tasks) for (const b of r.tasks) expect(before(a, b)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is one task of a chain, all of unordered tasks, and nothing of none', () => {
    const t = (id: string, weight: number) => ({ id, weight });
    const [a, b, c] = [t('a', 500), t('b', 900), t('c', 300)];
    const chain = (x: WeightedTask, y: WeightedTask) => 'abc'.indexOf(x.id) < 'abc'.indexOf(y.id);
    expect(heaviestConcurrentSet([a, b, c], chain)).toEqual({ weight: 900, tasks: [b] });
    expect(heaviestConcurrentSet([a, b, c], () => false)).toEqual({ weight: 1700, tasks: [a, b, c] });
    expect(heaviestConcurrentSet([], () => false)).toEqual({ weight: 0, tasks: [] });
  });

  it('picks the heavier side of a diamond: two light middle tasks outweigh one heavy end', () => {
    const t = (id: string, weight: number) => ({ id, weight });
    const [top, left, right, bottom] = [t('top', 700), t('left', 400), t('right', 400), t('bottom', 600)];
    const order = new Set(['top<left', 'top<right', 'top<bottom', 'left<bottom', 'right<bottom']);
    const r = heaviestConcurrentSet([top, left, right, bottom], (x, y) => order.has(`${x.id}<${y.id}`));
    expect(r).toEqual({ weight: 800, tasks: [left, right] });
  });
});
