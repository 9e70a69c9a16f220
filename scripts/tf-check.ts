/**
 * `npm run tf:check -- [--outdir DIR]`: what Terraform itself says about every synthesized stack
 * (run `npx cdktf synth` first). For each stack of the manifest: `terraform init -backend=false`,
 * then `terraform validate -json`. Offline (no provider registry) init still parses the whole
 * configuration, so syntax and expression errors are caught, but validate cannot run: locally that
 * is a warning (exit 0); under CI (`CI` set, as every CI service sets it) it is a failure (exit 2),
 * since a CI job that runs this is there to validate. With network validate checks every argument
 * against the real provider schemas.
 * Honours TERRAFORM_BINARY_NAME (e.g. tofu). Exit 0 clean, 1 errors found, 2 cannot run or (CI)
 * could not validate.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { classifyInit, validateDiagnostics } from './tf-check/classify';

export interface StackCheck {
  readonly stack: string;
  readonly status: 'valid' | 'parsed (providers unavailable, validate skipped)' | 'invalid';
  readonly problems: readonly string[];
  /** Why validate was skipped: init's first error (`Failed to query available provider packages — …`). */
  readonly skippedBecause?: string;
}

/** Whether this runs in CI: `CI` set to anything but empty, `0` or `false` (GitHub Actions, GitLab, … set `CI=true`). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/** The environment for terraform: a CLI config file that does not exist would only add warnings. */
function terraformEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: '1' };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

/**
 * @param extraEnv e.g. a `TF_CLI_CONFIG_FILE` with an empty filesystem mirror, to parse without
 *   contacting the registry (the tests do this: fast and the same on every machine).
 */
export function checkStacks(outdir: string, binary = process.env.TERRAFORM_BINARY_NAME || 'terraform', extraEnv: NodeJS.ProcessEnv = {}): StackCheck[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { workingDirectory: string }>;
  };
  return Object.entries(manifest.stacks).map(([stack, s]) => {
    const cwd = path.join(outdir, s.workingDirectory);
    const run = (args: string[]) => {
      const r = spawnSync(binary, args, { cwd, encoding: 'utf8', env: { ...terraformEnv(), ...extraEnv } });
      if (r.error) throw new Error(`cannot run "${binary}": ${(r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found on PATH' : r.error.message}; install Terraform or OpenTofu, or set TERRAFORM_BINARY_NAME`);
      return { code: r.status ?? 1, stdout: r.stdout, out: `${r.stdout}\n${r.stderr}` };
    };
    const init = run(['init', '-backend=false', '-input=false', '-no-color']);
    const outcome = classifyInit(init.code, init.out);
    if (outcome.kind === 'config-error') return { stack, status: 'invalid', problems: outcome.errors };
    if (outcome.kind === 'providers-unavailable') return { stack, status: 'parsed (providers unavailable, validate skipped)', problems: [], skippedBecause: outcome.errors[0] };
    const validate = run(['validate', '-json', '-no-color']);
    let errors: string[];
    try {
      errors = validateDiagnostics(validate.stdout || '{}')
        .filter((d) => d.severity === 'error')
        .map((d) => `${d.address ? `${d.address}: ` : ''}${d.summary}${d.detail ? ` — ${d.detail}` : ''}`);
    } catch {
      errors = [`validate printed no JSON: ${validate.out.trim().split('\n').slice(-3).join(' ')}`];
    }
    // A failing validate without a parsed error diagnostic is still a failure.
    if (validate.code !== 0 && errors.length === 0) errors = [`validate exited ${validate.code}: ${validate.out.trim().split('\n').slice(-3).join(' ')}`];
    return { stack, status: errors.length ? 'invalid' : 'valid', problems: errors };
  });
}

function main(argv: string[]): number {
  let outdir = 'cdktf.out';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--outdir') outdir = argv[++i] ?? '';
    else {
      console.error(`unknown argument "${argv[i]}"; usage: npm run tf:check -- [--outdir DIR]`);
      return 2;
    }
  }
  if (!fs.existsSync(path.join(outdir, 'manifest.json'))) {
    console.error(`${outdir}/manifest.json not found: run \`npx cdktf synth\` first`);
    return 2;
  }
  let results: StackCheck[];
  try {
    results = checkStacks(outdir);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  for (const r of results) {
    console.log(`${r.stack.padEnd(14)} ${r.status}`);
    for (const p of r.problems) console.log(`  ERROR ${p}`);
  }
  if (results.some((r) => r.status === 'invalid')) return 1;
  const skipped = results.filter((r) => r.skippedBecause !== undefined);
  if (skipped.length === 0) return 0;
  const what = `${skipped.length} of ${results.length} stack(s) parsed but not validated: the providers could not be installed (${skipped[0].skippedBecause!.split(' — ')[0]})`;
  if (underCi()) {
    console.error(`tf:check failed: ${what}; under CI (CI=${process.env.CI}) a check that could not validate fails. Give terraform access to the provider registry or a provider mirror (TF_CLI_CONFIG_FILE)`);
    return 2;
  }
  console.error(`warning: ${what}; syntax and expressions were checked, provider arguments were not (under CI this fails)`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
