import { defineJob, lakePath, topic } from './job';

/** Kafka `events` → bronze Delta table, incrementally (checkpointed), stopping when caught up. */
export const bronzeEvents = defineJob(__filename, {
  name: 'bronze-events',
  layer: 'bronze',
  description: 'Ingests the raw events topic into the bronze Delta table, unchanged, with Kafka metadata.',
  code: 'bronze_events.py',
  reads: { events: topic('events') },
  writes: {
    table: lakePath('bronze', 'events/'),
    // The streaming checkpoint lives inside the table prefix (`_` paths are ignored by Delta), so the
    // job's MinIO policy covers one top-level prefix and S3A's parent-directory probes stay inside it.
    checkpoint: lakePath('bronze', 'events/_checkpoint/'),
  },
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'availableNow',
});
