/**
 * Rules that span more than one key of an environment file. Each is a small pure function from the
 * parsed config to the problems it finds; `checkConfig` runs them all so every problem is reported
 * at once.
 */
import { ML_CHECKS } from './groups/ml';
import { VISUALIZATION_CHECKS } from './groups/visualization';
import { GROUP_NAMES } from './names';
import type { EnvConfig, HostBinding } from './schema';
import { KAFKA_BROKERS, servicesOf } from './services';
import { PROCESSING_CHECKS } from './groups/processing';
import { OBJECT_STORE_CHECKS } from './object-store';

export interface ConfigProblem {
  /** Path inside the file, e.g. `['core', 'topics', 2, 'replication']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong and what is allowed. */
  readonly message: string;
  /**
   * A problem in another file that the environment makes matter (a job's definition or code,
   * project-relative), with its line when known; `path` is then empty.
   */
  readonly file?: string;
  readonly line?: number;
}

export type ConfigCheck = (cfg: EnvConfig) => ConfigProblem[];

export { KAFKA_BROKERS, servicesOf } from './services';
export type { LocatedService } from './services';

export const groupsNeedCore: ConfigCheck = (cfg) =>
  cfg.groups.length > 0 && !cfg.groups.includes('core')
    ? [{ path: ['groups'], message: `every group builds on "core": add core to groups (got ${cfg.groups.join(', ')})` }]
    : [];

export const groupsAreUnique: ConfigCheck = (cfg) =>
  cfg.groups.flatMap((g, i) =>
    cfg.groups.indexOf(g) !== i ? [{ path: ['groups', i], message: `group "${g}" is listed twice` }] : [],
  );

/** A group that is listed needs its section; a section without its group is a likely mistake. */
export const groupSectionsPresent: ConfigCheck = (cfg) => {
  const sections = cfg as unknown as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  for (const g of GROUP_NAMES) {
    if (cfg.groups.includes(g) && sections[g] === undefined) {
      problems.push({ path: [g], message: `group "${g}" is enabled in groups but has no "${g}:" section` });
    }
  }
  return problems;
};

export const bucketNamesUnique: ConfigCheck = (cfg) =>
  cfg.core.buckets.flatMap((b, i) => {
    const first = cfg.core.buckets.findIndex((o) => o.name === b.name);
    return first !== i
      ? [{ path: ['core', 'buckets', i, 'name'], message: `bucket "${b.name}" is already defined at core.buckets[${first}]` }]
      : [];
  });

export const topicNamesUnique: ConfigCheck = (cfg) =>
  cfg.core.topics.flatMap((t, i) => {
    const first = cfg.core.topics.findIndex((o) => o.name === t.name);
    return first !== i
      ? [{ path: ['core', 'topics', i, 'name'], message: `topic "${t.name}" is already defined at core.topics[${first}]` }]
      : [];
  });

export const topicReplicationWithinBrokers: ConfigCheck = (cfg) =>
  cfg.core.topics.flatMap((t, i) =>
    t.replication > KAFKA_BROKERS
      ? [{ path: ['core', 'topics', i, 'replication'], message: `replication ${t.replication} exceeds the ${KAFKA_BROKERS} Kafka broker(s); allowed: 1..${KAFKA_BROKERS}` }]
      : [],
  );

export const noncurrentExpiryNeedsVersioning: ConfigCheck = (cfg) =>
  cfg.core.buckets.flatMap((b, i) =>
    b.noncurrentExpireDays !== undefined && !b.versioning
      ? [{ path: ['core', 'buckets', i, 'noncurrentExpireDays'], message: 'non-current versions exist only with versioning: true' }]
      : [],
  );

function bindingAddress(cfg: EnvConfig, b: HostBinding): string {
  return b.address ?? cfg.network.publishAddress;
}

/** Two services may not publish the same host address:port (0.0.0.0 clashes with every address). */
export const hostPortsUnique: ConfigCheck = (cfg) => {
  const seen: { address: string; port: number; where: string }[] = [];
  const problems: ConfigProblem[] = [];
  for (const { path, service } of servicesOf(cfg)) {
    for (const [name, binding] of Object.entries(service.ports) as [string, HostBinding | undefined][]) {
      if (!binding) continue;
      const address = bindingAddress(cfg, binding);
      const key = [...path, 'ports', name].join('.');
      // Replicas of one service publish consecutive host ports.
      if (binding.port + service.replicas - 1 > 65535) {
        problems.push({ path: [...path, 'ports', name, 'port'], message: `${service.replicas} replicas publish ports ${binding.port}..${binding.port + service.replicas - 1}, past 65535; pick a port ≤ ${65536 - service.replicas}` });
      }
      for (let r = 0; r < service.replicas; r++) {
        const port = binding.port + r;
        const where = r === 0 ? key : `${key} (replica ${r + 1})`;
        const clash = seen.find((s) => s.port === port && (s.address === address || s.address === '0.0.0.0' || address === '0.0.0.0'));
        if (clash) {
          problems.push({ path: [...path, 'ports', name, 'port'], message: `host port ${address}:${port} ${r === 0 ? '' : `(replica ${r + 1}) `}is already used by ${clash.where}; pick another port` });
        }
        seen.push({ address, port, where });
      }
    }
  }
  return problems;
};

const isLoopback = (address: string): boolean => address.startsWith('127.');

/**
 * Host bindings leave loopback only for services marked `public: true`. A binding that names its
 * own address is reported at that address. Bindings that inherit a wide `network.publishAddress`
 * are reported once, at `network.publishAddress`: that one line is the cause, and fixing it fixes
 * every port at once.
 */
