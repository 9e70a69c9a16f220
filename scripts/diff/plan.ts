/**
 * Counting what a plan would do, from `terraform show -json <planfile>` (the stable, documented
 * machine format of both Terraform and OpenTofu) or, as a fallback, from the human plan text.
 */

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Outputs that would change (they matter to stacks that read them). */
  readonly outputs: number;
  /** Addresses of resources that would be replaced (delete and create). */
  readonly replaced: readonly string[];
}

export const NO_CHANGES: PlanCounts = { add: 0, change: 0, destroy: 0, outputs: 0, replaced: [] };

/** True when applying the plan would change resources or outputs. */
export function hasChanges(c: PlanCounts): boolean {
  return c.add + c.change + c.destroy + c.outputs > 0;
}

interface PlanJson {
  format_version?: string;
  errored?: boolean;
  resource_changes?: { address?: string; mode?: string; change?: { actions?: string[] } }[];
  output_changes?: Record<string, { actions?: string[] }>;
}

/**
 * Counts resource changes the way Terraform's "Plan: …" line does: a replacement counts once to
 * add and once to destroy; reads (data sources) and no-ops are not changes.
 */
export function parsePlanJson(text: string): PlanCounts {
  let plan: PlanJson;
  try {
    plan = JSON.parse(text) as PlanJson;
  } catch (e) {
    throw new Error(`plan JSON is not valid JSON: ${(e as Error).message}`);
  }
  if (!plan || typeof plan !== 'object' || typeof plan.format_version !== 'string') {
    throw new Error('plan JSON has no format_version: expected the output of `show -json <planfile>`');
  }
  if (plan.errored) throw new Error('the plan errored: Terraform could not finish planning');
  let add = 0;
  let change = 0;
  let destroy = 0;
  const replaced: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const actions = rc.change?.actions ?? [];
    const creates = actions.includes('create');
    const deletes = actions.includes('delete');
    if (creates) add++;
    if (deletes) destroy++;
    if (actions.includes('update')) change++;
    if (creates && deletes) replaced.push(rc.address ?? '(unknown)');
  }
  const outputs = Object.values(plan.output_changes ?? {}).filter((o) => (o.actions ?? []).some((a) => a !== 'no-op')).length;
  return { add, change, destroy, outputs, replaced };
}

/**
 * Reads the counts from `plan` text output (e.g. a saved CI log). Understands "Plan: N to add, N to
 * change, N to destroy." (with or without import/forget counts), "No changes." and the
 * outputs-only case. Throws when the text holds none of them, or holds an error.
 */
export function parsePlanText(text: string): PlanCounts {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const error = plain.match(/^[│ ]*Error: (.+)$/m);
  if (error) throw new Error(`the plan failed: ${error[1].trim()}`);
  const outputs = countOutputChanges(plain);
  const line = plain.match(/Plan: (.*?)\.\s*$/m);
  if (line) {
    const n = (what: string): number => Number(line[1].match(new RegExp(`(\\d+) to ${what}`))?.[1] ?? 0);
    return { add: n('add'), change: n('change'), destroy: n('destroy'), outputs, replaced: replacedIn(plain) };
  }
  if (/No changes\./.test(plain)) return { ...NO_CHANGES, outputs };
  if (outputs > 0) return { ...NO_CHANGES, outputs };
  throw new Error('no plan summary found: expected "Plan: … to add, … to change, … to destroy." or "No changes."');
}

function countOutputChanges(text: string): number {
  const start = text.indexOf('Changes to Outputs:');
  if (start < 0) return 0;
  const block = text.slice(start).split(/\n\s*\n/)[0];
  return block.split('\n').filter((l) => /^\s*[-+~]\s+[A-Za-z0-9_-]+\s*=/.test(l)).length;
}

function replacedIn(text: string): string[] {
  return [...text.matchAll(/^\s*# (\S+) must be replaced$/gm)].map((m) => m[1]);
}
