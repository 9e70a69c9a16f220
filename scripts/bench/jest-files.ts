/** What each test file cost in a jest run, from jest's `--json` report. */
import { relative } from 'node:path';

/** The parts of jest's `--json` output used here. */
export interface JestJson {
  readonly testResults: readonly { readonly name: string; readonly startTime: number; readonly endTime: number; readonly assertionResults: readonly unknown[] }[];
}

export interface FileTiming {
  /** Relative to the project. */
  readonly file: string;
  /** From the file's start to its end in its worker: loading, setup and every test. */
  readonly ms: number;
  readonly tests: number;
}

/** Every test file of the run, most expensive first. */
export function fileTimings(json: JestJson, root: string): FileTiming[] {
  return json.testResults
    .map((t) => ({ file: relative(root, t.name), ms: t.endTime - t.startTime, tests: t.assertionResults.length }))
    .sort((a, b) => b.ms - a.ms);
}
