/**
 * The data lake's object store, as config sees it: which store an environment runs, the section
 * that sizes it, and what each store can enforce. A bucket setting the chosen store cannot honour
 * is a config error rather than a setting that is silently ignored. Plain functions over the typed
 * config (no schema code is loaded).
 */
import type { ConfigCheck, ConfigProblem } from './checks';
import type { EnvConfig, ObjectStoreKind, ServiceConfig } from './schema';

/** What a store enforces for the lake's bucket settings (docs/object-store.md has the details). */
export interface ObjectStoreFeatures {
  readonly versioning: boolean;
  /** Expire current objects N days after they were written. */
  readonly expireDays: boolean;
  /** Whether `expireDays` works on a versioned bucket too. */
  readonly expireVersioned: boolean;
  /** Expire non-current versions N days after they became non-current. */
  readonly noncurrentExpireDays: boolean;
}

export const OBJECT_STORE_FEATURES: Readonly<Record<ObjectStoreKind, ObjectStoreFeatures>> = {
  minio: { versioning: true, expireDays: true, expireVersioned: true, noncurrentExpireDays: true },
  // Expiry is a filer path TTL stamped on each object at write time (enforced by the volume
  // servers); SeaweedFS's lifecycle rules need its admin and worker processes, not deployed here.
  seaweedfs: { versioning: true, expireDays: true, expireVersioned: false, noncurrentExpireDays: false },
};

const OTHER: Readonly<Record<ObjectStoreKind, ObjectStoreKind>> = { minio: 'seaweedfs', seaweedfs: 'minio' };

/** The config section of the store an environment runs (`core.minio` or `core.seaweedfs`). */
export function objectStoreConfig(cfg: EnvConfig): ServiceConfig {
  const section = cfg.core[cfg.core.objectStore];
  if (!section) throw new Error(`core.${cfg.core.objectStore} is missing (the config checks should have refused this file)`);
  return section;
}

/** The chosen store needs its section; the other store's section would be ignored, so it is refused. */
export const objectStoreSectionPresent: ConfigCheck = (cfg) => {
  const kind = cfg.core.objectStore;
  const problems: ConfigProblem[] = [];
  if (cfg.core[kind] === undefined) {
    problems.push({ path: ['core', kind], message: `core.objectStore is "${kind}": add a "${kind}:" section under core (image, memoryMb, ports, volumes)` });
  }
  const other = OTHER[kind];
  if (cfg.core[other] !== undefined) {
    problems.push({
      path: ['core', other],
      message: `core.objectStore is "${kind}", so this section would not be deployed; remove it, or set core.objectStore: ${other}`,
    });
  }
  return problems;
};

/** Every bucket setting must be one the chosen store enforces. */
export const bucketSettingsSupported: ConfigCheck = (cfg) => {
  const kind = cfg.core.objectStore;
  const features = OBJECT_STORE_FEATURES[kind];
  return cfg.core.buckets.flatMap((b, i) => {
    const problems: ConfigProblem[] = [];
    if (b.versioning && !features.versioning) {
      problems.push({ path: ['core', 'buckets', i, 'versioning'], message: `${kind} cannot version buckets; allowed: false` });
    }
    if (b.expireDays !== undefined && !features.expireDays) {
      problems.push({ path: ['core', 'buckets', i, 'expireDays'], message: `${kind} cannot expire objects; remove expireDays` });
    } else if (b.expireDays !== undefined && b.versioning && !features.expireVersioned) {
      problems.push({
        path: ['core', 'buckets', i, 'expireDays'],
        message: `${kind} expires objects only in unversioned buckets (its expiry is a path TTL, which would cut old versions short too); set versioning: false on this bucket, or remove expireDays`,
      });
    }
    if (b.noncurrentExpireDays !== undefined && !features.noncurrentExpireDays) {
      problems.push({
        path: ['core', 'buckets', i, 'noncurrentExpireDays'],
        message: `${kind} does not expire non-current versions here (that needs its lifecycle worker, which the platform does not run); remove noncurrentExpireDays, or use objectStore: minio`,
      });
    }
    return problems;
  });
};

export const OBJECT_STORE_CHECKS: readonly ConfigCheck[] = [objectStoreSectionPresent, bucketSettingsSupported];
