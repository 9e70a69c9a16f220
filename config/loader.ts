/**
 * Reads `config/<env>.yaml`, validates it (schema, then cross-key checks) and returns the typed
 * environment. Any problem raises one `ConfigError` listing every problem with file, line, path,
 * the value found and what is allowed. Nothing here touches cdktf, so a bad file fails before any
 * output is written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { checkConfig, ConfigProblem } from './checks';
import { EnvConfig, envConfigSchema, ENVIRONMENTS, EnvironmentName } from './schema';

/** Where environment files live: `config/`, or `DATALAB_CONFIG_DIR` (tests, generated platforms). */
export const CONFIG_DIR = process.env.DATALAB_CONFIG_DIR ? path.resolve(process.env.DATALAB_CONFIG_DIR) : __dirname;

export interface LocatedProblem extends ConfigProblem {
  readonly line?: number;
  readonly column?: number;
  /** The value found at the path, rendered for the message; undefined when the key is missing. */
  readonly value?: string;
}

export class ConfigError extends Error {
  constructor(
    /** The file, relative to the working directory. */
    readonly file: string,
    readonly problems: readonly LocatedProblem[],
  ) {
    super(ConfigError.render(file, problems));
    this.name = 'ConfigError';
  }

  private static render(file: string, problems: readonly LocatedProblem[]): string {
    const lines = problems.map((p) => {
      const where = p.line ? `${file}:${p.line}:${p.column ?? 1}` : file;
      const key = p.path.length ? formatPath(p.path) : '(top level)';
      const got = p.value !== undefined ? ` (got ${p.value})` : '';
      return `  ${where}  ${key}: ${p.message}${got}`;
    });
    const n = problems.length;
    return `${file}: ${n} problem${n === 1 ? '' : 's'}\n${lines.join('\n')}`;
  }
}

/** `core.topics[2].replication` */
export function formatPath(p: readonly (string | number)[]): string {
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** The environments that have a file in the config directory, in the canonical order. */
export function availableEnvironments(dir: string = CONFIG_DIR): string[] {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)) : [];
  return [...ENVIRONMENTS.filter((e) => files.includes(e)), ...files.filter((f) => !(ENVIRONMENTS as readonly string[]).includes(f)).sort()];
}

/** Resolves `DATALAB_ENV` (default `dev`), or throws a one-line error listing the valid names. */
export function environmentFromEnv(env: NodeJS.ProcessEnv = process.env, dir: string = CONFIG_DIR): EnvironmentName {
  const name = env.DATALAB_ENV?.trim() || 'dev';
  const valid = availableEnvironments(dir).filter((e) => (ENVIRONMENTS as readonly string[]).includes(e));
  if (!valid.includes(name)) {
    throw new UnknownEnvironmentError(`DATALAB_ENV="${name}" is not an environment; valid: ${valid.join(', ')}`);
  }
  return name as EnvironmentName;
}

export class UnknownEnvironmentError extends Error {
  override name = 'UnknownEnvironmentError';
}

const cache = new Map<string, EnvConfig>();

/** Loads and validates one environment. Results are cached per file path and content. */
export function loadEnvironment(name: string, dir: string = CONFIG_DIR): EnvConfig {
  const file = path.join(dir, `${name}.yaml`);
  if (!fs.existsSync(file)) {
    throw new UnknownEnvironmentError(`no config file for environment "${name}" at ${displayPath(file)}; valid: ${availableEnvironments(dir).join(', ')}`);
  }
  const text = fs.readFileSync(file, 'utf8');
  const key = `${file}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cfg = parseEnvironment(text, displayPath(file), name);
  cache.set(key, cfg);
  return cfg;
}

/** Parses and validates an environment file's text. `expectedName` is the file's base name. */
export function parseEnvironment(text: string, file: string, expectedName?: string): EnvConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        return { path: [], message: `not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, line: pos?.line, column: pos?.col };
      }),
    );
  }
  const raw: unknown = doc.toJS();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [{ path: [], message: 'expected a mapping of keys (environment, host, groups, core, …)', value: describe(raw) }]);
  }
  const parsed = envConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(file, parsed.error.issues.map((i) => locate(doc, lineCounter, raw, zodProblem(i, raw))));
  }
  const problems: ConfigProblem[] = [];
  if (expectedName && parsed.data.environment !== expectedName) {
    problems.push({ path: ['environment'], message: `must equal the file name "${expectedName}"` });
  }
  problems.push(...checkConfig(parsed.data));
  if (problems.length > 0) {
    throw new ConfigError(file, problems.map((p) => locate(doc, lineCounter, raw, p)));
  }
  return parsed.data;
}

