import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { parse } from 'yaml';
import { loadEnvironment } from '../config/loader';
import { DockerService } from '../constructs/docker-service';
import { PlatformNetwork } from '../constructs/platform-network';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { Probe } from '../constructs/service-spec';
import { PROMETHEUS_DATASOURCE_UID } from '../stacks/grafana-provisioning';
import { MonitoringStack } from '../stacks/monitoring-stack';
import { synthStacks } from '../policy/gate';
import { container, containers, envOf, ENVS, expectServiceStandards, idsUnder, MINIO_ENVS, platformFor, resourceAt, resourcesOf, synthJson, TfJson, uploadsOf } from './helpers';

const cache = new Map<string, TfJson>();
const mon = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthJson(platformFor(env).platform.monitoring!));
  return cache.get(env)!;
};

/** A file uploaded for a service: into its file holder, since its root is read-only. */
const upload = (json: TfJson, service: string, file: string) => {
  const files = uploadsOf(json, service);
  const u = files.find((x) => x.file === file);
  if (!u) throw new Error(`no upload ${file}; have ${files.map((x) => x.file).join(', ')}`);
  return u.content;
};
type Rule = { source_labels?: string[]; regex?: string; replacement?: string; target_label?: string; action?: string };
type Job = { job_name: string; metrics_path?: string; params?: Record<string, string[]>; static_configs?: { targets: string[] }[]; consul_sd_configs?: { server: string; datacenter: string }[]; relabel_configs?: Rule[] };
const promConfig = (json: TfJson) => parse(upload(json, 'prometheus', '/etc/prometheus/prometheus.yml')) as { global: Record<string, unknown>; scrape_configs: Job[] };