export const publicBindingsDeclared: ConfigCheck = (cfg) => {
  const problems: ConfigProblem[] = [];
  const inheriting: { service: string; port: number }[] = [];
  for (const { path, service } of servicesOf(cfg)) {
    if (service.public) continue;
    for (const [name, binding] of Object.entries(service.ports) as [string, HostBinding | undefined][]) {
      if (!binding) continue;
      if (binding.address === undefined) {
        if (!isLoopback(cfg.network.publishAddress)) inheriting.push({ service: path.join('.'), port: binding.port });
      } else if (!isLoopback(binding.address)) {
        problems.push({
          path: [...path, 'ports', name, 'address'],
          message: `binding ${binding.address}:${binding.port} exposes the service beyond this host; allowed: a loopback address (127.x.x.x), or this address with ${[...path, 'public'].join('.')}: true`,
        });
      }
    }
  }
  if (inheriting.length > 0) {
    const services = [...new Set(inheriting.map((b) => b.service))];
    const named = services.length > 3 ? `${services.slice(0, 3).join(', ')} and ${services.length - 3} more` : services.join(', ');
    problems.unshift({
      path: ['network', 'publishAddress'],
      message: `would publish ${inheriting.length} host port(s) of ${services.length} service(s) without public: true beyond this host (${named}); allowed: a loopback address (127.x.x.x, default 127.0.0.1), or public: true on each of those services`,
    });
  }
  return problems;
};

export const kafkaHeapFits: ConfigCheck = (cfg) =>
  cfg.core.kafka.heapMb + 256 > cfg.core.kafka.memoryMb
    ? [{ path: ['core', 'kafka', 'heapMb'], message: `heap ${cfg.core.kafka.heapMb} MiB leaves under 256 MiB of the ${cfg.core.kafka.memoryMb} MiB limit for the JVM itself; lower heapMb or raise memoryMb` }]
    : [];

/**
 * Summed memory limits of the configured services may not exceed the host. An early check, with
 * the file's line numbers: the peak synth enforces (policy/capacity.ts, read from the constructs)
 * adds the one-shot jobs that can run at once, so it is never below this sum.
 */
export const memoryFitsHost: ConfigCheck = (cfg) => {
  const services = servicesOf(cfg);
  const total = services.reduce((sum, { service }) => sum + service.memoryMb * service.replicas, 0);
  if (total <= cfg.host.memoryMb) return [];
  // Name the biggest consumers by path, so the fix is obvious.
  const largest = [...services]
    .sort((a, b) => b.service.memoryMb * b.service.replicas - a.service.memoryMb * a.service.replicas)
    .slice(0, 3)
    .map(({ path, service }) => `${[...path, 'memoryMb'].join('.')} ${service.memoryMb}${service.replicas > 1 ? ` × ${service.replicas} replicas` : ''}`);
  return [{ path: ['host', 'memoryMb'], message: `the enabled services need ${total} MiB of memory limits but the host has ${cfg.host.memoryMb} MiB; raise host.memoryMb or lower service memoryMb (largest: ${largest.join(', ')})` }];
};

/**
 * One service alone may not need more than the host: reported at that service's `memoryMb`, since
 * no amount of trimming elsewhere would make it fit (the sum check only points at the host).
 */
export const serviceMemoryFitsHost: ConfigCheck = (cfg) =>
  servicesOf(cfg)
    .filter(({ service }) => service.memoryMb * service.replicas > cfg.host.memoryMb)
    .map(({ path, service }) => ({
      path: [...path, 'memoryMb'],
      message: `${service.memoryMb} MiB${service.replicas > 1 ? ` × ${service.replicas} replicas = ${service.memoryMb * service.replicas} MiB` : ''} exceeds the host's ${cfg.host.memoryMb} MiB (host.memoryMb) on its own; lower memoryMb${service.replicas > 1 ? ' or replicas' : ''} or raise host.memoryMb`,
    }));

/**
 * Terraform manages buckets, topics and registrations through the published ports of MinIO's API
 * (when the lake runs on MinIO), Kafka's host listener and Consul's HTTP API, so those must be published.
 */
export const managementPortsPublished: ConfigCheck = (cfg) => {
  // MinIO is configured by its Terraform provider from the host; SeaweedFS is provisioned inside
  // the platform network, so its S3 port need not be published.
  const needed: [string, string, HostBinding | undefined][] = [
    ...(cfg.core.objectStore === 'minio' && cfg.core.minio ? [['minio', 'api', cfg.core.minio.ports.api] as [string, string, HostBinding | undefined]] : []),
    ['kafka', 'external', cfg.core.kafka.ports.external],
    ['consul', 'http', cfg.core.consul.ports.http],
  ];
  return needed
    .filter(([, , b]) => !b)
    .map(([svc, port]) => ({
      path: ['core', svc, 'ports', port],
      message: `Terraform reaches ${svc} through this port; publish it (e.g. ${port}: { port: ${svc === 'minio' ? 9000 : svc === 'kafka' ? 9092 : 8500} })`,
    }));
};

export const CONFIG_CHECKS: readonly ConfigCheck[] = [
  groupsNeedCore,
  groupsAreUnique,
  groupSectionsPresent,
  ...OBJECT_STORE_CHECKS,
  managementPortsPublished,
  bucketNamesUnique,
  topicNamesUnique,
  topicReplicationWithinBrokers,
  noncurrentExpiryNeedsVersioning,
  hostPortsUnique,
  publicBindingsDeclared,
  kafkaHeapFits,
  memoryFitsHost,
  serviceMemoryFitsHost,
  ...ML_CHECKS,
  ...VISUALIZATION_CHECKS,
  ...PROCESSING_CHECKS,
];

export function checkConfig(cfg: EnvConfig, checks: readonly ConfigCheck[] = CONFIG_CHECKS): ConfigProblem[] {
  return checks.flatMap((check) => check(cfg));
}
