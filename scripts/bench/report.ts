/** Writing docs/performance.md without losing what others keep in it. */

export const DEPLOY_HEADING = '## Deploy on a real engine';

/**
 * `next` with the `## Deploy on a real engine` section of `previous` (from its heading to the next
 * `## ` heading or the end) appended unchanged, when `previous` has one and `next` does not: the
 * benchmark rewrites the file, but deploy measurements are written by hand (or by the e2e suite).
 */
export function mergeDeploySection(next: string, previous: string): string {
  const section = sectionOf(previous, DEPLOY_HEADING);
  if (!section || sectionOf(next, DEPLOY_HEADING)) return next;
  return `${next.replace(/\n*$/, '')}\n\n${section.replace(/\n*$/, '')}\n`;
}

function sectionOf(doc: string, heading: string): string | undefined {
  const lines = doc.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === heading);
  if (start < 0) return undefined;
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end < 0) end = lines.length;
  return lines.slice(start, end).join('\n');
}
