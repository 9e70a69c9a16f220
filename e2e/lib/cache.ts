/**
 * The e2e cache: built tools, the provider mirror, logs. It lives outside the clone (a fresh
 * clone, as CI makes, still finds it) under `${DATALAB_E2E_CACHE:-$HOME/.cache/datalab-e2e}`.
 * Entries are keyed by what produced them (version, commit, recipe), so a second run only
 * compares stamps and a changed pin rebuilds just what changed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DATALAB_E2E_CACHE?.trim();
  return path.resolve(configured || path.join(env.HOME || os.homedir(), '.cache', 'datalab-e2e'));
}

/** A folder under the cache root, created if missing. */
export function cacheDir(...parts: readonly string[]): string {
  const dir = path.join(cacheRoot(), ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function stampFile(name: string): string {
  return path.join(cacheDir('stamps'), `${name}.json`);
}

/** What produced an entry; equal keys (same JSON) mean the entry can be reused. */
export type StampKey = Readonly<Record<string, string>>;

function sameKey(a: StampKey, b: StampKey): boolean {
  const norm = (k: StampKey) => JSON.stringify(Object.entries(k).sort(([x], [y]) => x.localeCompare(y)));
  return norm(a) === norm(b);
}

export interface CachedFile {
  readonly path: string;
  /** True when the file was already there with a matching stamp and nothing was produced. */
  readonly reused: boolean;
}

/**
 * Returns `target`, producing it with `produce(tmpPath)` unless it exists with a stamp equal to
 * `key`. The product is written to a temporary name and renamed into place before the stamp is
 * written, so an interrupted run leaves no file that a later run would take as complete.
 */
export async function cachedFile(stampName: string, target: string, key: StampKey, produce: (tmpPath: string) => Promise<void>): Promise<CachedFile> {
  const stamp = stampFile(stampName);
  if (fs.existsSync(target) && fs.existsSync(stamp)) {
    try {
      const recorded = JSON.parse(fs.readFileSync(stamp, 'utf8')) as { key: StampKey };
      if (sameKey(recorded.key, key)) return { path: target, reused: true };
    } catch {
      // An unreadable stamp is treated as missing: the entry is produced again.
    }
  }
  fs.rmSync(stamp, { force: true });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true, recursive: true });
  try {
    await produce(tmp);
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { force: true, recursive: true });
  }
  fs.writeFileSync(stamp, `${JSON.stringify({ key, target, producedAt: new Date().toISOString() }, null, 2)}\n`);
  return { path: target, reused: false };
}

/** Writes a file only when its content changes (keeps mtimes stable across runs). */
export function writeFileIfChanged(file: string, content: string, mode?: number): void {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  fs.renameSync(tmp, file);
}
