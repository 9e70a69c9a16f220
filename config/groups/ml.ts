/**
 * The `ml` section of an environment file: the metadata database and the ML/orchestration services
 * that share it (MLflow, Prefect, Airflow). Every key is documented in docs/ml.md.
 */
import { z } from 'zod';
import type { ConfigCheck, ConfigProblem } from '../checks';
import { postgresMajor } from '../image-tags';
import { serviceSchema } from '../service-schema';

const identifier = z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, { message: 'expected a lower-case name: a-z 0-9 _ - (max 63), starting with a letter' });

/** The `ml:` section. */
function buildMlSchema() {
  return z.strictObject({
    /** One PostgreSQL instance holding a database per service. */
    postgres: serviceSchema({ ports: ['sql'], volumes: ['data'] }).extend({
      /** Connection limit; the services' pools together must stay below it. */
      maxConnections: z.int().min(20).max(5000).default(200),
    }),
    /** MLflow tracking server; `image` is the upstream base the project image is built from. */
    mlflow: serviceSchema({ ports: ['http'], singleton: 'replicas would race to create its tables on first start, and its allowed-hosts list names one host port' }).extend({
      /** Server worker processes (each ~150 MiB). */
      workers: z.int().min(1).max(16).default(1),
    }),
    prefect: z.strictObject({
      server: serviceSchema({ ports: ['http'], singleton: 'more than one Prefect server needs Redis messaging and a separate background-services process' }),
      worker: serviceSchema(),
      /** Process-type work pool the worker creates on first start and polls. */
      workPool: identifier.default('datalab-process'),
    }),
    airflow: z.strictObject({
      /** One-shot `airflow db migrate` + admin user; runs before every other Airflow component. */
      init: serviceSchema({ singleton: 'a one-shot migration that the other Airflow components wait for' }),
      apiServer: serviceSchema({ ports: ['http'] }).extend({
        /** API server worker processes. */
        workers: z.int().min(1).max(16).default(1),
      }),
      scheduler: serviceSchema({ volumes: ['logs'] }),
      /** Parses DAG files; owns the `dags` volume, which the scheduler mounts too. */
      dagProcessor: serviceSchema({ volumes: ['dags'] }),
      /** Runs deferred tasks; only needed for deferrable operators. */
      triggerer: serviceSchema({ optional: true }),
      /** Login of the generated admin user. */
      adminUser: identifier.default('admin'),
    }),
  });
}
export const mlSchema = buildMlSchema();
export type MlConfig = z.infer<typeof mlSchema>;


/** PostgreSQL majors the init script (psql `\getenv`, PG ≥ 15) and data path logic support. */
export const POSTGRES_MAJORS = { min: 15, max: 18 } as const;

type WithMl = { groups: readonly string[]; ml?: MlConfig };

export const postgresVersionSupported: ConfigCheck = (cfg) => {
  const ml = (cfg as unknown as WithMl).ml;
  if (!ml || !cfg.groups.includes('ml')) return [];
  const major = postgresMajor(ml.postgres.image);
  if (major === undefined || (major >= POSTGRES_MAJORS.min && major <= POSTGRES_MAJORS.max)) return [];
  return [{ path: ['ml', 'postgres', 'image'], message: `PostgreSQL ${major} is not supported; use a major from ${POSTGRES_MAJORS.min} to ${POSTGRES_MAJORS.max} (e.g. postgres:17.11)` }];
};

/**
 * Components of one product must run one version: Airflow components share one metadata schema
 * (migrated by `init`), and a Prefect worker newer than its server can be rejected by the API.
 */
export const mlComponentImagesMatch: ConfigCheck = (cfg) => {
  const ml = (cfg as unknown as WithMl).ml;
  if (!ml || !cfg.groups.includes('ml')) return [];
  const problems: ConfigProblem[] = [];
  const same = (group: 'prefect' | 'airflow', lead: string, others: string[]) => {
    const sect = ml[group] as unknown as Record<string, { image: string; enabled?: boolean }>;
    for (const o of others) {
      if (sect[o].enabled === false) continue;
      if (sect[o].image !== sect[lead].image) {
        problems.push({ path: ['ml', group, o, 'image'], message: `must equal ml.${group}.${lead}.image (${sect[lead].image}): all ${group} components run one version` });
      }
    }
  };
  same('prefect', 'server', ['worker']);
  same('airflow', 'apiServer', ['init', 'scheduler', 'dagProcessor', 'triggerer']);
  return problems;
};

export const ML_CHECKS: readonly ConfigCheck[] = [postgresVersionSupported, mlComponentImagesMatch];

export { postgresMajor };
