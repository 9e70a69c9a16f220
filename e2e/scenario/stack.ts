/**
 * The synthesized core stack as Terraform sees it (`<out>/stacks/core/cdk.tf.json`): which
 * containers it declares, under which resource addresses, and which of them are one-shot jobs.
 * Read from the synthesized JSON, not from our constructs: the scenario checks what was deployed
 * against what Terraform was given.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { check } from './assert';
import { Scenario, stackDir, STACK, StackName } from './context';

export interface DeclaredContainer {
  /** Terraform address, e.g. docker_container.kafka_container_36BF297E. */
  readonly address: string;
  readonly name: string;
  /** A one-shot job (must_run false): it runs to completion instead of staying up. */
  readonly oneShot: boolean;
  /**
   * A file holder (start false): created and never started, it holds a read-only service's
   * uploaded files in volumes the service mounts (constructs/docker-service.ts).
   */
  readonly holdsFiles: boolean;
  /** Paths of the files uploaded into it. */
  readonly uploads: readonly string[];
  /** How the container is confined, as Terraform was told. */
  readonly confinement: DeclaredConfinement;
}

export interface DeclaredConfinement {
  readonly user?: string;
  readonly readOnly: boolean;
  readonly securityOpts: readonly string[];
  readonly capDrop: readonly string[];
  readonly capAdd: readonly string[];
  readonly tmpfs: Readonly<Record<string, string>>;
}

interface ContainerBlock {
  name: string;
  must_run?: boolean;
  start?: boolean;
  user?: string;
  read_only?: boolean;
  security_opts?: string[];
  capabilities?: { add?: string[]; drop?: string[] } | { add?: string[]; drop?: string[] }[];
  tmpfs?: Record<string, string>;
  upload?: { file: string }[];
}

function confinementOf(c: ContainerBlock): DeclaredConfinement {
  const caps = Array.isArray(c.capabilities) ? c.capabilities : c.capabilities ? [c.capabilities] : [];
  return {
    user: c.user,
    readOnly: c.read_only === true,
    securityOpts: c.security_opts ?? [],
    capDrop: caps.flatMap((x) => x.drop ?? []),
    capAdd: caps.flatMap((x) => x.add ?? []),
    tmpfs: c.tmpfs ?? {},
  };
}

export function declaredContainers(s: Scenario, stack: StackName = STACK): readonly DeclaredContainer[] {
  const file = path.join(stackDir(s, stack), 'cdk.tf.json');
  check(fs.existsSync(file), `${file} is missing: ${stack} was not synthesized`);
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: { docker_container?: Record<string, ContainerBlock> } };
  return Object.entries(json.resource?.docker_container ?? {}).map(([key, c]) => ({
    address: `docker_container.${key}`,
    name: c.name,
    oneShot: c.must_run === false && c.start !== false,
    holdsFiles: c.start === false,
    uploads: (c.upload ?? []).map((u) => u.file),
    confinement: confinementOf(c),
  }));
}

export function declaredContainer(s: Scenario, name: string, stack: StackName = STACK): DeclaredContainer {
  const c = declaredContainers(s, stack).find((d) => d.name === name);
  check(c, `${stack} declares no container named ${name}`);
  return c;
}
