/**
 * The lake's tables against what the produced events must give (e2e/scenario/events.ts): bronze
 * holds every message of the topic, silver and gold exactly the expected rows, every aggregate.
 */
import { AssertionFailed } from './assert';
import { DeltaRead, present } from './delta';
import { byDayAndType, EventMessage, expectedGold, expectedSilver, GoldRow, SilverRow } from './events';
import type { TABLES } from './processing';

function silverRow(r: Record<string, unknown>): SilverRow {
  return {
    event_id: r.event_id as string,
    event_type: r.event_type as string,
    user_id: (r.user_id as string | null) ?? null,
    value: (r.value as number | null) ?? null,
    occurred_at: r.occurred_at as number,
    event_date: r.event_date as string,
  };
}

function goldRow(r: Record<string, unknown>): GoldRow {
  return {
    event_date: r.event_date as string,
    event_type: r.event_type as string,
    events: Number(r.events),
    distinct_users: Number(r.distinct_users),
    value_sum: (r.value_sum as number | null) ?? null,
    last_event_at: r.last_event_at as number,
  };
}

/** Row-by-row differences (both sides keyed), or [] when equal. */
function differences<T>(what: string, actual: readonly T[], expected: readonly T[], key: (r: T) => string): string[] {
  const a = new Map(actual.map((r) => [key(r), JSON.stringify(r)]));
  const e = new Map(expected.map((r) => [key(r), JSON.stringify(r)]));
  const out: string[] = [];
  if (actual.length !== a.size) out.push(`${what}: ${actual.length - a.size} duplicate key(s)`);
  for (const [k, v] of e) if (!a.has(k)) out.push(`${what} ${k}: missing, expected ${v}`);
  else if (a.get(k) !== v) out.push(`${what} ${k}: ${a.get(k)}, expected ${v}`);
  for (const [k, v] of a) if (!e.has(k)) out.push(`${what} ${k}: unexpected ${v}`);
  return out;
}

/** Gold's rows, sorted, from its read alone. */
export function goldOf(t: DeltaRead | undefined): { readonly version: number; readonly rows: readonly GoldRow[] } {
  const gold = present('gold/event_counts_daily/', t);
  return { version: gold.version, rows: gold.rows.map(goldRow).sort(byDayAndType) };
}

export interface TableSummary {
  readonly versions: Readonly<Record<keyof typeof TABLES, number>>;
  readonly bronzeRows: number;
  readonly silver: readonly SilverRow[];
  readonly gold: readonly GoldRow[];
  /** Bronze rows per run_id. */
  readonly bronzeByRun: Readonly<Record<string, number>>;
  /** Silver's data files at its latest version, relative to silver/events/. */
  readonly silverFiles: readonly string[];
}

export function summarize(tables: Readonly<Record<keyof typeof TABLES, DeltaRead>>): TableSummary {
  const bronze = present('bronze/events/', tables.bronze);
  const silver = present('silver/events/', tables.silver);
  const gold = present('gold/event_counts_daily/', tables.gold);
  const bronzeByRun: Record<string, number> = {};
  for (const r of bronze.rows) bronzeByRun[String(r.run_id)] = (bronzeByRun[String(r.run_id)] ?? 0) + 1;
  return {
    versions: { bronze: bronze.version, silver: silver.version, gold: gold.version },
    bronzeRows: bronze.rows.length,
    silver: silver.rows.map(silverRow).sort((x, y) => x.event_id.localeCompare(y.event_id)),
    gold: gold.rows.map(goldRow).sort(byDayAndType),
    bronzeByRun,
    silverFiles: silver.files,
  };
}

/**
 * Silver and gold equal what the messages give, and bronze holds `bronzeRows` rows. Every
 * difference is listed, not just the first.
 */
export function checkTables(t: TableSummary, messages: readonly EventMessage[], bronzeRows: number): { readonly silver: number; readonly gold: number } {
  const silver = expectedSilver(messages);
  const gold = expectedGold(silver);
  const wrong = [
    ...(t.bronzeRows === bronzeRows ? [] : [`bronze: ${t.bronzeRows} rows, expected ${bronzeRows} (every message of the topic, once per ingesting run)`]),
    ...differences('silver', t.silver, silver, (r) => r.event_id),
    ...differences('gold', t.gold, gold, (r) => `${r.event_date}/${r.event_type}`),
  ];
  if (wrong.length) throw new AssertionFailed(`the lake's tables differ from what the produced events must give:\n  ${wrong.join('\n  ')}`);
  return { silver: silver.length, gold: gold.length };
}
