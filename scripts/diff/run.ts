/**
 * `npm run diff`: synthesize once, pick the requested stacks and their upstream dependencies from
 * the manifest, plan each in dependency order, print one summary. Everything outside this module
 * is injected (synth, the Terraform runner, output), so the whole flow is testable without
 * Terraform.
 */
import * as path from 'node:path';
import { readManifest } from './manifest';
import { planStack, StackResult } from './plan-stack';
import { TerraformRunner } from './runner';
import { selectStacks } from './selection';
import { renderSummary } from './summary';

export interface DiffOptions {
  /** Stack names from the command line; empty means every stack. */
  readonly requested: readonly string[];
  /** cdktf output directory (`cdktf.out`). */
  readonly outdir: string;
  /** Synthesizes the app into `outdir`; skipped when undefined (`--skip-synth`). */
  readonly synth?: () => Promise<void>;
  readonly run: TerraformRunner;
  /** Progress messages (stderr in the CLI). */
  readonly log: (line: string) => void;
  /** Heading above the table, e.g. the environment and binary. */
  readonly title?: string;
  /** Order among independent stacks (the project's group order); others follow in manifest order. */
  readonly preferredOrder?: readonly string[];
}

export interface DiffOutcome {
  /** 0: every stack planned; 1: a stack failed to plan; 2: bad usage (unknown stack, no binary, no synth). */
  readonly exitCode: number;
  /** The summary table, or the error message. */
  readonly output: string;
  readonly results: readonly StackResult[];
}

export async function runDiff(o: DiffOptions): Promise<DiffOutcome> {
  try {
    if (o.synth) {
      o.log('synthesizing…');
      await o.synth();
    }
    const graph = readManifest(o.outdir);
    const order = selectStacks(graph, o.requested, o.preferredOrder);
    const results: StackResult[] = [];
    for (const name of order) {
      o.log(`planning ${name}…`);
      const dir = path.join(o.outdir, graph.stacks.get(name)!.workingDirectory);
      results.push(await planStack(o.run, name, dir));
    }
    const failed = results.some((r) => r.status === 'error');
    return { exitCode: failed ? 1 : 0, output: renderSummary(graph, results, o.title), results };
  } catch (e) {
    // Unknown stack names, a missing binary, a failed synth or a broken manifest: nothing to summarize.
    return { exitCode: 2, output: (e as Error).message, results: [] };
  }
}
