import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseManifest, StackGraph } from '../scripts/diff/manifest';
import { hasChanges, NO_CHANGES, parsePlanJson, parsePlanText, PlanCounts } from '../scripts/diff/plan';
import { firstError, PLAN_FILE, planStack, StackResult } from '../scripts/diff/plan-stack';
import { runDiff } from '../scripts/diff/run';
import { BinaryNotFoundError, CommandResult, spawnRunner, terraformBinary, TerraformRunner } from '../scripts/diff/runner';
import { selectStacks, topologicalOrder, UnknownStackError } from '../scripts/diff/selection';
import { renderSummary, stalenessNotes } from '../scripts/diff/summary';
import { npmScript } from './app-command';

const FIXTURES = path.join(__dirname, 'fixtures', 'plans');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

/** A manifest as cdktf writes it (keys sorted by name, not by dependency). */
const MANIFEST = {
  stacks: {
    core: { name: 'core', workingDirectory: 'stacks/core', dependencies: [] },
    ml: { name: 'ml', workingDirectory: 'stacks/ml', dependencies: ['core'] },
    monitoring: { name: 'monitoring', workingDirectory: 'stacks/monitoring', dependencies: ['core', 'processing', 'visualization'] },
    processing: { name: 'processing', workingDirectory: 'stacks/processing', dependencies: ['core'] },
    visualization: { name: 'visualization', workingDirectory: 'stacks/visualization', dependencies: ['core', 'ml'] },
  },
  version: '0.21.0',
};
const graph: StackGraph = parseManifest(JSON.stringify(MANIFEST));

const counts = (c: Partial<PlanCounts>): PlanCounts => ({ ...NO_CHANGES, ...c });
const planned = (stack: string, c: Partial<PlanCounts> = {}): StackResult => ({ stack, status: 'planned', counts: counts(c) });

describe('manifest', () => {
  it('reads stacks, working directories and dependencies', () => {
    expect(graph.stacks.get('visualization')).toEqual({ name: 'visualization', workingDirectory: 'stacks/visualization', dependencies: ['core', 'ml'] });
  });

  it('fails on a file that is not a cdktf manifest, naming the file', () => {
    expect(() => parseManifest('{"version":"0.21.0"}', 'cdktf.out/manifest.json')).toThrow('cdktf.out/manifest.json: expected a cdktf manifest with a "stacks" mapping');
    expect(() => parseManifest('nope', 'm.json')).toThrow(/^m\.json: not valid JSON/);
  });

  it('fails on a dependency that is not a stack', () => {
    expect(() => parseManifest(JSON.stringify({ stacks: { a: { dependencies: ['ghost'] } } }))).toThrow('stack "a" depends on "ghost", which is not in the manifest');
  });
});

describe('stack selection and order', () => {
  it('orders every stack after the stacks it depends on, ties in manifest order', () => {
    expect(topologicalOrder(graph)).toEqual(['core', 'ml', 'processing', 'visualization', 'monitoring']);
  });

  it('puts independent stacks in the preferred order first, then in manifest order', () => {
    expect(topologicalOrder(graph, ['core', 'processing', 'ml', 'visualization', 'monitoring'])).toEqual(['core', 'processing', 'ml', 'visualization', 'monitoring']);
    expect(topologicalOrder(graph, ['visualization', 'processing'])).toEqual(['core', 'processing', 'ml', 'visualization', 'monitoring']);
    expect(selectStacks(graph, ['ml', 'processing'], ['processing'])).toEqual(['core', 'processing', 'ml']);
  });

  it('selects all stacks when none are named', () => {
    expect(selectStacks(graph, [])).toEqual(['core', 'ml', 'processing', 'visualization', 'monitoring']);
  });

  it('adds the upstream dependencies of a requested stack, transitively, upstream first', () => {
    expect(selectStacks(graph, ['visualization'])).toEqual(['core', 'ml', 'visualization']);
    expect(selectStacks(graph, ['processing', 'ml'])).toEqual(['core', 'ml', 'processing']);
    expect(selectStacks(graph, ['core'])).toEqual(['core']);
  });

  it('rejects an unknown stack name and lists the valid ones in order', () => {
    expect(() => selectStacks(graph, ['ml', 'sparks', 'grafana'])).toThrow(
      new UnknownStackError('unknown stacks "sparks", "grafana"; valid: core, ml, processing, visualization, monitoring'),
    );
  });

  it('reports a dependency cycle with the stacks in it', () => {
    const cyclic = parseManifest(JSON.stringify({ stacks: { a: { dependencies: ['b'] }, b: { dependencies: ['a'] }, c: {} } }));
    expect(() => topologicalOrder(cyclic)).toThrow('stack dependencies form a cycle among: a, b');
  });
});

