import { compliant, isLiteralString, nonCompliant, notApplicable, PolicyRule } from '../types';

const SECRET_WORDS = ['PASSWORD', 'PASSWD', 'SECRET', 'TOKEN', 'APIKEY', 'CREDENTIALS'];
/** `KEY` is a credential at the end of a name (SECRET_KEY, FERNET_KEY), not inside one (KEY_SERIALIZER). */
const SECRET_LAST = ['KEY', 'KEYS'];
/** Last name segments that say the variable is about a secret (where, how, whether), not the secret. */
const POINTER_SUFFIXES = [
  'FILE', 'PATH', 'DIR', 'NAME', 'ID', 'USER', 'USERNAME', 'LENGTH', 'TYPE', 'ALGORITHM', 'ENABLED', 'DISABLED', 'REQUIRED',
  'EXPIRY', 'TTL', 'TIMEOUT', 'POLICY', 'MODE', 'URL', 'URI', 'HOST', 'PORT', 'ENDPOINT', 'PROVIDER', 'BACKEND', 'HEADER',
  'PREFIX', 'FORMAT', 'VERSION', 'COUNT', 'SECONDS', 'DAYS', 'HOURS',
];

/** Whether an environment variable (or attribute) name says it holds a credential. */
export function namesSecret(name: string): boolean {
  const parts = name.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (parts.length === 0) return false;
  if (POINTER_SUFFIXES.includes(parts[parts.length - 1])) return false;
  return parts.some((p) => SECRET_WORDS.includes(p)) || SECRET_LAST.includes(parts[parts.length - 1]);
}

/**
 * DL010: credentials come only from generated or sensitive sources. Container env vars and resource
 * arguments whose name says password/secret/token/key must be `${...}` references (random_password,
 * a MinIO user's secret, a sensitive variable or remote-state output), never literals.
 */
export const credentialsReferenced: PolicyRule = {
  id: 'DL010',
  name: 'credentials-referenced',
  level: 'error',
  summary: 'env vars named *PASSWORD*/*SECRET*/*TOKEN*/*KEY* and password/secret/token arguments are ${...} references, not literals',
  fix: 'use new GeneratedSecret(this, "<name>").value (or a LakeUser secretKey) instead of a literal',
  check(r) {
    const found: string[] = [];
    if (r.type === 'docker_container' && Array.isArray(r.config.env)) {
      for (const e of r.config.env) {
        if (typeof e !== 'string') continue;
        const eq = e.indexOf('=');
        const name = eq < 0 ? e : e.slice(0, eq);
        const value = eq < 0 ? '' : e.slice(eq + 1);
        if (namesSecret(name) && isLiteralString(value) && value !== '') found.push(`env ${name}`);
      }
    }
    for (const [k, v] of Object.entries(r.config)) {
      if (/(^|_)(password|secret|token)($|_)/.test(k) && !/_(file|path|name|id)$/.test(k) && isLiteralString(v) && v !== '') found.push(`argument ${k}`);
    }
    if (found.length) return nonCompliant(`literal credential in ${found.join(', ')}`);
    return r.type === 'docker_container' || Object.keys(r.config).some((k) => /(password|secret|token)/.test(k)) ? compliant() : notApplicable();
  },
};
