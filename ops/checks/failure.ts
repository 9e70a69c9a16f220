/**
 * How a check fails: one line saying what is wrong (`reason`) and one saying what to do (`fix`),
 * never a stack trace. Network errors from any client are translated here, so every check words
 * "nothing listens", "timed out" and "cannot resolve" the same way.
 */

export class CheckFailure extends Error {
  constructor(
    /** What is wrong, in one line. */
    readonly reason: string,
    /** What to do about it, in one line. */
    readonly fix: string,
    /** Worth trying again (the service may still be starting). @default true */
    readonly retryable = true,
  ) {
    super(reason);
    this.name = 'CheckFailure';
  }
}

/** Thrown by a check that does not apply; it is reported as skipped, not failed. */
export class CheckSkip extends Error {
  override name = 'CheckSkip';
}

/** Thrown when an attempt exceeds the per-check timeout. */
export class CheckTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'CheckTimeout';
  }
}

/** Where the failing call went, so the fix can name the stack and the container. */
export interface FailureContext {
  /** `host:port` or URL that was dialled. */
  readonly endpoint: string;
  /** Stack (group) that deploys the service. */
  readonly stack: string;
  readonly environment: string;
  /** Container-side service name, for `docker logs` hints. */
  readonly service?: string;
  /** Per-attempt timeout, for the timeout message. */
  readonly timeoutMs: number;
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED'];

/** The first network error code anywhere in an error's cause chain (AWS SDK, kafkajs and fetch all wrap). */
export function networkCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const e = cur as { code?: unknown; errno?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    if (typeof e.code === 'string' && NETWORK_CODES.includes(e.code)) return e.code;
    if (typeof e.message === 'string') {
      const m = NETWORK_CODES.find((c) => e.message!.toString().includes(c));
      if (m) return m;
    }
    if (Array.isArray(e.errors) && e.errors.length > 0) cur = e.errors[0];
    else cur = e.cause ?? e.originalError;
  }
  return undefined;
}

/** Turns any error into a one-line reason and fix. `CheckFailure`s pass through unchanged. */
export function explain(err: unknown, ctx: FailureContext): CheckFailure {
  if (err instanceof CheckFailure) return err;
  const container = ctx.service ? `datalab-${ctx.environment}-${ctx.service}` : undefined;
  const deploy = `npx cdktf deploy ${ctx.stack}`;
  const name = (err as { name?: string })?.name;
  // Clients time out on their own too (kafkajs: "Connection timeout"; AWS SDK: TimeoutError).
  const clientTimeout = name === 'TimeoutError' || /\b(connection|request) tim(ed out|eout)\b/i.test(String((err as Error)?.message ?? ''));
  if (err instanceof CheckTimeout || name === 'AbortError' || clientTimeout) {
    return new CheckFailure(
      `no answer from ${ctx.endpoint} within ${ctx.timeoutMs} ms`,
      `the service may still be starting: retry with a longer --timeout, and check ${container ? `docker ps --filter name=^${container}$` : 'docker ps'}`,
    );
  }
  const code = networkCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return new CheckFailure(
        `nothing listens on ${ctx.endpoint}`,
        container
          ? `deploy the stack (${deploy}) or start the container (docker start ${container}); DATALAB_ENV=${ctx.environment} is the environment checked`
          : `deploy the stack (${deploy}); DATALAB_ENV=${ctx.environment} is the environment checked`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new CheckFailure(`cannot resolve the host of ${ctx.endpoint}`, 'run verify on the Docker host; published ports bind to its addresses (network.publishAddress)');
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new CheckFailure(`${ctx.endpoint} is unreachable (${code})`, 'run verify on the Docker host, or check the address in network.publishAddress / the port binding');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return new CheckFailure(
        `${ctx.endpoint} closed the connection (${code})`,
        `another program may hold the port, or the service is restarting: ${container ? `docker logs ${container}` : 'check the service log'}`,
      );
  }
  const msg = err instanceof Error ? err.message : String(err);
  return new CheckFailure(
    `${ctx.endpoint}: ${firstLine(msg) || 'unknown error'}`,
    container ? `see the service log: docker logs ${container}` : `re-run with a longer --timeout; if it persists, ${deploy}`,
  );
}

export function firstLine(s: string): string {
  return s.split('\n')[0].trim().slice(0, 200);
}
