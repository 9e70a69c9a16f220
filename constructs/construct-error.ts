import { IConstruct } from 'constructs';

/**
 * A construct refusing what it was given (props, a name, a grant): thrown eagerly, where the
 * mistake is made. The message starts with the construct path (`processing/spark-worker: …`), so
 * it says where in the platform the problem is, not only what it is; the entry points print it as
 * one line, without a stack trace.
 */
export class ConstructError extends Error {
  override name = 'ConstructError';

  constructor(
    /** The construct that refuses (its path leads the message). */
    readonly scope: IConstruct,
    /** What is wrong and what is allowed. */
    readonly detail: string,
  ) {
    super(`${scope.node.path}: ${detail}`);
  }
}

/**
 * Runs `fn`, turning a plain `Error` it throws into a `ConstructError` of `scope` (helpers that
 * validate props without a construct of their own), so the message carries the construct path.
 */
export function refusedBy<T>(scope: IConstruct, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConstructError || !(err instanceof Error)) throw err;
    throw new ConstructError(scope, err.message);
  }
}
