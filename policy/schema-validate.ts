/**
 * Offline validation of synthesized stacks against the providers' schemas (the project copies in
 * `.gen/schemas/*.json`, in `terraform providers schema -json` format). Finds what `terraform
 * validate` would, without terraform or the registry: unknown arguments, missing required ones,
 * computed-only attributes that are set, wrong value types (a `${...}` token is accepted for any
 * type), block nesting and min/max item counts. Providers without a schema here (random) are
 * reported as not covered, never silently passed. For every block, schema or not, the meta-arguments
 * that take bare references (`depends_on`, `lifecycle.replace_triggered_by`) must not hold a `${...}`
 * interpolation, which Terraform rejects there ("Invalid expression"); cdktf 0.21 renders one when
 * a resource object is passed to `replaceTriggeredBy` (hashicorp/terraform-cdk#3196).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SynthStack } from './resources';

export type FindingKind = 'unknown-argument' | 'missing-required' | 'computed-only' | 'wrong-type' | 'block-count' | 'block-nesting' | 'unknown-type' | 'reference-expression';

export interface SchemaFinding {
  readonly kind: FindingKind;
  /** `<stack>/<type>.<name>` / `<stack>/data.<type>.<name>` / `<stack>/provider.<name>[i]`. */
  readonly address: string;
  /** Argument path inside the block, e.g. `healthcheck[0].test`. */
  readonly argument: string;
  readonly message: string;
}

type TfType = string | [string, TfType] | ['object', Record<string, TfType>] | ['tuple', TfType[]];

interface SchemaAttribute {
  readonly type?: TfType;
  readonly nested_type?: unknown;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
}

interface SchemaBlockType {
  readonly nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  readonly block: SchemaBlock;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, SchemaBlockType>;
}

export interface ProviderSchema {
  readonly provider: { readonly block: SchemaBlock };
  readonly resource_schemas: Record<string, { readonly block: SchemaBlock }>;
  readonly data_source_schemas: Record<string, { readonly block: SchemaBlock }>;
}

/** Provider schemas by source (`kreuzwerker/docker`). */
export type SchemaSet = ReadonlyMap<string, ProviderSchema>;

export const SCHEMA_DIR = path.join(__dirname, '..', '.gen', 'schemas');

export function loadSchemas(dir: string = SCHEMA_DIR): SchemaSet {
  const out = new Map<string, ProviderSchema>();
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { provider_schemas: Record<string, ProviderSchema> };
    for (const [key, schema] of Object.entries(doc.provider_schemas)) out.set(key.replace(/^registry\.terraform\.io\//, ''), schema);
  }
  return out;
}

const RESOURCE_META = ['//', 'depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'connection', 'provisioner'];
const DATA_META = ['//', 'depends_on', 'count', 'for_each', 'provider', 'lifecycle'];
const PROVIDER_META = ['//', 'alias', 'version'];

const isToken = (v: unknown) => typeof v === 'string' && v.includes('${');

/** Meta-arguments whose entries are bare addresses (`docker_container.x`), never expressions. */
function referenceFindings(cfg: Record<string, unknown>, address: string): SchemaFinding[] {
  const lifecycle = (cfg.lifecycle ?? {}) as Record<string, unknown>;
  const lists: [string, unknown][] = [
    ['depends_on', cfg.depends_on],
    ['lifecycle.replace_triggered_by', lifecycle.replace_triggered_by],
  ];
  return lists.flatMap(([argument, list]) =>
    (Array.isArray(list) ? list : [])
      .map((entry, i) => [entry, i] as const)
      .filter(([entry]) => isToken(entry))
      .map(([entry, i]) => ({
        kind: 'reference-expression' as const,
        address,
        argument: `${argument}[${i}]`,
        message: `${JSON.stringify(entry)} is an interpolation; "${argument}" takes a bare address such as "docker_container.name" (Terraform: Invalid expression)`,
      })),
  );
}

function typeName(t: TfType): string {
  return typeof t === 'string' ? t : t[0] === 'object' ? 'object' : `${t[0]}(${typeName(t[1] as TfType)})`;
}

/** Type errors of a value against a Terraform type; Terraform's own string↔number↔bool conversions are allowed. */
function typeErrors(t: TfType, v: unknown, at: string): string[] {
  if (v === null || isToken(v)) return [];
  if (typeof t === 'string') {
    switch (t) {
      case 'string':
        return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [] : [`${at}: expected string, got ${describe(v)}`];
      case 'number':
        return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) ? [] : [`${at}: expected number, got ${describe(v)}`];
      case 'bool':
        return typeof v === 'boolean' || v === 'true' || v === 'false' ? [] : [`${at}: expected bool, got ${describe(v)}`];
      default:
        return [];
    }
  }
  const [kind, inner] = t;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(v)) return [`${at}: expected ${typeName(t)}, got ${describe(v)}`];
    return v.flatMap((x, i) => typeErrors(inner as TfType, x, `${at}[${i}]`));
  }
  if (kind === 'map') {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [`${at}: expected ${typeName(t)}, got ${describe(v)}`];
    return Object.entries(v).flatMap(([k, x]) => typeErrors(inner as TfType, x, `${at}.${k}`));
  }
  if (kind === 'object') {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return [`${at}: expected object, got ${describe(v)}`];
    const attrs = inner as Record<string, TfType>;
    return Object.entries(v).flatMap(([k, x]) => (k in attrs ? typeErrors(attrs[k], x, `${at}.${k}`) : [`${at}.${k}: not an attribute of this object`]));
  }
  return [];
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v && typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}

