/** Environment and group names: plain constants, shared by the schema and the (zod-free) loader. */

export const ENVIRONMENTS = ['dev', 'staging', 'prod', 'e2e'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Service groups, in deployment order. Each one is a Terraform stack of the same name. */
export const GROUP_NAMES = ['core', 'processing', 'ml', 'visualization', 'monitoring'] as const;
export type GroupName = (typeof GROUP_NAMES)[number];

/** The buckets every DataLab platform has besides `core.buckets`: the medallion layers and MLflow's artifact store. */
export const BUILTIN_BUCKETS = ['bronze', 'silver', 'gold', 'mlflow'] as const;
export type BuiltinBucket = (typeof BUILTIN_BUCKETS)[number];
