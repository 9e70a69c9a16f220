/**
 * `node --import tsx e2e/toolchain/compare-schemas.ts [--providers docker,consul] [--descriptions] [--json]`
 *
 * Compares the offline validator's schema copies (.gen/schemas/<name>.json, in
 * `providers schema -json` format) with what the built providers really report: prepares the
 * toolchain, runs `tofu init` + `tofu providers schema -json` in a scratch folder outside the
 * repository, and prints every difference — resource/data source/function added or removed,
 * attribute or block added or removed, type, nested type, required/optional/computed/sensitive/
 * deprecated/write-only changes, block nesting mode and item limits, schema versions. Description
 * texts are only counted unless --descriptions. Reads .gen/ and never writes it.
 *
 * "added" = the real provider has it and the copy does not; "removed" = only the copy has it.
 * Exit 0 identical, 1 differences, 2 cannot run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../lib/exec';
import { log, runEntryPoint, step, UserFacingError } from '../lib/log';
import { prepareToolchain, Toolchain } from './index';
import { PROVIDERS, ProviderPin, shortSource } from './versions';

// ---- schema shapes (the parts compared) ----------------------------------------------------

interface Attribute {
  readonly type?: unknown;
  readonly nested_type?: NestedType;
  readonly description?: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly deprecated?: boolean;
  readonly write_only?: boolean;
}
interface NestedType {
  readonly attributes?: Readonly<Record<string, Attribute>>;
  readonly nesting_mode?: string;
  readonly min_items?: number;
  readonly max_items?: number;
}
interface Block {
  readonly attributes?: Readonly<Record<string, Attribute>>;
  readonly block_types?: Readonly<Record<string, BlockType>>;
  readonly description?: string;
  readonly deprecated?: boolean;
}
interface BlockType {
  readonly nesting_mode?: string;
  readonly block?: Block;
  readonly min_items?: number;
  readonly max_items?: number;
}
interface Schema {
  readonly version?: number;
  readonly block?: Block;
}
export interface ProviderSchema {
  readonly provider?: Schema;
  readonly resource_schemas?: Readonly<Record<string, Schema>>;
  readonly data_source_schemas?: Readonly<Record<string, Schema>>;
  readonly ephemeral_resource_schemas?: Readonly<Record<string, Schema>>;
  readonly functions?: Readonly<Record<string, unknown>>;
}
interface SchemasFile {
  readonly provider_schemas?: Readonly<Record<string, ProviderSchema>>;
}

export interface SchemaDifference {
  /** e.g. "resource docker_container", "provider", "function foo". */
  readonly where: string;
  /** Dotted path of the attribute or block inside it ("" for the whole thing). */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly detail: string;
  /** Only a description text differs. */
  readonly descriptionOnly?: boolean;
}

// ---- comparison (pure) ---------------------------------------------------------------------

const FLAGS = ['required', 'optional', 'computed', 'sensitive', 'deprecated', 'write_only'] as const;

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

function typeText(a: Attribute): string {
  if (a.nested_type) return `nested ${a.nested_type.nesting_mode ?? '?'}`;
  return JSON.stringify(a.type ?? null);
}

function flagsText(a: Attribute): string {
  return FLAGS.filter((f) => a[f]).join(', ') || 'no flags';
}

function keyUnion(a?: Readonly<Record<string, unknown>>, b?: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
}

function compareAttributes(where: string, prefix: string, exp: Readonly<Record<string, Attribute>> = {}, act: Readonly<Record<string, Attribute>> = {}): SchemaDifference[] {
  return keyUnion(exp, act).flatMap((name) => {
    const p = join(prefix, name);
    const e = exp[name];
    const a = act[name];
    if (!e && a) return [{ where, path: p, kind: 'added' as const, detail: `attribute (${typeText(a)}; ${flagsText(a)})` }];
    if (e && !a) return [{ where, path: p, kind: 'removed' as const, detail: `attribute (${typeText(e)}; ${flagsText(e)})` }];
    return compareAttribute(where, p, e!, a!);
  });
}

