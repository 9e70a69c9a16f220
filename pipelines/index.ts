/** Every pipeline the platform knows. Add one: definePipeline here and schedule it in config (docs/pipelines.md). */
import { bronzeEvents } from '../jobs/bronze-events';
import { dataChecks } from '../jobs/data-checks';
import { goldEventCounts } from '../jobs/gold-event-counts';
import { maintenance } from '../jobs/maintenance';
import { silverEvents } from '../jobs/silver-events';
import { trainModel } from '../jobs/train-model';
import { definePipeline, PipelineDefinition } from './pipeline';

export const medallion = definePipeline(__filename, {
  name: 'medallion',
  description: 'The medallion ETL: Kafka events → bronze → silver → gold.',
  jobs: [bronzeEvents, silverEvents, goldEventCounts],
});

export const lakeMaintenance = definePipeline(__filename, {
  name: 'lake-maintenance',
  description: 'Delta partition expiry, OPTIMIZE and VACUUM of the lake tables.',
  jobs: [maintenance],
});

export const modelTraining = definePipeline(__filename, {
  name: 'train-model',
  description: 'Gold → model training → MLflow run and registered model version.',
  jobs: [trainModel],
});

export const dataQuality = definePipeline(__filename, {
  name: 'data-checks',
  description: 'Freshness, row counts, null rates and schema of every layer; alerts on failure.',
  jobs: [dataChecks],
});

export const PIPELINES: readonly PipelineDefinition[] = [medallion, lakeMaintenance, modelTraining, dataQuality];
