/**
 * Whether anything of an environment is deployed, from its local state files: what `datalab verify`
 * looks at before running a single check, so that an environment nobody deployed (or deployed from
 * another directory) is one line, not a table of failed and skipped checks.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { StackModel } from './model';

/** Nothing of the selected stacks is deployed (as far as their local state files say). */
export class NothingDeployedError extends Error {
  override name = 'NothingDeployedError';
}

/**
 * Whether a local state file records a deployment: false when it does not exist or holds neither
 * resources nor outputs (a destroyed stack keeps its file with `"resources": []`). A file that
 * cannot be read counts as deployed, so that verify runs and its checks say what is wrong with it.
 */
export function stateRecordsDeployment(file: string): boolean {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ENOENT';
  }
  try {
    const state = JSON.parse(text) as { resources?: unknown; outputs?: unknown };
    const outputs = state.outputs && typeof state.outputs === 'object' ? Object.keys(state.outputs).length : 0;
    return !Array.isArray(state.resources) || state.resources.length > 0 || outputs > 0;
  } catch {
    return true;
  }
}

/**
 * Throws a one-line `NothingDeployedError` when every one of `stacks` keeps its state in a local
 * file (relative to `root`) and none of those files records a deployment. Remote state cannot be
 * read here, so a stack with remote state always counts as possibly deployed.
 */
export function requireSomethingDeployed(environment: string, stacks: readonly StackModel[], root: string): void {
  if (stacks.length === 0) return;
  if (stacks.some((s) => s.stateFile === undefined || stateRecordsDeployment(path.resolve(root, s.stateFile)))) return;
  const dirs = [...new Set(stacks.map((s) => `${path.join(root, path.dirname(s.stateFile!))}${path.sep}`))];
  const names = stacks.map((s) => s.name);
  throw new NothingDeployedError(
    `nothing is deployed in environment ${environment}: no state with resources or outputs in ${dirs.join(', ')} for ${names.join(', ')}; deploy first (npx cdktf deploy ${names[0]}${names.length > 1 ? ' …' : ''}) or pass --root <the directory it was deployed from>`,
  );
}
