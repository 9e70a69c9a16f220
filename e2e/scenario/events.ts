/**
 * The events the pipeline steps produce to the `events` topic, and what the silver and gold tables
 * must hold for them, computed here from the payloads by the rules docs/jobs.md states, without
 * the job code: duplicates (the first delivery wins), out-of-order and late events (they land in
 * the UTC day they happened), malformed messages (dropped), a wrong-typed value (kept as unknown),
 * an event without a user (counted, adds no user), event types normalised (trimmed, lower case).
 *
 * Each message is keyed by its event id, so a re-delivery lands in the partition of the first
 * delivery after it: "first" is then the produce order whatever the timestamps say.
 */

export interface EventMessage {
  /** The Kafka key (the event id when there is one). */
  readonly key?: string;
  /** The Kafka value, as produced. */
  readonly value: string;
}

export interface SilverRow {
  readonly event_id: string;
  readonly event_type: string;
  readonly user_id: string | null;
  readonly value: number | null;
  /** Microseconds since the epoch, UTC. */
  readonly occurred_at: number;
  /** yyyy-mm-dd, the UTC date of occurred_at. */
  readonly event_date: string;
}

export interface GoldRow {
  readonly event_date: string;
  readonly event_type: string;
  readonly events: number;
  readonly distinct_users: number;
  readonly value_sum: number | null;
  readonly last_event_at: number;
}

const event = (e: Record<string, unknown>): EventMessage => ({ key: typeof e.event_id === 'string' ? e.event_id : undefined, value: JSON.stringify(e) });
const raw = (value: string): EventMessage => ({ value });

/**
 * The first set: 15 messages, 7 distinct well-formed events. Values are exact in binary so every
 * sum compares exactly.
 */
export function firstBatch(run: string): readonly EventMessage[] {
  const id = (n: string) => `${run}-${n}`;
  return [
    event({ event_id: id('a1'), event_type: 'click', user_id: 'u1', value: 1.5, occurred_at: '2026-11-01T10:00:00Z' }),
    // 23:30 at -02:00 is 01:30 UTC the next day: the UTC date decides the partition.
    event({ event_id: id('a2'), event_type: ' Click ', user_id: 'u2', value: 2.25, occurred_at: '2026-11-01T23:30:00-02:00' }),
    // A value that is not a number: unknown, the event is kept. Microseconds in the time.
    event({ event_id: id('a3'), event_type: 'view', user_id: 'u1', value: 'abc', occurred_at: '2026-11-01T12:00:00.123456+00:00' }),
    // Out of order: happened a day before the events produced first; no user.
    event({ event_id: id('a4'), event_type: 'VIEW', value: 4, occurred_at: '2026-10-31T08:00:00Z' }),
    // A re-delivery of a1 with another value: the first delivery wins.
    event({ event_id: id('a1'), event_type: 'click', user_id: 'u1', value: 100, occurred_at: '2026-11-01T10:00:00Z' }),
    raw('not json at all'),
    raw('[1, 2, 3]'),
    event({ event_type: 'click', user_id: 'u9', value: 1, occurred_at: '2026-11-01T10:00:00Z' }),
    event({ event_id: id('bad-type'), event_type: '   ', user_id: 'u9', value: 1, occurred_at: '2026-11-01T10:00:00Z' }),
    event({ event_id: id('bad-time'), event_type: 'click', user_id: 'u9', value: 1, occurred_at: 'yesterday' }),
    event({ event_id: id('no-time'), event_type: 'click', user_id: 'u9', value: 1 }),
    event({ event_id: id('a5'), event_type: 'purchase', user_id: 'u3', value: 10.5, occurred_at: '2026-11-01T10:00:00+01:00' }),
    event({ event_id: id('a6'), event_type: 'view', user_id: 'u1', occurred_at: '2026-11-01T11:00:00Z' }),
    event({ event_id: id('a7'), event_type: 'purchase', user_id: 'u3', value: 0.25, occurred_at: '2026-11-01T18:00:00Z' }),
    // An exact duplicate of a5.
    event({ event_id: id('a5'), event_type: 'purchase', user_id: 'u3', value: 10.5, occurred_at: '2026-11-01T10:00:00+01:00' }),
  ];
}

