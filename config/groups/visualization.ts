/**
 * The `visualization:` section of an environment file: JupyterHub (notebooks that reach Spark and
 * the data lake) and Streamlit (a dashboard app over the gold layer). Both images are built from
 * this repository (`images/jupyterhub`, `apps/streamlit`), so `image` is the local tag the build gets.
 */
import { z } from 'zod';
import type { ConfigCheck, ConfigProblem } from '../checks';
import { BUILTIN_BUCKETS } from '../names';
import type { EnvConfig } from '../schema';
import { serviceSchema } from '../service-schema';

/** A Unix login name: what JupyterHub users become inside the hub container. */
const unixUser = z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/, { message: 'expected a Unix user name: a-z first, then up to 30 of a-z 0-9 _ -' });

/** Prefixes are relative, end in `/` and contain no wildcard: grants are built from them. */
const lakePrefix = z.string().regex(/^[a-z0-9][a-z0-9._-]*\/([a-z0-9][a-z0-9._-]*\/)*$/, { message: 'expected a relative prefix ending in "/", e.g. notebooks/' });

function build() {
  return z.strictObject({
    jupyterhub: serviceSchema({ ports: ['http'], volumes: ['data', 'home'] }).extend({
      /** Hub admin; logs in with the generated admin password. */
      adminUser: unixUser.default('hubadmin'),
      /** Notebook users; each gets a generated password and a Unix account in the hub container. */
      users: z.array(unixUser).default([]),
      /** PySpark version installed in the image; must equal the Spark cluster's version. */
      sparkVersion: z.string().regex(/^\d+\.\d+\.\d+$/, { message: 'expected a Spark version such as 3.5.7' }),
      /** Spark master for notebooks. @default spark://spark-master:7077 with processing deployed, else local[*] */
      sparkMasterUrl: z
        .string()
        .regex(/^(spark:\/\/[a-z0-9][a-z0-9.-]*:\d{1,5}|local(\[(\*|[1-9]\d*)\])?)$/, { message: 'expected spark://host:port or local[*]' })
        .optional(),
      /** Where notebooks may write in the lake (they read silver and gold). */
      scratch: z
        .strictObject({
          bucket: z.string().default('silver'),
          prefix: lakePrefix.default('notebooks/'),
        })
        .default({ bucket: 'silver', prefix: 'notebooks/' }),
    }),
    streamlit: serviceSchema({ ports: ['http'], optional: true }).extend({
      /** Prefix in the gold bucket under which the app lists tables. @default '' (the whole bucket) */
      goldPrefix: z.union([z.literal(''), lakePrefix]).default(''),
    }),
  });
}

export const visualizationSchema = build();
export type VisualizationConfig = z.infer<typeof visualizationSchema>;

/** The built-in buckets plus `core.buckets`: what a grant may name. */
function lakeBuckets(cfg: EnvConfig): string[] {
  return [...BUILTIN_BUCKETS, ...cfg.core.buckets.map((b) => b.name)];
}

export const notebookScratchBucketExists: ConfigCheck = (cfg) => {
  const v = cfg.visualization;
  if (!v || !cfg.groups.includes('visualization')) return [];
  const buckets = lakeBuckets(cfg);
  return buckets.includes(v.jupyterhub.scratch.bucket)
    ? []
    : [{ path: ['visualization', 'jupyterhub', 'scratch', 'bucket'], message: `no such lake bucket; allowed: ${[...new Set(buckets)].join(', ')}` }];
};

export const notebookScratchNotInGold: ConfigCheck = (cfg) => {
  const v = cfg.visualization;
  if (!v || !cfg.groups.includes('visualization')) return [];
  // Gold is what dashboards publish; notebooks read it but never write there.
  return v.jupyterhub.scratch.bucket === 'gold'
    ? [{ path: ['visualization', 'jupyterhub', 'scratch', 'bucket'], message: 'notebooks may not write to the gold layer; use silver or another bucket' }]
    : [];
};

export const hubUsersUnique: ConfigCheck = (cfg) => {
  const hub = cfg.visualization?.jupyterhub;
  if (!hub || !cfg.groups.includes('visualization')) return [];
  const problems: ConfigProblem[] = [];
  hub.users.forEach((u, i) => {
    if (u === hub.adminUser) problems.push({ path: ['visualization', 'jupyterhub', 'users', i], message: `"${u}" is the admin user; list only non-admin users here` });
    else if (hub.users.indexOf(u) !== i) problems.push({ path: ['visualization', 'jupyterhub', 'users', i], message: `user "${u}" is listed twice` });
  });
  return problems;
};

/** The hub container holds the hub, the proxy, every kernel and each notebook's Spark driver (≥ 512 MiB). */
export const HUB_MIN_MEMORY_MB = 1024;

export const hubMemoryHoldsADriver: ConfigCheck = (cfg) => {
  const hub = cfg.visualization?.jupyterhub;
  if (!hub || !cfg.groups.includes('visualization') || hub.memoryMb >= HUB_MIN_MEMORY_MB) return [];
  return [{ path: ['visualization', 'jupyterhub', 'memoryMb'], message: `the hub runs every notebook and its Spark driver (at least 512 MiB) in this limit; allowed: ≥ ${HUB_MIN_MEMORY_MB}` }];
};

export const VISUALIZATION_CHECKS: readonly ConfigCheck[] = [notebookScratchBucketExists, notebookScratchNotInGold, hubUsersUnique, hubMemoryHoldsADriver];
