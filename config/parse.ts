/**
 * Parsing and validating an environment file: YAML with positions, the zod schema, then the
 * cross-key checks. Loaded only when a file's validated form is not cached (see config-cache.ts),
 * so a cached synth never pays for YAML and schema code.
 */
import { Document, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { checkConfig, ConfigProblem } from './checks';
import { ConfigError, LocatedProblem } from './loader';
import { EnvConfig, envConfigSchema } from './schema';

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
  const unwrap = unwrapSchema;
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
  // A problem of another file carries its own location.
  if (p.file !== undefined) return p;
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

/** The schema inside optional / default / nullable / prefault wrappers and transforms (pipes). */
export function unwrapSchema(t: z.ZodType): z.ZodType {
  let cur: z.ZodType = t;
  for (;;) {
    const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } }).def;
    if (def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type)) cur = def.innerType;
    else if (def.type === 'pipe' && def.in) cur = def.in;
    else return cur;
  }
}