function compareAttribute(where: string, p: string, e: Attribute, a: Attribute): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  if (typeText(e) !== typeText(a)) out.push({ where, path: p, kind: 'changed', detail: `type ${typeText(e)} → ${typeText(a)}` });
  for (const f of FLAGS) {
    if (Boolean(e[f]) !== Boolean(a[f])) out.push({ where, path: p, kind: 'changed', detail: `${f} ${Boolean(e[f])} → ${Boolean(a[f])}` });
  }
  if (e.nested_type && a.nested_type) {
    out.push(...compareLimits(where, p, e.nested_type, a.nested_type));
    out.push(...compareAttributes(where, p, e.nested_type.attributes, a.nested_type.attributes));
  }
  if ((e.description ?? '') !== (a.description ?? '')) out.push({ where, path: p, kind: 'changed', detail: 'description text', descriptionOnly: true });
  return out;
}

function compareLimits(where: string, p: string, e: NestedType | BlockType, a: NestedType | BlockType): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  if (e.nesting_mode !== a.nesting_mode) out.push({ where, path: p, kind: 'changed', detail: `nesting ${e.nesting_mode} → ${a.nesting_mode}` });
  for (const k of ['min_items', 'max_items'] as const) {
    if ((e[k] ?? 0) !== (a[k] ?? 0)) out.push({ where, path: p, kind: 'changed', detail: `${k} ${e[k] ?? 0} → ${a[k] ?? 0}` });
  }
  return out;
}

function compareBlock(where: string, prefix: string, e: Block = {}, a: Block = {}): SchemaDifference[] {
  const out = compareAttributes(where, prefix, e.attributes, a.attributes);
  if (Boolean(e.deprecated) !== Boolean(a.deprecated)) out.push({ where, path: prefix, kind: 'changed', detail: `deprecated ${Boolean(e.deprecated)} → ${Boolean(a.deprecated)}` });
  if ((e.description ?? '') !== (a.description ?? '')) out.push({ where, path: prefix, kind: 'changed', detail: 'description text', descriptionOnly: true });
  for (const name of keyUnion(e.block_types, a.block_types)) {
    const p = join(prefix, name);
    const eb = e.block_types?.[name];
    const ab = a.block_types?.[name];
    if (!eb && ab) out.push({ where, path: p, kind: 'added', detail: `block (${ab.nesting_mode})` });
    else if (eb && !ab) out.push({ where, path: p, kind: 'removed', detail: `block (${eb.nesting_mode})` });
    else out.push(...compareLimits(where, p, eb!, ab!), ...compareBlock(where, p, eb!.block, ab!.block));
  }
  return out;
}

function compareSchema(where: string, e: Schema, a: Schema): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  if ((e.version ?? 0) !== (a.version ?? 0)) out.push({ where, path: '', kind: 'changed', detail: `schema version ${e.version ?? 0} → ${a.version ?? 0}` });
  return [...out, ...compareBlock(where, '', e.block, a.block)];
}

const SECTIONS = [
  ['resource_schemas', 'resource'],
  ['data_source_schemas', 'data source'],
  ['ephemeral_resource_schemas', 'ephemeral resource'],
] as const;

/** Every difference between the copy (`expected`) and the real provider's schema (`actual`). */
export function compareProviderSchema(expected: ProviderSchema, actual: ProviderSchema): SchemaDifference[] {
  const out = compareSchema('provider', expected.provider ?? {}, actual.provider ?? {});
  for (const [section, label] of SECTIONS) {
    const e = expected[section] ?? {};
    const a = actual[section] ?? {};
    for (const name of keyUnion(e, a)) {
      const where = `${label} ${name}`;
      if (!e[name]) out.push({ where, path: '', kind: 'added', detail: label });
      else if (!a[name]) out.push({ where, path: '', kind: 'removed', detail: label });
      else out.push(...compareSchema(where, e[name], a[name]));
    }
  }
  for (const name of keyUnion(expected.functions, actual.functions)) {
    const e = expected.functions?.[name];
    const a = actual.functions?.[name];
    const where = `function ${name}`;
    if (!e) out.push({ where, path: '', kind: 'added', detail: 'function' });
    else if (!a) out.push({ where, path: '', kind: 'removed', detail: 'function' });
    else if (JSON.stringify(e) !== JSON.stringify(a)) out.push({ where, path: '', kind: 'changed', detail: 'signature or description' });
  }
  return out;
}

