/**
 * Five-field cron expressions as Prefect's CronSchedule (croniter) reads them: minute, hour,
 * day of month, month, day of week; `*`, lists, ranges and steps; month and weekday names.
 * Checked here so a typo is a config error with its path, not a failed apply.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], offset: 1 },
  // 7 is Sunday too, as in croniter.
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], offset: 0 },
] as const;

function value(field: (typeof FIELDS)[number], s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const names = 'names' in field ? (field.names as readonly string[]) : [];
  const i = names.indexOf(s.toLowerCase());
  return i >= 0 ? i + ('offset' in field ? field.offset : 0) : undefined;
}

/** Why `expr` is not a valid cron expression, or undefined when it is. */
export function cronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`;
  for (let i = 0; i < 5; i++) {
    const f = FIELDS[i];
    for (const item of parts[i].split(',')) {
      const m = /^(\*|([^-/]+)(?:-([^-/]+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) return `${f.name} "${item}" is not a value, range or step`;
      if (m[4] !== undefined && Number(m[4]) < 1) return `${f.name} "${item}": a step must be at least 1`;
      if (m[1] === '*') continue;
      const lo = value(f, m[2]);
      const hi = m[3] === undefined ? lo : value(f, m[3]);
      for (const [v, raw] of [[lo, m[2]], [hi, m[3] ?? m[2]]] as const) {
        if (v === undefined || v < f.min || v > f.max) return `${f.name} "${raw}" is outside ${f.min}-${f.max}`;
      }
      if (hi! < lo!) return `${f.name} range "${item}" runs backwards`;
    }
  }
  return undefined;
}

/** Whether `tz` is an IANA time zone this Node knows (Prefect's server uses the same database). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}
