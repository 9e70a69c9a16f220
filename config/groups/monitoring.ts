/**
 * The `monitoring:` section of an environment file: Prometheus (scrape targets discovered through
 * Consul) and Grafana (provisioned datasource and platform dashboard).
 */
import { z } from 'zod';
import { serviceSchema } from '../service-schema';

function build() {
  return z.strictObject({
    prometheus: serviceSchema({ ports: ['http'], volumes: ['data'] }).extend({
      /** Days of samples kept on the data volume (`--storage.tsdb.retention.time`). */
      retentionDays: z.int().min(1).max(3650).default(15),
      /** Scrape and rule-evaluation interval in seconds. */
      scrapeIntervalSeconds: z.int().min(5).max(300).default(15),
    }),
    /** Grafana (AGPL-3.0): may be switched off with `enabled: false` (Prometheus then runs alone). */
    grafana: serviceSchema({ ports: ['http'], volumes: ['data'], optional: true }),
  });
}

export const monitoringSchema = build();
export type MonitoringConfig = z.infer<typeof monitoringSchema>;
