/**
 * A cache of validated environment files, so that synthesizing an unchanged environment skips YAML
 * parsing and schema validation (and loading their code: about a sixth of a synth).
 *
 * An entry is keyed by the SHA-256 of the file's text and of everything that decides its validated
 * form: every TypeScript file below config/ (schemas and checks), every file below jobs/ (the job
 * plan is one of the checks: definitions and PySpark code) and the installed zod and yaml
 * versions. Any edit to the file or to that code is a miss, and a miss validates from scratch.
 * Entries live in node_modules/.cache/datalab-config/ (never in the repo); a missing or unwritable
 * cache only costs time. `DATALAB_CONFIG_CACHE=0` turns it off.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvConfig } from './schema';

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'datalab-config');

let codeDigest: string | undefined;

/** Hash of the code that turns a file into an EnvConfig. */
function validatingCode(): string {
  if (codeDigest) return codeDigest;
  const h = createHash('sha256');
  const walk = (dir: string, wanted: (name: string) => boolean): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, wanted);
      else if (wanted(e.name)) h.update(`${path.relative(ROOT, p)}\0`).update(fs.readFileSync(p)).update('\0');
    }
  };
  walk(__dirname, (name) => name.endsWith('.ts'));
  walk(path.join(ROOT, 'jobs'), (name) => name.endsWith('.ts') || name.endsWith('.py'));
  for (const pkg of ['zod', 'yaml']) {
    try {
      h.update(`${pkg}@${JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version}\0`);
    } catch {
      h.update(`${pkg}@?\0`);
    }
  }
  return (codeDigest = h.digest('hex'));
}

function enabled(): boolean {
  return process.env.DATALAB_CONFIG_CACHE !== '0';
}

function entryFor(name: string, text: string): string {
  const key = createHash('sha256').update(validatingCode()).update('\0').update(name).update('\0').update(text).digest('hex');
  return path.join(CACHE_DIR, `${name}-${key.slice(0, 32)}.json`);
}

/** The validated config of this exact file text, if an earlier run stored it. */
export function readCachedConfig(name: string, text: string): EnvConfig | undefined {
  if (!enabled()) return undefined;
  try {
    return JSON.parse(fs.readFileSync(entryFor(name, text), 'utf8')) as EnvConfig;
  } catch {
    return undefined;
  }
}

/** Stores a validated config (written whole, then renamed: a reader never sees half an entry). */
export function writeCachedConfig(name: string, text: string, cfg: EnvConfig): void {
  if (!enabled()) return;
  try {
    const file = entryFor(name, text);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(cfg));
    fs.renameSync(tmp, file);
    prune(name, file);
  } catch {
    // A read-only checkout or a full disk: run without the cache.
  }
}

/** Entries of the same environment written over a week ago (older edits of the file or the code): at worst a miss. */
function prune(name: string, keep: string): void {
  const cutoff = Date.now() - 7 * 24 * 3600 * 1000;
  for (const f of fs.readdirSync(CACHE_DIR)) {
    const p = path.join(CACHE_DIR, f);
    if (p !== keep && f.startsWith(`${name}-`) && fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { force: true });
  }
}
