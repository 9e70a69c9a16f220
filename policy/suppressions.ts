/**
 * Suppressions: a deliberate, reasoned exception to one rule for some resources. Two sources, both
 * listed in every report: `policy.suppressions` in the environment file (rule id + address glob +
 * reason) and `Suppressions.add(construct, ruleId, reason)` in code, which applies to every
 * Terraform resource at or below that construct.
 */
import { TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { SynthResource } from './types';

export interface Suppression {
  /** Rule id, e.g. `DL006`. */
  readonly rule: string;
  /** Glob over the address `<stack>/<type>.<logical id>` or the construct path `<stack>/<a>/<b>`; `*` matches any run of characters. */
  readonly address: string;
  /** Why the exception is acceptable (required). */
  readonly reason: string;
  /** Where it was declared, for the report. */
  readonly source?: string;
}

const MIN_REASON = 10;

/** Problems with the suppressions themselves (unknown rule, missing reason). */
export function suppressionProblems(list: readonly Suppression[], ruleIds: readonly string[]): string[] {
  return list.flatMap((s) => {
    const where = s.source ? ` (${s.source})` : '';
    const p: string[] = [];
    if (!ruleIds.includes(s.rule)) p.push(`suppression of unknown rule "${s.rule}"${where}; rules: ${ruleIds.join(', ')}`);
    if (s.reason.trim().length < MIN_REASON) p.push(`suppression of ${s.rule} for "${s.address}"${where} needs a reason of at least ${MIN_REASON} characters`);
    return p;
  });
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

/** The suppression that covers this rule on this resource, if any. */
export function suppressionFor(list: readonly Suppression[], rule: string, r: SynthResource): Suppression | undefined {
  return list.find((s) => s.rule === rule && (globToRegExp(s.address).test(r.address) || (r.path !== undefined && globToRegExp(s.address).test(r.path))));
}

const KEY = 'datalab:policy-suppression';

/** Code-level suppressions, recorded as construct metadata. */
export class Suppressions {
  /** Suppress `rule` for every Terraform resource at or below `scope`, for the given reason. */
  static add(scope: IConstruct, rule: string, reason: string): void {
    if (reason.trim().length < MIN_REASON) {
      throw new Error(`suppressing ${rule} on ${scope.node.path} needs a reason of at least ${MIN_REASON} characters`);
    }
    scope.node.addMetadata(KEY, { rule, reason });
  }

  /** Every code-level suppression below `root`, as exact resource addresses. */
  static collect(root: Construct): Suppression[] {
    const out: Suppression[] = [];
    for (const c of root.node.findAll()) {
      for (const m of c.node.metadata.filter((x) => x.type === KEY)) {
        const { rule, reason } = m.data as { rule: string; reason: string };
        for (const r of c.node.findAll().filter((x): x is TerraformResource => x instanceof TerraformResource)) {
          const stack = TerraformStack.of(r);
          out.push({ rule, reason, address: `${stack.node.id}/${r.terraformResourceType}.${stack.getLogicalId(r)}`, source: `code: ${c.node.path}` });
        }
      }
    }
    return out;
  }
}
