import type { LakeCapacityMetrics } from '../constructs/data-lake';
import { Lazy, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MonitoringConfig } from '../config/groups/monitoring';
import { DockerService, literal } from '../constructs/docker-service';
import { GeneratedSecret } from '../constructs/generated-secret';
import { PlatformNetwork } from '../constructs/platform-network';
import { IService } from '../constructs/service';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { FileSpec, Probe, ServiceSpec } from '../constructs/service-spec';
import { BackendSettings, configureBackend } from './backend';
import { RunAs } from '../constructs/hardening';
import {
  dashboardProviderYaml,
  datasourceYaml,
  filesHash,
  GRAFANA_DASHBOARDS_DIR,
  GRAFANA_PROVISIONING,
  platformDashboard,
} from './grafana-provisioning';
import { renderPrometheusConfig, ScrapeModel, StaticScrapeJob } from './prometheus-config';
import { portsFor, sizingFor, ServiceContext, volumesFor } from './service-config';
import { ConstructError } from '../constructs/construct-error';

export const MONITORING_GROUP = 'monitoring';
/** Grafana's admin login name (not a secret; the password is generated). */
export const GRAFANA_ADMIN_USER = 'datalab';
export const PROMETHEUS_CONFIG_PATH = '/etc/prometheus/prometheus.yml';
const PROMETHEUS_PORT = 9090;

export interface MonitoringStackProps {
  readonly environment: string;
  readonly protectData: boolean;
  readonly context: ServiceContext;
  readonly network: PlatformNetwork;
  /**
   * The service catalog. Every service registered in it, in any stack and whenever (before or
   * after this stack is built), is a scrape target; its metrics paths decide which query
   * parameters the discovery relabelling must carry.
   */
  readonly discovery: ServiceDiscovery;
  /** The Consul server: discovery source for Prometheus and a static scrape target itself. */
  readonly consul: IService;
  /** The data lake, whose store says how its capacity is measured. */
  readonly lakeCapacity: LakeCapacityMetrics;
  readonly monitoring: MonitoringConfig;
  /** Where this stack's state lives. */
  readonly backend: BackendSettings;
}

/**
 * `monitoring`: Prometheus, whose configuration is generated from the platform model (Consul
 * service discovery plus static jobs for the discovery infrastructure), and Grafana with a
 * provisioned Prometheus datasource and a platform dashboard. Both keep data on named volumes and
 * are registered in Consul, so Prometheus also scrapes Grafana. Grafana is optional
 * (`monitoring.grafana.enabled`): switched off, no Grafana container, password, registration or
 * output exists, and Prometheus runs alone; the provisioning it would get is still generated
 * (`grafanaProvisioning`), so what its dashboards ask of Prometheus can be checked either way.
 *
 * The scrape model is read from the service catalog (`discovery.registered`) when the stack is
 * synthesized, not when it is built: the stack may be built before, between or after the stacks
 * whose services it scrapes.
 */
