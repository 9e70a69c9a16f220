/**
 * Runs a rule pack over synthesized stacks. Every rule sees every resource; a rule that throws is a
 * violation (fail closed). Violations covered by a suppression are reported as suppressed, not
 * dropped.
 */
import { DATALAB_RULES } from './pack';
import { resourcesOf, SynthStack } from './resources';
import { Suppression, suppressionFor, suppressionProblems } from './suppressions';
import { PolicyRule, RuleContext, RuleLevel, SynthResource } from './types';

export interface Finding {
  readonly rule: string;
  readonly ruleName: string;
  readonly level: RuleLevel;
  readonly address: string;
  readonly path?: string;
  /** What is wrong here, and how to fix it. */
  readonly message: string;
}

export interface SuppressedFinding extends Finding {
  readonly suppression: Suppression;
}

export interface PolicyReport {
  readonly rules: number;
  readonly resources: number;
  /** Unsuppressed violations, errors first. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Problems with the suppressions themselves (errors). */
  readonly problems: readonly string[];
}

export type PolicyContext = Omit<RuleContext, 'resources'>;

export function checkPolicy(
  stacks: readonly SynthStack[],
  ctx: PolicyContext,
  suppressions: readonly Suppression[] = [],
  rules: readonly PolicyRule[] = DATALAB_RULES,
): PolicyReport {
  const resources: SynthResource[] = stacks.flatMap(resourcesOf);
  const full: RuleContext = { ...ctx, resources };
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const r of resources) {
    for (const rule of rules) {
      let detail: string | undefined;
      try {
        const res = rule.check(r, full);
        if (res.compliance === 'non-compliant') detail = res.detail;
      } catch (err) {
        detail = `rule failed on this resource (${(err as Error).message}); treated as a violation`;
      }
      if (detail === undefined) continue;
      const finding: Finding = { rule: rule.id, ruleName: rule.name, level: rule.level, address: r.address, path: r.path, message: `${detail}. Fix: ${rule.fix}` };
      const s = suppressionFor(suppressions, rule.id, r);
      if (s) suppressed.push({ ...finding, suppression: s });
      else findings.push(finding);
    }
  }
  findings.sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  return { rules: rules.length, resources: resources.length, findings, suppressed, problems: suppressionProblems(suppressions, rules.map((x) => x.id)) };
}

export function policyErrors(report: PolicyReport): number {
  return report.findings.filter((f) => f.level === 'error').length + report.problems.length;
}

/** A human report: every violation (with address, construct path and fix) and every suppression. */
export function formatPolicyReport(report: PolicyReport): string {
  const lines: string[] = [];
  const errors = report.findings.filter((f) => f.level === 'error').length;
  const warnings = report.findings.length - errors;
  lines.push(`policy: ${report.rules} rules over ${report.resources} resources: ${errors} error(s), ${warnings} warning(s), ${report.suppressed.length} suppressed`);
  for (const f of report.findings) {
    lines.push(`  ${f.level.toUpperCase()} ${f.rule} ${f.ruleName}  ${f.address}${f.path ? ` (${f.path})` : ''}: ${f.message}`);
  }
  for (const p of report.problems) lines.push(`  ERROR suppressions: ${p}`);
  for (const s of report.suppressed) {
    lines.push(`  suppressed ${s.rule} ${s.ruleName}  ${s.address}: ${s.suppression.reason}${s.suppression.source ? ` [${s.suppression.source}]` : ''}`);
  }
  return lines.join('\n');
}
