/** How verify results are shown: a progress line per check, a final table, or JSON for machines. */
import { CheckResult } from './runner';
import { VerifyReport } from './verify';

const MARK = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** One line (two for a failure: cause, then fix) as a check finishes. */
export function progressLine(r: CheckResult): string {
  const attempts = r.attempts > 1 ? `, ${r.attempts} attempts` : '';
  const head = `${MARK[r.status]}  ${r.group.padEnd(13)} ${r.name}: ${r.detail} (${r.durationMs} ms${attempts})`;
  return r.status === 'fail' && r.fix ? `${head}\n      fix: ${r.fix}` : head;
}

/** The final table: one row per check, then the fixes of the failures and a summary line. */
export function renderTable(report: VerifyReport): string {
  const rows = report.checks.map((r) => [r.group, r.name, MARK[r.status], r.detail]);
  const header = ['GROUP', 'CHECK', 'RESULT', 'DETAIL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  // The last column is not padded, so long causes do not push trailing spaces.
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const failed = report.checks.filter((r) => r.status === 'fail');
  if (failed.length > 0) {
    out.push('', 'To fix:');
    for (const r of failed) out.push(`  ${r.group} ${r.name}: ${r.fix}`);
  }
  const { passed, failed: f, skipped } = report.summary;
  out.push('', `${report.environment}: ${passed} passed, ${f} failed, ${skipped} skipped (groups: ${report.groups.join(', ')})`);
  return out.join('\n');
}

/** The report as JSON (stable key order). */
export function renderJson(report: VerifyReport): string {
  return JSON.stringify(
    {
      environment: report.environment,
      groups: report.groups,
      ok: report.ok,
      summary: report.summary,
      checks: report.checks.map((r) => ({
        id: r.id,
        group: r.group,
        kind: r.kind,
        name: r.name,
        endpoint: r.endpoint,
        status: r.status,
        detail: r.detail,
        ...(r.fix ? { fix: r.fix } : {}),
        attempts: r.attempts,
        durationMs: r.durationMs,
      })),
    },
    null,
    2,
  );
}
