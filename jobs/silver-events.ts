import { defineJob, lakePath } from './job';

/** bronze events → silver: parsed, typed, filtered and de-duplicated by event id. */
export const silverEvents = defineJob(__filename, {
  name: 'silver-events',
  layer: 'silver',
  description: 'Parses the bronze JSON payloads into typed columns, drops malformed rows and duplicates (by event_id).',
  code: 'silver_events.py',
  reads: { events: lakePath('bronze', 'events/') },
  writes: { table: lakePath('silver', 'events/') },
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'batch',
});
