/**
 * The only seam to the outside world: running the Terraform (or OpenTofu) binary. Tests inject a
 * fake `TerraformRunner`; the CLI uses `spawnRunner`.
 */
import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the binary with `args` in `cwd`. */
export type TerraformRunner = (args: readonly string[], cwd: string) => Promise<CommandResult>;

/** The binary cdktf itself would use: `TERRAFORM_BINARY_NAME`, else `terraform`. */
export function terraformBinary(env: NodeJS.ProcessEnv = process.env): string {
  return env.TERRAFORM_BINARY_NAME?.trim() || 'terraform';
}

export class BinaryNotFoundError extends Error {
  override name = 'BinaryNotFoundError';
  constructor(readonly binary: string, fromEnv: boolean) {
    super(
      `cannot run "${binary}": not found on PATH (${fromEnv ? 'from TERRAFORM_BINARY_NAME' : 'the default; TERRAFORM_BINARY_NAME is not set'}). ` +
        'Install Terraform ≥ 1.6, or install OpenTofu and set TERRAFORM_BINARY_NAME=tofu (a full path works too).',
    );
  }
}

/** A runner that spawns `binary` without a shell; a missing binary raises `BinaryNotFoundError`. */
export function spawnRunner(binary: string, env: NodeJS.ProcessEnv = process.env): TerraformRunner {
  const fromEnv = Boolean(env.TERRAFORM_BINARY_NAME?.trim());
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      const child = spawn(binary, [...args], { cwd, env: { ...env, TF_IN_AUTOMATION: '1', TF_INPUT: '0' } });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new BinaryNotFoundError(binary, fromEnv) : e));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    });
}
