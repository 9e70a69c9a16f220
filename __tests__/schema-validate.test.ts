import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { SynthStack } from '../policy/resources';
import { formatValidation, loadSchemas, validateStacks } from '../policy/schema-validate';
import { synthStacks } from '../policy/gate';
import { npmScript } from './app-command';
import { ENVS, platformFor } from './helpers';

const schemas = loadSchemas();

describe.each(ENVS)('every synthesized stack of %s', (env) => {
  const report = validateStacks(synthStacks(platformFor(env).app), schemas);

  it('matches the provider schemas with zero findings', () => {
    expect(report.findings).toEqual([]);
    expect(report.checked).toBeGreaterThan(30);
  });

  it('reports the random provider and remote state as not covered, explicitly', () => {
    expect(report.notCovered.length).toBeGreaterThan(0);
    // random has no schema here; remote state is Terraform's own data source.
    expect(report.notCovered.filter((n) => !n.endsWith('(hashicorp/random)') && !n.endsWith('(terraform built-in)'))).toEqual([]);
    expect(report.notCovered).toContain('core/provider.random[0] (hashicorp/random)');
  });
});

const PROVIDERS = {
  docker: { source: 'kreuzwerker/docker', version: '3.6.2' },
  consul: { source: 'hashicorp/consul', version: '2.23.0' },
  kafka: { source: 'mongey/kafka', version: '0.13.1' },
  minio: { source: 'aminueza/minio', version: '3.40.1' },
};

function fixture(resource: Record<string, Record<string, Record<string, unknown>>>, extra: Record<string, unknown> = {}): SynthStack[] {
  return [{ name: 'fx', json: { terraform: { required_providers: PROVIDERS }, resource, ...extra } }];
}

const kinds = (s: SynthStack[]) => validateStacks(s, schemas).findings.map((f) => `${f.kind} ${f.address} ${f.argument}`);

describe('schema validation finds', () => {
  it('an unknown argument, suggesting the right one', () => {
    const r = validateStacks(fixture({ docker_volume: { v: { name: 'x', driver_opt: {} } } }), schemas);
    expect(r.findings).toEqual([{ kind: 'unknown-argument', address: 'fx/docker_volume.v', argument: 'driver_opt', message: '"driver_opt" is not an argument of this block (did you mean "driver_opts"?)' }]);
  });

  it('a missing required argument', () => {
    expect(kinds(fixture({ kafka_topic: { t: { name: 'a', partitions: 1 } } }))).toEqual(['missing-required fx/kafka_topic.t replication_factor']);
  });

  it('a computed-only attribute that is set', () => {
    expect(kinds(fixture({ docker_volume: { v: { name: 'x', mountpoint: '/var/lib' } } }))).toEqual(['computed-only fx/docker_volume.v mountpoint']);
  });

  it('wrong value types, while tokens pass for any type', () => {
    expect(kinds(fixture({ kafka_topic: { t: { name: 'a', partitions: 'many', replication_factor: '${var.rf}', config: { 'retention.ms': ['1'] } } } }))).toEqual([
      'wrong-type fx/kafka_topic.t partitions',
      'wrong-type fx/kafka_topic.t config',
    ]);
  });

  it('too many items in a max-one block, and nested unknown arguments', () => {
    const hc = { test: ['CMD', 'true'] };
    expect(kinds(fixture({ docker_container: { c: { name: 'c', image: 'i', healthcheck: [hc, hc] } } }))).toEqual(['block-count fx/docker_container.c healthcheck']);
    expect(kinds(fixture({ docker_container: { c: { name: 'c', image: 'i', healthcheck: [{ test: ['CMD'], every: '1s' }] } } }))).toEqual(['unknown-argument fx/docker_container.c healthcheck[0].every']);
  });

  it('a block given a scalar, and a missing required argument inside a block', () => {
    expect(kinds(fixture({ docker_container: { c: { name: 'c', image: 'i', ports: [8080] } } }))).toEqual(['block-nesting fx/docker_container.c ports[0]']);
    expect(kinds(fixture({ docker_container: { c: { name: 'c', image: 'i', ports: [{ external: 1 }] } } }))).toEqual(['missing-required fx/docker_container.c ports[0].internal']);
  });

  it('an unknown resource type and a bad provider argument', () => {
    const s = fixture({ minio_bucket: { b: { bucket: 'x' } } }, { provider: { minio: [{ minio_server: 'h:9000', minio_pasword: 'x' }] } });
    expect(kinds(s)).toEqual(['unknown-argument fx/provider.minio[0] minio_pasword', 'unknown-type fx/minio_bucket.b ']);
    expect(formatValidation(validateStacks(s, schemas))).toMatch(/^schema validation: 1 block\(s\) checked, 2 finding\(s\), 0 not covered/);
  });

  it('an interpolation in depends_on or lifecycle.replace_triggered_by, for any provider (random has no schema here)', () => {
    const s = fixture({
      docker_volume: { v: { name: 'x' } },
      docker_container: {
        ok: { name: 'ok', image: 'i', depends_on: ['docker_volume.v'], lifecycle: { replace_triggered_by: ['docker_volume.v'] } },
        bad: { name: 'bad', image: 'i', depends_on: ['docker_volume.v', '${docker_volume.v}'], lifecycle: { replace_triggered_by: ['${docker_volume.v}'] } },
      },
      random_password: { p: { length: 16, lifecycle: { replace_triggered_by: ['${docker_volume.v.id}'] } } },
    });
    const r = validateStacks(s, schemas);
    expect(r.findings.map((f) => `${f.kind} ${f.address} ${f.argument}`)).toEqual([
      'reference-expression fx/docker_container.bad depends_on[1]',
      'reference-expression fx/docker_container.bad lifecycle.replace_triggered_by[0]',
      'reference-expression fx/random_password.p lifecycle.replace_triggered_by[0]',
    ]);
    expect(r.findings[1].message).toBe('"${docker_volume.v}" is an interpolation; "lifecycle.replace_triggered_by" takes a bare address such as "docker_container.name" (Terraform: Invalid expression)');
  });
});

describe('npm run validate on bad input', () => {
  const { cmd, args: scriptArgs } = npmScript('validate');
  const run = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    spawnSync(cmd, [...scriptArgs, ...args], { cwd: path.join(__dirname, '..'), encoding: 'utf8', env: { ...process.env, ...env } });

  it('names an unknown environment in one line, without a stack trace', () => {
    const r = run({ DATALAB_ENV: 'nope' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('DATALAB_ENV="nope" is not an environment; valid: dev, staging, prod, e2e');
  });

  it('refuses an argument it does not take', () => {
    const r = run({}, ['--x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^unknown argument "--x"; usage:/);
  });
});
