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
 *
 * Only public cdktf API (`App.synth`, `TerraformStack.toTerraform`): no module below cdktf/lib, so
 * a move to another distribution of the same API stays a change of package name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
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

/** The stacks of an app, in the order cdktf synthesizes them. */
function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/**
 * The stacks of an app after `app.synth()`, as Terraform receives them: the JSON files in its
 * output directory; with HCL output (`cdktf synth --hcl`), which writes no JSON, each stack's
 * `toTerraform()` (the synth has already applied its aspects). Public cdktf API only.
 */
export function writtenStacks(app: App): SynthStack[] {
  if (!app.hclOutput) return readOutdir(app.outdir);
  // Round-trip through JSON so the result is plain data, as it would be written.
  return stacksOf(app).map((stack) => ({ name: stack.node.id, json: JSON.parse(JSON.stringify(stack.toTerraform())) as SynthStack['json'] }));
}

/**
 * Synthesizes `app` exactly as `cdktf synth` does (aspects, validations, cross-stack references,
 * files in its output directory, with cdktf metadata such as construct paths) and returns its
 * stacks as written. For tests and tools, whose apps have a throwaway output directory
 * (`Testing.app()` makes a fresh temporary one): the files are removed again after reading,
 * leaving the directory as the app created it; any other directory is refused. main.ts uses
 * `synthChecked`.
 */
export function synthStacks(app: App): SynthStack[] {
  const outdir = path.resolve(app.outdir);
  const tmp = fs.realpathSync(os.tmpdir());
  if (!`${fs.realpathSync(outdir)}${path.sep}`.startsWith(`${tmp}${path.sep}`)) {
    throw new Error(`synthStacks empties the output directory of the app it synthesizes; ${outdir} is not below ${tmp} (build the app with Testing.app())`);
  }
  app.synth();
  try {
    return writtenStacks(app);
  } finally {
    // What App and its manifest created stays (the directory and its stacks/), so the app can synthesize again.
    removeTree(path.join(outdir, 'manifest.json'));
    const stacksDir = path.join(outdir, 'stacks');
    for (const entry of fs.readdirSync(stacksDir)) removeTree(path.join(stacksDir, entry));
  }
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
 *
 * File operations are kept to what the result needs: the staging directory is cdktf's own output
 * directory (no copy), the move is two renames (the previous output steps aside, the new one takes
 * its place), and the previous output is deleted entry by entry without the probing of a generic
 * recursive remove (each directory is read once, each file unlinked once, each directory removed
 * once). Staging and the previous output live next to `outdir`, on the same file system, so both
 * renames are atomic.
 */
export function synthChecked(cfg: EnvConfig, outdir: string, build: (app: App) => void): GateResult {
  const target = outdir.replace(/[\\/]+$/, '');
  const staging = `${target}.staging-${process.pid}`;
  // Before anything is built: an output directory that cannot be written is one line, not a stack
  // trace from deep inside cdktf after the whole platform was synthesized for nothing.
  outputStep(target, () => {
    // Only a crashed run of a process with this very id leaves one behind: usually one failed lstat.
    removeTree(staging);
    fs.mkdirSync(path.dirname(staging), { recursive: true });
    fs.mkdirSync(staging);
  });
  let moved = false;
  try {
    const app = new App({ outdir: staging });
    build(app);
    app.synth();
    const result = checkStacks(writtenStacks(app), cfg, Suppressions.collect(app));
    if (result.ok) {
      outputStep(target, () => replaceOutdir(target, staging));
      moved = true;
    }
    return result;
  } finally {
    if (!moved) removeTree(staging);
  }
}

/** The output directory of a synth cannot be written (permissions, a file in its path, a read-only disk). */
export class OutputDirError extends Error {
  override name = 'OutputDirError';
}

/** Runs a file operation on the output directory; a failure becomes a one-line `OutputDirError`. */
function outputStep(outdir: string, step: () => void): void {
  try {
    step();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (typeof code !== 'string' || !(err as NodeJS.ErrnoException).syscall) throw err;
    throw new OutputDirError(
      `cannot write the synth output to ${outdir}: ${whyNotWritable(outdir, code)}; nothing was written. Synthesize into a writable directory (CDKTF_OUTDIR, or cdktf synth --output)`,
    );
  }
}

/** Why `outdir` cannot be written, named by the path that is in the way (never the staging directory). */
function whyNotWritable(outdir: string, code: string): string {
  // The deepest part of the path that exists is what blocks: a file where a directory should be,
  // or a directory this user may not write in.
  let p = path.resolve(outdir);
  while (!fs.existsSync(p) && path.dirname(p) !== p) p = path.dirname(p);
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) return `${p} is a file, not a directory`;
  const reasons: Record<string, string> = {
    EACCES: `no permission to write in ${p}`,
    EPERM: `no permission to write in ${p}`,
    EROFS: `${p} is on a read-only file system`,
    ENOSPC: `no space left on the device of ${p}`,
  };
  return reasons[code] ?? `${code} in ${p}`;
}

