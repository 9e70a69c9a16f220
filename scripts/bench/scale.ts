/**
 * The benchmark's 10× platform, generated from an environment file (never checked in): every
 * list of buckets, topics and jobs repeated ten times under new names, every service that may run
 * several containers at ten times its replicas, host memory and CPUs scaled to fit, and every host
 * port moved to a free range so the copies do not collide.
 */
import { parse, stringify } from 'yaml';
import { ConfigError, parseEnvironment } from '../../config/loader';

export const SCALE = 10;
const COPIED_LISTS = new Set(['buckets', 'topics', 'jobs']);
const PORT_BASE = 20000;

type Json = unknown;
type Obj = Record<string, Json>;
const isObj = (v: Json): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface Scaled {
  readonly yaml: string;
  readonly summary: string;
}

export function scaledConfigYaml(text: string, factor = SCALE): Scaled {
  const doc = parse(text) as Obj;
  const counts = { lists: 0, items: 0, services: 0, replicas: 0 };
  let nextPort = PORT_BASE;

  const walk = (node: Json): Json => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObj(node)) return node;
    const out: Obj = {};
    for (const [key, value] of Object.entries(node)) {
      if (COPIED_LISTS.has(key) && Array.isArray(value) && value.every((v) => isObj(v) && typeof v.name === 'string')) {
        counts.lists++;
        out[key] = value.flatMap((item) => {
          const copies = [item, ...Array.from({ length: factor - 1 }, (_, i) => ({ ...(item as Obj), name: `${(item as Obj).name}-x${i + 2}` }))];
          counts.items += copies.length;
          return copies.map(walk);
        });
      } else {
        out[key] = walk(value);
      }
    }
    // A service: an image and a memory limit. Stateless ones (no volumes) run `factor`× replicas.
    if (typeof out.memoryMb === 'number' && (typeof out.image === 'string' || 'ports' in out || 'replicas' in out)) {
      counts.services++;
      const hasVolumes = isObj(out.volumes) && Object.keys(out.volumes).length > 0;
      const replicas = typeof out.replicas === 'number' ? out.replicas : 1;
      if (!hasVolumes) {
        out.replicas = Math.min(32, replicas * factor);
        counts.replicas += out.replicas as number;
      } else {
        counts.replicas += replicas;
      }
      if (isObj(out.ports)) {
        const span = (out.replicas as number | undefined) ?? replicas;
        for (const binding of Object.values(out.ports)) {
          if (isObj(binding) && typeof binding.port === 'number') {
            binding.port = nextPort;
            nextPort += Math.max(span, 1) + 10;
          }
        }
      }
    }
    return out;
  };

  const scaled = walk(doc) as Obj;
  if (isObj(scaled.host)) {
    scaled.host = { ...scaled.host, memoryMb: Number(scaled.host.memoryMb) * factor * 2, cpus: Number(scaled.host.cpus ?? 4) * factor };
  }
  // Services with data volumes run exactly one container; the schema knows which ones they are, so
  // ask it and put those back (their ports were spread for more replicas, which is harmless).
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      parseEnvironment(stringify(scaled), 'dev.yaml (10× platform)', String(scaled.environment));
      break;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      const replicaProblems = err.problems.filter((p) => p.path[p.path.length - 1] === 'replicas');
      if (replicaProblems.length === 0) throw err;
      for (const p of replicaProblems) {
        const svc = p.path.slice(0, -1).reduce<Json>((n, k) => (n as Obj)[k as string], scaled) as Obj;
        counts.replicas -= (svc.replicas as number) - 1;
        svc.replicas = 1;
      }
    }
  }
  return {
    yaml: stringify(scaled),
    summary: `${counts.items} named items in ${counts.lists} bucket/topic/job lists (${factor}× each), ` +
      `${counts.services} services running ${counts.replicas} containers (stateless services at ${factor}× replicas)`,
  };
}
