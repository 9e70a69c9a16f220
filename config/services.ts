/**
 * Finding the services of an environment, generically: used by config checks and the policy pack
 * (the capacity plan reads the built constructs instead). Plain functions over the typed config (no
 * schema code is loaded).
 */
import type { EnvConfig, ServiceConfig } from './schema';

/** Kafka runs as one combined KRaft broker/controller. */
export const KAFKA_BROKERS = 1;

/** A service found anywhere in the config: an object with `image` and `memoryMb`. */
export interface LocatedService {
  readonly path: readonly (string | number)[];
  readonly service: ServiceConfig;
}

/** Every service of the groups the environment deploys, with its config path. */
export function servicesOf(cfg: EnvConfig): LocatedService[] {
  const found: LocatedService[] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    const rec = node as Record<string, unknown>;
    if (typeof rec.image === 'string' && typeof rec.memoryMb === 'number') {
      found.push({ path, service: rec as unknown as ServiceConfig });
      return;
    }
    for (const [k, v] of Object.entries(rec)) visit(v, [...path, k]);
  };
  const sections = cfg as unknown as Record<string, unknown>;
  for (const group of cfg.groups) visit(sections[group], [group]);
  return found.filter((s) => s.service.enabled !== false);
}
