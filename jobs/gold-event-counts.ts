import { defineJob, lakePath } from './job';

/** silver events → gold: daily counts and distinct users per event type. */
export const goldEventCounts = defineJob(__filename, {
  name: 'gold-event-counts',
  layer: 'gold',
  description: 'Aggregates silver events per day and event type: event count, distinct users, value sum.',
  code: 'gold_event_counts.py',
  reads: { events: lakePath('silver', 'events/') },
  writes: { table: lakePath('gold', 'event_counts_daily/') },
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'batch',
});
