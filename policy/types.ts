/**
 * The vocabulary of the policy pack: a rule is a small pure function over one synthesized resource
 * (its Terraform type, address and final JSON) plus a context describing the environment, returning
 * whether the resource complies. Rules never read files, config or `process.env`.
 */

/** One resource, data source or provider block of a synthesized stack, with its final JSON. */
export interface SynthResource {
  /** Stack (group) name, e.g. `core`. */
  readonly stack: string;
  /** Terraform type, e.g. `docker_container`. */
  readonly type: string;
  /** Logical id inside the stack, e.g. `minio_container_F1275F6B`. */
  readonly name: string;
  /** `<stack>/<type>.<name>`: unique across the platform, what suppressions and contracts name. */
  readonly address: string;
  /** Construct path (`core/minio/container`) when the JSON carries cdktf metadata. */
  readonly path?: string;
  /** The resource's arguments as written to cdk.tf.json (`//` metadata removed). */
  readonly config: Readonly<Record<string, unknown>>;
}

export type RuleLevel = 'error' | 'warning';

export type Compliance = 'compliant' | 'non-compliant' | 'not-applicable';

export type RuleResult =
  | { readonly compliance: 'compliant' }
  | { readonly compliance: 'not-applicable' }
  | { readonly compliance: 'non-compliant'; /** What exactly is wrong on this resource. */ readonly detail: string };

export const compliant = (): RuleResult => ({ compliance: 'compliant' });
export const notApplicable = (): RuleResult => ({ compliance: 'not-applicable' });
export const nonCompliant = (detail: string): RuleResult => ({ compliance: 'non-compliant', detail });

/** What a rule may know beyond the resource itself. */
export interface RuleContext {
  readonly environment: string;
  /** Volumes, buckets and topics must be protected from destroy (config `protectData`, and always in prod). */
  readonly protectData: boolean;
  /** Service names (`datalab.service` label) allowed to bind host ports beyond loopback. */
  readonly publicServices: ReadonlySet<string>;
  /** Kafka brokers in the cluster (topic replication may not exceed it). */
  readonly brokerCount: number;
  /** Every resource of every stack being checked, for rules that relate resources. */
  readonly resources: readonly SynthResource[];
}

export interface PolicyRule {
  /** Stable short id (`DL001`): what suppressions and docs name. Never reused. */
  readonly id: string;
  /** Readable name, equal to the rule's file name (`image-pinned`). */
  readonly name: string;
  readonly level: RuleLevel;
  /** What the rule demands. */
  readonly summary: string;
  /** How to fix a violation. */
  readonly fix: string;
  readonly check: (resource: SynthResource, ctx: RuleContext) => RuleResult;
}

/** A Terraform interpolation (`${...}`): its value is only known at plan/apply. */
export function isToken(v: unknown): boolean {
  return typeof v === 'string' && v.includes('${');
}

/** A value that is a string written into the configuration as is. */
export function isLiteralString(v: unknown): v is string {
  return typeof v === 'string' && !isToken(v);
}

/** Blocks synthesize as a list (or, for max-one blocks, sometimes an object). */
export function blocks(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object');
  if (v && typeof v === 'object') return [v as Record<string, unknown>];
  return [];
}

/** `labels` of a docker resource as a map. */
export function dockerLabels(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of blocks(config.labels)) if (typeof b.label === 'string') out[b.label] = String(b.value ?? '');
  return out;
}

/** A container that runs once and exits (bucket init, migrations): `must_run = false`. */
export function isOneShot(config: Readonly<Record<string, unknown>>): boolean {
  return config.must_run === false;
}

/** `lifecycle.prevent_destroy` is set. */
export function preventsDestroy(config: Readonly<Record<string, unknown>>): boolean {
  const lc = config.lifecycle as Record<string, unknown> | undefined;
  return lc?.prevent_destroy === true;
}
