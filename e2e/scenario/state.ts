/**
 * Lake credentials from the local state file, as an operator gets them with
 * `npx cdktf output core --outputs-file … --outputs-file-include-sensitive-outputs`: the
 * administrator's secret (output lake_admin_password) and every identity's secret, which core
 * hands to other stacks as sensitive cross-stack outputs named
 * `cross-stack-output-random_passwordlake_identity-<name>_<hash>result`.
 */
import * as fs from 'node:fs';
import { check } from './assert';
import { Scenario, stateFile, STACK, StackName } from './context';

export const ADMIN_USER = 'datalab-admin';

const IDENTITY_OUTPUT = /^cross-stack-output-random_passwordlake_identity-(.+)_[0-9A-F]{8}result$/;

export interface LakeCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
}

export interface LakeSecrets {
  /** The S3 endpoint on the host (output lake_s3_url). */
  readonly url: string;
  readonly admin: LakeCredentials;
  /** By identity name (the access key). */
  readonly identities: ReadonlyMap<string, LakeCredentials>;
}

function outputs(s: Scenario, stack: StackName = STACK): Record<string, { value?: unknown }> {
  const file = stateFile(s, stack);
  check(fs.existsSync(file), `no state file ${file}: ${stack} is not deployed`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { outputs?: Record<string, { value?: unknown }> }).outputs ?? {};
}

/** A non-sensitive string output of a stack (core unless named): an address, a URL. */
export function stateOutput(s: Scenario, name: string, stack: StackName = STACK): string {
  const value = outputs(s, stack)[name]?.value;
  check(typeof value === 'string' && value, `state output ${name} of ${stack} is missing`);
  return value;
}

/** A sensitive string output of a stack (a generated password), as `cdktf output --outputs-file-include-sensitive-outputs` gives it. */
export function secretOutput(s: Scenario, name: string, stack: StackName = STACK): string {
  const value = outputs(s, stack)[name]?.value;
  check(typeof value === 'string' && value, `state output ${name} of ${stack} is missing`);
  return value;
}

/** Any output of a stack, sensitive ones included (a map of passwords, …); missing is an error. */
export function stateValue(s: Scenario, name: string, stack: StackName = STACK): unknown {
  const value = outputs(s, stack)[name]?.value;
  check(value !== undefined && value !== null, `state output ${name} of ${stack} is missing`);
  return value;
}

export function lakeSecrets(s: Scenario): LakeSecrets {
  const out = outputs(s);
  const admin = out.lake_admin_password?.value;
  check(typeof admin === 'string' && admin, 'state output lake_admin_password is missing');
  const url = out.lake_s3_url?.value;
  check(typeof url === 'string' && url.startsWith('http'), `state output lake_s3_url is not a URL (${String(url)})`);
  const identities = new Map<string, LakeCredentials>();
  for (const [name, o] of Object.entries(out)) {
    const m = IDENTITY_OUTPUT.exec(name);
    if (m && typeof o.value === 'string') identities.set(m[1], { accessKey: m[1], secretKey: o.value });
  }
  return { url, admin: { accessKey: ADMIN_USER, secretKey: admin }, identities };
}

export function identity(secrets: LakeSecrets, name: string): LakeCredentials {
  const c = secrets.identities.get(name);
  check(c, `no secret for lake identity "${name}" in the state outputs (found: ${[...secrets.identities.keys()].join(', ')})`);
  return c;
}
