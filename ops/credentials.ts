/**
 * Credentials for verify: from an environment variable (`DATALAB_<OUTPUT>`) when set, else from
 * the stack's outputs in its local state file (`.state/<env>/<stack>.tfstate`, the same file
 * `cdktf output` reads). Never from files in the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckFailure } from './checks/failure';
import { SecretRef } from './model';

export interface SecretSource {
  /** Project root: state file paths are relative to it. */
  readonly root: string;
  /** Per stack: its local state file (relative to the root), or only where its remote state is. */
  readonly states: Readonly<Record<string, { readonly stateFile?: string; readonly stateLocation: string }>>;
  readonly env: NodeJS.ProcessEnv;
}

export interface ResolvedSecret {
  readonly value: string;
  /** Where it came from, for messages (never the value). */
  readonly source: string;
}

export function resolveSecret(ref: SecretRef, src: SecretSource): ResolvedSecret {
  const fromEnv = src.env[ref.envVar];
  if (fromEnv) return { value: fromEnv, source: `$${ref.envVar}` };
  const where = src.states[ref.stack];
  if (!where) throw new CheckFailure(`stack "${ref.stack}" is not part of this environment`, `set ${ref.envVar}`, false);
  const fromOutput = `the value of ${ref.output} in \`npx cdktf output ${ref.stack} --outputs-file out.json --outputs-file-include-sensitive-outputs\``;
  if (!where.stateFile) {
    throw new CheckFailure(`the state of "${ref.stack}" is remote (${where.stateLocation}); verify reads local state files only`, `set ${ref.envVar} to ${fromOutput}`, false);
  }
  const rel = where.stateFile;
  const file = path.resolve(src.root, rel);
  const orSet = `or set ${ref.envVar}`;
  if (!fs.existsSync(file)) {
    throw new CheckFailure(
      `no state file ${rel}: stack "${ref.stack}" is not deployed in this environment, or verify runs outside the project directory`,
      `run \`npx cdktf deploy ${ref.stack}\` from the project root (or pass --root), ${orSet}`,
      false,
    );
  }
  let state: { outputs?: Record<string, { value?: unknown }> };
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CheckFailure(`${rel} is not a readable Terraform state file (${(err as Error).message.split('\n')[0]})`, `restore it (Terraform keeps ${rel}.backup), ${orSet}`, false);
  }
  const value = state.outputs?.[ref.output]?.value;
  if (typeof value !== 'string' || value === '') {
    throw new CheckFailure(
      `${rel} has no output "${ref.output}": the last deploy of "${ref.stack}" did not finish`,
      `run \`npx cdktf deploy ${ref.stack}\`, ${orSet}`,
      false,
    );
  }
  return { value, source: `${rel} output ${ref.output}` };
}
