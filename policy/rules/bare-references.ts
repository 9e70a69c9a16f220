import { compliant, nonCompliant, PolicyRule } from '../types';

/**
 * DL013: `depends_on` and `lifecycle.replace_triggered_by` hold bare addresses
 * (`docker_container.name`), never `"${…}"`. cdktf renders a resource object passed to
 * `replaceTriggeredBy` as an interpolation (hashicorp/terraform-cdk#3196), which Terraform rejects
 * at init ("Invalid expression"); checking at synth stops such a stack before it is written.
 */
export const bareReferences: PolicyRule = {
  id: 'DL013',
  name: 'bare-references',
  level: 'error',
  summary: '`depends_on` and `lifecycle.replace_triggered_by` entries are bare addresses, not "${…}" interpolations',
  fix: 'pass address strings (`docker_container.<logical id>`) instead of resource objects to replaceTriggeredBy',
  check(r) {
    const lifecycle = (r.config.lifecycle ?? {}) as Record<string, unknown>;
    const bad = (
      [
        ['depends_on', r.config.depends_on],
        ['lifecycle.replace_triggered_by', lifecycle.replace_triggered_by],
      ] as const
    ).flatMap(([arg, list]) => (Array.isArray(list) ? list.filter((e) => typeof e === 'string' && e.includes('${')).map((e) => `${arg}: ${e}`) : []));
    return bad.length ? nonCompliant(`interpolation where Terraform wants an address (${bad.join('; ')})`) : compliant();
  },
};