/** The second set: one new event on a known day, one late event on a new day, a re-delivery of a2, a malformed message. */
export function secondBatch(run: string): readonly EventMessage[] {
  const id = (n: string) => `${run}-${n}`;
  return [
    event({ event_id: id('b1'), event_type: 'click', user_id: 'u4', value: 3, occurred_at: '2026-11-02T05:00:00Z' }),
    event({ event_id: id('b2'), event_type: 'view', user_id: 'u2', value: 0.5, occurred_at: '2026-10-30T22:00:00Z' }),
    event({ event_id: id('a2'), event_type: 'click', user_id: 'u2', value: 999, occurred_at: '2026-11-01T23:30:00-02:00' }),
    raw('{"event_id": '),
  ];
}

/**
 * Microseconds since the epoch of an ISO 8601 date-time with `Z` or an offset and up to six
 * fraction digits; undefined when it is not one (Spark then has no time either: the event is dropped).
 */
export function epochMicros(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60_000;
  return ms * 1000 + Number((frac ?? '').padEnd(6, '0'));
}

const present = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Silver for the messages in the order they were produced (first delivery of each id wins). */
export function expectedSilver(messages: readonly EventMessage[]): readonly SilverRow[] {
  const rows = new Map<string, SilverRow>();
  for (const m of messages) {
    let e: unknown;
    try {
      e = JSON.parse(m.value);
    } catch {
      continue;
    }
    if (typeof e !== 'object' || e === null || Array.isArray(e)) continue;
    const o = e as Record<string, unknown>;
    const at = epochMicros(o.occurred_at);
    if (!present(o.event_id) || !present(o.event_type) || at === undefined) continue;
    if (rows.has(o.event_id)) continue;
    rows.set(o.event_id, {
      event_id: o.event_id,
      event_type: o.event_type.trim().toLowerCase(),
      user_id: typeof o.user_id === 'string' ? o.user_id : null,
      value: typeof o.value === 'number' ? o.value : null,
      occurred_at: at,
      event_date: new Date(Math.floor(at / 1000)).toISOString().slice(0, 10),
    });
  }
  return [...rows.values()].sort((a, b) => a.event_id.localeCompare(b.event_id));
}

/** Gold from silver: per UTC day and type, events, distinct known users, value sum (null when none known), latest time. */
export function expectedGold(silver: readonly SilverRow[]): readonly GoldRow[] {
  const groups = new Map<string, SilverRow[]>();
  for (const r of silver) {
    const k = `${r.event_date}|${r.event_type}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()]
    .map((rs) => {
      const values = rs.map((r) => r.value).filter((v): v is number => v !== null);
      return {
        event_date: rs[0].event_date,
        event_type: rs[0].event_type,
        events: rs.length,
        distinct_users: new Set(rs.map((r) => r.user_id).filter((u) => u !== null)).size,
        value_sum: values.length ? values.reduce((a, b) => a + b, 0) : null,
        last_event_at: Math.max(...rs.map((r) => r.occurred_at)),
      };
    })
    .sort(byDayAndType);
}

export function byDayAndType(a: { event_date: string; event_type: string }, b: { event_date: string; event_type: string }): number {
  return a.event_date.localeCompare(b.event_date) || a.event_type.localeCompare(b.event_type);
}

/**
 * How many times the processing step produces the first set (each copy under its own ids, the
 * first under the run's): DATALAB_E2E_EVENT_COPIES, default 1; 100 gives the ~100× set that
 * measures throughput through bronze.
 */
export function eventCopies(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DATALAB_E2E_EVENT_COPIES?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`DATALAB_E2E_EVENT_COPIES="${raw}" must be a whole number from 1 to 1000`);
  return n;
}
