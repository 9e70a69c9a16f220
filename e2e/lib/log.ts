/**
 * Step logging for the e2e suite. Everything goes to stderr so that a command's real output
 * (a JSON document, a table) can go to stdout untouched.
 */

export interface StepTiming {
  readonly name: string;
  readonly ms: number;
  readonly ok: boolean;
}

/**
 * An error whose message already says everything a user needs (what failed and what to do):
 * an entry point prints the message and exits with `exitCode`, without a stack trace.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

const recorded: StepTiming[] = [];

function clock(): string {
  return new Date().toISOString().slice(11, 19);
}

export function log(message: string): void {
  process.stderr.write(`[e2e ${clock()}] ${message}\n`);
}

/** 850 ms, 12.3 s, 4 min 05 s: precise for short steps, readable for long ones. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Runs one named step, logs its start and its outcome with the time it took, and records it. */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  log(`▶ ${name}`);
  const start = Date.now();
  try {
    const result = await fn();
    const ms = Date.now() - start;
    recorded.push({ name, ms, ok: true });
    log(`✓ ${name} (${formatMs(ms)})`);
    return result;
  } catch (err) {
    const ms = Date.now() - start;
    recorded.push({ name, ms, ok: false });
    log(`✗ ${name} (${formatMs(ms)})`);
    throw err;
  }
}

/** Every step run so far in this process, in order. */
export function stepTimings(): readonly StepTiming[] {
  return [...recorded];
}

export function timingTable(timings: readonly StepTiming[] = recorded): string {
  const width = Math.max(4, ...timings.map((t) => t.name.length));
  return timings.map((t) => `${t.ok ? ' ' : '✗'} ${t.name.padEnd(width)}  ${formatMs(t.ms).padStart(12)}`).join('\n');
}

/**
 * Runs an entry point: exit with what `main` returns; a UserFacingError becomes its message and
 * its exit code; anything else is a bug or an unexpected failure, printed in full.
 */
export function runEntryPoint(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      if (err instanceof UserFacingError) {
        process.stderr.write(`e2e: ${err.message}\n`);
        process.exit(err.exitCode);
      }
      process.stderr.write(`e2e: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}
