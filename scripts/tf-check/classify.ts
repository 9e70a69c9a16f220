/**
 * Reading what `terraform init -backend=false` and `terraform validate -json` say about a stack.
 *
 * `init` parses every file of the stack before it looks for providers, so a configuration error
 * (an invalid expression, an unknown block) is reported even on a machine that cannot reach the
 * provider registry; only when init succeeds can `validate` check arguments against the providers.
 */

export type InitOutcome =
  | { readonly kind: 'ok' }
  /** The configuration parsed; the providers could not be fetched (offline), so validate cannot run. */
  | { readonly kind: 'providers-unavailable'; readonly errors: readonly string[] }
  | { readonly kind: 'config-error'; readonly errors: readonly string[] };

/** Error titles that mean "no providers" (network, registry), not "bad configuration". */
const PROVIDER_FETCH_ERRORS = new Set([
  'Failed to query available provider packages',
  'Failed to install provider',
  'Failed to resolve provider packages',
]);

/** The `Error: <title>` blocks of terraform's `-no-color` output, each with its next detail lines. */
export function errorBlocks(output: string): string[] {
  const lines = output.replace(/\r/g, '').split('\n').map((l) => l.replace(/^[│╷╵]\s?/, ''));
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^Error: (.+)$/.exec(lines[i].trim());
    if (!m) continue;
    const detail = lines.slice(i + 1, i + 6).map((l) => l.trim()).filter((l) => l && !l.startsWith('Error:'));
    blocks.push([m[1], ...detail.slice(0, 3)].join(' — '));
  }
  return blocks;
}

/** Init's summary line before the real configuration errors: says nothing of its own. */
const GENERIC_HEADER = /^Terraform encountered problems during initiali[sz]ation/;

export function classifyInit(exitCode: number, output: string): InitOutcome {
  if (exitCode === 0) return { kind: 'ok' };
  const errors = errorBlocks(output);
  const specific = errors.filter((e) => !GENERIC_HEADER.test(e));
  const configErrors = (specific.length > 0 ? specific : errors).filter((e) => !PROVIDER_FETCH_ERRORS.has(e.split(' — ')[0]));
  if (errors.length > 0 && configErrors.length === 0) return { kind: 'providers-unavailable', errors };
  return { kind: 'config-error', errors: configErrors.length > 0 ? configErrors : [output.trim().split('\n').slice(-3).join(' ')] };
}

export interface ValidateDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
}

/** The diagnostics of `terraform validate -json`, errors first. */
export function validateDiagnostics(json: string): ValidateDiagnostic[] {
  const parsed = JSON.parse(json) as { diagnostics?: ValidateDiagnostic[] };
  return [...(parsed.diagnostics ?? [])].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
