/**
 * The deploy-time shape of a synthesized stack: its resources as a dependency graph (references
 * `${type.name.attr}` and `depends_on`), and the longest chain an apply must walk in order.
 */

type Block = Record<string, Record<string, unknown>>;
export interface StackJson {
  readonly resource?: Record<string, Block>;
  readonly data?: Record<string, Block>;
}

export interface GraphShape {
  /** Resources and data sources. */
  readonly nodes: number;
  readonly edges: number;
  /** Resources on the longest dependency chain (1 = everything independent). */
  readonly depth: number;
  /** The longest chain, first to last. */
  readonly criticalPath: readonly string[];
  /**
   * Start-order waits: a container that `depends_on` another container without referencing it,
   * as "waiting → waited for". Each one serializes two creations; each should be deliberate (a
   * database before its clients, an init job before the services), never incidental.
   */
  readonly startOrderWaits: readonly string[];
}

const REF = /\$\{(data\.)?([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)[.}\[]/g;

function addressesIn(value: unknown, out: Set<string>): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REF)) out.add(`${m[1] ?? ''}${m[2]}.${m[3]}`);
  } else if (Array.isArray(value)) {
    for (const v of value) addressesIn(v, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (k !== '//' && k !== 'depends_on') addressesIn(v, out);
  }
}

export function graphShape(json: StackJson): GraphShape {
  const deps = new Map<string, { refs: Set<string>; explicit: Set<string> }>();
  const add = (prefix: string, blocks: Record<string, Block> | undefined) => {
    for (const [type, byName] of Object.entries(blocks ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const refs = new Set<string>();
        addressesIn(body, refs);
        const explicit = new Set<string>((body.depends_on as string[] | undefined) ?? []);
        deps.set(`${prefix}${type}.${name}`, { refs, explicit });
      }
    }
  };
  add('', json.resource);
  add('data.', json.data);

  const edgesOf = (n: string) => [...deps.get(n)!.refs, ...deps.get(n)!.explicit].filter((d) => deps.has(d) && d !== n);
  const memo = new Map<string, string[]>();
  const longest = (n: string, seen: Set<string>): string[] => {
    const hit = memo.get(n);
    if (hit) return hit;
    if (seen.has(n)) throw new Error(`dependency cycle through ${n}`);
    seen.add(n);
    let best: string[] = [];
    for (const d of edgesOf(n)) {
      const p = longest(d, seen);
      if (p.length > best.length) best = p;
    }
    seen.delete(n);
    const path = [...best, n];
    memo.set(n, path);
    return path;
  };
  let critical: string[] = [];
  let edges = 0;
  for (const n of deps.keys()) {
    edges += edgesOf(n).length;
    const p = longest(n, new Set());
    if (p.length > critical.length) critical = p;
  }
  const startOrderWaits = [...deps.entries()]
    .filter(([n]) => n.startsWith('docker_container.'))
    .flatMap(([n, d]) => [...d.explicit].filter((e) => e.startsWith('docker_container.') && !d.refs.has(e)).map((e) => `${n} → ${e}`));
  return { nodes: deps.size, edges, depth: critical.length, criticalPath: critical, startOrderWaits };
}
