import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment, parseEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { capacityPlan } from '../policy/capacity';
import { synthStacks } from '../policy/gate';
import { scaledConfigYaml } from '../scripts/bench/scale';
import { ENVS, platformFor } from './helpers';

type Counts = Record<string, { containers: number; memoryMb: number; tasks: number }>;

/**
 * Per stack, as synthesized (read from the JSON, not from the constructs the plan reads): the
 * long-running containers and their summed memory limits, and the one-shot containers
 * (`must_run = false`: the medallion jobs, the Airflow migration, the lake's provisioning step).
 */
function deployedPerStack(cfg: EnvConfig): Counts {
  const out: Counts = {};
  for (const s of synthStacks(platformFor(cfg).app)) {
    // File holders are created and never started (constructs/docker-service.ts): nothing runs there.
    const containers = Object.values((s.json.resource?.docker_container ?? {}) as Record<string, { memory: number; must_run: boolean; start?: boolean }>).filter((c) => c.start !== false);
    const running = containers.filter((c) => c.must_run !== false);
    out[s.name] = { containers: running.length, memoryMb: running.reduce((n, c) => n + c.memory, 0), tasks: containers.length - running.length };
  }
  return out;
}

function plannedPerStack(cfg: EnvConfig): Counts {
  const { app } = platformFor(cfg);
  return Object.fromEntries(capacityPlan(app, cfg).stacks.map((s) => [s.stack, { containers: s.containers, memoryMb: s.memoryMb, tasks: s.tasks }]));
}

describe('what the capacity check counts is what is deployed', () => {
  it.each(ENVS)('%s: containers, memory limits and one-shot tasks per stack equal what is synthesized', (env) => {
    const cfg = loadEnvironment(env);
    expect(plannedPerStack(cfg)).toEqual(deployedPerStack(cfg));
  });

  it('holds for the generated 10× platform, where every stateless service runs 10 replicas', () => {
    const text = scaledConfigYaml(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8')).yaml;
    const cfg = parseEnvironment(text, 'dev.yaml (10×)', 'dev');
    expect(cfg.core.kafkaUi.replicas).toBe(10);
    expect(cfg.ml!.prefect.worker.replicas).toBe(10);
    expect(cfg.ml!.mlflow.replicas).toBe(1); // a singleton: the generator leaves it at one
    const deployed = deployedPerStack(cfg);
    expect(deployed).toEqual(plannedPerStack(cfg));
    expect(deployed.ml.containers).toBeGreaterThan(20);
  });

  it('refuses more than one Airflow init, naming why', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8').replace(/(\n    init:\n(?: {6}.*\n)*?)( {6}memoryMb: \d+\n)/, '$1$2      replicas: 2\n');
    expect(text).toMatch(/init:\n[^]*?replicas: 2/);
    expect(() => parseEnvironment(text, 'config/dev.yaml', 'dev')).toThrow(/ml\.airflow\.init\.replicas: runs exactly one replica: a one-shot migration/);
  });
});

describe('replicas that cannot work are refused at the config path', () => {
  const dev = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8');
  const withReplicas = (section: RegExp, n: number) => dev.replace(section, (m) => `${m}\n      replicas: ${n}`);

  it('MLflow and the Prefect server run once, each error saying why', () => {
    expect(() => parseEnvironment(withReplicas(/\n  mlflow:\n    image: [^\n]+/, 2).replace('\n      replicas: 2', '\n    replicas: 2'), 'config/dev.yaml', 'dev')).toThrow(
      /ml\.mlflow\.replicas: runs exactly one replica: replicas would race to create its tables/,
    );
    expect(() => parseEnvironment(withReplicas(/\n    server:\n      image: [^\n]+/, 2), 'config/dev.yaml', 'dev')).toThrow(
      /ml\.prefect\.server\.replicas: runs exactly one replica: more than one Prefect server needs Redis/,
    );
  });

  it('consecutive host ports of replicas may not run past 65535', () => {
    const text = dev.replace(/(\n  kafkaUi:\n(?:    .*\n)*?)(    ports:\n      http: \{ port: )8082( \})/, '$1    replicas: 3\n$265534$3');
    expect(text).toContain('port: 65534');
    expect(() => parseEnvironment(text, 'config/dev.yaml', 'dev')).toThrow(/core\.kafkaUi\.ports\.http\.port: 3 replicas publish ports 65534\.\.65536, past 65535; pick a port ≤ 65533/);
  });
});