describe.each(ENVS)('monitoring stack for %s', (env) => {
  const cfg = () => loadEnvironment(env).monitoring!;
  /** Grafana is optional; the e2e environment switches it off (AGPL: no stand-in). */
  const grafanaOn = () => cfg().grafana.enabled;

  it('matches the reviewed snapshot', () => {
    expect(mon(env)).toMatchSnapshot();
  });

  it('gives every container a pinned image, health check with wait, restart policy, memory limit without swap and loopback ports', () => {
    const all = containers(mon(env));
    expect(all.map((c) => c.name).sort()).toEqual([...(grafanaOn() ? [`datalab-${env}-grafana`] : []), `datalab-${env}-prometheus`]);
    for (const c of all) {
      expectServiceStandards(c);
      expect(c.wait).toBe(true);
    }
    const images = Object.values(resourcesOf(mon(env), 'docker_image')).map((i) => i.name).sort();
    expect(images).toEqual([...(grafanaOn() ? [cfg().grafana.image] : []), cfg().prometheus.image].sort());
  });

  it('runs Prometheus with the generated config, retention from config, data on a volume and /-/healthy', () => {
    const p = container(mon(env), 'prometheus');
    expect(p.command).toEqual(expect.arrayContaining(['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus', `--storage.tsdb.retention.time=${cfg().prometheus.retentionDays}d`]));
    // The config comes read-only from the file holder: Docker uploads nothing into a read-only root.
    expect(p.volumes).toEqual([
      { container_path: '/prometheus', volume_name: expect.stringContaining('docker_volume.prometheus_volume-data') },
      { from_container: expect.stringMatching(/^\$\{docker_container\.prometheus_files_[A-F0-9]{8}\.id\}:ro$/) },
    ]);
    expect(resourceAt(mon(env), 'docker_container', 'prometheus/files').volumes).toEqual([{ container_path: '/etc/prometheus' }]);
    expect(resourceAt(mon(env), 'docker_volume', 'prometheus/volume-data').name).toBe(`datalab-${env}-prometheus-data`);
    expect(p.healthcheck!.test).toEqual(['CMD', 'wget', '-q', '-O', '/dev/null', 'http://localhost:9090/-/healthy']);
    expect(p.ports).toEqual([{ internal: 9090, external: 9090, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(envOf(p).DATALAB_CONFIG_SHA256).toMatch(/^[0-9a-f]{64}$/);
    expect(promConfig(mon(env)).global).toMatchObject({ scrape_interval: `${cfg().prometheus.scrapeIntervalSeconds}s`, external_labels: { environment: env } });
  });

  it('discovers targets through the core Consul at its internal address, mapping service meta to the scrape', () => {
    const sd = promConfig(mon(env)).scrape_configs.find((j) => j.job_name === 'consul-services')!;
    const core = platformFor(env).platform.core;
    expect(sd.consul_sd_configs).toEqual([{ server: new URL(core.consul.internalUrl('http')).host, datacenter: 'dc1', scheme: 'http', refresh_interval: '30s' }]);
    expect(sd.consul_sd_configs![0].server).toBe('consul:8500');
    const rules = sd.relabel_configs!;
    expect(rules[0]).toEqual({ source_labels: ['__meta_consul_service_metadata_metrics_path'], regex: '.+', action: 'keep' });
    const target = (label: string) => rules.find((r) => r.target_label === label);
    expect(target('__address__')).toEqual({ source_labels: ['__meta_consul_service_address', '__meta_consul_service_metadata_metrics_port'], regex: '(.+);([0-9]+)', replacement: '$1:$2', target_label: '__address__' });
    expect(target('__metrics_path__')!.source_labels).toEqual(['__meta_consul_service_metadata_metrics_path']);
    expect(target('__scheme__')!.source_labels).toEqual(['__meta_consul_service_metadata_metrics_scheme']);
    expect(target('job')!.source_labels).toEqual(['__meta_consul_service']);
    expect(rules.find((r) => r.action === 'drop')).toEqual({ source_labels: ['__meta_consul_service'], regex: 'prometheus|consul', action: 'drop' });
  });

  it('scrapes Prometheus itself and Consul agent metrics statically', () => {
    const jobs = promConfig(mon(env)).scrape_configs;
    expect(jobs.map((j) => j.job_name)).toEqual(['prometheus', 'consul', 'consul-services']);
    expect(jobs[0]).toMatchObject({ metrics_path: '/metrics', static_configs: [{ targets: ['localhost:9090'] }] });
    expect(jobs[1]).toMatchObject({ metrics_path: '/v1/agent/metrics', params: { format: ['prometheus'] }, static_configs: [{ targets: ['consul:8500'] }] });
  });

  it('provisions Grafana with the Prometheus datasource at its internal URL and the platform dashboard (generated also where Grafana is off)', () => {
    const files = platformFor(env).platform.monitoring!.grafanaProvisioning;
    const file = (p: string) => files.find((f) => f.path === p)!.content;
    const ds = parse(file('/etc/grafana/provisioning/datasources/datalab.yaml')) as { apiVersion: number; datasources: Record<string, unknown>[] };
    expect(ds.apiVersion).toBe(1);
    expect(ds.datasources).toEqual([expect.objectContaining({ type: 'prometheus', uid: PROMETHEUS_DATASOURCE_UID, access: 'proxy', url: 'http://prometheus:9090', isDefault: true })]);
    const provider = parse(file('/etc/grafana/provisioning/dashboards/datalab.yaml')) as { providers: { type: string; options: { path: string } }[] };
    expect(provider.providers).toEqual([expect.objectContaining({ type: 'file', options: expect.objectContaining({ path: '/etc/grafana/dashboards/datalab' }) })]);
    const dashboard = JSON.parse(file('/etc/grafana/dashboards/datalab/platform.json')) as { uid: string; panels: { id: number; title: string; datasource: { uid: string }; targets: { expr: string; datasource: { uid: string } }[]; gridPos: { x: number; w: number } }[] };
    // The uid is in every bookmarked dashboard URL.
    expect(dashboard.uid).toBe('datalab-platform');
    expect(dashboard.panels.map((p) => p.title)).toEqual(expect.arrayContaining(['Targets up per service', 'Data-lake capacity', 'JVM heap used', 'Resident memory per service']));
    // The lake panel queries the metrics of the store the environment runs.
    expect(dashboard.panels.find((p) => p.title === 'Data-lake capacity')!.targets.map((t) => t.expr)).toEqual(
      MINIO_ENVS.includes(env)
        ? ['max(minio_cluster_capacity_usable_total_bytes)', 'max(minio_cluster_capacity_usable_free_bytes)']
        : ['max(SeaweedFS_volumeServer_resource{type="all"})', 'max(SeaweedFS_volumeServer_resource{type="free"})'],
    );
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
    for (const p of dashboard.panels) {
      expect(p.datasource.uid).toBe(PROMETHEUS_DATASOURCE_UID);
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      expect(p.targets.length).toBeGreaterThan(0);
      for (const t of p.targets) {
        expect(t.datasource.uid).toBe(PROMETHEUS_DATASOURCE_UID);
        expect(t.expr.length).toBeGreaterThan(0);
      }
    }
    expect(dashboard.panels.find((p) => p.title === 'Targets up per service')!.targets[0].expr).toBe('sum by (job) (up)');
    if (grafanaOn()) {
      expect(upload(mon(env), 'grafana', '/etc/grafana/dashboards/datalab/platform.json')).toBe(file('/etc/grafana/dashboards/datalab/platform.json'));
      expect(envOf(container(mon(env), 'grafana')).DATALAB_PROVISIONING_SHA256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('runs Grafana with a generated admin password, no sign-up or anonymous access, data on a volume and /api/health, or none where it is switched off', () => {
    if (!grafanaOn()) {
      // Switched off (the e2e environment): no container, volume, image, password, registration or output.
      for (const type of ['docker_container', 'docker_volume', 'docker_image', 'random_password', 'consul_service', 'consul_node']) {
        expect(Object.keys(resourcesOf(mon(env), type)).filter((id) => id.startsWith('grafana'))).toEqual([]);
      }
      expect(Object.keys(mon(env).output ?? {}).filter((o) => o.startsWith('grafana'))).toEqual([]);
      expect(mon(env).output!.prometheus_url.value).toBe('http://127.0.0.1:9090');
      expect(platformFor(env).platform.monitoring!.grafana).toBeUndefined();
      return;
    }
    const g = container(mon(env), 'grafana');
    const e = envOf(g);
    expect(e.GF_SECURITY_ADMIN_USER).toBe('datalab');
    expect(e.GF_SECURITY_ADMIN_PASSWORD).toMatch(/^\$\{random_password\.grafana-admin-password_[A-F0-9]+\.result\}$/);
    expect(e.GF_USERS_ALLOW_SIGN_UP).toBe('false');
    expect(e.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
    // Its root stays writable until an apply proves a read-only one (docs/policy.md): the provisioning
    // files are uploaded into the container itself, no file holder.
    expect(g.read_only).toBe(false);
    expect(g.volumes).toEqual([{ container_path: '/var/lib/grafana', volume_name: expect.stringContaining('docker_volume.grafana_volume-data') }]);
    expect(idsUnder(mon(env), 'docker_container', 'grafana/files')).toEqual([]);
    expect(g.healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:3000/api/health']);
    // Created in parallel with Prometheus: nothing in Grafana needs it at start.
    expect(g.depends_on).toBeUndefined();
    expect(g.ports).toEqual([{ internal: 3000, external: 3000, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(mon(env).output!.grafana_admin_password.sensitive).toBe(true);
  });

  it('registers Prometheus and Grafana (where it is on) in Consul with their metrics endpoints', () => {
    const p = resourceAt(mon(env), 'consul_service', 'prometheus/registration/service');
    expect(p).toMatchObject({ name: 'prometheus', address: 'prometheus', port: 9090, meta: { group: 'monitoring', metrics_path: '/metrics', metrics_port: '9090' } });
    expect((p.check as { http: string }[])[0].http).toBe('http://prometheus:9090/-/healthy');
    const names = Object.values(resourcesOf(mon(env), 'consul_service')).map((r) => r.name).sort();
    expect(names).toEqual(grafanaOn() ? ['grafana', 'prometheus'] : ['prometheus']);
    if (!grafanaOn()) return;
    const g = resourceAt(mon(env), 'consul_service', 'grafana/registration/service');
    expect(g).toMatchObject({ name: 'grafana', meta: { metrics_path: '/metrics', metrics_port: '3000' } });
    expect((g.check as { http: string }[])[0].http).toBe('http://grafana:3000/api/health');
  });

  it('protects the data volumes from destroy exactly when the environment protects data', () => {
    const protect = loadEnvironment(env).protectData;
    for (const v of Object.values(resourcesOf(mon(env), 'docker_volume'))) expect(v.lifecycle).toEqual(protect ? { prevent_destroy: true } : undefined);
  });

  it('contains no credential literal', () => {
    const text = JSON.stringify(mon(env));
    expect(text).not.toMatch(/password123|changeme|"admin"|GF_SECURITY_ADMIN_PASSWORD=admin/i);
    for (const c of containers(mon(env))) {
      for (const [k, v] of Object.entries(envOf(c))) if (/PASSWORD|SECRET|TOKEN/.test(k)) expect(v).toMatch(/^\$\{random_password\./);
    }
  });
});

describe('monitoring wiring', () => {
  it('depends on core and nothing else (it discovers the other stacks through Consul)', () => {
    const { app, platform } = platformFor('dev');
    synthStacks(app); // cross-stack references add their dependencies while preparing
    expect(platform.monitoring!.dependencies).toEqual([platform.core]);
  });

  it('builds the scrape model from the platform: every announced metrics path that is not scraped statically', () => {
    const { platform } = platformFor('dev');
    expect(platform.monitoring!.scrapeModel.discoveredPaths).toEqual(
      ['/actuator/prometheus', '/hub/metrics', '/metrics', '/metrics/master/prometheus', '/metrics/prometheus', '/minio/v2/metrics/cluster'].sort(),
    );
  });

  it('does not depend on being built last: a service registered after it is built is scraped, with its query parameters relabelled', () => {
    const { app, platform } = platformFor('dev');
    const later = new TerraformStack(app, 'later');
    const exporter = new DockerService(later, 'exporter', {
      network: platform.core.network,
      environment: 'dev',
      spec: { name: 'exporter', group: 'later', image: 'example/exporter:1.0.0', ports: [{ name: 'http', containerPort: 9100 }], probe: Probe.http(9100, '/'), metrics: { port: 9100, path: '/stats?fmt=prom' }, resources: { memoryMb: 64 } },
    });
    platform.core.discovery.register(exporter);
    expect(platform.monitoring!.scrapeModel.discoveredPaths).toContain('/stats?fmt=prom');
    const json = synthJson(platform.monitoring!);
    const p = container(json, 'prometheus');
    const content = upload(json, 'prometheus', '/etc/prometheus/prometheus.yml');
    const rules = (parse(content) as { scrape_configs: Job[] }).scrape_configs.find((j) => j.job_name === 'consul-services')!.relabel_configs!;
    expect(rules.map((r) => r.target_label)).toContain('__param_fmt');
    // The hash that re-creates Prometheus on a change follows the file as rendered at synth.
    expect(envOf(container(mon('dev'), 'prometheus')).DATALAB_CONFIG_SHA256).not.toBe(envOf(p).DATALAB_CONFIG_SHA256);
  });

  it('scrapes only registered services: one with metrics that is not in the catalog is not a discovery path', () => {
    const { app, platform } = platformFor('dev');
    new DockerService(new TerraformStack(app, 'later'), 'hidden', {
      network: platform.core.network,
      environment: 'dev',
      spec: { name: 'hidden', group: 'later', image: 'example/hidden:1.0.0', probe: Probe.tcp(1), metrics: { port: 1, path: '/hidden?x=1' }, resources: { memoryMb: 64 } },
    });
    expect(platform.monitoring!.scrapeModel.discoveredPaths).not.toContain('/hidden?x=1');
  });

  it('fails clearly when the Consul service declares no metrics endpoint', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'fake-core');
    const network = new PlatformNetwork(s, 'network', { name: 'n', environment: 'dev' });
    const consul = new DockerService(s, 'consul', {
      network,
      environment: 'dev',
      spec: { name: 'consul', group: 'core', image: 'hashicorp/consul:1.21.2', ports: [{ name: 'http', containerPort: 8500 }], probe: Probe.http(8500, '/'), resources: { memoryMb: 64 } },
    });
    const env = loadEnvironment('dev');
    const discovery = new ServiceDiscovery({ connection: { address: '127.0.0.1:8500', datacenter: 'dc1' }, environment: 'dev', server: [] });
    expect(
      () =>
        new MonitoringStack(app, 'monitoring', {
          environment: 'dev',
          protectData: false,
          context: { environment: 'dev', publishAddress: '127.0.0.1' },
          network,
          discovery,
          consul,
          lakeCapacity: { totalBytes: 't', freeBytes: 'f', source: 's' },
          monitoring: env.monitoring!,
          backend: env,
        }),
    ).toThrow('monitoring: service "consul" declares no metrics endpoint to scrape Consul with');
  });
});

describe('re-creating Prometheus and Grafana when what they read at start changes', () => {
  // Both read their files only when they start: a hash of the files in their env makes Terraform
  // replace the container when a file changes, and only then.
  const hashes = (edit: (cfg: ReturnType<typeof loadEnvironment>) => void = () => undefined) => {
    const cfg = structuredClone(loadEnvironment('dev'));
    edit(cfg);
    const json = synthJson(platformFor(cfg).platform.monitoring!);
    return { prometheus: envOf(container(json, 'prometheus')).DATALAB_CONFIG_SHA256, grafana: envOf(container(json, 'grafana')).DATALAB_PROVISIONING_SHA256 };
  };

  it('keeps both hashes while nothing changes', () => {
    expect(hashes()).toEqual(hashes());
  });

  it("changes Prometheus's hash, and only its, when only its own settings change (retention)", () => {
    const before = hashes();
    const after = hashes((cfg) => {
      cfg.monitoring!.prometheus.scrapeIntervalSeconds = 30;
    });
    const retention = hashes((cfg) => {
      cfg.monitoring!.prometheus.retentionDays = 30;
    });
    expect(after.prometheus).not.toBe(before.prometheus);
    // The scrape interval is also the datasource's timeInterval: Grafana is re-created with it.
    expect(after.grafana).not.toBe(before.grafana);
    // Retention is a command-line flag, not a file: neither file hash moves (the command change re-creates Prometheus).
    expect(retention).toEqual(before);
  });

  it("changes Grafana's hash when a provisioned dashboard changes (the lake panel follows the object store)", () => {
    const before = hashes();
    const after = hashes((cfg) => {
      cfg.core.objectStore = 'seaweedfs';
      cfg.core.seaweedfs = { ...cfg.core.minio!, image: 'chrislusf/seaweedfs:4.53', ports: { s3: { port: 9000 } } } as never;
      delete cfg.core.minio;
      cfg.core.buckets = cfg.core.buckets.map(({ noncurrentExpireDays: _, ...b }) => b);
    });
    expect(after.grafana).not.toBe(before.grafana);
  });
});

describe('monitoring config', () => {
  it('rejects a retention below one day and an unknown key', () => {
    const { parseDocument } = jest.requireActual<typeof import('yaml')>('yaml');
    const { parseEnvironment } = jest.requireActual<typeof import('../config/loader')>('../config/loader');
    const doc = parseDocument(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8'));
    doc.setIn(['monitoring', 'prometheus', 'retentionDays'], 0);
    doc.setIn(['monitoring', 'grafana', 'plugins'], ['x']);
    let msg = '';
    try {
      parseEnvironment(doc.toString(), 'config/dev.yaml', 'dev');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/monitoring\.prometheus\.retentionDays: expected ≥ 1 \(got 0\)/);
    expect(msg).toContain('monitoring.grafana: unknown key "plugins"; allowed: image, memoryMb');
  });
});
