import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { synthStacks } from '../policy/gate';
import { comparePlatform, PlatformContract, platformContractFor, stackDependencies } from '../policy/platform-contract';
import { ENVS, platformFor } from './helpers';

const contractOf = (env: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'contracts', `${env}.platform.json`), 'utf8')) as PlatformContract;

const current = (env: string): PlatformContract => {
  const { app } = platformFor(env);
  const stacks = synthStacks(app);
  return platformContractFor(env, stacks, stackDependencies(app));
};


/** Whether the environment schedules pipelines (its processing stack then deploys after ml). */
const schedules = (env: string) => Object.keys(loadEnvironment(env).processing?.pipelines ?? {}).length > 0;

describe.each(ENVS)('the platform contract of %s', (env) => {
  const now = current(env);

  it('has exactly the checked-in stacks, services, replicas, jobs and stack dependencies (npm run contracts:update for a deliberate change)', () => {
    expect(comparePlatform(contractOf(env), now)).toEqual([]);
    expect(now).toEqual(contractOf(env));
  });

  it('runs every group as its own stack, each depending on core only (processing on ml too where it schedules pipelines)', () => {
    expect(Object.keys(now.stacks)).toEqual(['core', 'ml', 'monitoring', 'processing', 'visualization']);
    expect(Object.fromEntries(Object.entries(now.stacks).map(([s, c]) => [s, c.dependsOn]))).toEqual({
      core: [],
      ml: ['core'],
      monitoring: ['core'],
      processing: schedules(env) ? ['core', 'ml'] : ['core'],
      visualization: ['core'],
    });
  });
});

describe('the platform contract of what is synthesized now', () => {
  it.each(ENVS)('%s: counts each configured replica of a service, and one-shot tasks as jobs, not services', (env) => {
    const now = current(env);
    expect(now.stacks.processing.services['spark-worker']).toBe(loadEnvironment(env).processing!.spark.worker.replicas);
    expect(now.stacks.ml.jobs).toEqual(['airflow-init']);
    expect(now.stacks.ml.services).not.toHaveProperty('airflow-init');
  });

  it('follows a change of replicas in the config', () => {
    const cfg = loadEnvironment('dev');
    // A second worker does not fit dev's host as sized: the host grows with it.
    const worker = cfg.processing!.spark.worker;
    const scaled = { ...cfg, host: { ...cfg.host, memoryMb: cfg.host.memoryMb + worker.memoryMb }, processing: { ...cfg.processing!, spark: { ...cfg.processing!.spark, worker: { ...worker, replicas: 2 } } } };
    const { app } = platformFor(scaled);
    const contract = platformContractFor('dev', synthStacks(app), stackDependencies(app));
    expect(contract.stacks.processing.services['spark-worker']).toBe(2);
    expect(comparePlatform(current('dev'), contract)).toEqual([`processing: service spark-worker replicas ${cfg.processing!.spark.worker.replicas} → 2`]);
  });
});

describe('comparing platform contracts', () => {
  const base = current('dev');
  const edit = (f: (c: { stacks: Record<string, { dependsOn: string[]; services: Record<string, number>; jobs: string[] }> }) => void): PlatformContract => {
    const copy = JSON.parse(JSON.stringify(base));
    f(copy);
    return copy as PlatformContract;
  };

  it('names services added and removed, replica changes and jobs', () => {
    const was = edit((c) => {
      delete c.stacks.processing.services.nifi;
      c.stacks.processing.services['spark-worker'] = 3;
      c.stacks.ml.services.ghost = 1;
      c.stacks.ml.jobs.push('old-job');
    });
    expect(comparePlatform(was, base)).toEqual([
      'ml: service ghost removed',
      'ml: job old-job removed',
      'processing: service spark-worker replicas 3 → 1',
      'processing: service nifi added (1 replica)',
    ]);
  });

  it('names stacks and stack dependencies added and removed', () => {
    const was = edit((c) => {
      delete c.stacks.monitoring;
      c.stacks.legacy = { dependsOn: [], services: {}, jobs: [] };
      c.stacks.visualization.dependsOn = ['ml'];
    });
    expect(comparePlatform(was, base)).toEqual([
      'stack legacy removed',
      'stack monitoring added',
      'visualization: no longer depends on ml',
      'visualization: now depends on core',
    ]);
  });
});

describe('stack dependencies in a real synthesized manifest.json', () => {
  it.each(ENVS)('%s: processing, ml, visualization and monitoring depend on exactly core (processing on ml too where it schedules pipelines); core on nothing', (env) => {
    const { app } = platformFor(env);
    try {
      app.synth();
      const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
      expect(Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]))).toEqual({
        core: [],
        processing: schedules(env) ? ['core', 'ml'] : ['core'],
        ml: ['core'],
        visualization: ['core'],
        monitoring: ['core'],
      });
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });
});
