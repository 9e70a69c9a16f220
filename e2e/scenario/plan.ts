/**
 * Plans of the core stack made by OpenTofu itself in the synthesized stack directory: a
 * `-detailed-exitcode` plan (0: nothing to do, 2: changes), and a saved plan read back with
 * `tofu show -json`, whose resource_changes say exactly what an apply would do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plainText, tofu } from './commands';
import type { Scenario, StackName } from './context';

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly actions: readonly string[];
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

const PLAN_TIMEOUT = 5 * 60_000;

/** Plans (core unless named) without saving; `changes` lists the lines naming each resource that would change. */
export async function detailedPlan(s: Scenario, stack?: StackName): Promise<{ readonly empty: boolean; readonly ms: number; readonly changes: readonly string[] }> {
  const r = await tofu(s, ['plan', '-detailed-exitcode', '-input=false', '-no-color'], { okCodes: [0, 2], timeoutMs: PLAN_TIMEOUT }, stack);
  const changes = plainText(r.stdout).split('\n').filter((l) => /^\s*# \S+ (will|must|has)/.test(l)).map((l) => l.trim());
  return { empty: r.code === 0, ms: r.ms, changes };
}

export interface SavedPlan {
  readonly file: string;
  /** Every resource change whose actions are not ["no-op"] (reads of data sources included). */
  readonly changes: readonly ResourceChange[];
  readonly ms: number;
}

/** Plans into a file (removed with `discardPlan`) and reads it back as JSON. */
export async function savedPlan(s: Scenario, extra: readonly string[] = []): Promise<SavedPlan> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-e2e-plan-')), 'core.tfplan');
  const planned = await tofu(s, ['plan', '-input=false', '-no-color', `-out=${file}`, ...extra], { timeoutMs: PLAN_TIMEOUT });
  const shown = await tofu(s, ['show', '-json', '-no-color', file], { timeoutMs: 120_000 });
  const json = JSON.parse(shown.stdout) as { resource_changes?: { address: string; type: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }[] };
  const changes = (json.resource_changes ?? [])
    .filter((rc) => !(rc.change.actions.length === 1 && rc.change.actions[0] === 'no-op'))
    .map((rc) => ({ address: rc.address, type: rc.type, actions: rc.change.actions, before: rc.change.before, after: rc.change.after }));
  return { file, changes, ms: planned.ms };
}

/** Applies exactly the saved plan (what was checked is what runs). */
export async function applySaved(s: Scenario, plan: SavedPlan): Promise<number> {
  const r = await tofu(s, ['apply', '-input=false', '-no-color', plan.file], { timeoutMs: 15 * 60_000 });
  return r.ms;
}

export function discardPlan(plan: SavedPlan): void {
  fs.rmSync(path.dirname(plan.file), { recursive: true, force: true });
}

/** "create", "replace", "update", "delete": one word for a change's action list. */
export function actionOf(actions: readonly string[]): string {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  return actions.join('+');
}