export class MonitoringStack extends TerraformStack {
  readonly prometheus: DockerService;
  /** Undefined when `monitoring.grafana.enabled` is false. */
  readonly grafana?: DockerService;
  /** Undefined when `monitoring.grafana.enabled` is false. */
  readonly grafanaAdminPassword?: GeneratedSecret;
  /**
   * The datasource, dashboard provider and dashboard files Grafana is (or, switched off, would be)
   * provisioned with, as uploaded.
   */
  readonly grafanaProvisioning: readonly FileSpec[];
  private readonly discovery: ServiceDiscovery;
  private readonly staticJobs: readonly StaticScrapeJob[];
  private readonly scrapeSettings: Omit<ScrapeModel, 'staticJobs' | 'discoveredPaths'>;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id);
    configureBackend(this, props.backend, id);
    const { monitoring: cfg, context: ctx } = props;
    const onNetwork = { environment: props.environment, protectData: props.protectData, network: props.network };
    this.discovery = props.discovery;

    const consulMetrics = props.consul.metrics;
    if (!consulMetrics) throw new ConstructError(this, `service "${props.consul.name}" declares no metrics endpoint to scrape Consul with`);
    this.staticJobs = [
      { job: 'prometheus', group: MONITORING_GROUP, targets: [`localhost:${PROMETHEUS_PORT}`], path: '/metrics' },
      {
        job: props.consul.name,
        group: props.consul.group,
        targets: props.consul.replicaHosts.map((h) => `${h}:${consulMetrics.port}`),
        path: consulMetrics.path,
        scheme: consulMetrics.scheme,
      },
    ];
    this.scrapeSettings = {
      environment: props.environment,
      scrapeIntervalSeconds: cfg.prometheus.scrapeIntervalSeconds,
      consulServer: new URL(props.consul.internalUrl('http')).host,
      datacenter: props.discovery.connection.datacenter,
    };

    // Rendered at synth, from whatever is registered by then. Literal text, escaped as DockerService
    // escapes any file (a token passes through it unchanged).
    const yaml = Lazy.stringValue({ produce: () => literal(this.prometheusYaml) });
    const hash = Lazy.stringValue({ produce: () => filesHash([{ path: PROMETHEUS_CONFIG_PATH, content: this.prometheusYaml }]) });
    this.prometheus = new DockerService(this, 'prometheus', { ...onNetwork, spec: prometheusSpec(ctx, cfg, yaml, hash) });
    props.discovery.register(this.prometheus);

    this.grafanaProvisioning = grafanaFiles(this.prometheus.internalUrl('http'), cfg.prometheus.scrapeIntervalSeconds, ctx.environment, props.lakeCapacity);
    new TerraformOutput(this, 'prometheus_url', { value: this.prometheus.hostUrl('http') ?? 'not published', description: 'Prometheus on the Docker host' });

    if (cfg.grafana.enabled) {
      const adminPassword = new GeneratedSecret(this, 'grafana-admin-password');
      const grafana = new DockerService(this, 'grafana', {
        ...onNetwork,
        // No depends_on Prometheus: Grafana starts and provisions the datasource without it (queries
        // are made on use), so the two containers are created in parallel.
        spec: grafanaSpec(ctx, cfg, this.grafanaProvisioning, adminPassword.value),
      });
      props.discovery.register(grafana);
      this.grafana = grafana;
      this.grafanaAdminPassword = adminPassword;
      new TerraformOutput(this, 'grafana_url', { value: grafana.hostUrl('http') ?? 'not published', description: 'Grafana on the Docker host' });
      new TerraformOutput(this, 'grafana_admin_user', { value: GRAFANA_ADMIN_USER, description: 'Grafana admin user' });
      new TerraformOutput(this, 'grafana_admin_password', { value: adminPassword.value, sensitive: true, description: 'Grafana admin password (applied when the data volume is first initialised)' });
    }
  }

  /** What Prometheus scrapes: the static jobs, and the metrics paths of the registered services. */
  get scrapeModel(): ScrapeModel {
    const staticNames = new Set(this.staticJobs.map((j) => j.job));
    const discovered = this.discovery.registered.filter((s) => s.metrics && !staticNames.has(s.name)).map((s) => s.metrics!.path);
    return { ...this.scrapeSettings, staticJobs: this.staticJobs, discoveredPaths: [...new Set(discovered)].sort() };
  }

  /** The generated prometheus.yml (as the registrations stand now). */
  get prometheusYaml(): string {
    return renderPrometheusConfig(this.scrapeModel);
  }
}

const GRAFANA_METRICS = { port: 3000, path: '/metrics' } as const;

