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
    walk(r.config, '', (path, s) => {
      for (const found of unescapedTemplates(s)) bad.push(`${path}: ${found}`);
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
    const pair = s.slice(i, i + 2);
    if (pair !== '${' && pair !== '%{') continue;
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

function walk(v: unknown, path: string, visit: (path: string, s: string) => void): void {
  if (typeof v === 'string') visit(path || '(value)', v);
  else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, visit));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== '//') walk(x, path ? `${path}.${k}` : k, visit);
}