/**
 * Puts `staging` in the place of `outdir`: the previous output is renamed aside, the new one renamed
 * into place, what `terraform init` left in the previous one is moved over, and the rest of the
 * previous one is deleted.
 */
function replaceOutdir(outdir: string, staging: string): void {
  const previous = `${outdir}.previous-${process.pid}`;
  const hadPrevious = renameIfExists(outdir, previous);
  try {
    fs.renameSync(staging, outdir);
  } catch (err) {
    if (hadPrevious) fs.renameSync(previous, outdir); // put the previous output back as it was
    throw err;
  }
  if (hadPrevious) {
    keepTerraformWorkingState(previous, outdir);
    removeTree(previous);
  }
}

/** Renames `from` to `to`; false when `from` does not exist. A leftover `to` (a crashed run) is replaced. */
function renameIfExists(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return false;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
  removeTree(to);
  fs.renameSync(from, to);
  return true;
}

/** Deletes a directory tree (or a file); nothing when it does not exist. Symbolic links are removed, never followed. */
export function removeTree(target: string): void {
  const st = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory()) removeDirectory(target);
  else fs.unlinkSync(target);
}

/** A directory's entries, then the directory: one read per directory, one unlink per file. */
function removeDirectory(dir: string): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) removeDirectory(p);
    else fs.unlinkSync(p);
  }
  fs.rmdirSync(dir);
}

/**
 * What `terraform init` left in each stack directory of the previous output — `.terraform/`
 * (providers, the backend it was initialized with) and `.terraform.lock.hcl` — moves into the new
 * output, as it would survive a plain `cdktf synth`: a re-synth then needs no provider download,
 * keeps the lock file, and `terraform init -migrate-state` still knows the backend it migrates from.
 * One directory read per previous stack finds them; a stack that no longer exists keeps nothing.
 *
 * A stack that no longer exists (a group switched off) leaves an empty directory in its place:
 * the cdktf CLI lists the stack directories before it runs the app and afterwards removes those the
 * new manifest lacks with a plain `rmSync`, which throws ENOENT when the directory has already
 * gone with the previous output (seen with `cdktf deploy '*'` after `groups` lost ml). The CLI
 * then removes the empty directory itself.
 */
export function keepTerraformWorkingState(previous: string, next: string): void {
  let stackNames: string[];
  try {
    stackNames = fs.readdirSync(path.join(previous, 'stacks'));
  } catch {
    return;
  }
  for (const stack of stackNames) {
    let entries: string[];
    try {
      entries = fs.readdirSync(path.join(previous, 'stacks', stack));
    } catch {
      continue;
    }
    const target = path.join(next, 'stacks', stack);
    if (!fs.existsSync(target)) {
      fs.mkdirSync(target, { recursive: true });
      continue;
    }
    const kept = entries.filter((e) => e === '.terraform' || e === '.terraform.lock.hcl');
    for (const entry of kept) {
      if (!fs.existsSync(path.join(target, entry))) fs.renameSync(path.join(previous, 'stacks', stack, entry), path.join(target, entry));
    }
  }
}