function validateBlock(block: SchemaBlock, value: Record<string, unknown>, address: string, prefix: string, meta: readonly string[], out: SchemaFinding[]): void {
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  const arg = (k: string) => (prefix ? `${prefix}.${k}` : k);
  for (const [k, v] of Object.entries(value)) {
    if (meta.includes(k) || v === null) continue;
    const a = attrs[k];
    const b = blocks[k];
    if (a) {
      if (a.computed && !a.optional && !a.required) {
        out.push({ kind: 'computed-only', address, argument: arg(k), message: `"${k}" is computed by the provider and cannot be set` });
      } else if (a.type) {
        for (const e of typeErrors(a.type, v, arg(k))) out.push({ kind: 'wrong-type', address, argument: arg(k), message: e });
      }
    } else if (b) {
      validateNested(b, v, address, arg(k), out);
    } else {
      const known = [...Object.keys(attrs), ...Object.keys(blocks)].filter((x) => !(attrs[x]?.computed && !attrs[x]?.optional));
      out.push({ kind: 'unknown-argument', address, argument: arg(k), message: `"${k}" is not an argument of this block${suggest(k, known)}` });
    }
  }
  for (const [k, a] of Object.entries(attrs)) {
    if (a.required && (value[k] === undefined || value[k] === null)) out.push({ kind: 'missing-required', address, argument: arg(k), message: `required argument "${k}" is missing` });
  }
  for (const [k, b] of Object.entries(blocks)) {
    if ((b.min_items ?? 0) > 0 && (value[k] === undefined || value[k] === null)) {
      out.push({ kind: 'block-count', address, argument: arg(k), message: `block "${k}" needs at least ${b.min_items} item(s), has 0` });
    }
  }
}

function validateNested(b: SchemaBlockType, v: unknown, address: string, at: string, out: SchemaFinding[]): void {
  if (isToken(v)) return;
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  let items: unknown[];
  if (b.nesting_mode === 'single' || b.nesting_mode === 'group') {
    items = Array.isArray(v) ? v : [v];
    if (items.length > 1) out.push({ kind: 'block-count', address, argument: at, message: `block "${at}" is a single block, got ${items.length}` });
  } else if (b.nesting_mode === 'map') {
    if (!isObj(v)) {
      out.push({ kind: 'block-nesting', address, argument: at, message: `block "${at}" is a map of blocks (an object keyed by name), got ${describe(v)}` });
      return;
    }
    for (const [k, x] of Object.entries(v)) validateItem(b, x, address, `${at}.${k}`, out);
    return;
  } else {
    // Terraform JSON accepts one object for a list/set block as well as a list of objects.
    items = Array.isArray(v) ? v : [v];
    const n = items.length;
    if (b.min_items !== undefined && n < b.min_items) out.push({ kind: 'block-count', address, argument: at, message: `block "${at}" needs at least ${b.min_items} item(s), has ${n}` });
    if (b.max_items !== undefined && b.max_items > 0 && n > b.max_items) out.push({ kind: 'block-count', address, argument: at, message: `block "${at}" allows at most ${b.max_items} item(s), has ${n}` });
  }
  items.forEach((x, i) => validateItem(b, x, address, Array.isArray(v) ? `${at}[${i}]` : at, out));
}

