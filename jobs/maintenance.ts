import { defineJob, lakePath, LakePathRef } from './job';

/**
 * The Delta tables the maintenance job looks after, by the name its code uses, with the date
 * column each is partitioned by (what partition expiry compares with the cutoff).
 */
export const MAINTAINED_TABLES: Readonly<Record<string, { readonly table: LakePathRef; readonly partitionColumn: string }>> = {
  bronze_events: { table: lakePath('bronze', 'events/'), partitionColumn: 'ingest_date' },
  silver_events: { table: lakePath('silver', 'events/'), partitionColumn: 'event_date' },
  gold_event_counts: { table: lakePath('gold', 'event_counts_daily/'), partitionColumn: 'event_date' },
};

/**
 * Weekly lake maintenance: per table, partitions older than its retention removed (when one is
 * configured, `processing.maintenance`), small files compacted (OPTIMIZE) and files no version
 * within the retention window references deleted (VACUUM). Scheduled only: never runs on deploy.
 */
export const maintenance = defineJob(__filename, {
  name: 'maintenance',
  layer: 'maintenance',
  description: 'Removes expired partitions, compacts (OPTIMIZE) and vacuums the Delta tables of bronze, silver and gold.',
  code: 'maintenance.py',
  reads: {},
  // Read-write: OPTIMIZE rewrites files, DELETE and VACUUM remove them.
  writes: Object.fromEntries(Object.entries(MAINTAINED_TABLES).map(([io, t]) => [io, t.table])),
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'batch',
  onDeploy: false,
});