describe('plan parsing', () => {
  it('counts a plan JSON as Terraform does: replacement is one add and one destroy; reads and no-ops are not changes', () => {
    expect(parsePlanJson(fixture('core-changes.json'))).toEqual({
      add: 2,
      change: 1,
      destroy: 2,
      outputs: 1,
      replaced: ['docker_container.minio_container_6A3B1C2D'],
    });
  });

  it('reads a plan JSON without changes as no changes', () => {
    const c = parsePlanJson(fixture('no-changes.json'));
    expect(c).toEqual(NO_CHANGES);
    expect(hasChanges(c)).toBe(false);
  });

  it('rejects JSON that is not a saved plan, and an errored plan', () => {
    expect(() => parsePlanJson('{"resource_changes":[]}')).toThrow('plan JSON has no format_version');
    expect(() => parsePlanJson('{"format_version":"1.2","errored":true}')).toThrow('the plan errored');
    expect(() => parsePlanJson('Plan: 1 to add')).toThrow(/plan JSON is not valid JSON/);
  });

  it('reads the "Plan:" line, replacements and output changes from plan text', () => {
    expect(parsePlanText(fixture('changes.txt'))).toEqual({
      add: 2,
      change: 0,
      destroy: 1,
      outputs: 2,
      replaced: ['docker_container.minio_container_6A3B1C2D'],
    });
  });

  it('reads "No changes." text, and OpenTofu text with an import count', () => {
    expect(parsePlanText(fixture('no-changes.txt'))).toEqual(NO_CHANGES);
    expect(parsePlanText(fixture('import-tofu.txt'))).toEqual(counts({ change: 1 }));
  });

  it('treats colored output like plain text', () => {
    expect(parsePlanText('\u001b[1mPlan:\u001b[0m 3 to add, 0 to change, 0 to destroy.\n')).toEqual(counts({ add: 3 }));
  });

  it('fails on plan text holding an error or no summary', () => {
    expect(() => parsePlanText(fixture('error.txt'))).toThrow('the plan failed: Unable to read Docker image into resource');
    expect(() => parsePlanText('Initializing the backend...')).toThrow('no plan summary found');
  });
});