function zodProblem(issue: z.core.$ZodIssue, raw: unknown): ConfigProblem {
  const p = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        path: p,
        message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${allowedKeys(p, raw).join(', ') || '(none)'}`,
      };
    case 'invalid_type':
      return { path: p, message: valueAt(raw, p) === undefined ? `required ${issue.expected} is missing` : `expected ${issue.expected}` };
    case 'invalid_value':
      return { path: p, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'too_small':
      return { path: p, message: issue.origin === 'array' ? `expected at least ${issue.minimum} item(s)` : `expected ≥ ${issue.minimum}` };
    case 'too_big':
      return { path: p, message: issue.origin === 'array' ? `expected at most ${issue.maximum} item(s)` : `expected ≤ ${issue.maximum}` };
    default:
      return { path: p, message: issue.message };
  }
}

/** The keys allowed in the object schema at `p`, for "unknown key" messages. */
function allowedKeys(p: readonly (string | number)[], raw: unknown): string[] {
  let s: z.ZodType | undefined = envConfigSchema;
  const unwrap = (t: z.ZodType): z.ZodType => {
    let cur: z.ZodType = t;
    for (;;) {
      const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
      if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) cur = def.innerType;
      else if (def.type === 'pipe' && def.in) cur = def.in;
      else return cur;
    }
  };
  for (const seg of p) {
    if (!s) return [];
    const u = unwrap(s);
    if (u instanceof z.ZodObject) s = (u.shape as Record<string, z.ZodType>)[String(seg)];
    else if (u instanceof z.ZodArray) s = u.element as z.ZodType;
    else if (u instanceof z.ZodRecord) s = u.valueType as z.ZodType;
    else return [];
  }
  const u = s ? unwrap(s) : undefined;
  if (u instanceof z.ZodObject) return Object.keys(u.shape);
  // A discriminated union (`state`): the keys of the option the file names, else of every option.
  if (u instanceof z.ZodDiscriminatedUnion) {
    const options = u.options.map((o) => unwrap(o as z.ZodType)).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
    const tag = valueAt(raw, [...p, u.def.discriminator]);
    const chosen = options.filter((o) => (o.shape as Record<string, z.ZodType>)[u.def.discriminator]?.safeParse(tag).success);
    return [...new Set((chosen.length ? chosen : options).flatMap((o) => Object.keys(o.shape)))];
  }
  return [];
}

function valueAt(raw: unknown, p: readonly (string | number)[]): unknown {
  let value: unknown = raw;
  for (const seg of p) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[seg] : undefined;
  return value;
}

function locate(doc: Document, lc: LineCounter, raw: unknown, p: ConfigProblem): LocatedProblem {
  const value = valueAt(raw, p.path);
  // Point at the deepest node that exists: the key itself, or its parent when it is missing.
  let line: number | undefined;
  let column: number | undefined;
  for (let n = p.path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(p.path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = lc.linePos(range[0]);
      line = pos.line;
      column = pos.col;
      break;
    }
  }
  const isContainer = value !== null && typeof value === 'object';
  return { ...p, line, column, value: value === undefined || isContainer ? undefined : describe(value) };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}

function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}
