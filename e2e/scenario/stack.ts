/**
 * The synthesized core stack as Terraform sees it (`<out>/stacks/core/cdk.tf.json`): which
 * containers it declares, under which resource addresses, and which of them are one-shot jobs.
 * Read from the synthesized JSON, not from our constructs: the scenario checks what was deployed
 * against what Terraform was given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from './assert';
import { Scenario, stackDir } from './context';

export interface DeclaredContainer {
  /** Terraform address, e.g. docker_container.kafka_container_36BF297E. */
  readonly address: string;
  readonly name: string;
  /** A one-shot job (must_run false): it runs to completion instead of staying up. */
  readonly oneShot: boolean;
}

interface ContainerBlock {
  name: string;
  must_run?: boolean;
}

export function declaredContainers(s: Scenario): readonly DeclaredContainer[] {
  const file = path.join(stackDir(s), 'cdk.tf.json');
  check(fs.existsSync(file), `${file} is missing: core was not synthesized`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: { docker_container?: Record<string, ContainerBlock> } };
  return Object.entries(json.resource?.docker_container ?? {}).map(([key, c]) => ({ address: `docker_container.${key}`, name: c.name, oneShot: c.must_run === false }));
}

export function declaredContainer(s: Scenario, name: string): DeclaredContainer {
  const c = declaredContainers(s).find((d) => d.name === name);
  check(c, `core declares no container named ${name}`);
  return c;
}
