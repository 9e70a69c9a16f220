import { parse as parseYaml } from 'yaml';
import { loadEnvironment } from '../config/loader';
import { CONSUL_ESM_INSTANCE_TAG } from '../stacks/core-stack';
import { container, containers, envOf, ENVS, expectServiceStandards, MINIO_ENVS, platformFor, resourceAt, resourcesOf, synthJson, TfJson, uploadsOf } from './helpers';

/** Containers that keep running (one-shot provisioning steps are apart). */
const longRunning = (json: TfJson) => containers(json).filter((c) => c.must_run !== false);

const synthCore = (env: string): TfJson => synthJson(platformFor(env).platform.core);
const cache = new Map<string, TfJson>();
const core = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthCore(env));
  return cache.get(env)!;
};


describe.each(ENVS)('core stack for %s', (env) => {
  it('matches the reviewed snapshot', () => {
    expect(core(env)).toMatchSnapshot();
  });

  it('gives every container a pinned image, health check with wait, restart policy, memory limit without swap and bounded logs', () => {
    const all = longRunning(core(env));
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const c of all) {
      expectServiceStandards(c);
      expect(c.wait).toBe(true);
      expect(c.wait_timeout).toBeGreaterThanOrEqual(60);
      expect(c.destroy_grace_seconds).toBeGreaterThanOrEqual(30);
      expect(c.log_driver).toBe('json-file');
    }
    const images = Object.values(resourcesOf(core(env), 'docker_image')).map((i) => i.name as string);
    for (const name of images) expect(name).toMatch(/:[A-Za-z0-9_][A-Za-z0-9._-]*$/);
    for (const name of images) expect(name).not.toMatch(/:latest$/);
  });

  it('confines every core container: its own non-root user, no capability, no-new-privileges, read-only root with named scratch (MinIO and Kafka UI, unproven, excepted)', () => {
    // docs/policy.md: user, scratch paths (tmpfs) and exceptions per service; the e2e apply proves the SeaweedFS set.
    const expected: Record<string, { user: string; readOnly: boolean; tmpfs: string[] }> = {
      consul: { user: '100:1000', readOnly: true, tmpfs: ['/consul/config', '/tmp'] },
      'consul-esm': { user: '100:1000', readOnly: true, tmpfs: [] },
      kafka: { user: '1000:1000', readOnly: true, tmpfs: ['/opt/kafka/config', '/opt/kafka/logs', '/tmp'] },
      // No stand-in, so not proven by an apply: its root stays writable (the exception's reason says so).
      'kafka-ui': { user: 'kafkaui', readOnly: false, tmpfs: ['/tmp'] },
      seaweedfs: { user: '1000:1000', readOnly: true, tmpfs: ['/tmp'] },
      'seaweedfs-provisioner': { user: '1000:1000', readOnly: true, tmpfs: ['/tmp'] },
    };
    const all = containers(core(env));
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const c of all) {
      const service = c.labels.find((l) => l.label === 'datalab.service')!.value;
      expect([service, c.capabilities, c.security_opts, c.privileged]).toEqual([service, { drop: ['ALL'] }, ['no-new-privileges:true'], false]);
      if (service === 'minio') {
        // Exceptions, with reasons in the policy report: root, writable root (not proven by an apply).
        expect([c.user, c.read_only, c.tmpfs]).toEqual(['0:0', false, undefined]);
        continue;
      }
      expect([service, c.user, c.read_only, Object.keys((c.tmpfs ?? {}) as object)]).toEqual([service, expected[service].user, expected[service].readOnly, expected[service].tmpfs]);
    }
    // Started as its user, Consul's entrypoint must skip its chown and su-exec (which need root).
    expect(envOf(container(core(env), 'consul')).CONSUL_DISABLE_PERM_MGMT).toBe('true');
    // Every tmpfs is bounded; only the JVMs' /tmp may hold executable code (native codecs).
    for (const c of all) {
      for (const [path, opts] of Object.entries((c.tmpfs ?? {}) as Record<string, string>)) {
        expect(opts).toMatch(/^size=\d+m,mode=1777(,uid=\d+,gid=\d+)?(,exec)?$/);
        expect([path, opts.endsWith(',exec')]).toEqual([path, path === '/tmp' && ['kafka', 'kafka-ui'].includes(c.labels.find((l) => l.label === 'datalab.service')!.value)]);
      }
    }
  });

  it('publishes host ports on 127.0.0.1 only', () => {
    for (const c of containers(core(env))) {
      for (const p of c.ports ?? []) expect(p.ip).toBe('127.0.0.1');
    }
  });

  it('attaches every container to the environment network under its service name', () => {
    const net = resourceAt(core(env), 'docker_network', 'network');
    expect(net.name).toBe(`datalab-${env}`);
    for (const c of longRunning(core(env))) {
      const service = c.labels.find((l) => l.label === 'datalab.service')!.value;
      expect(c.networks_advanced).toEqual([{ name: expect.stringMatching(/^\$\{docker_network\..+\.name\}$/), aliases: [service] }]);
      expect(c.name).toBe(`datalab-${env}-${service}`);
    }
  });

  it('runs Kafka in KRaft mode with an in-network and a host listener whose advertised port is the published one', () => {
    const kafka = container(core(env), 'kafka');
    const e = envOf(kafka);
    const published = kafka.ports!.find((p) => p.internal === 9092)!;
    expect(e.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(e.KAFKA_ADVERTISED_LISTENERS).toBe(`PLAINTEXT://kafka:19092,PLAINTEXT_HOST://127.0.0.1:${published.external}`);
    expect(e.KAFKA_LOG_DIRS).toBe('/var/lib/kafka/data');
    // What `kafka-storage random-uuid` prints: 16 bytes, base64url without padding.
    expect(e.CLUSTER_ID).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(e.CLUSTER_ID, 'base64url')).toHaveLength(16);
    // The probe must not start a JVM with the broker's heap inside the broker's memory limit.
    expect(kafka.healthcheck!.test).toEqual(['CMD-SHELL', expect.stringMatching(/^KAFKA_HEAP_OPTS="-Xmx64m[^"]*" \/opt\/kafka\/bin\/kafka-broker-api-versions\.sh --bootstrap-server localhost:19092/)]);
    expect(kafka.volumes).toEqual([
      { container_path: '/var/lib/kafka/data', volume_name: expect.stringContaining('docker_volume.kafka_volume-data') },
      // The log4j2.yaml the launcher takes instead of its default, from the file holder.
      { from_container: expect.stringMatching(/^\$\{docker_container\.kafka_files_[0-9A-F]+\.id\}:ro$/) },
    ]);
    // Console-only logging: no GC log (-loggc dropped), no file appender, every logger to STDOUT.
    expect(e.EXTRA_ARGS).toBe('-name kafkaServer');
    const log4j = parseYaml(uploadsOf(core(env), 'kafka').find((u) => u.file === '/mnt/shared/config/log4j2.yaml')!.content!) as { Configuration: { Appenders: Record<string, unknown>; Loggers: { Root: { AppenderRef: { ref: string }[] } } } };
    expect(Object.keys(log4j.Configuration.Appenders)).toEqual(['Console']);
    expect(log4j.Configuration.Loggers.Root.AppenderRef).toEqual([{ ref: 'STDOUT' }]);
    expect(core(env).provider.kafka[0]).toMatchObject({ bootstrap_servers: [`127.0.0.1:${published.external}`], tls_enabled: false });
  });

  it('creates each configured topic with its partitions, replication and retention, after the healthy broker', () => {
    const cfg = loadEnvironment(env);
    const topics = Object.values(resourcesOf(core(env), 'kafka_topic'));
    expect(topics).toHaveLength(cfg.core.topics.length);
    for (const t of cfg.core.topics) {
      const r = topics.find((x) => x.name === t.name)!;
      expect(r.partitions).toBe(t.partitions);
      expect(r.replication_factor).toBe(1);
      expect(r.config).toEqual({ 'retention.ms': String(t.retentionHours * 3_600_000), 'cleanup.policy': 'delete' });
      expect(r.depends_on).toEqual([expect.stringMatching(/^docker_container\.kafka_container_/)]);
    }
  });

  it('registers every core service in Consul with a check consul-esm runs and never deregisters', () => {
    const json = core(env);
    const services = Object.values(resourcesOf(json, 'consul_service'));
    const registered = services.map((s) => s.name).sort();
    const deployed = longRunning(json).map((c) => c.labels.find((l) => l.label === 'datalab.service')!.value).sort();
    expect(registered).toEqual(deployed);
    for (const s of services) {
      const checks = s.check as Record<string, unknown>[];
      expect(checks).toHaveLength(1);
      expect(checks[0].deregister_critical_service_after).toBe('0s');
      expect(checks[0].interval).toMatch(/^\d+s$/);
      expect(checks[0].http ?? checks[0].tcp).toMatch(new RegExp(`^(https?://)?${s.address}:\\d+`));
      expect(checks[0].status).toBeUndefined();
    }
    for (const n of Object.values(resourcesOf(json, 'consul_node'))) {
      expect(n.meta).toEqual({ 'external-node': 'true', 'external-probe': 'false' });
      expect(n.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^docker_container\.consul_container_/)]));
    }
  });

  it('lets consul-esm count only its own instances, not the consul-esm container registered as an external service', () => {
    // consul-esm shares the external nodes among the passing instances of consul_service with
    // consul_service_tag; an untagged config counted this registration too and left its share unchecked.
    const json = core(env);
    const config = uploadsOf(json, 'consul-esm').find((u) => u.file === '/etc/consul-esm/config.hcl')!.content;
    expect(config).toContain(`consul_service = "consul-esm"\nconsul_service_tag = "${CONSUL_ESM_INSTANCE_TAG}"\n`);
    const registration = resourceAt(json, 'consul_service', 'consul-esm/registration/service');
    expect(registration.name).toBe('consul-esm');
    expect(registration.tags).not.toContain(CONSUL_ESM_INSTANCE_TAG);
  });

  it('announces Kafka in Consul at its in-network listener (19092, advertised as kafka:19092), the port its check probes', () => {
    const json = core(env);
    const kafka = resourceAt(json, 'consul_service', 'kafka/registration/service');
    expect(kafka.port).toBe(19092);
    const checks = kafka.check as Record<string, unknown>[];
    expect(checks[0].tcp).toBe(`${kafka.address}:19092`);
    // The host listener advertises the Docker host's address, which containers cannot dial.
    const listeners = container(json, 'kafka').env!.find((e) => e.startsWith('KAFKA_ADVERTISED_LISTENERS='))!;
    expect(listeners).toContain(`PLAINTEXT://kafka:${kafka.port},`);
  });

  it('runs Consul as a server with agent metrics and without calling HashiCorp\'s update check', () => {
    const consul = container(core(env), 'consul');
    expect(JSON.parse(envOf(consul).CONSUL_LOCAL_CONFIG)).toEqual({ telemetry: { prometheus_retention_time: '60s', disable_hostname: true }, disable_update_check: true });
    expect(consul.command).toEqual(expect.arrayContaining(['agent', '-server', '-bootstrap-expect=1']));
  });

  it('keeps state in a per-environment local file outside cdktf.out, as a relative path', () => {
    expect(core(env).terraform.backend).toEqual({ local: { path: `../../../.state/${env}/core.tfstate` } });
  });

  it('marks every credential output sensitive', () => {
    for (const [name, o] of Object.entries(core(env).output!)) {
      if (/password|secret|token|key$/.test(name)) expect(o.sensitive).toBe(true);
    }
  });

  it('contains no credential literal', () => {
    const text = JSON.stringify(core(env));
    expect(text).not.toMatch(/password123|minioadmin|"admin"/i);
    for (const c of containers(core(env))) {
      for (const [k, v] of Object.entries(envOf(c))) {
        if (/PASSWORD|SECRET|TOKEN/.test(k)) expect(v).toMatch(/^\$\{/);
      }
    }
  });
});