describe('planning one stack', () => {
  /** A fake binary: answers per subcommand, records every call. */
  function fakeRunner(answers: Record<string, Partial<CommandResult>>): TerraformRunner & { calls: { args: readonly string[]; cwd: string }[] } {
    const calls: { args: readonly string[]; cwd: string }[] = [];
    const run = (async (args: readonly string[], cwd: string) => {
      calls.push({ args, cwd });
      return { code: 0, stdout: '', stderr: '', ...answers[args[0]] };
    }) as TerraformRunner & { calls: typeof calls };
    run.calls = calls;
    return run;
  }

  it('runs init, plan -out and show -json in the stack directory and counts the saved plan', async () => {
    const run = fakeRunner({ show: { stdout: fixture('core-changes.json') } });
    const result = await planStack(run, 'core', '/out/stacks/core');
    expect(run.calls).toEqual([
      { args: ['init', '-input=false', '-no-color'], cwd: '/out/stacks/core' },
      { args: ['plan', '-input=false', '-no-color', `-out=${PLAN_FILE}`], cwd: '/out/stacks/core' },
      { args: ['show', '-json', '-no-color', PLAN_FILE], cwd: '/out/stacks/core' },
    ]);
    expect(result).toEqual({ stack: 'core', status: 'planned', counts: parsePlanJson(fixture('core-changes.json')) });
  });

  it('stops at the first failing step and reports its first error line', async () => {
    const run = fakeRunner({ plan: { code: 1, stderr: fixture('error.txt') } });
    expect(await planStack(run, 'core', '/d')).toEqual({
      stack: 'core',
      status: 'error',
      error:
        'plan failed: Unable to read Docker image into resource: unable to pull image quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z (on cdk.tf.json line 120, in resource.docker_image.minio_image_1A2B3C4D)',
    });
    expect(run.calls.map((c) => c.args[0])).toEqual(['init', 'plan']);
  });

  it('reports the specific init error and its cdk.tf.json line, not the generic initialisation header', async () => {
    const run = fakeRunner({ init: { code: 1, stdout: 'Initializing the backend...\n', stderr: fixture('init-invalid.txt') } });
    expect(await planStack(run, 'processing', '/d')).toEqual({
      stack: 'processing',
      status: 'error',
      error:
        'init failed: Invalid expression (on cdk.tf.json line 2617, in resource.docker_container.job-silver-events_service_container_488D21D2.lifecycle.replace_triggered_by)',
    });
    expect(run.calls.map((c) => c.args[0])).toEqual(['init']);
    // Only the generic header: it is all there is to report.
    expect(firstError({ code: 1, stdout: '', stderr: 'Error: Terraform encountered problems during initialisation, including problems\nwith the configuration.\n' })).toBe(
      'Terraform encountered problems during initialisation, including problems',
    );
  });

  it('falls back to the last stderr line, then the exit code, when there is no Error line', () => {
    expect(firstError({ code: 1, stdout: '', stderr: 'one\ntwo\n' })).toBe('two');
    expect(firstError({ code: 3, stdout: '', stderr: '' })).toBe('exit code 3');
  });
});

describe('the terraform binary', () => {
  it('is TERRAFORM_BINARY_NAME when set, else terraform', () => {
    expect(terraformBinary({ TERRAFORM_BINARY_NAME: 'tofu' })).toBe('tofu');
    expect(terraformBinary({ TERRAFORM_BINARY_NAME: '  ' })).toBe('terraform');
    expect(terraformBinary({})).toBe('terraform');
  });

  it('when missing, names the binary it looked for and how to set TERRAFORM_BINARY_NAME', async () => {
    const binary = 'datalab-no-such-terraform-binary';
    const run = spawnRunner(binary, { PATH: process.env.PATH, TERRAFORM_BINARY_NAME: binary });
    await expect(run(['version'], os.tmpdir())).rejects.toThrow(BinaryNotFoundError);
    await expect(run(['version'], os.tmpdir())).rejects.toThrow(
      `cannot run "${binary}": not found on PATH (from TERRAFORM_BINARY_NAME). Install Terraform ≥ 1.6, or install OpenTofu and set TERRAFORM_BINARY_NAME=tofu`,
    );
  });
});

