import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { capacityPlan, formatCapacityPlan } from '../policy/capacity';
import { npmScript } from './app-command';

const ROOT = path.join(__dirname, '..');
// The figures below are those of dev's core group alone, so adding a group elsewhere does not move them.
const dev = { ...loadEnvironment('dev'), groups: ['core'] } as EnvConfig;
const variant = (patch: (c: EnvConfig) => void): EnvConfig => {
  const c = structuredClone(dev) as EnvConfig;
  patch(c);
  return c;
};

describe('the capacity plan', () => {
  it('has one row per deployed group of the real dev environment, within the host', () => {
    const full = loadEnvironment('dev');
    const plan = capacityPlan(full);
    expect(plan.stacks.map((s) => s.stack)).toEqual(full.groups);
    expect(plan.total.memoryMb).toBe(plan.stacks.reduce((n, s) => n + s.memoryMb, 0));
    expect(plan.total.memoryMb).toBeLessThanOrEqual(full.host.memoryMb);
    expect(plan.problems).toEqual([]);
  });

  it('sums containers, memory, CPU and host ports per stack for dev', () => {
    const plan = capacityPlan(dev);
    expect(plan.stacks).toEqual([
      {
        stack: 'core',
        services: 5,
        containers: 5,
        memoryMb: 1024 + 1536 + 256 + 128 + 512,
        cpus: 2,
        unlimitedCpu: 3,
        ports: ['127.0.0.1:9000 (minio.api)', '127.0.0.1:9001 (minio.console)', '127.0.0.1:9092 (kafka.external)', '127.0.0.1:8500 (consul.http)', '127.0.0.1:8082 (kafkaUi.http)'],
      },
    ]);
    expect(plan.total).toEqual({ services: 5, containers: 5, memoryMb: 3456, cpus: 2, unlimitedCpu: 3, ports: 5 });
    expect(plan.problems).toEqual([]);
    expect(formatCapacityPlan(plan)).toContain('| host  |          |            | 16384 (21% used)');
  });

  it('counts replicas and their consecutive ports', () => {
    const plan = capacityPlan(variant((c) => {
      c.core.consulEsm = { ...c.core.consulEsm, replicas: 3, cpus: 0.5 };
    }));
    expect(plan.total.containers).toBe(7);
    expect(plan.total.memoryMb).toBe(3456 + 2 * 128);
    expect(plan.total.cpus).toBe(3.5);
  });

  it('reports memory beyond the host with the biggest consumers by path (memoryFitsHost)', () => {
    const plan = capacityPlan(variant((c) => { c.host.memoryMb = 2048; }));
    expect(plan.problems).toEqual([
      {
        path: ['host', 'memoryMb'],
        message: 'the enabled services need 3456 MiB of memory limits but the host has 2048 MiB; raise host.memoryMb or lower service memoryMb (largest: core.kafka.memoryMb 1536, core.minio.memoryMb 1024, core.kafkaUi.memoryMb 512)',
      },
    ]);
    expect(formatCapacityPlan(plan)).toMatch(/\nERROR host\.memoryMb: the enabled services need 3456 MiB/);
  });

  it('also names a service that alone exceeds the host, at its memoryMb (serviceMemoryFitsHost)', () => {
    const plan = capacityPlan(variant((c) => { c.host.memoryMb = 1024; }));
    expect(plan.problems.map((p) => p.path.join('.'))).toEqual(['host.memoryMb', 'core.kafka.memoryMb']);
  });

  it('reports a host port used twice with both paths (hostPortsUnique)', () => {
    const plan = capacityPlan(variant((c) => { c.core.kafkaUi.ports = { http: { port: 9000 } }; }));
    expect(plan.problems).toEqual([{ path: ['core', 'kafkaUi', 'ports', 'http', 'port'], message: 'host port 127.0.0.1:9000 is already used by core.minio.ports.api; pick another port' }]);
  });

  it('npm run plan:capacity prints the table, and exits 1 with the problems when the env does not fit', () => {
    const { cmd, args } = npmScript('plan:capacity');
    const run = (env: Record<string, string>) => spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
    const ok = run({ DATALAB_ENV: 'prod' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^capacity plan for prod\n\| stack +\| services \| containers \| memory MiB/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cap-'));
    fs.writeFileSync(path.join(dir, 'dev.yaml'), fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8').replace('memoryMb: 16384', 'memoryMb: 1024'));
    const bad = run({ DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/\| core +\|/);
    const need = capacityPlan(loadEnvironment('dev')).total.memoryMb;
    expect(bad.stdout).toContain(`ERROR host.memoryMb: the enabled services need ${need} MiB of memory limits but the host has 1024 MiB`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
