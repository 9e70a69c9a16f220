import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { availableEnvironments, loadEnvironment } from '../config/loader';
import { parseManifest } from '../scripts/diff/manifest';
import { topologicalOrder } from '../scripts/diff/selection';
import { GROUP_NAMES } from '../config/schema';
import { buildPlatform } from '../stacks/platform';

const ROOT = path.join(__dirname, '..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  'runs-on': string;
  env?: Record<string, string>;
  strategy?: { matrix: Record<string, unknown[]> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
  return parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
}

/** The stacks cdktf synthesizes for an environment, upstream first (ties in group order), as `npm run diff` orders them. */
function manifestOrder(env: string): string[] {
  const app = Testing.app();
  buildPlatform(app, loadEnvironment(env));
  app.synth();
  return topologicalOrder(parseManifest(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')), GROUP_NAMES);
}

function manifestGraph(env: string) {
  const app = Testing.app();
  buildPlatform(app, loadEnvironment(env));
  app.synth();
  return parseManifest(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
}

/** Missing and extra names, for a failure message a reader can act on. */
function stackListProblem(expected: string[], actual: string[]): string | undefined {
  if (JSON.stringify(expected) === JSON.stringify(actual)) return undefined;
  const missing = expected.filter((s) => !actual.includes(s));
  const extra = actual.filter((s) => !expected.includes(s));
  return [
    `pr-diff.yml plans ${actual.join(', ') || '(nothing)'}; the manifest's stacks in dependency order are ${expected.join(', ')}.`,
    missing.length ? `missing: ${missing.join(', ')} (add a "Plan <stack>" step per stack)` : '',
    extra.length ? `extra: ${extra.join(', ')}` : '',
    !missing.length && !extra.length ? 'same stacks, wrong order: upstream stacks must be planned first' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

const allSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);

describe.each(['ci.yml', 'pr-diff.yml'])('%s', (file) => {
  it('pins every action to an exact version', () => {
    const unpinned = allSteps(workflow(file))
      .map((s) => s.uses)
      .filter((u): u is string => !!u && !/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(u));
    expect(unpinned).toEqual([]);
  });

  it('installs as the README and .ci/run do', () => {
    const wf = workflow(file);
    for (const [name, job] of Object.entries(wf.jobs)) {
      expect([name, job.steps.filter((s) => s.run === 'npm ci').length]).toEqual([name, 1]);
    }
    expect(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('npm ci');
  });
});

describe('ci.yml', () => {
  const wf = workflow('ci.yml');

  it('runs what `npm test` runs (the README command .ci/run uses): the type-check, then jest', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = wf.jobs.test.steps.map((s) => s.run).filter((r): r is string => !!r && r !== 'npm ci');
    // `npm run <x>` stands for package.json's script x; `npx jest --ci` for jest.
    const expanded = runs.map((r) => r.replace(/^npm run (\S+)$/, (_, name: string) => scripts[name] ?? `(no script ${name})`).replace(/^npx jest --ci$/, 'jest'));
    expect(expanded.join(' && ')).toBe(scripts.test);
  });

  it('synthesizes every environment that has a config file and uploads cdktf.out', () => {
    const synth = wf.jobs.synth;
    expect(synth.strategy!.matrix.environment).toEqual(availableEnvironments());
    expect(synth.env).toEqual({ DATALAB_ENV: '${{ matrix.environment }}' });
    expect(synth.steps.some((s) => s.run === 'npx cdktf synth')).toBe(true);
    const upload = synth.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'cdktf.out/', 'if-no-files-found': 'error' });
  });
});

describe('pr-diff.yml', () => {
  const wf = workflow('pr-diff.yml');
  const cdkSteps = wf.jobs.terraform.steps.filter((s) => s.uses?.startsWith('hashicorp/terraform-cdk-action@'));

  // One list serves every environment (DATALAB_PLAN_ENV picks one at run time): it must be an
  // upstream-first order of each one's manifest (prod's processing deploys after ml, dev's need not).
  it.each(availableEnvironments())('plans exactly the %s manifest stacks, upstream first, one step each', (env) => {
    const planned = cdkSteps.map((s) => String(s.with?.stackName));
    const expected = manifestOrder(env);
    const graph = manifestGraph(env);
    const respectsDependencies = planned.every((s, i) => (graph.stacks.get(s)?.dependencies ?? []).every((d) => planned.indexOf(d) > -1 && planned.indexOf(d) < i));
    const sameStacks = [...planned].sort().join() === [...expected].sort().join();
    const problem = sameStacks && respectsDependencies ? undefined : stackListProblem(expected, planned);
    expect(problem).toBeUndefined();
  });

  it('names the missing and extra stacks when the list drifts', () => {
    expect(stackListProblem(['core', 'ml', 'processing'], ['core', 'spark'])).toBe(
      "pr-diff.yml plans core, spark; the manifest's stacks in dependency order are core, ml, processing. missing: ml, processing (add a \"Plan <stack>\" step per stack) extra: spark",
    );
    expect(stackListProblem(['core', 'ml'], ['ml', 'core'])).toContain('same stacks, wrong order');
  });

  it('plans only, with one comment per stack, on the same exact Terraform version as setup-terraform', () => {
    const setup = wf.jobs.terraform.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
    const version = String(setup.with!.terraform_version);
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(wf.env!.TERRAFORM_VERSION).toBe(version);
    for (const s of cdkSteps) {
      expect(s.with).toEqual({
        cdktfVersion: require('cdktf/package.json').version,
        terraformVersion: version,
        mode: 'plan-only',
        stackName: s.with!.stackName,
        githubToken: '${{ secrets.GITHUB_TOKEN }}',
        commentOnPr: true,
        updateComment: true,
      });
      expect(s.name).toBe(`Plan ${s.with!.stackName}`);
    }
  });

  it('runs npm run diff with OpenTofu and comments its summary', () => {
    const job = wf.jobs.opentofu;
    expect(job.env).toEqual({ TERRAFORM_BINARY_NAME: 'tofu' });
    const tofu = job.steps.find((s) => s.uses?.startsWith('opentofu/setup-opentofu@'))!;
    expect(tofu.with).toMatchObject({ tofu_wrapper: false });
    expect(String(tofu.with!.tofu_version)).toMatch(/^\d+\.\d+\.\d+$/);
    const diff = job.steps.find((s) => s.run?.includes('npm run -s diff'))!;
    expect(diff.run).toContain('npm run -s diff > diff-summary.md');
    const comment = job.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    expect(String(comment.with!.script)).toContain("readFileSync('diff-summary.md'");
    expect(job.steps[job.steps.length - 1].if).toBe("steps.diff.outputs.exit-code != '0'");
  });

  it('documents every secret it reads in docs/workflow.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'workflow.md'), 'utf8');
    const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'pr-diff.yml'), 'utf8');
    const secrets = [...new Set([...text.matchAll(/secrets\.([A-Z_]+)/g)].map((m) => m[1]))].filter((s) => s !== 'GITHUB_TOKEN');
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter((s) => !doc.includes(`\`${s}\``))).toEqual([]);
  });
});
