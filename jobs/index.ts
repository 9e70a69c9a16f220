/** Every job the platform knows. Add a job: write jobs/<name>.ts and list it here (docs/jobs.md). */
import { bronzeEvents } from './bronze-events';
import { goldEventCounts } from './gold-event-counts';
import { JobDefinition } from './job';
import { silverEvents } from './silver-events';

export const JOBS: readonly JobDefinition[] = [bronzeEvents, silverEvents, goldEventCounts];
