/**
 * Grafana provisioning files, generated as pure functions: the Prometheus datasource, the
 * dashboard provider, and the platform dashboard. Uploaded into the Grafana container by the
 * monitoring stack; their SHA-256 is part of the container's environment, so any change re-creates
 * Grafana with exactly these files (content-addressed), and `docker inspect` shows which revision runs.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { LakeCapacityMetrics } from '../constructs/data-lake';

export const GRAFANA_PROVISIONING = '/etc/grafana/provisioning';
/** Outside /var/lib/grafana (the data volume): uploads under a volume mount would land in the volume. */
export const GRAFANA_DASHBOARDS_DIR = '/etc/grafana/dashboards/datalab';
export const PROMETHEUS_DATASOURCE_UID = 'datalab-prometheus';
export const PLATFORM_DASHBOARD_UID = 'datalab-platform';

/**
 * The Prometheus datasource. `scrapeIntervalSeconds` is Prometheus' scrape interval: Grafana's
 * `timeInterval` must equal it, since it is the floor of every query step and the base of
 * `$__rate_interval` (four scrapes), which a shorter value would make too short to hold two samples.
 */
export function datasourceYaml(prometheusUrl: string, scrapeIntervalSeconds: number): string {
  return stringify({
    apiVersion: 1,
    // Removes datasources that were provisioned before and are no longer in this file.
    prune: true,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: PROMETHEUS_DATASOURCE_UID,
        access: 'proxy',
        url: prometheusUrl,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', timeInterval: `${scrapeIntervalSeconds}s` },
      },
    ],
  });
}

export function dashboardProviderYaml(): string {
  return stringify({
    apiVersion: 1,
    providers: [
      {
        name: 'datalab',
        folder: 'DataLab',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: GRAFANA_DASHBOARDS_DIR, foldersFromFilesStructure: false },
      },
    ],
  });
}

export interface PanelDef {
  readonly title: string;
  readonly type: 'timeseries' | 'stat' | 'table';
  readonly exprs: readonly { readonly expr: string; readonly legend: string; readonly instant?: boolean }[];
  readonly unit?: string;
  readonly w: number;
  readonly description: string;
  /**
   * The services that export what this panel queries, when not every scraped service does: where
   * none of them is deployed the panel is rightly empty. @default every scraped service
   */
  readonly onlyFrom?: readonly string[];
}

/** The panels of the platform dashboard: target health first, then resources. */
export const PLATFORM_PANELS: readonly PanelDef[] = [
  {
    title: 'Targets up per service',
    type: 'stat',
    exprs: [{ expr: 'sum by (job) (up)', legend: '{{job}}', instant: true }],
    w: 24,
    description: 'Scraped instances that answered, per service (Consul-discovered and static jobs).',
  },
  {
    title: 'Targets down',
    type: 'table',
    exprs: [{ expr: 'up == 0', legend: '{{job}} {{instance}}', instant: true }],
    w: 12,
    description: 'Every target whose last scrape failed.',
  },
  {
    title: 'Scrape duration',
    type: 'timeseries',
    exprs: [{ expr: 'max by (job) (scrape_duration_seconds)', legend: '{{job}}' }],
    unit: 's',
    w: 12,
    description: 'Slow scrapes point at overloaded services.',
  },
  {
    title: 'Resident memory per service',
    type: 'timeseries',
    exprs: [{ expr: 'sum by (job) (process_resident_memory_bytes)', legend: '{{job}}' }],
    unit: 'bytes',
    w: 12,
    description: 'Process memory as the services report it; compare with their memoryMb limits.',
  },
  {
    title: 'CPU per service',
    type: 'timeseries',
    // $__rate_interval (Grafana: four scrape intervals at least) holds enough samples for rate()
    // whatever scrapeIntervalSeconds is; a fixed [5m] holds fewer than two beyond a 150 s interval.
    exprs: [{ expr: 'sum by (job) (rate(process_cpu_seconds_total[$__rate_interval]))', legend: '{{job}}' }],
    unit: 'short',
    w: 12,
    description: 'CPU cores used, from the process collectors of each service.',
  },
  {
    title: 'JVM heap used',
    type: 'timeseries',
    exprs: [{ expr: 'sum by (job) (jvm_memory_used_bytes{area="heap"})', legend: '{{job}}' }],
    unit: 'bytes',
    w: 12,
    // Micrometer's JVM metric: Kafka UI exports it; Spark's Prometheus servlet names its JVM
    // metrics differently (metrics_jvm_*), and only with the JVM source switched on.
    description: 'JVM services that export Micrometer JVM metrics (Kafka UI).',
    onlyFrom: ['kafka-ui'],
  },
];

/** The data-lake panel, from the store's own capacity metrics. */
export function lakeCapacityPanel(capacity: LakeCapacityMetrics): PanelDef {
  return {
    title: 'Data-lake capacity',
    type: 'timeseries',
    exprs: [
      { expr: capacity.totalBytes, legend: 'usable total' },
      { expr: capacity.freeBytes, legend: 'usable free' },
    ],
    unit: 'bytes',
    w: 12,
    description: `Data-lake capacity from ${capacity.source}.`,
  };
}

/** Every panel of the platform dashboard, in order. */
export function platformPanels(lakeCapacity: LakeCapacityMetrics): readonly PanelDef[] {
  return [...PLATFORM_PANELS, lakeCapacityPanel(lakeCapacity)];
}

/** The platform dashboard as Grafana dashboard JSON (an object; serialize with JSON.stringify). */
export function platformDashboard(environment: string, lakeCapacity: LakeCapacityMetrics): Record<string, unknown> {
  const datasource = { type: 'prometheus', uid: PROMETHEUS_DATASOURCE_UID };
  let x = 0;
  let y = 0;
  const panels = platformPanels(lakeCapacity).map((p, i) => {
    const h = p.type === 'stat' ? 5 : 8;
    if (x + p.w > 24) {
      x = 0;
      y += 8;
    }
    const gridPos = { x, y, w: p.w, h };
    x += p.w;
    if (x >= 24) {
      x = 0;
      y += h;
    }
    return {
      id: i + 1,
      type: p.type,
      title: p.title,
      description: p.description,
      datasource,
      gridPos,
      fieldConfig: { defaults: { unit: p.unit ?? 'none' }, overrides: [] },
      options: {},
      targets: p.exprs.map((e, j) => ({
        refId: String.fromCharCode(65 + j),
        datasource,
        expr: e.expr,
        legendFormat: e.legend,
        instant: e.instant ?? false,
        range: !(e.instant ?? false),
      })),
    };
  });
  return {
    uid: PLATFORM_DASHBOARD_UID,
    title: `DataLab platform (${environment})`,
    tags: ['datalab', environment],
    timezone: 'browser',
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** SHA-256 over the files' paths and contents, in order. */
export function filesHash(files: readonly { readonly path: string; readonly content: string }[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0${f.content}\0`);
  return h.digest('hex');
}
