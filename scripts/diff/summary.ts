/**
 * The one summary table a diff prints: per stack, what would be added, changed and destroyed, and
 * whether its plan may be stale because a stack it reads from has changes that are not applied
 * yet (its plan saw the upstream outputs as they are now, not as they will be).
 */
import { StackGraph } from './manifest';
import { hasChanges } from './plan';
import { StackResult } from './plan-stack';
import { upstreamOf } from './selection';

/** Notes per stack about upstream stacks whose pending changes or failure make its plan uncertain. */
export function stalenessNotes(graph: StackGraph, results: readonly StackResult[]): Map<string, string[]> {
  const byName = new Map(results.map((r) => [r.stack, r]));
  const notes = new Map<string, string[]>();
  for (const r of results) {
    const upstream = [...upstreamOf(graph, r.stack)];
    const ordered = results.map((x) => x.stack).filter((n) => upstream.includes(n));
    const mine: string[] = [];
    for (const u of ordered) {
      const ur = byName.get(u)!;
      if (ur.status === 'error') mine.push(`may be stale: upstream ${u} failed to plan`);
      else if (hasChanges(ur.counts)) mine.push(`may be stale: upstream ${u} has pending changes`);
    }
    notes.set(r.stack, mine);
  }
  return notes;
}

/** A Markdown table (readable in a terminal, rendered in a PR comment). */
export function renderSummary(graph: StackGraph, results: readonly StackResult[], title?: string): string {
  const stale = stalenessNotes(graph, results);
  const rows = results.map((r) => {
    const [add, change, destroy] = r.status === 'error' ? ['–', '–', '–'] : [r.counts.add, r.counts.change, r.counts.destroy].map(String);
    const notes = [...ownNotes(r), ...(stale.get(r.stack) ?? [])].join('; ');
    return `| ${r.stack} | ${add} | ${change} | ${destroy} | ${escapeCell(notes)} |`;
  });
  const head = ['| stack | add | change | destroy | notes |', '|---|---:|---:|---:|---|'];
  return [...(title ? [`### ${title}`, ''] : []), ...head, ...rows].join('\n');
}

/** What the stack's own plan says beyond the counts. */
function ownNotes(r: StackResult): string[] {
  if (r.status === 'error') return [`error: ${r.error}`];
  const { counts } = r;
  const notes: string[] = [];
  if (!hasChanges(counts)) notes.push('no changes');
  if (counts.outputs > 0) notes.push(`${counts.outputs} output${counts.outputs === 1 ? '' : 's'} change`);
  if (counts.replaced.length > 0) notes.push(`replaces ${counts.replaced.join(', ')}`);
  return notes;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
