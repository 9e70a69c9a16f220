import { parse } from 'yaml';
import { consulRelabelConfigs, prometheusConfig, renderPrometheusConfig, ScrapeModel, splitMetricsPath } from '../stacks/prometheus-config';

const model: ScrapeModel = {
  environment: 'dev',
  scrapeIntervalSeconds: 15,
  consulServer: 'consul:8500',
  datacenter: 'dc1',
  staticJobs: [
    { job: 'prometheus', group: 'monitoring', targets: ['localhost:9090'], path: '/metrics' },
    { job: 'consul', group: 'core', targets: ['consul:8500'], path: '/v1/agent/metrics?format=prometheus' },
  ],
  discoveredPaths: ['/minio/v2/metrics/cluster', '/metrics', '/actuator/prometheus'],
};

type Rule = { source_labels?: string[]; regex?: string; replacement?: string; target_label?: string; action?: string };
type Job = { job_name: string; metrics_path?: string; params?: Record<string, string[]>; scheme?: string; static_configs?: { targets: string[]; labels: Record<string, string> }[]; consul_sd_configs?: Record<string, unknown>[]; relabel_configs?: Rule[]; fallback_scrape_protocol?: string };
const jobs = (m: ScrapeModel) => (parse(renderPrometheusConfig(m)) as { scrape_configs: Job[] }).scrape_configs;
const job = (m: ScrapeModel, name: string) => jobs(m).find((j) => j.job_name === name)!;

/** Applies one relabel rule as Prometheus does (anchored regex, `$n` replacement, `;` separator). */
function apply(rule: Rule, labels: Record<string, string>): Record<string, string> | undefined {
  const value = (rule.source_labels ?? []).map((l) => labels[l] ?? '').join(';');
  const re = new RegExp(`^(?:${rule.regex ?? '(.*)'})$`);
  const m = re.exec(value);
  const action = rule.action ?? 'replace';
  if (action === 'keep') return m ? labels : undefined;
  if (action === 'drop') return m ? undefined : labels;
  if (!m) return labels;
  const out = (rule.replacement ?? '$1').replace(/\$(\d)/g, (_, n: string) => m[Number(n)] ?? '');
  return { ...labels, [rule.target_label!]: out };
}
function relabel(rules: Rule[], labels: Record<string, string>): Record<string, string> | undefined {
  let cur: Record<string, string> | undefined = labels;
  for (const r of rules) {
    if (!cur) return undefined;
    cur = apply(r, cur);
  }
  return cur;
}
const discoveredTarget = (service: string, meta: Record<string, string>) => ({
  __meta_consul_service: service,
  __meta_consul_service_id: service,
  __meta_consul_service_address: service,
  __meta_consul_node: service,
  __address__: `${service}:1234`,
  __metrics_path__: '/metrics',
  __scheme__: 'http',
  ...Object.fromEntries(Object.entries(meta).map(([k, v]) => [`__meta_consul_service_metadata_${k}`, v])),
});

describe('splitMetricsPath', () => {
  it('separates a query string into Prometheus params', () => {
    expect(splitMetricsPath('/v1/agent/metrics?format=prometheus')).toEqual({ path: '/v1/agent/metrics', params: { format: ['prometheus'] } });
    expect(splitMetricsPath('/metrics')).toEqual({ path: '/metrics', params: {} });
    expect(splitMetricsPath('/m?a=1&b=2&a=3')).toEqual({ path: '/m', params: { a: ['1', '3'], b: ['2'] } });
  });
});

