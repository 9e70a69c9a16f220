import { compliant, nonCompliant, PolicyRule } from '../types';

/**
 * DL014: a string in the configuration holds `${` and `%{` only where it means a Terraform
 * expression. Text written into a file or command (a shell script's `${VAR:-x}`, curl's
 * `%{http_code}`, a config file's own `${VAR}` placeholder) must be escaped (`$${`, `%%{`, e.g.
 * with `Fn.rawString`), or Terraform reads it as an interpolation and rejects the stack at plan
 * ("Invalid reference"), after synth has passed.
 */
export const templateLiterals: PolicyRule = {
  id: 'DL014',
  name: 'template-literals',
  level: 'error',
  summary: 'every "${…}" in a string is a Terraform reference or function call, and every "%{" is escaped',
  fix: 'wrap literal file or command text in Fn.rawString(…) (it writes $${ and %%{), or escape by hand',
  check(r) {
    const bad: string[] = [];
    walkStrings(r.config, [], (path, s) => {
      // Only a `{` starts a template: most strings are passed over without looking further.
      if (!s.includes('{')) return;
      const found = unescapedTemplates(s);
      if (found.length) for (const f of found) bad.push(`${renderPath(path)}: ${f}`);
    });
    return bad.length ? nonCompliant(`text Terraform would read as a template (${bad.slice(0, 3).join('; ')}${bad.length > 3 ? `; +${bad.length - 3} more` : ''})`) : compliant();
  },
};

/** An expression Terraform accepts after `${`: a reference (`type.name…`, `data.…`) or a function call. */
const EXPRESSION_START = /^\s*([a-z_][a-z0-9_-]*\s*\(|[a-z_][a-z0-9_-]*(\.|\[)[a-z0-9_*"])/;

/** The `${…}` and `%{` sequences of a string that are not escaped and not expressions. */
export function unescapedTemplates(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) {
    // Every pair ends in `{`: jump to the character before the next one.
    const brace = s.indexOf('{', i + 1);
    if (brace < 0) break;
    i = brace - 1;
    if (s[i] !== '$' && s[i] !== '%') continue;
    const pair = `${s[i]}{`;
    if (i > 0 && s[i - 1] === pair[0]) {
      // `$${` / `%%{`: an escape; skip the sequence it escapes.
      i++;
      continue;
    }
    const rest = s.slice(i + 2, i + 60);
    if (pair === '%{' || !EXPRESSION_START.test(rest)) out.push(`${pair}${rest.split('}')[0]}}`);
    i++;
  }
  return out;
}

/** Visits every string below `v` with its path (keys and indexes, rendered only when reported). */
function walkStrings(v: unknown, path: (string | number)[], visit: (path: readonly (string | number)[], s: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walkStrings(v[i], path, visit);
      path.pop();
    }
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '//') continue;
      path.push(k);
      walkStrings((v as Record<string, unknown>)[k], path, visit);
      path.pop();
    }
  }
}

/** `env[2]`, `upload[0].content`; `(value)` for the top level. */
function renderPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out || '(value)';
}
