/**
 * cdktf records a complete stack trace for every token it creates (every reference, `Lazy` value,
 * `Fn` call and computed list) and shows it only when that token later fails to resolve. Capturing
 * them is the largest single cost of a synth after resolving itself (about a quarter of it; under
 * jest, which maps each trace through source maps, close to half of a test that synthesizes), and
 * DataLab reports its own errors as messages, never as cdktf's creation stacks.
 *
 * So token traces are off unless debugging: `DATALAB_DEBUG=1` (the switch that also makes the
 * `datalab` CLI print stack traces) turns them on, and the app then runs from the TypeScript
 * sources with source maps, so a trace names .ts files and lines (see bin/app.js). The synthesized
 * output is the same either way: a trace is never written anywhere.
 */
// The module object itself (not an import's copy of it): cdktf reads `captureStackTrace` from it
// on every call (`(0, stack_trace_1.captureStackTrace)()`), so replacing the export is enough.
import stackTrace = require('cdktf/lib/tokens/private/stack-trace');

type Capture = typeof stackTrace.captureStackTrace;
const exportsObject = stackTrace as { captureStackTrace: Capture };
const capture: Capture = stackTrace.captureStackTrace;
const noTrace: Capture = () => [];

/** Whether the environment asks for token stack traces: debugging (`DATALAB_DEBUG` set, as for the CLI). */
export function stackTracesRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DATALAB_DEBUG);
}

/** Turns cdktf's per-token stack traces on or off for every token created from now on. */
export function tokenStackTraces(on: boolean): void {
  exportsObject.captureStackTrace = on ? capture : noTrace;
}

/** Whether tokens created now record a stack trace. */
export function tokenStackTracesOn(): boolean {
  return exportsObject.captureStackTrace !== noTrace;
}
