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
  const notes = stalenessNotes(graph, results);
  const rows = results.map((r) => {
    const cells =
      r.status === 'error'
        ? ['–', '–', '–', [`error: ${r.error}`]]
        : [
            String(r.counts.add),
            String(r.counts.change),
            String(r.counts.destroy),
            [
              !hasChanges(r.counts) ? 'no changes' : '',
              r.counts.outputs > 0 ? `${r.counts.outputs} output${r.counts.outputs === 1 ? '' : 's'} change` : '',
              r.counts.replaced.length > 0 ? `replaces ${r.counts.replaced.join(', ')}` : '',
            ],
          ];
    const note = [...(cells[3] as string[]), ...(notes.get(r.stack) ?? [])].filter(Boolean).join('; ');
    return `| ${r.stack} | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${escapeCell(note)} |`;
  });
  const head = ['| stack | add | change | destroy | notes |', '|---|---:|---:|---:|---|'];
  return [...(title ? [`### ${title}`, ''] : []), ...head, ...rows].join('\n');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
