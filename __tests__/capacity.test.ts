import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { ConfigError, loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { DockerService } from '../constructs/docker-service';
import { PlatformNetwork } from '../constructs/platform-network';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { JOBS } from '../jobs';
import { defineJob, lakePath } from '../jobs/job';
import { capacityPlan, formatCapacityPlan } from '../policy/capacity';
import { buildPlatform } from '../stacks/platform';
import { ProcessingStack } from '../stacks/processing-stack';
import { appCommand, npmScript } from './app-command';

const ROOT = path.join(__dirname, '..');
// The figures below are those of dev's core group alone, so adding a group elsewhere does not move them.
const dev = { ...loadEnvironment('dev'), groups: ['core'] } as EnvConfig;
const variant = (base: EnvConfig, patch: (c: EnvConfig) => void): EnvConfig => {
  const c = structuredClone(base) as EnvConfig;
  patch(c);
  return c;
};
/** The plan of a config, built without synth's refusal, so a platform that does not fit still has one. */
const planOf = (cfg: EnvConfig) => {
  const app = Testing.app({ stackTraces: false });
  buildPlatform(app, cfg, { checkCapacity: false });
  return capacityPlan(app, cfg);
};
/** A Spark job container's limit: driver memory plus Spark's overhead, max(384 MiB, 10 %). */
const jobMb = (driverMb: number) => driverMb + Math.max(384, Math.ceil(driverMb * 0.1));

describe('the capacity plan, read from the constructs', () => {
  it('has one row per deployed group of the real dev environment, its peak within the host', () => {
    const full = loadEnvironment('dev');
    const plan = planOf(full);
    expect(plan.stacks.map((s) => s.stack)).toEqual(full.groups);
    expect(plan.total.memoryMb).toBe(plan.stacks.reduce((n, s) => n + s.memoryMb, 0));
    expect(plan.total.peakMemoryMb).toBe(plan.total.memoryMb + plan.total.taskPeakMb);
    expect(plan.total.peakMemoryMb).toBeLessThanOrEqual(full.host.memoryMb);
    expect(plan.problems).toEqual([]);
  });

  it('sums containers, memory, CPU and host ports per stack for dev', () => {
    const plan = planOf(dev);
    expect(plan.stacks).toEqual([
      {
        stack: 'core',
        services: 5,
        containers: 5,
        memoryMb: 1024 + 1536 + 256 + 128 + 512,
        cpus: 2,
        unlimitedCpu: 3,
        tasks: 0,
        taskPeakMb: 0,
        ports: ['127.0.0.1:8500 (consul.http)', '127.0.0.1:9000 (minio.api)', '127.0.0.1:9001 (minio.console)', '127.0.0.1:9092 (kafka.external)', '127.0.0.1:8082 (kafka-ui.http)'],
      },
    ]);
    expect(plan.total).toEqual({ services: 5, containers: 5, memoryMb: 3456, cpus: 2, unlimitedCpu: 3, tasks: 0, taskPeakMb: 0, peakMemoryMb: 3456, peakTasks: [], ports: 5 });
    expect(plan.problems).toEqual([]);
    expect(formatCapacityPlan(plan)).toContain('| peak  |          |            | 3456 (21% of host)');
  });

  it('counts replicas and their consecutive ports', () => {
    const plan = planOf(variant(dev, (c) => {
      c.core.consulEsm = { ...c.core.consulEsm, replicas: 3, cpus: 0.5 };
      c.core.kafkaUi = { ...c.core.kafkaUi, replicas: 2 };
    }));
    expect(plan.total.containers).toBe(8);
    expect(plan.total.memoryMb).toBe(3456 + 2 * 128 + 512);
    expect(plan.total.cpus).toBe(3.5);
    expect(plan.stacks[0].ports).toContain('127.0.0.1:8082-8083 (kafka-ui.http)');
  });

  it('counts the one-shot jobs at their peak: the medallion chain runs one job at a time, in plan order', () => {
    const full = loadEnvironment('dev');
    const plan = planOf(full);
    const processing = plan.stacks.find((s) => s.stack === 'processing')!;
    const ml = plan.stacks.find((s) => s.stack === 'ml')!;
    // bronze-events → silver-events → gold-event-counts: never two at once.
    expect(processing.tasks).toBe(3);
    expect(processing.taskPeakMb).toBe(jobMb(512));
    // The Airflow migration is a task too, in another stack: it may overlap the jobs.
    expect(ml.tasks).toBe(1);
    expect(ml.taskPeakMb).toBe(full.ml!.airflow.init.memoryMb);
    expect(plan.total.taskPeakMb).toBe(jobMb(512) + full.ml!.airflow.init.memoryMb);
    expect(plan.total.peakTasks.map((t) => t.stack)).toEqual(['processing', 'ml']);
  });

  it('counts the jobs a disabled job no longer separates as running together: dev without silver-events does not fit its host', () => {
    const full = loadEnvironment('dev');
    const cfg = variant(full, (c) => { c.processing!.jobs['silver-events'] = { ...c.processing!.jobs['silver-events'], enabled: false }; });
    const plan = planOf(cfg);
    // bronze-events and gold-event-counts are no longer ordered: both may run at once.
    expect(plan.stacks.find((s) => s.stack === 'processing')!.taskPeakMb).toBe(2 * jobMb(512));
    expect(plan.total.peakMemoryMb).toBeGreaterThan(full.host.memoryMb);
    expect(() => buildPlatform(Testing.app(), cfg)).toThrow(/host\.memoryMb: the deployed containers need up to \d+ MiB .*job-bronze-events 896, job-gold-event-counts 896/);
  });

  it('counts jobs that the plan does not order as running together', () => {
    const cfg = { ...loadEnvironment('dev'), groups: ['core'] } as EnvConfig;
    const app = Testing.app({ stackTraces: false });
    const { core } = buildPlatform(app, cfg, { checkCapacity: false });
    const [bronze, silver, gold] = JOBS;
    // Reads what bronze writes, writes what nobody reads: after bronze, beside silver and gold.
    const other = defineJob(path.join(ROOT, 'jobs', 'silver-events.ts'), { ...silver, name: 'silver-other', writes: { table: lakePath('silver', 'other/') }, resources: { ...silver.resources, driverMemoryMb: 1024 } });
    new ProcessingStack(app, 'processing', {
      context: core.context,
      protectData: false,
      processing: cfg.processing!,
      network: core.network,
      lake: core.lake,
      kafka: core.kafka,
      discovery: core.discovery,
      jobs: [bronze, silver, other, gold],
      backend: cfg,
    });
    const processing = capacityPlan(app, cfg).stacks.find((s) => s.stack === 'processing')!;
    expect(processing.tasks).toBe(4);
    // silver-other beside silver-events (or beside gold-event-counts): 1408 + 896.
    expect(processing.taskPeakMb).toBe(jobMb(1024) + jobMb(512));
  });

  it('orders tasks through the services they wait for, and counts unordered ones together', () => {
    const app = Testing.app({ stackTraces: false });
    const s = new TerraformStack(app, 'extra');
    const network = new PlatformNetwork(s, 'network', { name: 'n', environment: 'dev' });
    const svc = (name: string, memoryMb: number, extra: Partial<ServiceSpec>, after: DockerService[] = []) =>
      new DockerService(s, name, {
        network,
        environment: 'dev',
        spec: { name, group: 'extra', image: `example/${name}:1.0.0`, probe: Probe.tcp(1), resources: { memoryMb }, ...extra },
        dependsOn: after.flatMap((a) => a.dependable),
      });
    const task = (name: string, memoryMb: number, after: DockerService[] = []) => svc(name, memoryMb, { oneShot: true, probe: undefined }, after);
    // migrate → db (long-running) → seed: seed starts after migrate has finished, through db.
    const migrate = task('migrate', 1000);
    const db = svc('db', 100, {}, [migrate]);
    task('seed', 700, [db]);
    // Two independent tasks beside them; the heaviest set is migrate + a + b, not every task.
    task('a', 300);
    task('b', 200);
    const plan = capacityPlan(app, dev);
    expect(plan.total.memoryMb).toBe(100);
    expect(plan.total.tasks).toBe(4);
    expect(plan.total.taskPeakMb).toBe(1000 + 300 + 200);
    expect(plan.total.peakTasks.map((t) => t.name)).toEqual(['migrate', 'a', 'b']);
    expect(plan.total.peakMemoryMb).toBe(1600);
  });

  it('reports a peak beyond the host, with the tasks that make it and the largest services', () => {
    const full = loadEnvironment('dev');
    const plan = planOf(full);
    const tight = variant(full, (c) => { c.host.memoryMb = plan.total.peakMemoryMb - 1; });
    const problems = planOf(tight).problems;
    expect(problems).toEqual([
      {
        path: ['host', 'memoryMb'],
        message: `the deployed containers need up to ${plan.total.peakMemoryMb} MiB (${plan.total.memoryMb} MiB of long-running services + ${plan.total.taskPeakMb} MiB of one-shot tasks that can run at once (job-gold-event-counts ${jobMb(512)}, airflow-init ${full.ml!.airflow.init.memoryMb})) but the host has ${plan.total.peakMemoryMb - 1} MiB; raise host.memoryMb or lower memoryMb (largest services: spark-worker 2304, kafka 1536, nifi 1536)`,
      },
    ]);
    expect(formatCapacityPlan(planOf(tight))).toMatch(/\nERROR host\.memoryMb: the deployed containers need up to \d+ MiB/);
  });

  it('is what synth enforces: building a platform whose peak exceeds the host fails with a config error at host.memoryMb', () => {
    const full = loadEnvironment('dev');
    const peak = planOf(full).total.peakMemoryMb;
    const tight = variant(full, (c) => { c.host.memoryMb = peak - 1; });
    let err: unknown;
    try {
      buildPlatform(Testing.app(), tight);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.path.join('.'))).toEqual(['host.memoryMb']);
    expect((err as ConfigError).message).toMatch(/^config\/dev\.yaml: 1 problem\n {2}config\/dev\.yaml {2}host\.memoryMb: the deployed containers need up to \d+ MiB/);
    expect(() => buildPlatform(Testing.app(), variant(full, (c) => { c.host.memoryMb = peak; }))).not.toThrow();
  });

  it('also names a service that alone exceeds the host, at its memoryMb (serviceMemoryFitsHost)', () => {
    const plan = planOf(variant(dev, (c) => { c.host.memoryMb = 1024; }));
    expect(plan.problems.map((p) => p.path.join('.'))).toEqual(['host.memoryMb', 'core.kafka.memoryMb']);
  });

  it('reports a host port used twice with both paths (hostPortsUnique)', () => {
    const plan = planOf(variant(dev, (c) => { c.core.kafkaUi.ports = { http: { port: 9000 } }; }));
    expect(plan.problems).toEqual([{ path: ['core', 'kafkaUi', 'ports', 'http', 'port'], message: 'host port 127.0.0.1:9000 is already used by core.minio.ports.api; pick another port' }]);
  });
});

