import { App } from 'cdktf';
import { ConfigError, configFileFor } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { SparkEndpoint } from '../constructs/spark-endpoint';
import { peakMemoryProblems } from '../policy/capacity';
import { CoreStack } from './core-stack';
import { MlStack } from './ml-stack';
import { MonitoringStack } from './monitoring-stack';
import { ProcessingStack } from './processing-stack';
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

export interface BuildOptions {
  /**
   * Refuse a platform whose peak memory (long-running limits plus the one-shot tasks that can run
   * at once, policy/capacity.ts) exceeds `host.memoryMb`, with a `ConfigError` at that path.
   * `plan:capacity` turns it off to print the plan of a platform that does not fit.
   * @default true
   */
  readonly checkCapacity?: boolean;
}

/**
 * Builds every stack the environment's `groups` list. Stack ids equal group names (`core`,
 * `processing`, …): they are the names users pass to `cdktf deploy`, and the state file names, so
 * they never change. Each stack receives its config section and the objects it uses, by
 * reference; the only order is that of those references (core first). Monitoring reads its
 * scrape targets from the service catalog at synth, so it may be built at any point after core.
 */
export function buildPlatform(app: App, env: EnvConfig, options: BuildOptions = {}): Platform {
  const backend = { environment: env.environment, state: env.state };
  const core = new CoreStack(app, 'core', {
    environment: env.environment,
    protectData: env.protectData,
    networkName: env.network.name ?? `datalab-${env.environment}`,
    publishAddress: env.network.publishAddress,
    core: env.core,
    backend,
  });
  const fromCore = { context: core.context, protectData: env.protectData, network: core.network, discovery: core.discovery, backend, buildMirrors: env.buildMirrors };

  let processing: ProcessingStack | undefined;
  if (env.groups.includes('processing') && env.processing) {
    processing = new ProcessingStack(app, 'processing', { ...fromCore, processing: env.processing, lake: core.lake, kafka: core.kafka });
    processing.addDependency(core);
  }
  let ml: MlStack | undefined;
  if (env.groups.includes('ml') && env.ml) {
    ml = new MlStack(app, 'ml', { ...fromCore, ml: env.ml, lake: core.lake });
    ml.addDependency(core);
  }
  // Scheduled pipelines run on ml's Prefect (and train with its MLflow): built once ml exists, and
  // processing is then deployed after ml. The config checks refuse schedules without ml.
  if (processing && ml && env.ml && processing.schedulesPipelines) {
    processing.addPipelines({
      prefectImage: env.ml.prefect.server.image,
      prefectApiUrl: `${ml.prefectServer.internalUrl('http')}/api`,
      mlflowUrl: ml.mlflow.internalUrl('http'),
    });
    processing.addDependency(ml);
  }

  let visualization: VisualizationStack | undefined;
  if (env.groups.includes('visualization') && env.visualization) {
    const configured = env.visualization.jupyterhub.sparkMasterUrl;
    visualization = new VisualizationStack(app, 'visualization', {
      ...fromCore,
      environment: env.environment,
      lake: core.lake,
      visualization: env.visualization,
      // Notebooks use the cluster when processing is deployed, else Spark in local mode.
      spark: configured !== undefined ? SparkEndpoint.fromUrl(configured) : (processing?.spark ?? SparkEndpoint.local()),
    });
    visualization.addDependency(core);
  }

  let monitoring: MonitoringStack | undefined;
  if (env.groups.includes('monitoring') && env.monitoring) {
    monitoring = new MonitoringStack(app, 'monitoring', {
      ...fromCore,
      environment: env.environment,
      consul: core.consul,
      lakeCapacity: core.lake.capacity,
      monitoring: env.monitoring,
    });
    monitoring.addDependency(core);
  }
  if (options.checkCapacity ?? true) {
    // What is deployed, read from the constructs: jobs and other one-shot tasks included.
    const problems = peakMemoryProblems(app, env);
    if (problems.length > 0) throw new ConfigError(configFileFor(env.environment), problems);
  }
  return { env, core, processing, ml, visualization, monitoring };
}