describe('the generated prometheus.yml', () => {
  it('is valid YAML with global settings from the model', () => {
    const cfg = parse(renderPrometheusConfig(model)) as { global: Record<string, unknown> };
    expect(cfg.global).toEqual({ scrape_interval: '15s', evaluation_interval: '15s', scrape_timeout: '10s', external_labels: { environment: 'dev' } });
    expect(renderPrometheusConfig(model)).toMatch(/^# Managed by DataLab Stacks/);
  });

  it('keeps the scrape timeout below a short scrape interval', () => {
    const cfg = prometheusConfig({ ...model, scrapeIntervalSeconds: 5 }) as { global: Record<string, unknown> };
    expect(cfg.global.scrape_timeout).toBe('5s');
  });

  it('scrapes Prometheus itself and Consul statically, with Consul query string as params', () => {
    expect(job(model, 'prometheus')).toEqual({
      job_name: 'prometheus',
      metrics_path: '/metrics',
      scheme: 'http',
      fallback_scrape_protocol: 'PrometheusText0.0.4',
      static_configs: [{ targets: ['localhost:9090'], labels: { group: 'monitoring' } }],
    });
    expect(job(model, 'consul')).toMatchObject({
      metrics_path: '/v1/agent/metrics',
      params: { format: ['prometheus'] },
      static_configs: [{ targets: ['consul:8500'], labels: { group: 'core' } }],
    });
  });

  it('discovers every other service through the Consul server of the model', () => {
    expect(job(model, 'consul-services').consul_sd_configs).toEqual([{ server: 'consul:8500', datacenter: 'dc1', scheme: 'http', refresh_interval: '30s' }]);
  });

  it('sets a fallback scrape protocol on every job (Prometheus 3 rejects unknown content types otherwise)', () => {
    for (const j of jobs(model)) expect(j.fallback_scrape_protocol).toBe('PrometheusText0.0.4');
  });
});

describe('the discovery relabelling', () => {
  const rules = () => job(model, 'consul-services').relabel_configs!;

  it('maps service meta to the scrape address, path and scheme, and names the job after the service', () => {
    const out = relabel(rules(), discoveredTarget('minio', { metrics_path: '/minio/v2/metrics/cluster', metrics_port: '9000', metrics_scheme: 'http', group: 'core' }));
    expect(out).toMatchObject({ __address__: 'minio:9000', __metrics_path__: '/minio/v2/metrics/cluster', __scheme__: 'http', job: 'minio', instance: 'minio', group: 'core' });
  });

  it('uses the metrics port, not the registered service port', () => {
    const out = relabel(rules(), { ...discoveredTarget('kafka-ui', { metrics_path: '/actuator/prometheus', metrics_port: '8080' }), __meta_consul_service_port: '9999' });
    expect(out!.__address__).toBe('kafka-ui:8080');
  });

  it('drops services that declare no metrics endpoint', () => {
    expect(relabel(rules(), discoveredTarget('streamlit', { group: 'visualization' }))).toBeUndefined();
  });

  it('drops services that are scraped statically, so nothing is scraped twice', () => {
    expect(relabel(rules(), discoveredTarget('consul', { metrics_path: '/v1/agent/metrics?format=prometheus', metrics_port: '8500' }))).toBeUndefined();
    expect(relabel(rules(), discoveredTarget('prometheus', { metrics_path: '/metrics', metrics_port: '9090' }))).toBeUndefined();
    // A prefix of a static job's name is not dropped: the regex is anchored.
    expect(relabel(rules(), discoveredTarget('consul-esm', { metrics_path: '/metrics', metrics_port: '8080' }))).toMatchObject({ __address__: 'consul-esm:8080' });
  });

  it('keeps the scheme when a service announces https and ignores anything else', () => {
    expect(relabel(rules(), discoveredTarget('nifi', { metrics_path: '/nifi-api/flow/metrics/prometheus', metrics_port: '8443', metrics_scheme: 'https' }))!.__scheme__).toBe('https');
    expect(relabel(rules(), discoveredTarget('x', { metrics_path: '/m', metrics_port: '1', metrics_scheme: 'ftp' }))!.__scheme__).toBe('http');
  });

  it('moves query parameters of announced paths into __param_ labels, one rule per parameter name', () => {
    const m: ScrapeModel = { ...model, staticJobs: [], discoveredPaths: ['/v1/agent/metrics?format=prometheus', '/metrics'] };
    const r = consulRelabelConfigs(m) as Rule[];
    expect(r.filter((x) => x.target_label?.startsWith('__param_')).map((x) => x.target_label)).toEqual(['__param_format']);
    const out = relabel(r, discoveredTarget('consul', { metrics_path: '/v1/agent/metrics?format=prometheus', metrics_port: '8500' }));
    expect(out).toMatchObject({ __metrics_path__: '/v1/agent/metrics', __param_format: 'prometheus', __address__: 'consul:8500' });
    // No drop rule when nothing is static.
    expect(r.some((x) => x.action === 'drop')).toBe(false);
  });

  it('adds no parameter rules when no announced path has a query', () => {
    expect((consulRelabelConfigs(model) as Rule[]).some((x) => x.target_label?.startsWith('__param_'))).toBe(false);
  });
});
