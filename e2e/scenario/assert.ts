/**
 * Assertions and bounded waits for the scenario. A failed assertion says what was expected and
 * what was found, so the step's evidence starts with the exact claim that did not hold.
 */
import { UserFacingError } from '../lib/log';

export class AssertionFailed extends UserFacingError {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionFailed(message);
}

const show = (v: unknown) => JSON.stringify(v);

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  if (show(actual) !== show(expected)) throw new AssertionFailed(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Same members, in any order (lists of names: buckets, registrations, resource changes). */
export function checkSameSet(actual: readonly string[], expected: readonly string[], what: string): void {
  const a = [...new Set(actual)].sort();
  const e = [...new Set(expected)].sort();
  if (show(a) !== show(e)) {
    const missing = e.filter((x) => !a.includes(x));
    const extra = a.filter((x) => !e.includes(x));
    throw new AssertionFailed(`${what}: expected ${show(e)}, got ${show(a)} (missing ${show(missing)}, unexpected ${show(extra)})`);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs?: number;
}

/**
 * Calls `probe` every `intervalMs` until it returns a value other than undefined; returns that
 * value and the time it took. On timeout, fails with `what` and the last thing the probe said
 * (its error message, or `describe()` of the last state), which is what a reader needs.
 */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, opts: PollOptions, describe?: () => string): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const interval = opts.intervalMs ?? 1000;
  let last = 'no answer yet';
  for (;;) {
    const attempt = Date.now();
    try {
      const value = await probe();
      if (value !== undefined) return { value, ms: Date.now() - start };
      last = describe?.() ?? 'condition not met';
    } catch (err) {
      last = err instanceof Error ? err.message.split('\n')[0] : String(err);
    }
    if (Date.now() - start >= opts.timeoutMs) {
      throw new AssertionFailed(`${what}: not within ${Math.round(opts.timeoutMs / 1000)} s (last: ${last})`);
    }
    await sleep(Math.max(0, interval - (Date.now() - attempt)));
  }
}

/** A name no earlier run used: objects and messages the scenario looks for are its own. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${process.pid}`;
}