function validateItem(b: SchemaBlockType, x: unknown, address: string, at: string, out: SchemaFinding[]): void {
  if (isToken(x)) return;
  if (!x || typeof x !== 'object' || Array.isArray(x)) {
    out.push({ kind: 'block-nesting', address, argument: at, message: `"${at}" is a block and needs an object, got ${describe(x)}` });
    return;
  }
  validateBlock(b.block, x as Record<string, unknown>, address, at, [], out);
}

function suggest(k: string, known: string[]): string {
  const close = known.filter((x) => x.replace(/_/g, '') === k.replace(/_/g, '').toLowerCase() || levenshtein(x, k) <= 2);
  return close.length ? ` (did you mean "${close[0]}"?)` : '';
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

export interface ValidationReport {
  readonly findings: readonly SchemaFinding[];
  /** Blocks checked against a schema. */
  readonly checked: number;
  /** Blocks of providers with no schema here, e.g. `core/random_password.x (hashicorp/random)`. */
  readonly notCovered: readonly string[];
}

/** Validates every resource, data source and provider block of the stacks. */
export function validateStacks(stacks: readonly SynthStack[], schemas: SchemaSet = loadSchemas()): ValidationReport {
  const findings: SchemaFinding[] = [];
  const notCovered: string[] = [];
  let checked = 0;
  for (const { name: stack, json } of stacks) {
    const required = ((json.terraform as { required_providers?: Record<string, { source?: string }> } | undefined)?.required_providers ?? {}) as Record<string, { source?: string }>;
    const sourceOf = (local: string) => (required[local]?.source ?? `hashicorp/${local}`).replace(/^registry\.terraform\.io\//, '');
    const schemaFor = (local: string) => schemas.get(sourceOf(local));
    const localOf = (type: string, config: Record<string, unknown>) => (typeof config.provider === 'string' ? config.provider.split('.')[0] : type.split('_')[0]);

    for (const [local, list] of Object.entries(json.provider ?? {})) {
      (Array.isArray(list) ? list : [list]).forEach((cfg, i) => {
        const address = `${stack}/provider.${local}[${i}]`;
        const s = schemaFor(local);
        if (!s) return void notCovered.push(`${address} (${sourceOf(local)})`);
        checked++;
        validateBlock(s.provider.block, cfg as Record<string, unknown>, address, '', PROVIDER_META, findings);
      });
    }
    for (const [section, meta] of [['resource', RESOURCE_META], ['data', DATA_META]] as const) {
      for (const [type, byName] of Object.entries((json[section] ?? {}) as Record<string, Record<string, Record<string, unknown>>>)) {
        for (const [name, cfg] of Object.entries(byName)) {
          const address = `${stack}/${section === 'data' ? 'data.' : ''}${type}.${name}`;
          findings.push(...referenceFindings(cfg, address));
          // cdktf's cross-stack references read remote state: built into Terraform, no schema here.
          if (section === 'data' && type === 'terraform_remote_state') {
            notCovered.push(`${address} (terraform built-in)`);
            continue;
          }
          const local = localOf(type, cfg);
          const s = schemaFor(local);
          if (!s) {
            notCovered.push(`${address} (${sourceOf(local)})`);
            continue;
          }
          const rs = (section === 'resource' ? s.resource_schemas : s.data_source_schemas)[type];
          if (!rs) {
            findings.push({ kind: 'unknown-type', address, argument: '', message: `${sourceOf(local)} has no ${section === 'data' ? 'data source' : 'resource'} type "${type}"` });
            continue;
          }
          checked++;
          validateBlock(rs.block, cfg, address, '', meta, findings);
        }
      }
    }
  }
  return { findings, checked, notCovered };
}

export function formatValidation(r: ValidationReport): string {
  const lines = [`schema validation: ${r.checked} block(s) checked, ${r.findings.length} finding(s), ${r.notCovered.length} not covered (no schema)`];
  for (const f of r.findings) lines.push(`  ERROR ${f.kind} ${f.address}${f.argument ? ` ${f.argument}` : ''}: ${f.message}`);
  for (const n of r.notCovered) lines.push(`  not covered: ${n}`);
  return lines.join('\n');
}
