/**
 * `prometheus.yml`, generated from the platform model: a pure function, unit-tested line by line.
 *
 * Targets come from two places:
 * - **Consul service discovery** (job `consul-services`): every service registered through
 *   `core.discovery.register()` announces `metrics_path`, `metrics_port` and `metrics_scheme` in its
 *   service meta; relabelling turns those into the scrape address, path and scheme, keeps only
 *   services that declare metrics, and names the job after the Consul service.
 * - **Static jobs** for the discovery infrastructure itself (Prometheus and Consul), so that a
 *   Consul outage shows up as `up == 0` instead of as silently missing targets. Services scraped
 *   statically are dropped from the discovery job, so nothing is scraped twice.
 */
import { stringify } from 'yaml';

/** A metrics endpoint: `path` may carry a query (`/v1/agent/metrics?format=prometheus`). */
export interface MetricsEndpoint {
  readonly path: string;
  readonly scheme?: 'http' | 'https';
}

export interface StaticScrapeJob extends MetricsEndpoint {
  /** Job name; equals the Consul service name of the service, which is dropped from discovery. */
  readonly job: string;
  /** Service group, the `group` label (as discovery sets it from service meta). */
  readonly group: string;
  /** `host:port` of each instance. */
  readonly targets: readonly string[];
}

export interface ScrapeModel {
  readonly environment: string;
  readonly scrapeIntervalSeconds: number;
  /** Consul HTTP API inside the platform network (`consul:8500`). */
  readonly consulServer: string;
  readonly datacenter: string;
  readonly staticJobs: readonly StaticScrapeJob[];
  /**
   * Metrics paths services announce through Consul. Prometheus cannot take a query string from
   * `__metrics_path__`; each query parameter name found here gets a rule that moves its value into
   * `__param_<name>`.
   */
  readonly discoveredPaths: readonly string[];
}

/** Splits `/p?a=1&b=2` into the path and its parameters, as `params:` wants them. */
export function splitMetricsPath(p: string): { path: string; params: Record<string, string[]> } {
  const q = p.indexOf('?');
  if (q < 0) return { path: p, params: {} };
  const params: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(p.slice(q + 1))) (params[k] ??= []).push(v);
  return { path: p.slice(0, q), params };
}

const META = '__meta_consul_service_metadata_';

/** The relabel rules of the discovery job. */
export function consulRelabelConfigs(model: ScrapeModel): Record<string, unknown>[] {
  const paramNames = [...new Set(model.discoveredPaths.flatMap((p) => Object.keys(splitMetricsPath(p).params)))].sort();
  const rules: Record<string, unknown>[] = [
    // Only services that declare a metrics endpoint.
    { source_labels: [`${META}metrics_path`], regex: '.+', action: 'keep' },
  ];
  if (model.staticJobs.length > 0) {
    rules.push({ source_labels: ['__meta_consul_service'], regex: model.staticJobs.map((j) => escapeRegex(j.job)).join('|'), action: 'drop' });
  }
  rules.push(
    // Registrations use the container DNS name as service address; the node address is the same
    // name, but the service address is what the registration promises.
    { source_labels: ['__meta_consul_service_address', `${META}metrics_port`], regex: '(.+);([0-9]+)', replacement: '$1:$2', target_label: '__address__' },
    { source_labels: [`${META}metrics_path`], regex: '([^?]*).*', replacement: '$1', target_label: '__metrics_path__' },
    ...paramNames.map((name) => ({
      source_labels: [`${META}metrics_path`],
      regex: `[^?]*\\?(?:.*&)?${escapeRegex(name)}=([^&]*).*`,
      replacement: '$1',
      target_label: `__param_${name}`,
    })),
    { source_labels: [`${META}metrics_scheme`], regex: '(https?)', replacement: '$1', target_label: '__scheme__' },
    { source_labels: ['__meta_consul_service'], target_label: 'job' },
    { source_labels: ['__meta_consul_service_id'], target_label: 'instance' },
    { source_labels: [`${META}group`], target_label: 'group' },
  );
  return rules;
}

/** The whole configuration as an object (what `renderPrometheusConfig` serializes). */
export function prometheusConfig(model: ScrapeModel): Record<string, unknown> {
  const interval = `${model.scrapeIntervalSeconds}s`;
  // Prometheus 3 rejects responses with a missing or unknown Content-Type unless a fallback is set.
  const fallback = { fallback_scrape_protocol: 'PrometheusText0.0.4' };
  const staticJobs = model.staticJobs.map((j) => {
    const { path, params } = splitMetricsPath(j.path);
    return {
      job_name: j.job,
      metrics_path: path,
      ...(Object.keys(params).length ? { params } : {}),
      scheme: j.scheme ?? 'http',
      ...fallback,
      static_configs: [{ targets: [...j.targets], labels: { group: j.group } }],
    };
  });
  return {
    global: {
      scrape_interval: interval,
      evaluation_interval: interval,
      scrape_timeout: `${Math.min(10, model.scrapeIntervalSeconds)}s`,
      external_labels: { environment: model.environment },
    },
    scrape_configs: [
      ...staticJobs,
      {
        job_name: 'consul-services',
        ...fallback,
        consul_sd_configs: [{ server: model.consulServer, datacenter: model.datacenter, scheme: 'http', refresh_interval: '30s' }],
        relabel_configs: consulRelabelConfigs(model),
      },
    ],
  };
}

export function renderPrometheusConfig(model: ScrapeModel): string {
  return `# Managed by DataLab Stacks (monitoring stack); generated from the platform model.\n${stringify(prometheusConfig(model), { lineWidth: 0 })}`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
