import { defineJob, lakePath } from './job';

/** The MLflow experiment and registered model the training job uses. */
export const TRAINING = { experiment: 'datalab-event-counts', registeredModel: 'event-counts-forecast' } as const;

/**
 * Weekly model training: gold daily counts → a small Spark ML regression (events per day from
 * event type and weekday) → an MLflow run with its parameters, metrics and the model as artifacts
 * (stored by MLflow's artifact proxy in the `mlflow` bucket) → a new version of the registered
 * model. Reads gold only; it never touches the mlflow bucket itself.
 */
export const trainModel = defineJob(__filename, {
  name: 'train-model',
  layer: 'ml',
  description: 'Trains a regression of daily event counts on gold and registers it as a new MLflow model version.',
  code: 'train_model.py',
  reads: { counts: lakePath('gold', 'event_counts_daily/') },
  // Its product is an MLflow run and model version (artifacts through MLflow's proxy), not a lake path.
  writes: {},
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'batch',
  onDeploy: false,
  uses: ['mlflow'],
});
