/**
 * After synth: nothing in any cdk.tf.json looks like a credential literal, and every output that
 * looks secret is `sensitive`. Complements rule DL010 (which looks at container env and resource
 * arguments) by walking every value of every block: resources, data sources, providers, outputs,
 * variables and locals.
 */
import { namesSecret } from './rules/credentials-referenced';
import { StackJson, SynthStack } from './resources';
import { isToken } from './types';

export interface SecretFinding {
  readonly stack: string;
  /** JSON path, e.g. `resource.docker_container.minio_container_F1275F6B.env[1]`. */
  readonly where: string;
  readonly message: string;
}

/** Defaults that are credentials wherever they appear. */
export const KNOWN_DEFAULT_CREDENTIALS = ['minioadmin', 'password123', 'changeme', 'changeit', 'admin123', 'p@ssw0rd', 'passw0rd', 'letmein', 's3cr3t', 'supersecret', 'admin/password123', 'admin:admin', 'guest:guest'];
/** Common default values that are credentials when assigned to something named like a credential. */
export const WEAK_DEFAULTS = ['admin', 'password', 'secret', 'root', 'guest', 'postgres', 'airflow', 'prefect', 'mlflow', 'grafana', 'jupyter', 'test', 'pass', '123456', '12345678', 'default', 'token'];

/** Shannon entropy in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A literal that reads like a generated secret: long enough and random enough. */
export function looksRandom(s: string): boolean {
  return s.length >= 12 && !/\s/.test(s) && entropy(s) >= 3.2 && /[0-9]/.test(s) && /[A-Za-z]/.test(s);
}

/** Why a literal under `key` looks like a credential, or undefined. */
export function credentialLiteral(key: string, value: string): string | undefined {
  const lower = value.toLowerCase();
  if (KNOWN_DEFAULT_CREDENTIALS.includes(lower)) return `known default credential "${value}"`;
  // A URL may embed a literal password even when its host is a token.
  const url = value.includes('://') ? /[a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:([^@\s/]+)@/i.exec(value) : null;
  if (url && !isToken(url[1])) return 'URL with a literal password';
  if (isToken(value) || value === '') return undefined;
  if (namesSecret(key)) {
    if (WEAK_DEFAULTS.includes(lower)) return `default credential "${value}" assigned to ${key}`;
    if (looksRandom(value)) return `high-entropy literal assigned to ${key}`;
    // A name that ends in the credential itself (…_PASSWORD, …_TOKEN) takes no literal at all.
    if (/(^|[^A-Za-z0-9])(password|passwd|secret|token)$/i.test(key) && !['true', 'false'].includes(lower)) return `literal assigned to ${key}`;
  }
  return undefined;
}

/** A reference to something secret: a generated password, a secret key, a token. */
const SECRET_REF = /\$\{[^}]*(random_password|password|secret|token|private_key)[^}]*\}/i;

/**
 * Checks every string below `v`. `path` is where `v` is (its first element the section), kept as
 * parts and rendered (`resource.docker_container.x.env[1]`) only for a finding.
 */
function scanValue(stack: string, path: (string | number)[], key: string, v: unknown, out: SecretFinding[]): void {
  if (typeof v === 'string') {
    // docker env entries and similar `NAME=value` strings carry their own key.
    const m = /^([A-Za-z_][A-Za-z0-9_.-]*)=(.*)$/s.exec(v);
    const why = m ? credentialLiteral(m[1], m[2]) : credentialLiteral(key, v);
    if (why) out.push({ stack, where: renderWhere(path), message: why });
    return;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      scanValue(stack, path, key, v[i], out);
      path.pop();
    }
    return;
  }
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      if (k === '//') continue;
      path.push(k);
      scanValue(stack, path, k, (v as Record<string, unknown>)[k], out);
      path.pop();
    }
  }
}

function renderWhere(path: readonly (string | number)[]): string {
  let out = String(path[0]);
  for (let i = 1; i < path.length; i++) out += typeof path[i] === 'number' ? `[${path[i]}]` : `.${path[i]}`;
  return out;
}

export function scanStack(stack: SynthStack): SecretFinding[] {
  const out: SecretFinding[] = [];
  const json: StackJson = stack.json;
  for (const section of ['resource', 'data', 'provider', 'variable', 'locals', 'module']) {
    if (json[section] !== undefined) scanValue(stack.name, [section], section, json[section], out);
  }
  for (const [name, o] of Object.entries(json.output ?? {})) {
    scanValue(stack.name, [`output.${name}`], name, o.value, out);
    const secretName = namesSecret(name);
    const secretValue = o.value !== undefined && SECRET_REF.test(JSON.stringify(o.value));
    if ((secretName || secretValue) && o.sensitive !== true) {
      out.push({ stack: stack.name, where: `output.${name}`, message: `output ${secretName ? 'named' : 'valued'} like a secret is not sensitive; add sensitive: true` });
    }
  }
  return out;
}

export function scanStacks(stacks: readonly SynthStack[]): SecretFinding[] {
  return stacks.flatMap(scanStack);
}

export function formatSecretFindings(findings: readonly SecretFinding[]): string {
  const head = `secret scan: ${findings.length} finding(s)`;
  return [head, ...findings.map((f) => `  ERROR ${f.stack}: ${f.where}: ${f.message}`)].join('\n');
}
