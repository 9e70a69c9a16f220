import { defineJob, lakePath, topic } from './job';

/**
 * Data checks every few minutes: per table its freshness (last commit), row count, null rates of
 * its key columns and its schema against the contract below. Failures go to the `alerts` topic
 * (one JSON message each) and into the metrics its pipeline worker serves to Prometheus
 * (`datalab_data_check_failed`); the run fails when any check fails.
 */
export const dataChecks = defineJob(__filename, {
  name: 'data-checks',
  layer: 'quality',
  description: 'Checks freshness, row counts, null rates and schema of bronze, silver and gold; alerts on failure.',
  code: 'data_checks.py',
  reads: {
    bronze_events: lakePath('bronze', 'events/'),
    silver_events: lakePath('silver', 'events/'),
    gold_event_counts: lakePath('gold', 'event_counts_daily/'),
  },
  writes: { alerts: topic('alerts') },
  resources: { driverMemoryMb: 512, executorMemoryMb: 1024, executorCores: 1, maxCores: 1 },
  trigger: 'batch',
  onDeploy: false,
});

/**
 * Each table's contract: its columns and types (Spark's simple type names) and the columns whose
 * null rate is bounded. A column added, removed or retyped is schema drift.
 */
export const TABLE_CONTRACTS: Readonly<Record<string, { readonly columns: Readonly<Record<string, string>>; readonly keyColumns: readonly string[] }>> = {
  bronze_events: {
    columns: { key: 'string', value: 'string', topic: 'string', partition: 'int', offset: 'bigint', kafka_timestamp: 'timestamp', ingested_at: 'timestamp', run_id: 'string', ingest_date: 'date' },
    keyColumns: ['value'],
  },
  silver_events: {
    columns: { event_id: 'string', event_type: 'string', user_id: 'string', value: 'double', occurred_at: 'timestamp', kafka_timestamp: 'timestamp', ingested_at: 'timestamp', event_date: 'date' },
    keyColumns: ['event_id', 'event_type', 'occurred_at'],
  },
  gold_event_counts: {
    columns: { event_date: 'date', event_type: 'string', events: 'bigint', distinct_users: 'bigint', value_sum: 'double', last_event_at: 'timestamp' },
    keyColumns: ['event_date', 'event_type'],
  },
};
