/**
 * An independent reader of the lake's Delta tables: delta-rs (PyPI `deltalake`, Apache-2.0) in a
 * virtual environment the suite makes in its cache, run on the host against the S3 port. Neither
 * Spark nor the job code is involved, so a table that only Spark could read back (or a job that
 * agrees with itself) would not pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../lib/cache';
import { run } from '../lib/exec';
import { log } from '../lib/log';
import { AssertionFailed } from './assert';
import type { LakeCredentials } from './state';

/** Pinned: what the reader is is part of what the comparison means. */
export const DELTA_READER_REQUIREMENTS = ['deltalake==1.6.6', 'pyarrow==22.0.0'] as const;

const SCRIPT = path.join(__dirname, 'delta', 'read_tables.py');

async function readerPython(logFile: string): Promise<string> {
  const dir = cacheDir('delta-reader');
  const python = path.join(dir, 'venv', 'bin', 'python');
  const stamp = path.join(dir, 'requirements.txt');
  const wanted = `${DELTA_READER_REQUIREMENTS.join('\n')}\n`;
  if (fs.existsSync(python) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return python;
  log(`  delta reader: python3 -m venv and pip install ${DELTA_READER_REQUIREMENTS.join(' ')} (${dir})`);
  fs.rmSync(path.join(dir, 'venv'), { recursive: true, force: true });
  await run('python3', ['-m', 'venv', path.join(dir, 'venv')], { logFile, timeoutMs: 120_000 });
  await run(python, ['-m', 'pip', 'install', '-q', ...DELTA_READER_REQUIREMENTS], { logFile, timeoutMs: 10 * 60_000 });
  fs.writeFileSync(stamp, wanted);
  return python;
}

export type DeltaRead =
  | { readonly missing: true }
  | {
      readonly missing?: false;
      readonly version: number;
      readonly rows: readonly Record<string, unknown>[];
      /** The data files of this version, relative to the table's prefix. */
      readonly files: readonly string[];
    };

/** Reads each table (name → `s3://bucket/prefix`) at its latest version. */
export async function readDeltaTables(logFile: string, endpoint: string, who: LakeCredentials, tables: Readonly<Record<string, string>>): Promise<Record<string, DeltaRead>> {
  const python = await readerPython(logFile);
  const input = JSON.stringify({ endpoint, accessKey: who.accessKey, secretKey: who.secretKey, tables });
  const r = await run(python, [SCRIPT], { input, timeoutMs: 5 * 60_000, okCodes: [0, 1] });
  if (r.code !== 0) throw new AssertionFailed(`the Delta reader failed (exit ${r.code}):\n${r.stderr.split('\n').slice(-15).join('\n')}`);
  return JSON.parse(r.stdout) as Record<string, DeltaRead>;
}

export function present(name: string, t: DeltaRead | undefined): { readonly version: number; readonly rows: readonly Record<string, unknown>[]; readonly files: readonly string[] } {
  if (!t || t.missing) throw new AssertionFailed(`Delta table ${name} does not exist in the lake`);
  return t;
}