describe('staleness and summary', () => {
  const results: StackResult[] = [
    planned('core', { add: 1 }),
    planned('ml'),
    { stack: 'processing', status: 'error', error: 'plan failed: boom' },
    planned('visualization', { change: 2, outputs: 1 }),
    planned('monitoring', { add: 1, destroy: 1, replaced: ['docker_container.grafana_container_1A2B3C4D'] }),
  ];

  it('marks every downstream stack of a stack with pending changes or a failed plan', () => {
    const notes = stalenessNotes(graph, results);
    expect(notes.get('core')).toEqual([]);
    expect(notes.get('ml')).toEqual(['may be stale: upstream core has pending changes']);
    expect(notes.get('visualization')).toEqual(['may be stale: upstream core has pending changes']);
    expect(notes.get('monitoring')).toEqual([
      'may be stale: upstream core has pending changes',
      'may be stale: upstream processing failed to plan',
      'may be stale: upstream visualization has pending changes',
    ]);
  });

  it('does not mark stacks whose upstream stacks have no changes', () => {
    expect(stalenessNotes(graph, [planned('core'), planned('ml', { add: 4 })]).get('ml')).toEqual([]);
  });

  it('counts output-only changes upstream as pending', () => {
    expect(stalenessNotes(graph, [planned('core', { outputs: 1 }), planned('ml')]).get('ml')).toEqual(['may be stale: upstream core has pending changes']);
  });

  it('prints one table with counts, replacements, errors and staleness', () => {
    expect(renderSummary(graph, results, 'Plan summary: environment dev, terraform')).toBe(
      [
        '### Plan summary: environment dev, terraform',
        '',
        '| stack | add | change | destroy | notes |',
        '|---|---:|---:|---:|---|',
        '| core | 1 | 0 | 0 |  |',
        '| ml | 0 | 0 | 0 | no changes; may be stale: upstream core has pending changes |',
        '| processing | – | – | – | error: plan failed: boom; may be stale: upstream core has pending changes |',
        '| visualization | 0 | 2 | 0 | 1 output change; may be stale: upstream core has pending changes |',
        '| monitoring | 1 | 0 | 1 | replaces docker_container.grafana_container_1A2B3C4D; may be stale: upstream core has pending changes; may be stale: upstream processing failed to plan; may be stale: upstream visualization has pending changes |',
      ].join('\n'),
    );
  });
});

describe('runDiff', () => {
  let outdir: string;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-diff-'));
  });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  /** A runner whose `show` answers per stack directory. */
  const byStack = (plans: Record<string, string>, calls: string[] = []): TerraformRunner => async (args, cwd) => {
    const stack = path.basename(cwd);
    calls.push(`${stack}:${args[0]}`);
    return { code: 0, stdout: args[0] === 'show' ? plans[stack] : '', stderr: '' };
  };

  it('synthesizes once, then plans the selection in dependency order and exits 0', async () => {
    let synths = 0;
    const calls: string[] = [];
    const outcome = await runDiff({
      requested: ['visualization'],
      outdir,
      synth: async () => {
        synths++;
        fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(MANIFEST));
      },
      run: byStack({ core: fixture('core-changes.json'), ml: fixture('no-changes.json'), visualization: fixture('no-changes.json') }, calls),
      log: () => undefined,
    });
    expect(synths).toBe(1);
    expect(calls.filter((c) => c.endsWith(':plan'))).toEqual(['core:plan', 'ml:plan', 'visualization:plan']);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.output).toContain('| core | 2 | 1 | 2 | 1 output change; replaces docker_container.minio_container_6A3B1C2D |');
    expect(outcome.output).toContain('| visualization | 0 | 0 | 0 | no changes; may be stale: upstream core has pending changes |');
  });

  it('exits 1 when a stack fails to plan, still planning the others', async () => {
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(MANIFEST));
    const run: TerraformRunner = async (args, cwd) =>
      path.basename(cwd) === 'ml' && args[0] === 'init'
        ? { code: 1, stdout: '', stderr: 'Error: Failed to get existing workspaces: S3 bucket "tf-state" does not exist.' }
        : { code: 0, stdout: args[0] === 'show' ? fixture('no-changes.json') : '', stderr: '' };
    const outcome = await runDiff({ requested: [], outdir, run, log: () => undefined });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.results.map((r) => `${r.stack}:${r.status}`)).toEqual(['core:planned', 'ml:error', 'processing:planned', 'visualization:planned', 'monitoring:planned']);
    expect(outcome.output).toContain('| ml | – | – | – | error: init failed: Failed to get existing workspaces: S3 bucket "tf-state" does not exist. |');
  });

  it('exits 2 with the valid names for an unknown stack, before running terraform', async () => {
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(MANIFEST));
    const calls: string[] = [];
    const outcome = await runDiff({ requested: ['spark'], outdir, run: byStack({}, calls), log: () => undefined });
    expect(outcome).toEqual({ exitCode: 2, output: 'unknown stack "spark"; valid: core, ml, processing, visualization, monitoring', results: [] });
    expect(calls).toEqual([]);
  });

  it('exits 2 with the binary message when terraform is missing', async () => {
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify(MANIFEST));
    const run: TerraformRunner = async () => {
      throw new BinaryNotFoundError('tofu', true);
    };
    const outcome = await runDiff({ requested: ['core'], outdir, run, log: () => undefined });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toContain('cannot run "tofu": not found on PATH (from TERRAFORM_BINARY_NAME)');
  });

  it('exits 2 when there is no manifest to read', async () => {
    const outcome = await runDiff({ requested: [], outdir, run: byStack({}), log: () => undefined });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.output).toMatch(/manifest\.json not found: synthesize first/);
  });
});