describe.each(MINIO_ENVS)('core stack on MinIO for %s', (env) => {
  it('runs MinIO with a generated root password, a fixed console port and a liveness health check', () => {
    const minio = container(core(env), 'minio');
    expect(minio.command).toEqual(['server', '/data', '--console-address', ':9001']);
    expect(envOf(minio).MINIO_ROOT_PASSWORD).toMatch(/^\$\{random_password\.minio-root-password_[A-F0-9]+\.result\}$/);
    expect(minio.healthcheck).toEqual({
      test: ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:9000/minio/health/live'],
      interval: '10s',
      timeout: '5s',
      start_period: '10s',
      retries: 6,
    });
    expect(minio.volumes).toEqual([{ container_path: '/data', volume_name: expect.stringContaining('docker_volume.minio_volume-data') }]);
    const password = Object.values(resourcesOf(core(env), 'random_password'))[0];
    expect(password.length).toBeGreaterThanOrEqual(32);
  });

  it('configures the MinIO provider from the published API port and the generated password', () => {
    const [minio] = core(env).provider.minio;
    expect(minio.minio_server).toBe('127.0.0.1:9000');
    expect(minio.minio_password).toMatch(/^\$\{random_password\.minio-root-password_/);
    expect(minio.minio_ssl).toBe(false);
  });

  it('creates the built-in and configured buckets, each waiting for the healthy MinIO container', () => {
    const cfg = loadEnvironment(env);
    const buckets = Object.values(resourcesOf(core(env), 'minio_s3_bucket'));
    const names = buckets.map((b) => b.bucket).sort();
    const expected = [...new Set(['bronze', 'silver', 'gold', 'mlflow', ...cfg.core.buckets.map((b) => b.name)])].sort();
    expect(names).toEqual(expected);
    for (const b of buckets) {
      expect(b.depends_on).toEqual([expect.stringMatching(/^docker_container\.minio_container_/)]);
      expect(b.force_destroy).toBe(false);
    }
  });

  it('sets versioning per bucket from config, enabled by default', () => {
    const cfg = loadEnvironment(env);
    const statusOf = (name: string) =>
      (resourceAt(core(env), 'minio_s3_bucket_versioning', `lake/${name}/versioning`).versioning_configuration as { status: string }).status;
    expect(statusOf('mlflow')).toBe('Enabled');
    for (const b of cfg.core.buckets) expect(statusOf(b.name)).toBe(b.versioning ? 'Enabled' : 'Suspended');
  });

  it('announces metrics paths in service meta for discovery-based scraping', () => {
    const minio = resourceAt(core(env), 'consul_service', 'minio/registration/service');
    expect(minio.meta).toMatchObject({ metrics_path: '/minio/v2/metrics/cluster', metrics_port: '9000' });
  });

  it('pins every provider version, the minio provider included', () => {
    expect(core(env).terraform.required_providers).toEqual({
      consul: { source: 'hashicorp/consul', version: '2.23.0' },
      docker: { source: 'kreuzwerker/docker', version: '3.6.2' },
      kafka: { source: 'mongey/kafka', version: '0.13.1' },
      minio: { source: 'aminueza/minio', version: '3.40.1' },
      random: { source: 'hashicorp/random', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) },
    });
  });

  it('outputs host URLs and marks every credential output sensitive', () => {
    const out = core(env).output!;
    expect(out.minio_api_url.value).toBe('http://127.0.0.1:9000');
    expect(out.consul_url.value).toBe('http://127.0.0.1:8500');
    expect(out.minio_root_password.sensitive).toBe(true);
  });

});

