import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment, parseEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { capacityPlan } from '../policy/capacity';
import { synthInMemory } from '../policy/gate';
import { scaledConfigYaml } from '../scripts/bench/scale';
import { ENVS, platformFor } from './helpers';

/** Long-running and init containers per stack, as synthesized (the medallion jobs are not config services). */
function containersPerStack(cfg: EnvConfig): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of synthInMemory(platformFor(cfg).app)) {
    const containers = Object.values((s.json.resource?.docker_container ?? {}) as Record<string, { name: string }>);
    out[s.name] = containers.filter((c) => !c.name.startsWith(`datalab-${cfg.environment}-job-`)).length;
  }
  return out;
}

function plannedPerStack(cfg: EnvConfig): Record<string, number> {
  return Object.fromEntries(capacityPlan(cfg).stacks.map((s) => [s.stack, s.containers]));
}

describe('what the capacity check counts is what is deployed', () => {
  it.each(ENVS)('%s: containers per stack equal the replicas of the configured services', (env) => {
    const cfg = loadEnvironment(env);
    expect(containersPerStack(cfg)).toEqual(plannedPerStack(cfg));
  });

  it('holds for the generated 10× platform, where every stateless service runs 10 replicas', () => {
    const text = scaledConfigYaml(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8')).yaml;
    const cfg = parseEnvironment(text, 'dev.yaml (10×)', 'dev');
    expect(cfg.core.kafkaUi.replicas).toBe(10);
    expect(cfg.ml!.mlflow.replicas).toBe(10);
    const deployed = containersPerStack(cfg);
    expect(deployed).toEqual(plannedPerStack(cfg));
    expect(deployed.ml).toBeGreaterThan(30);
  });

  it('refuses more than one Airflow init, naming why', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8').replace(/(\n    init:\n(?: {6}.*\n)*?)( {6}memoryMb: \d+\n)/, '$1$2      replicas: 2\n');
    expect(text).toMatch(/init:\n[^]*?replicas: 2/);
    expect(() => parseEnvironment(text, 'config/dev.yaml', 'dev')).toThrow(/ml\.airflow\.init\.replicas: runs exactly one replica: a one-shot migration/);
  });
});
