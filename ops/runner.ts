/**
 * Runs checks with a per-attempt timeout, retries with exponential backoff, a concurrency limit and
 * dependencies (a bucket check waits for the lake login check and is skipped if it failed).
 * Results come back in plan order; `onResult` sees each one as soon as it is known.
 */
import { CheckFailure, CheckSkip, CheckTimeout, explain, FailureContext } from './checks/failure';

export type CheckKind = 'lake' | 'kafka' | 'consul' | 'health';

export interface Check {
  /** Unique and stable: `core/minio/bucket/bronze`. */
  readonly id: string;
  /** Stack (group) the checked thing belongs to. */
  readonly group: string;
  readonly kind: CheckKind;
  /** Short human name: `bucket bronze`. */
  readonly name: string;
  /** Where the check dials. */
  readonly endpoint: string;
  /** Container-side service name, for hints. */
  readonly service?: string;
  /** Id of a check that must pass first. */
  readonly dependsOn?: string;
  /** One attempt. Resolves with a short detail on success; throws `CheckFailure`, `CheckSkip` or any error. */
  run(signal: AbortSignal): Promise<string>;
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly id: string;
  readonly group: string;
  readonly kind: CheckKind;
  readonly name: string;
  readonly endpoint: string;
  readonly status: CheckStatus;
  /** Pass: what was found. Fail: the cause. Skip: why. */
  readonly detail: string;
  /** Fail only: what to do. */
  readonly fix?: string;
  readonly attempts: number;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly environment: string;
  /** Per attempt. */
  readonly timeoutMs: number;
  /** Extra attempts after the first. */
  readonly retries: number;
  /** Delay before the first retry; doubles each time. */
  readonly backoffMs: number;
  /** @default 4 */
  readonly concurrency?: number;
  readonly onResult?: (r: CheckResult) => void;
}

/** Delay before retry `n` (1-based): backoff·2^(n-1), capped at 30 s. */
export function backoffDelay(backoffMs: number, n: number): number {
  return Math.min(backoffMs * 2 ** (n - 1), 30_000);
}

export async function runChecks(checks: readonly Check[], opts: RunOptions): Promise<CheckResult[]> {
  const ids = new Set(checks.map((c) => c.id));
  for (const c of checks) {
    if (c.dependsOn && !ids.has(c.dependsOn)) throw new Error(`check ${c.id} depends on unknown check ${c.dependsOn}`);
  }
  const limit = limiter(opts.concurrency ?? 4);
  const results = new Map<string, Promise<CheckResult>>();
  const resultOf = (c: Check): Promise<CheckResult> => {
    let p = results.get(c.id);
    if (!p) {
      p = (async () => {
        if (c.dependsOn) {
          const dep = await resultOf(checks.find((x) => x.id === c.dependsOn)!);
          if (dep.status !== 'pass') {
            return report(opts, base(c, 'skip', `not checked: ${dep.name} did not pass`, 0, 0));
          }
        }
        return report(opts, await limit(() => attempt(c, opts)));
      })();
      results.set(c.id, p);
    }
    return p;
  };
  return Promise.all(checks.map(resultOf));
}

function report(opts: RunOptions, r: CheckResult): CheckResult {
  opts.onResult?.(r);
  return r;
}

async function attempt(c: Check, opts: RunOptions): Promise<CheckResult> {
  const started = Date.now();
  const ctx: FailureContext = { endpoint: c.endpoint, stack: c.group, environment: opts.environment, service: c.service, timeoutMs: opts.timeoutMs };
  let failure: CheckFailure | undefined;
  let n = 0;
  for (; n <= opts.retries; n++) {
    if (n > 0) await sleep(backoffDelay(opts.backoffMs, n));
    try {
      const detail = await withTimeout((signal) => c.run(signal), opts.timeoutMs);
      return base(c, 'pass', detail, n + 1, Date.now() - started);
    } catch (err) {
      if (err instanceof CheckSkip) return base(c, 'skip', err.message, n + 1, Date.now() - started);
      failure = explain(err, ctx);
      if (!failure.retryable) {
        n++;
        break;
      }
    }
  }
  return { ...base(c, 'fail', failure!.reason, Math.min(n, opts.retries + 1), Date.now() - started), fix: failure!.fix };
}

function base(c: Check, status: CheckStatus, detail: string, attempts: number, durationMs: number): CheckResult {
  return { id: c.id, group: c.group, kind: c.kind, name: c.name, endpoint: c.endpoint, status, detail, attempts, durationMs };
}

/** Runs `fn` with an AbortSignal that fires after `ms`; rejects with `CheckTimeout` then, even if `fn` ignores the signal. */
export async function withTimeout<T>(fn: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const ac = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      ac.abort(new CheckTimeout(ms));
      reject(new CheckTimeout(ms));
    }, ms);
  });
  try {
    return await Promise.race([fn(ac.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    else active++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, so no newcomer can take it in between.
      const next = queue.shift();
      if (next) next();
      else active--;
    }
  };
}