/** The one provider in a schemas file whose address ends in /<namespace>/<type>, host ignored. */
export function pickProvider(file: SchemasFile, pin: Pick<ProviderPin, 'namespace' | 'type'>): ProviderSchema | undefined {
  const suffix = `/${pin.namespace}/${pin.type}`.toLowerCase();
  const key = Object.keys(file.provider_schemas ?? {}).find((k) => k.toLowerCase().endsWith(suffix));
  return key ? file.provider_schemas?.[key] : undefined;
}

export function formatDifference(d: SchemaDifference): string {
  return `  ${d.where}${d.path ? `  ${d.path}` : ''}: ${d.kind} ${d.detail}`;
}

// ---- running the real providers --------------------------------------------------------------

const ROOT = path.resolve(__dirname, '..', '..');

function mainTf(pins: readonly ProviderPin[]): string {
  const entries = pins.map((p) => `    ${p.name} = {\n      source  = "${shortSource(p)}"\n      version = "${p.version}"\n    }`);
  return `terraform {\n  required_providers {\n${entries.join('\n')}\n  }\n}\n`;
}

async function realSchemas(tc: Toolchain, pins: readonly ProviderPin[]): Promise<SchemasFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-e2e-schemas-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), mainTf(pins));
    await run(tc.tofuBinary, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir, env: tc.env, timeoutMs: 5 * 60_000 });
    const out = await run(tc.tofuBinary, ['providers', 'schema', '-json'], { cwd: dir, env: tc.env, timeoutMs: 5 * 60_000 });
    return JSON.parse(out.stdout) as SchemasFile;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Options {
  readonly names: readonly string[];
  readonly descriptions: boolean;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const withCopy = PROVIDERS.filter((p) => fs.existsSync(path.join(ROOT, '.gen', 'schemas', `${p.name}.json`))).map((p) => p.name);
  let names = withCopy;
  let descriptions = false;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--providers') names = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (argv[i] === '--descriptions') descriptions = true;
    else if (argv[i] === '--json') json = true;
    else throw new UserFacingError(`unknown argument "${argv[i]}"; usage: compare-schemas.ts [--providers ${withCopy.join(',')}] [--descriptions] [--json]`, 2);
  }
  const unknown = names.filter((n) => !withCopy.includes(n));
  if (unknown.length) throw new UserFacingError(`no built provider with a schema copy named ${unknown.join(', ')} (have: ${withCopy.join(', ')})`, 2);
  return { names, descriptions, json };
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const pins = PROVIDERS.filter((p) => opts.names.includes(p.name));
  const tc = await prepareToolchain();
  const real = await step('tofu providers schema -json', () => realSchemas(tc, pins));
  const report: Record<string, SchemaDifference[]> = {};
  for (const pin of pins) {
    const copyFile = path.join(ROOT, '.gen', 'schemas', `${pin.name}.json`);
    const copy = pickProvider(JSON.parse(fs.readFileSync(copyFile, 'utf8')) as SchemasFile, pin);
    const actual = pickProvider(real, pin);
    if (!copy || !actual) throw new UserFacingError(`${shortSource(pin)}: missing from ${copy ? 'the real schema output' : copyFile}`, 2);
    report[pin.name] = compareProviderSchema(copy, actual);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, pins, opts.descriptions);
  const significant = Object.values(report).some((ds) => ds.some((d) => !d.descriptionOnly || opts.descriptions));
  log(significant ? 'schemas differ' : 'schemas match');
  return significant ? 1 : 0;
}

function printReport(report: Readonly<Record<string, readonly SchemaDifference[]>>, pins: readonly ProviderPin[], descriptions: boolean): void {
  for (const pin of pins) {
    const all = report[pin.name] ?? [];
    const shown = descriptions ? all : all.filter((d) => !d.descriptionOnly);
    const hidden = all.length - shown.length;
    const head = `${shortSource(pin)} ${pin.version} (.gen/schemas/${pin.name}.json vs built provider)`;
    process.stdout.write(`${head}: ${shown.length ? `${shown.length} difference(s)` : 'identical'}${hidden ? `; ${hidden} description text(s) differ (--descriptions lists them)` : ''}\n`);
    for (const d of shown) process.stdout.write(`${formatDifference(d)}\n`);
  }
}

if (require.main === module) runEntryPoint(main);
