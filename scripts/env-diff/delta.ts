/**
 * The typed difference between two environments, computed generically from their parsed configs
 * (defaults applied): every leaf that differs, matched by name inside lists of named things
 * (buckets, topics), plus which services and groups only one side deploys, and which stacks each
 * difference touches. Nothing here names a group's keys, so new groups are covered as they appear.
 */
import { servicesOf } from '../../config/checks';
import { EnvConfig, GROUP_NAMES } from '../../config/schema';

export type PathSegment = string | number | { readonly name: string };

export interface ConfigDifference {
  readonly path: readonly PathSegment[];
  /** Value in the first environment; undefined when absent there. */
  readonly a: unknown;
  readonly b: unknown;
  /** Stacks whose synthesized Terraform this difference changes. */
  readonly stacks: readonly string[];
}

export interface EnvDelta {
  readonly a: string;
  readonly b: string;
  /** Deployed (enabled, in an enabled group) services by config path, e.g. `core.kafkaUi`. */
  readonly servicesOnlyInA: readonly string[];
  readonly servicesOnlyInB: readonly string[];
  readonly differences: readonly ConfigDifference[];
}

/** Keys whose difference is expected and carries no meaning of its own. */
const IGNORED = new Set(['environment']);

/** Top-level keys that only feed config checks and never reach Terraform. */
const CHECK_ONLY = new Set(['host']);

export function formatDeltaPath(p: readonly PathSegment[]): string {
  return p
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : typeof s === 'object' ? `[${s.name}]` : i === 0 ? s : `.${s}`))
    .join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** A list whose items all carry a `name` (buckets, topics); an empty list qualifies too. */
const isNamedList = (v: unknown): v is { name: string }[] => Array.isArray(v) && v.every((x) => isRecord(x) && typeof x.name === 'string');

function walk(a: unknown, b: unknown, path: PathSegment[], out: { path: PathSegment[]; a: unknown; b: unknown }[]): void {
  if (a === undefined || b === undefined) {
    if (a !== b) out.push({ path, a, b });
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], [...path, k], out);
    return;
  }
  // Lists of named things are compared by name, so inserting a topic does not shift every other one.
  if (isNamedList(a) && isNamedList(b) && a.length + b.length > 0) {
    const byName = (l: { name: string }[]) => new Map(l.map((x) => [x.name, x]));
    const ma = byName(a);
    const mb = byName(b);
    for (const name of [...new Set([...ma.keys(), ...mb.keys()])]) walk(ma.get(name), mb.get(name), [...path, { name }], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a, b });
}

/** The stacks a difference at `path` touches, given the stacks either environment deploys. */
export function stacksTouched(path: readonly PathSegment[], a: EnvConfig, b: EnvConfig): string[] {
  const top = String(path[0]);
  const deployed = [...new Set([...a.groups, ...b.groups])];
  const ordered = (names: string[]) => (GROUP_NAMES as readonly string[]).filter((g) => names.includes(g)).concat(names.filter((n) => !(GROUP_NAMES as readonly string[]).includes(n)));
  if ((GROUP_NAMES as readonly string[]).includes(top)) return [top];
  if (top === 'groups') {
    const onlyOne = deployed.filter((g) => !((a.groups as string[]).includes(g) && (b.groups as string[]).includes(g)));
    return ordered(onlyOne);
  }
  if (CHECK_ONLY.has(top)) return [];
  // state, network, protectData and any other environment-wide key: every stack.
  return ordered(deployed);
}

export function computeDelta(a: EnvConfig, b: EnvConfig): EnvDelta {
  const raw: { path: PathSegment[]; a: unknown; b: unknown }[] = [];
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])]) {
    if (!IGNORED.has(k)) walk(ra[k], rb[k], [k], raw);
  }
  const services = (cfg: EnvConfig) => servicesOf(cfg).map((s) => formatDeltaPath(s.path));
  const sa = services(a);
  const sb = services(b);
  return {
    a: a.environment,
    b: b.environment,
    servicesOnlyInA: sa.filter((s) => !sb.includes(s)),
    servicesOnlyInB: sb.filter((s) => !sa.includes(s)),
    differences: raw.map((d) => ({ ...d, stacks: stacksTouched(d.path, a, b) })),
  };
}

function show(v: unknown): string {
  if (v === undefined) return '—';
  if (isRecord(v) || Array.isArray(v)) {
    const s = JSON.stringify(v);
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }
  return String(v);
}

/** A Markdown report: deployed-service differences, then one row per differing key. */
export function renderDelta(d: EnvDelta): string {
  const lines = [`## ${d.a} → ${d.b}`, ''];
  if (d.servicesOnlyInA.length || d.servicesOnlyInB.length) {
    if (d.servicesOnlyInA.length) lines.push(`- deployed only in ${d.a}: ${d.servicesOnlyInA.join(', ')}`);
    if (d.servicesOnlyInB.length) lines.push(`- deployed only in ${d.b}: ${d.servicesOnlyInB.join(', ')}`);
    lines.push('');
  }
  if (d.differences.length === 0) {
    lines.push('No differences.');
    return lines.join('\n');
  }
  lines.push(`| key | ${d.a} | ${d.b} | stacks |`, '|---|---|---|---|');
  for (const x of d.differences) {
    lines.push(`| \`${formatDeltaPath(x.path)}\` | ${cell(show(x.a))} | ${cell(show(x.b))} | ${x.stacks.join(', ') || '(none: config checks only)'} |`);
  }
  const touched = [...new Set(d.differences.flatMap((x) => x.stacks))];
  lines.push('', `Stacks touched: ${touched.join(', ') || 'none'}.`);
  return lines.join('\n');
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