function prometheusSpec(ctx: ServiceContext, m: MonitoringConfig, configYaml: string, configSha256: string): ServiceSpec {
  const cfg = m.prometheus;
  return {
    name: 'prometheus',
    group: MONITORING_GROUP,
    image: cfg.image,
    // Replaces the image's CMD (its ENTRYPOINT is the prometheus binary).
    command: [
      `--config.file=${PROMETHEUS_CONFIG_PATH}`,
      '--storage.tsdb.path=/prometheus',
      `--storage.tsdb.retention.time=${cfg.retentionDays}d`,
    ],
    env: { DATALAB_CONFIG_SHA256: configSha256 },
    files: [{ path: PROMETHEUS_CONFIG_PATH, content: configYaml }],
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: PROMETHEUS_PORT }]),
    // The image's /prometheus belongs to nobody (65534); a fresh named volume inherits that owner.
    volumes: volumesFor(ctx, 'prometheus', cfg, { data: '/prometheus' }),
    // The image's user (nobody), which owns /prometheus; Prometheus writes nothing else. From the
    // upstream Dockerfile; proven by the stand-in's smoke test (docs/images.md) and by the e2e's
    // monitoring step (an apply: every process checked, a write to / refused).
    hardening: { runAs: RunAs.user(65534, 65534) },
    // Busybox image: wget, no curl.
    probe: Probe.http(PROMETHEUS_PORT, '/-/healthy', { client: 'wget', startPeriodSeconds: 15 }),
    metrics: { port: PROMETHEUS_PORT, path: '/metrics' },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
    stopGraceSeconds: 60,
  };
}

export function grafanaFiles(prometheusUrl: string, scrapeIntervalSeconds: number, environment: string, lakeCapacity: LakeCapacityMetrics): FileSpec[] {
  return [
    { path: `${GRAFANA_PROVISIONING}/datasources/datalab.yaml`, content: datasourceYaml(prometheusUrl, scrapeIntervalSeconds) },
    { path: `${GRAFANA_PROVISIONING}/dashboards/datalab.yaml`, content: dashboardProviderYaml() },
    { path: `${GRAFANA_DASHBOARDS_DIR}/platform.json`, content: `${JSON.stringify(platformDashboard(environment, lakeCapacity), null, 2)}\n` },
  ];
}

function grafanaSpec(ctx: ServiceContext, m: MonitoringConfig, provisioning: readonly FileSpec[], adminPassword: string): ServiceSpec {
  const cfg = m.grafana;
  const files = [...provisioning];
  return {
    name: 'grafana',
    group: MONITORING_GROUP,
    image: cfg.image,
    env: {
      GF_SECURITY_ADMIN_USER: GRAFANA_ADMIN_USER,
      GF_SECURITY_ADMIN_PASSWORD: adminPassword,
      GF_USERS_ALLOW_SIGN_UP: 'false',
      GF_AUTH_ANONYMOUS_ENABLED: 'false',
      // The host may be offline; no phoning home.
      GF_ANALYTICS_REPORTING_ENABLED: 'false',
      GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
      GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
      GF_METRICS_ENABLED: 'true',
      DATALAB_PROVISIONING_SHA256: filesHash(files),
    },
    files,
    ports: portsFor(ctx, cfg, [{ name: 'http', containerPort: GRAFANA_METRICS.port }]),
    // uid 472 owns /var/lib/grafana in the image; a fresh named volume inherits that owner.
    volumes: volumesFor(ctx, 'grafana', cfg, { data: '/var/lib/grafana' }),
    probe: Probe.http(GRAFANA_METRICS.port, '/api/health', { startPeriodSeconds: 30 }),
    // The image's user (472, group 0), which owns /var/lib/grafana; run.sh logs to the console and
    // keeps plugins on the data volume. From the upstream Dockerfile and run.sh; not yet proven by an apply.
    hardening: {
      runAs: RunAs.user(472, 0),
      scratch: [{ path: '/tmp', purpose: 'temporary files of Grafana (plugin downloads, SQLite temporary tables)', sizeMb: 64 }],
      readOnlyRootFilesystem: {
        enabled: false,
        reason: 'not yet proven by an apply: Grafana is AGPL, so no stand-in is built here; /tmp is the scratch a read-only root is expected to need',
      },
    },
    metrics: { ...GRAFANA_METRICS },
    ...sizingFor(cfg),
    waitTimeoutSeconds: cfg.waitTimeoutSeconds ?? 120,
  };
}
