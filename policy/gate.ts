/**
 * The synth gate: synthesize every stack into a private staging directory, run the policy pack and
 * the secret scan over the JSON exactly as written, and only then move it to the real output
 * directory. On any error-level finding nothing is written (the staging directory is removed and a
 * previous cdktf.out is left untouched) and the report lists every finding.
 *
 * Why post-synth rather than an Aspect: Aspects run before tokens are resolved, so they see
 * `${TfToken[...]}` placeholders instead of the final image names, env entries and lifecycle
 * blocks; the synthesized JSON is what Terraform will actually receive. Code-level suppressions are
 * still attached to constructs (`Suppressions.add`) and mapped to addresses from the tree.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
import { EnvConfig } from '../config/schema';
import { configSuppressions, policyContextFor } from './context';
import { checkPolicy, formatPolicyReport, policyErrors, PolicyReport } from './engine';
import { SynthStack } from './resources';
import { formatSecretFindings, scanStacks, SecretFinding } from './secret-scan';
import { Suppression, Suppressions } from './suppressions';

export interface GateResult {
  readonly ok: boolean;
  readonly policy: PolicyReport;
  readonly secrets: readonly SecretFinding[];
  /** The full report (policy, suppressions, secret scan). */
  readonly text: string;
}

/** Policy pack and secret scan over already synthesized stacks. */
export function checkStacks(stacks: readonly SynthStack[], cfg: EnvConfig, codeSuppressions: readonly Suppression[] = []): GateResult {
  const policy = checkPolicy(stacks, policyContextFor(cfg), [...configSuppressions(cfg), ...codeSuppressions]);
  const secrets = scanStacks(stacks);
  const ok = policyErrors(policy) === 0 && secrets.length === 0;
  return { ok, policy, secrets, text: `${formatPolicyReport(policy)}\n${formatSecretFindings(secrets)}` };
}

/**
 * Synthesizes every stack of `app` in memory, with cdktf metadata (construct paths), without
 * writing anything. For tests and tools; main.ts uses `synthChecked`.
 */
export function synthInMemory(app: App): SynthStack[] {
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  // As App.synth does: a preparing pass first adds the outputs and remote-state data sources of
  // cross-stack references, then each stack is rendered.
  stacks.forEach((stack) => stack.prepareStack());
  return stacks.map((stack) => {
    invokeAspects(stack);
    // Round-trip through JSON so the result is plain data, exactly as it would be written.
    return { name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) as SynthStack['json'] };
  });
}

/** Reads the stacks of a synthesized output directory (manifest.json + cdk.tf.json files). */
export function readOutdir(outdir: string): SynthStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks).map(([name, s]) => ({
    name,
    json: JSON.parse(fs.readFileSync(path.join(outdir, s.synthesizedStackPath), 'utf8')),
  }));
}

/**
 * Builds the platform in an App writing to a staging directory next to `outdir`, synthesizes,
 * checks, and moves the result into place only when there is no error.
 */
export function synthChecked(cfg: EnvConfig, outdir: string, build: (app: App) => void): GateResult {
  const staging = `${outdir.replace(/[\\/]+$/, '')}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    // With HCL output (`cdktf synth --hcl`) there is no JSON on disk: render the same stacks in memory.
    const stacks = app.hclOutput ? synthInMemory(app) : readOutdir(staging);
    const result = checkStacks(stacks, cfg, Suppressions.collect(app));
    if (result.ok) {
      keepTerraformWorkingState(outdir, staging);
      fs.rmSync(outdir, { recursive: true, force: true });
      fs.renameSync(staging, outdir);
    }
    return result;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * What `terraform init` left in each stack directory of the previous output — `.terraform/`
 * (providers, the backend it was initialized with) and `.terraform.lock.hcl` — moves into the new
 * output, as it would survive a plain `cdktf synth`: a re-synth then needs no provider download,
 * keeps the lock file, and `terraform init -migrate-state` still knows the backend it migrates from.
 */
export function keepTerraformWorkingState(previous: string, next: string): void {
  const stacksDir = path.join(previous, 'stacks');
  if (!fs.existsSync(stacksDir)) return;
  for (const stack of fs.readdirSync(stacksDir)) {
    const target = path.join(next, 'stacks', stack);
    if (!fs.existsSync(target)) continue; // a stack that no longer exists keeps nothing
    for (const entry of ['.terraform', '.terraform.lock.hcl']) {
      const from = path.join(stacksDir, stack, entry);
      if (fs.existsSync(from) && !fs.existsSync(path.join(target, entry))) fs.renameSync(from, path.join(target, entry));
    }
  }
}
