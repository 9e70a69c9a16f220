/**
 * prepareToolchain(): OpenTofu and every pinned provider, built (or reused from the cache), the
 * CLI config that installs providers from the local mirror only, and the environment that cdktf
 * and tofu child processes need.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../lib/exec';
import { step, UserFacingError } from '../lib/log';
import { buildProviders, defaultMirrorDir, missingFromMirror, writeCliConfig } from './providers';
import { buildTofu, checkTofuVersion } from './tofu';
import { OPENTOFU, PROVIDERS } from './versions';

export interface Toolchain {
  readonly tofuBinary: string;
  readonly cliConfigFile: string;
  readonly mirrorDir: string;
  /** The complete environment for cdktf and tofu: spawn children with it as it is. */
  readonly env: Readonly<NodeJS.ProcessEnv>;
}

/**
 * Variables that would make tofu look elsewhere than the mirror or share state with other
 * projects: a plugin cache (and its lock-file escape hatch) and another CLI config under its old
 * name. TF_CLI_CONFIG_FILE is set anew.
 */
const UNSET = ['TF_PLUGIN_CACHE_DIR', 'TF_PLUGIN_CACHE_MAY_BREAK_DEPENDENCY_LOCK_FILE', 'TERRAFORM_CONFIG', 'TF_CLI_CONFIG_FILE'] as const;

/** The environment for children: tofu first on PATH and named for cdktf, the mirror-only config. */
export function toolchainEnv(tofuBinary: string, cliConfigFile: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const name of UNSET) delete env[name];
  return {
    ...env,
    PATH: [path.dirname(tofuBinary), base.PATH].filter(Boolean).join(path.delimiter),
    // cdktf runs what this names for init/plan/apply; a full path rules out another tofu or
    // terraform found on PATH.
    TERRAFORM_BINARY_NAME: tofuBinary,
    TF_CLI_CONFIG_FILE: cliConfigFile,
    CHECKPOINT_DISABLE: '1',
    // Otherwise cdktf sets TF_PLUGIN_CACHE_DIR=~/.terraform.d/plugin-cache itself and copies these
    // local builds into the user's shared cache, where other projects' inits would find them.
    CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
  };
}

/** A mirror filled elsewhere (`tofu providers mirror` on a connected machine), if one is named. */
function suppliedMirror(): string | undefined {
  const dir = process.env.DATALAB_E2E_PROVIDER_MIRROR?.trim();
  if (!dir) return undefined;
  const abs = path.resolve(dir);
  if (!fs.existsSync(abs)) throw new UserFacingError(`DATALAB_E2E_PROVIDER_MIRROR=${dir} does not exist`, 2);
  return abs;
}

export async function prepareToolchain(): Promise<Toolchain> {
  const tofu = await step(`OpenTofu ${OPENTOFU.version}`, () => buildTofu());
  const supplied = suppliedMirror();
  // A supplied mirror with every pinned provider is used as it is; otherwise what the Go module
  // proxy serves is built into the cache and the rest is taken from the supplied mirror.
  const complete = supplied !== undefined && missingFromMirror(supplied).length === 0;
  const mirrorDir = complete ? supplied : defaultMirrorDir();
  if (!complete) await buildProviders(PROVIDERS, mirrorDir, supplied);
  const cliConfigFile = writeCliConfig(mirrorDir);
  const env = toolchainEnv(tofu.path, cliConfigFile);
  checkTofuVersion((await run(tofu.path, ['version', '-json'], { env })).stdout);
  return { tofuBinary: tofu.path, cliConfigFile, mirrorDir, env };
}