describe('npm run plan:capacity and synth', () => {
  const withDev = (edit: (text: string) => string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-cap-'));
    fs.writeFileSync(path.join(dir, 'dev.yaml'), edit(fs.readFileSync(path.join(ROOT, 'config', 'dev.yaml'), 'utf8')));
    return dir;
  };
  const run = ({ cmd, args }: { cmd: string; args: string[] }, env: Record<string, string>) =>
    spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

  it('prints the table, and exits 1 with the problems when the env does not fit', () => {
    const ok = run(npmScript('plan:capacity'), { DATALAB_ENV: 'prod' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^capacity plan for prod\n\| stack +\| services \| containers \| memory MiB +\| one-shot tasks/);
    expect(ok.stdout).toMatch(/\n\| peak +\| +\| +\| \d+ \(\d+% of host\)/);
    const dir = withDev((t) => t.replace('memoryMb: 16384', 'memoryMb: 1024'));
    const bad = run(npmScript('plan:capacity'), { DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/\| core +\|/);
    const need = planOf(loadEnvironment('dev')).total.peakMemoryMb;
    expect(bad.stdout).toContain(`ERROR host.memoryMb: the deployed containers need up to ${need} MiB`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('synth refuses a host that holds the services but not the jobs on top, writing nothing', () => {
    const full = loadEnvironment('dev');
    const plan = planOf(full);
    // Enough for every configured service (the config check passes), not for the peak.
    const host = plan.total.peakMemoryMb - 1;
    const dir = withDev((t) => t.replace('memoryMb: 16384', `memoryMb: ${host}`));
    const outdir = path.join(dir, 'out');
    const r = run(appCommand(), { DATALAB_ENV: 'dev', DATALAB_CONFIG_DIR: dir, CDKTF_OUTDIR: outdir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dev\.yaml {2}host\.memoryMb: the deployed containers need up to \d+ MiB .* but the host has \d+ MiB/);
    expect(r.stderr).toContain('synth failed: nothing was written');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
