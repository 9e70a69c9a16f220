/**
 * Which provider modules the app loads: every `@cdktf/provider-*` or `.gen/providers/*` import in
 * the app's sources, resolved to what `require` takes. Computed, so the benchmark's "floor + the
 * provider modules" row (floor-providers.cjs) never drifts from the app. (The floor itself loads
 * none of them: it holds nothing the project chose.)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const SOURCE_DIRS = ['main.ts', 'config', 'constructs', 'stacks', 'jobs', 'policy'];
const IMPORT = /from\s+'([^']+)'/g;

function tsFiles(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    return [];
  }
  if (st.isFile()) return path.endsWith('.ts') ? [path] : [];
  return readdirSync(path).flatMap((e) => tsFiles(join(path, e)));
}

export function providerModules(root: string): string[] {
  const found = new Set<string>();
  for (const file of SOURCE_DIRS.flatMap((d) => tsFiles(join(root, d)))) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1];
      if (spec.startsWith('@cdktf/provider-')) found.add(spec);
      else if (spec.includes('.gen/providers/')) found.add(resolve(dirname(file), spec));
    }
  }
  return [...found].sort();
}
