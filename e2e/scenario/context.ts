/**
 * What every step of the acceptance scenario shares: the names the e2e environment gives its
 * Docker objects, where the project keeps the synthesized stacks (core, processing) and their state, the
 * toolchain children run with, the config directory in force, and the measurements taken.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Toolchain } from '../toolchain';
import type { Measurements } from './measurements';

export const ENVIRONMENT = 'e2e';
/** The stacks the scenario deploys: core first, then the others on top of it (destroyed in reverse). */
export type StackName = 'core' | 'processing' | 'ml' | 'visualization' | 'monitoring';
export const STACK: StackName = 'core';
/** Containers, volumes and the network are all named `datalab-e2e[-…]` (stacks/platform.ts). */
export const PREFIX = `datalab-${ENVIRONMENT}`;
export const NETWORK = PREFIX;
/** The label every Docker object of an environment carries (constructs/docker-service.ts). */
export const ENVIRONMENT_LABEL = `datalab.environment=${ENVIRONMENT}`;

export function containerName(service: string): string {
  return `${PREFIX}-${service}`;
}

export interface Scenario {
  /** The project root: `npx cdktf` and `npx datalab` run here. */
  readonly root: string;
  readonly toolchain: Toolchain;
  /** Every child's output is appended here (a failure's message carries only the tail). */
  readonly logFile: string;
  /** Echo children's output while they run. */
  readonly verbose: boolean;
  readonly measurements: Measurements;
  /**
   * The config directory children get as DATALAB_CONFIG_DIR: undefined means the repository's
   * config/. The `change` step switches to an edited copy, which every later step keeps using
   * (the deployed environment is then the copy's).
   */
  configDir?: string;
  /** The largest host.memoryMb a step declared during the run (the pipelines step declares a larger host for a while). */
  largestDeclaredHostMb?: number;
}

/**
 * The scenario's own cdktf output directory (`cdktf … --output`). The project's cdktf.out is shared
 * with anyone synthesizing in this clone: a dev synth there during a run rewrote core's backend
 * block under the scenario ("Backend configuration block has changed"). It must be inside the
 * project, since the local backend's path climbs from it to .state/ (stacks/backend.ts), and ignored
 * by git: node_modules/.cache is both.
 */
export function outDir(s: Scenario): string {
  const parent = path.join(s.root, 'node_modules', '.cache', 'datalab-e2e');
  // The synth gate stages next to the output directory, and cdktf creates only the last level.
  fs.mkdirSync(parent, { recursive: true });
  return path.join(parent, 'cdktf.out');
}

/** Where cdktf writes a stack (core unless named), and where `tofu` is run directly. */
export function stackDir(s: Scenario, stack: StackName = STACK): string {
  return path.join(outDir(s), 'stacks', stack);
}

/** The local state directory of the environment (config: `state.backend: local`). */
export function stateDir(s: Scenario): string {
  return path.join(s.root, '.state', ENVIRONMENT);
}

export function stateFile(s: Scenario, stack: StackName = STACK): string {
  return path.join(stateDir(s), `${stack}.tfstate`);
}