describe('environment differences', () => {
  it('protects volumes, buckets and topics from destroy in prod only', () => {
    const protectedTypes = ['docker_volume', 'minio_s3_bucket', 'kafka_topic'];
    for (const type of protectedTypes) {
      for (const r of Object.values(resourcesOf(core('prod'), type))) expect(r.lifecycle).toEqual({ prevent_destroy: true });
      for (const r of Object.values(resourcesOf(core('dev'), type))) expect(r.lifecycle).toBeUndefined();
    }
  });

  it('scales topic partitions per environment', () => {
    const partitions = (env: string) => Object.values(resourcesOf(core(env), 'kafka_topic')).find((t) => t.name === 'events')!.partitions;
    expect([partitions('dev'), partitions('staging'), partitions('prod')]).toEqual([3, 6, 12]);
  });

  it('runs Kafka UI behind a generated login in dev and not at all in prod', () => {
    const ui = container(core('dev'), 'kafka-ui');
    expect(envOf(ui).AUTH_TYPE).toBe('LOGIN_FORM');
    expect(envOf(ui).SPRING_SECURITY_USER_PASSWORD).toMatch(/^\$\{random_password\.kafka-ui-password_/);
    expect(ui.ports).toEqual([{ internal: 8080, external: 8082, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(Object.values(resourcesOf(core('prod'), 'docker_container')).map((c) => c.name)).not.toContain('datalab-prod-kafka-ui');
    expect(core('prod').output!.kafka_ui_url).toBeUndefined();
  });

  it('gives each environment its own Kafka cluster id and network, the same on every synth', () => {
    const clusterId = (json: TfJson) => envOf(container(json, 'kafka')).CLUSTER_ID;
    const network = (json: TfJson) => resourceAt(json, 'docker_network', 'network').name;
    expect(new Set(ENVS.map((env) => clusterId(core(env)))).size).toBe(ENVS.length);
    expect(new Set(ENVS.map((env) => network(core(env)))).size).toBe(ENVS.length);
    // Kafka formats its data volume with the id and refuses to start on a volume of another one:
    // a fresh synth must give the id the deployed broker has. Pinned for dev as first released.
    expect(clusterId(synthCore('dev'))).toBe('RQMUqVC76FDYVOnMeEA8NQ');
    for (const env of ENVS) expect(clusterId(synthCore(env))).toBe(clusterId(core(env)));
  });
});
