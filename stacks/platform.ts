import { App } from 'cdktf';
import { EnvConfig } from '../config/schema';
import { CoreStack } from './core-stack';
import { ProcessingStack } from './processing-stack';

/** The stacks built for one environment, by group name. */
export interface Platform {
  readonly env: EnvConfig;
  readonly core: CoreStack;
  readonly processing?: ProcessingStack;
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
  let processing: ProcessingStack | undefined;
  if (env.groups.includes('processing') && env.processing) {
    processing = new ProcessingStack(app, 'processing', {
      context: core.context,
      protectData: env.protectData,
      processing: env.processing,
      network: core.network,
      lake: core.lake,
      kafka: core.kafka,
      discovery: core.discovery,
      env,
    });
    processing.addDependency(core);
  }
  return { env, core, processing };
}
