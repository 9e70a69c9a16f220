import { App, TerraformStack } from 'cdktf';
import { EnvConfig } from '../config/schema';
import { CoreStack } from './core-stack';
import { MlStack } from './ml-stack';
import { MonitoringStack } from './monitoring-stack';
import { ProcessingStack } from './processing-stack';
import { SPARK_LOCAL } from './spark-endpoint';
import { VisualizationStack } from './visualization-stack';

/** The stacks built for one environment, by group name. */
export interface Platform {
  readonly env: EnvConfig;
  readonly core: CoreStack;
  readonly processing?: ProcessingStack;
  readonly ml?: MlStack;
  readonly visualization?: VisualizationStack;
  readonly monitoring?: MonitoringStack;
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
  let ml: MlStack | undefined;
  if (env.groups.includes('ml') && env.ml) {
    ml = new MlStack(app, 'ml', { ml: env.ml, core, env });
    ml.addDependency(core);
  }

  const common = { environment: env.environment, protectData: env.protectData, context: core.context, network: core.network, discovery: core.discovery, env };

  let visualization: VisualizationStack | undefined;
  if (env.groups.includes('visualization') && env.visualization) {
    visualization = new VisualizationStack(app, 'visualization', {
      ...common,
      lake: core.lake,
      visualization: env.visualization,
      // Notebooks use the cluster when processing is deployed, else Spark in local mode.
      sparkMasterUrl: env.visualization.jupyterhub.sparkMasterUrl ?? processing?.masterUrl ?? SPARK_LOCAL,
    });
    visualization.addDependency(core);
  }

  let monitoring: MonitoringStack | undefined;
  if (env.groups.includes('monitoring') && env.monitoring) {
    monitoring = new MonitoringStack(app, 'monitoring', {
      ...common,
      consul: core.consul,
      lakeCapacity: core.lake.capacity,
      // Monitoring is built last: every stack of the app so far is the model Prometheus is configured from.
      platform: app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack),
      monitoring: env.monitoring,
    });
    monitoring.addDependency(core);
  }
  return { env, core, processing, ml, visualization, monitoring };
}