describe('npm run diff (the CLI, with a stand-in terraform binary)', () => {
  const ROOT = path.join(__dirname, '..');
  let tmp: string;
  let fakeTerraform: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-diff-cli-'));
    fakeTerraform = path.join(tmp, 'fake-terraform');
    // Answers init and plan with success and `show -json` with a fixture; logs each call.
    fs.writeFileSync(
      fakeTerraform,
      `#!/bin/sh\necho "$(basename "$PWD") $1" >> "${tmp}/calls.log"\nif [ "$1" = show ]; then cat "${path.join(FIXTURES, 'core-changes.json')}"; fi\n`,
      { mode: 0o755 },
    );
  });
  // Inside the project: local state paths only reach .state/ from there (the CLI refuses others).
  let out: string;
  beforeAll(() => {
    out = fs.mkdtempSync(path.join(ROOT, '.test-out-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('refuses an --outdir outside the project, whose state paths would miss .state/', () => {
    const r = cli(['--outdir', path.join(tmp, 'out'), 'core'], { TERRAFORM_BINARY_NAME: fakeTerraform });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--outdir .* is outside the project .*use a directory inside it/);
  });

  const script = npmScript('diff');
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(script.cmd, [...script.args, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1', DATALAB_ENV: 'dev', ...env },
    });

  it('synthesizes into --outdir, plans with TERRAFORM_BINARY_NAME and prints only the table on stdout', () => {
    const outdir = path.join(out, 'out');
    const r = cli(['--outdir', outdir, 'core'], { TERRAFORM_BINARY_NAME: fakeTerraform });
    expect(r.stderr).toContain('planning core…');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      `### Plan summary: environment dev, ${fakeTerraform}`,
      '',
      '| stack | add | change | destroy | notes |',
      '|---|---:|---:|---:|---|',
      '| core | 2 | 1 | 2 | 1 output change; replaces docker_container.minio_container_6A3B1C2D |',
    ]);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'core', 'cdk.tf.json'))).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'calls.log'), 'utf8').trim().split('\n')).toEqual(['core init', 'core plan', 'core show']);
  });

  it('exits 2 on an unknown stack, listing the valid ones, without planning', () => {
    const r = cli(['--outdir', path.join(out, 'out'), '--skip-synth', 'sparkk'], { TERRAFORM_BINARY_NAME: fakeTerraform });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown stack "sparkk"; valid: core/);
  });

  it('exits 2 naming the binary when it is not installed', () => {
    const r = cli(['--outdir', path.join(out, 'out'), '--skip-synth'], { TERRAFORM_BINARY_NAME: 'tofu-not-installed' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot run "tofu-not-installed": not found on PATH (from TERRAFORM_BINARY_NAME)');
  });

  it('rejects an unknown option with the usage', () => {
    const r = cli(['--plan-only']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown option --plan-only\nusage: npm run diff -- [--skip-synth] [--outdir DIR] [stack…]');
  });
});
