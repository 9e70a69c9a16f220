import { App } from 'cdktf';
import { EnvConfig } from '../config/schema';
import { CoreStack } from './core-stack';
import { MlStack } from './ml-stack';

/** The stacks built for one environment, by group name. */
export interface Platform {
  readonly env: EnvConfig;
  readonly core: CoreStack;
  readonly ml?: MlStack;
}

/**
 * Builds every stack the environment's `groups` list, in dependency order. Stack ids equal group
 * names (`core`, `processing`, …): they are the names users pass to `cdktf deploy`, and the state
 * file names, so they never change.
 */
export function buildPlatform(app: App, env: EnvConfig): Platform {
  const core = new CoreStack(app, 'core', {
    environment: env.environment,
    protectData: env.protectData,
    networkName: env.network.name ?? `datalab-${env.environment}`,
    publishAddress: env.network.publishAddress,
    core: env.core,
    env,
  });
  let ml: MlStack | undefined;
  if (env.groups.includes('ml') && env.ml) {
    ml = new MlStack(app, 'ml', { ml: env.ml, core, env });
    ml.addDependency(core);
  }
  return { env, core, ml };
}
