/** The `policy:` section of an environment file: reasoned exceptions to the policy pack (docs/policy.md). */
import { z } from 'zod';

export const suppressionSchema = z.strictObject({
  /** Rule id, e.g. DL006. */
  rule: z.string().regex(/^DL\d{3}$/, { message: 'expected a rule id such as DL006' }),
  /** Glob over `<stack>/<type>.<logical id>` or the construct path; `*` matches anything. */
  address: z.string().min(1),
  /** Why this exception is acceptable. */
  reason: z.string().min(10, { message: 'a suppression needs a reason of at least 10 characters' }),
});

export const policySchema = z.strictObject({
  suppressions: z.array(suppressionSchema).default([]),
});
export type PolicyConfig = z.infer<typeof policySchema>;
