import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkStacks, underCi } from '../scripts/tf-check';
import { npmScript, ROOT } from './app-command';
import { classifyInit, errorBlocks, validateDiagnostics } from '../scripts/tf-check/classify';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'terraform', name), 'utf8');

describe('reading terraform init and validate', () => {
  it('treats an offline init (registry unreachable) as parsed, not as a configuration error', () => {
    const r = classifyInit(1, fixture('init-offline.txt'));
    expect(r.kind).toBe('providers-unavailable');
  });

  it('reports configuration errors with their location and skips the generic header', () => {
    const r = classifyInit(1, fixture('init-config-error.txt'));
    expect(r.kind).toBe('config-error');
    if (r.kind !== 'config-error') return;
    expect(r.errors[0]).toMatch(/^Invalid character — on cdk\.tf\.json line 480, in resource\.docker_container\.job-gold-event-counts_\w+\.lifecycle\.replace_triggered_by/);
    expect(r.errors.some((e) => e.startsWith('Terraform encountered problems'))).toBe(false);
    expect(errorBlocks(fixture('init-config-error.txt')).map((e) => e.split(' — ')[0])).toEqual([
      'Terraform encountered problems during initialisation, including problems',
      'Invalid character',
      'Invalid expression',
    ]);
  });

  it('succeeds on exit 0 and reads validate diagnostics errors first', () => {
    expect(classifyInit(0, '').kind).toBe('ok');
    const json = JSON.stringify({ valid: false, diagnostics: [{ severity: 'warning', summary: 'w' }, { severity: 'error', summary: 'Unsupported argument', address: 'docker_container.x' }] });
    expect(validateDiagnostics(json).map((d) => d.summary)).toEqual(['Unsupported argument', 'w']);
  });
});

describe('npm run tf:check with a stand-in terraform', () => {
  // init succeeds (as with network), validate answers as the script says.
  function standIn(validate: string): { bin: string; outdir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-tfstub-'));
    const bin = path.join(dir, 'terraform');
    fs.writeFileSync(bin, `#!/bin/sh\nif [ "$1" = init ]; then exit 0; fi\n${validate}\n`, { mode: 0o755 });
    const outdir = path.join(dir, 'out');
    fs.mkdirSync(path.join(outdir, 'stacks', 'core'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { core: { workingDirectory: 'stacks/core' } } }));
    return { bin, outdir };
  }

  it('reports validate errors with the resource address', () => {
    const diag = JSON.stringify({ valid: false, diagnostics: [{ severity: 'error', summary: 'Unsupported argument', detail: 'An argument named "cpus" is not expected here.', address: 'docker_container.x' }] });
    const { bin, outdir } = standIn(`echo '${diag}'; exit 1`);
    expect(checkStacks(outdir, bin)).toEqual([{ stack: 'core', status: 'invalid', problems: ['docker_container.x: Unsupported argument — An argument named "cpus" is not expected here.'] }]);
  });

  it('counts a failing validate without JSON as invalid, not as valid', () => {
    const { bin, outdir } = standIn('echo "plugin crashed" >&2; exit 1');
    const [r] = checkStacks(outdir, bin);
    expect(r.status).toBe('invalid');
    expect(r.problems[0]).toMatch(/plugin crashed/);
  });

  it('says valid only when validate exits 0 with no error', () => {
    const { bin, outdir } = standIn(`echo '{"valid":true,"diagnostics":[]}'; exit 0`);
    expect(checkStacks(outdir, bin)).toEqual([{ stack: 'core', status: 'valid', problems: [] }]);
  });
});

describe('npm run tf:check when it cannot validate', () => {
  // A stand-in terraform whose init answers as an offline machine does (the configuration parses,
  // no provider can be installed), run through the npm script itself.
  let dir: string;
  let outdir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-tfstub-'));
    fs.writeFileSync(path.join(dir, 'init-offline.txt'), fixture('init-offline.txt'));
    fs.writeFileSync(path.join(dir, 'terraform'), `#!/bin/sh\nif [ "$1" = init ]; then cat "${path.join(dir, 'init-offline.txt')}"; exit 1; fi\necho validate must not run >&2; exit 3\n`, { mode: 0o755 });
    outdir = path.join(dir, 'out');
    for (const stack of ['core', 'ml']) fs.mkdirSync(path.join(outdir, 'stacks', stack), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ stacks: { core: { workingDirectory: 'stacks/core' }, ml: { workingDirectory: 'stacks/ml' } } }));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tfCheck = (env: Record<string, string>) => {
    const { cmd, args } = npmScript('tf:check');
    return spawnSync(cmd, [...args, '--outdir', outdir], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '', TERRAFORM_BINARY_NAME: path.join(dir, 'terraform'), ...env } });
  };
  const parsedOnly = 'core           parsed (providers unavailable, validate skipped)\nml             parsed (providers unavailable, validate skipped)\n';

  it('fails under CI, in one line saying what was not validated and why', () => {
    const r = tfCheck({ CI: 'true' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(parsedOnly);
    expect(r.stderr).toBe(
      'tf:check failed: 2 of 2 stack(s) parsed but not validated: the providers could not be installed (Failed to query available provider packages); under CI (CI=true) a check that could not validate fails. Give terraform access to the provider registry or a provider mirror (TF_CLI_CONFIG_FILE)\n',
    );
  });

  it('passes locally with a warning saying the provider arguments were not checked', () => {
    const r = tfCheck({});
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(parsedOnly);
    expect(r.stderr).toBe(
      'warning: 2 of 2 stack(s) parsed but not validated: the providers could not be installed (Failed to query available provider packages); syntax and expressions were checked, provider arguments were not (under CI this fails)\n',
    );
  });

  it('fails, under CI or not, when there is no terraform to run', () => {
    for (const ci of ['true', '']) {
      const r = tfCheck({ CI: ci, TERRAFORM_BINARY_NAME: path.join(dir, 'no-such-terraform') });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`cannot run "${path.join(dir, 'no-such-terraform')}": not found on PATH; install Terraform or OpenTofu, or set TERRAFORM_BINARY_NAME\n`);
    }
  });

  it('takes CI as set unless it is empty, 0 or false', () => {
    expect([undefined, '', '0', 'false', 'FALSE'].map((v) => underCi({ CI: v }))).toEqual([false, false, false, false, false]);
    expect(['true', '1', 'yes'].map((v) => underCi({ CI: v }))).toEqual([true, true, true]);
  });
});
