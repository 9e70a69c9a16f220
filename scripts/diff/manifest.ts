/**
 * The stacks cdktf synthesized and how they depend on each other, read from
 * `cdktf.out/manifest.json` (cdktf records `stack.addDependency` and every cross-stack reference
 * there). Nothing here knows the project's group names: any stack set works.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ManifestStack {
  readonly name: string;
  /** Directory Terraform runs in, relative to the cdktf output directory (`stacks/<name>`). */
  readonly workingDirectory: string;
  /** Names of the stacks this one reads from. */
  readonly dependencies: readonly string[];
}

export interface StackGraph {
  /** Stacks by name, in the order the manifest lists them. */
  readonly stacks: ReadonlyMap<string, ManifestStack>;
}

/** Parses the manifest's JSON text. Throws with the file name when it is not a cdktf manifest. */
export function parseManifest(text: string, file = 'cdktf.out/manifest.json'): StackGraph {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const stacks = (raw as { stacks?: unknown })?.stacks;
  if (!stacks || typeof stacks !== 'object' || Array.isArray(stacks)) {
    throw new Error(`${file}: expected a cdktf manifest with a "stacks" mapping; run a synth first`);
  }
  const out = new Map<string, ManifestStack>();
  for (const [name, s] of Object.entries(stacks as Record<string, { workingDirectory?: string; dependencies?: string[] }>)) {
    out.set(name, {
      name,
      workingDirectory: s.workingDirectory ?? `stacks/${name}`,
      dependencies: [...(s.dependencies ?? [])],
    });
  }
  for (const s of out.values()) {
    for (const d of s.dependencies) {
      if (!out.has(d)) throw new Error(`${file}: stack "${s.name}" depends on "${d}", which is not in the manifest`);
    }
  }
  return { stacks: out };
}

/** Reads `<outdir>/manifest.json`. */
export function readManifest(outdir: string): StackGraph {
  const file = path.join(outdir, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} not found: synthesize first (npx cdktf synth)`);
  return parseManifest(fs.readFileSync(file, 'utf8'), file);
}
