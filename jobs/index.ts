/** Every job the platform knows. Add a job: write jobs/<name>.ts and list it here (docs/jobs.md). */
import { bronzeEvents } from './bronze-events';
import { dataChecks } from './data-checks';
import { goldEventCounts } from './gold-event-counts';
import { JobDefinition } from './job';
import { maintenance } from './maintenance';
import { silverEvents } from './silver-events';
import { trainModel } from './train-model';

export const JOBS: readonly JobDefinition[] = [bronzeEvents, silverEvents, goldEventCounts, maintenance, trainModel, dataChecks];
