/**
 * Smoke tests of the stand-in images: each starts the image the way our stacks do (command, env,
 * uploaded files, hardening, health check and memory limit taken from the stacks' own service
 * specs: `core`, and `monitoring` and `ml` of the dev environment) on a throwaway network, waits
 * for Docker to call it healthy, exercises it, and removes every container, network and volume it
 * made (all labelled `datalab.e2e.smoke`).
 *
 * Run through the CLI: `node --import tsx e2e/images/cli.ts --smoke [name…]`.
 */
process.setSourceMapsEnabled(false);

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FILES_HOLDER_USER, tmpfsOptions, uploadFolders } from '../../constructs/docker-service';
import { resolveHardening } from '../../constructs/hardening';
import type { ServiceSpec } from '../../constructs/service-spec';
import { run } from './lib';

const SMOKE_LABEL = 'datalab.e2e.smoke';

/**
 * The `core` stack of the dev environment, for its service specs (nothing is synthesized). Loaded
 * lazily: the SeaweedFS smoke test needs none of it.
 */
async function coreSpecs(): Promise<{ consul: ServiceSpec; consulEsm: ServiceSpec; kafka: ServiceSpec }> {
  const { App } = await import('cdktf');
  const { loadEnvironment } = await import('../../config/loader');
  const { CoreStack } = await import('../../stacks/core-stack');
  const env = loadEnvironment('dev');
  const stack = new CoreStack(new App({ outdir: mkdtempSync(join(tmpdir(), 'datalab-smoke-synth-')) }), 'core', {
    environment: env.environment,
    protectData: false,
    networkName: 'datalab-smoke',
    publishAddress: env.network.publishAddress,
    core: env.core,
    backend: env,
  });
  return { consul: stack.consul.spec, consulEsm: stack.consulEsm.spec, kafka: stack.kafkaBroker.spec };
}

/**
 * The whole platform of the dev environment (nothing is synthesized), for the specs of the
 * services outside `core`: Prometheus (monitoring) and PostgreSQL (ml), with the objects the
 * smoke tests need to fill in what Terraform would (generated passwords, the rendered config).
 */
async function devPlatform() {
  const { App } = await import('cdktf');
  const { loadEnvironment } = await import('../../config/loader');
  const { buildPlatform } = await import('../../stacks/platform');
  const platform = buildPlatform(new App({ outdir: mkdtempSync(join(tmpdir(), 'datalab-smoke-synth-')) }), loadEnvironment('dev'));
  if (!platform.monitoring || !platform.ml) throw new Error('the dev environment has no monitoring or ml stack');
  return { core: platform.core, monitoring: platform.monitoring, ml: platform.ml };
}

/**
 * A spec with every Terraform token replaced by what the apply would put there: env values from
 * `env`, file contents from `files` (by path). A token left without a value is refused, so the
 * container never starts with a `${TfToken[…]}` placeholder.
 */
async function resolvedSpec(spec: ServiceSpec, values: { env?: Record<string, string>; files?: Record<string, string> }): Promise<ServiceSpec> {
  const { Token } = await import('cdktf');
  const env = Object.fromEntries(
    Object.entries(spec.env ?? {}).map(([k, v]) => {
      if (!Token.isUnresolved(v)) return [k, v];
      if (values.env?.[k] === undefined) throw new Error(`service "${spec.name}": env ${k} is a Terraform value and the smoke test gives none`);
      return [k, values.env[k]];
    }),
  );
  const files = (spec.files ?? []).map((f) => {
    if (!Token.isUnresolved(f.content)) return f;
    if (values.files?.[f.path] === undefined) throw new Error(`service "${spec.name}": file ${f.path} is a Terraform value and the smoke test gives none`);
    return { ...f, content: values.files[f.path] };
  });
  return { ...spec, env, files };
}

/** A password like GeneratedSecret's (32 alphanumerics). */
function password(): string {
  return randomBytes(24).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One smoke run: a network plus what is started on it, removed at the end whatever happens. */
class Sandbox {
  readonly id = `datalab-e2e-smoke-${process.pid}-${Date.now().toString(36)}`;
  readonly network = this.id;
  private readonly containers: string[] = [];
  private readonly volumes: string[] = [];
  private readonly tmp = mkdtempSync(join(tmpdir(), 'datalab-smoke-'));

  async open(): Promise<this> {
    await run('docker', ['network', 'create', '--label', SMOKE_LABEL, this.network]);
    return this;
  }

  async close(): Promise<void> {
    for (const c of this.containers.reverse()) await run('docker', ['rm', '-f', '-v', c], { allowFail: true });
    for (const v of this.volumes) await run('docker', ['volume', 'rm', '-f', v], { allowFail: true });
    await run('docker', ['network', 'rm', this.network], { allowFail: true });
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /**
   * Creates and starts a container from a service spec as DockerService renders it: name as DNS
   * alias, env, command, memory limit without swap, named volumes, files uploaded before start,
   * health check. Only the health interval is shortened (to 3 s) so the test does not idle.
   */
  async startService(spec: ServiceSpec, image: string): Promise<string> {
    const name = `${this.id}-${spec.name}`;
    const args = ['create', '--name', name, '--label', SMOKE_LABEL, '--network', this.network, '--network-alias', spec.name, '--hostname', spec.name];
    for (const [k, v] of Object.entries(spec.env ?? {})) args.push('-e', `${k}=${v}`);
    args.push('-m', `${spec.resources.memoryMb}m`, '--memory-swap', `${spec.resources.memoryMb}m`);
    for (const v of spec.volumes ?? []) {
      const vol = `${name}-${v.key}`;
      await run('docker', ['volume', 'create', '--label', SMOKE_LABEL, vol]);
      this.volumes.push(vol);
      args.push('-v', `${vol}:${v.path}`);
    }
    // Confined as DockerService confines it: the stand-in must run under the same hardening.
    const hard = resolveHardening(spec.name, spec.hardening);
    if (hard.runAs) args.push('--user', hard.runAs.name);
    if (hard.noNewPrivileges) args.push('--security-opt', 'no-new-privileges:true');
    args.push('--cap-drop', 'ALL', ...hard.capabilities.flatMap((c) => ['--cap-add', c]));
    if (hard.readOnlyRootFilesystem) args.push('--read-only');
    for (const s of hard.scratch) args.push('--tmpfs', `${s.path}:${tmpfsOptions(s, hard)}`);
    // As DockerService: on a read-only root the files go into a never-started holder of the same
    // image (an anonymous volume per folder, which starts as a copy of the image's folder), and
    // the service mounts the holder's volumes read-only.
    const folders = uploadFolders(spec, (spec.volumes ?? []).map((v) => v.path), hard);
    const holder = folders.length ? `${name}-files` : undefined;
    if (holder) {
      await run('docker', [
        'create', '--name', holder, '--label', SMOKE_LABEL, '--network', 'none', '--user', FILES_HOLDER_USER,
        '--security-opt', 'no-new-privileges:true', '--cap-drop', 'ALL', '-m', '16m', '--memory-swap', '16m',
        ...folders.flatMap((d) => ['-v', d]),
        image,
      ]);
      this.containers.push(holder);
      args.push('--volumes-from', `${holder}:ro`);
    }
    if (spec.entrypoint) args.push('--entrypoint', spec.entrypoint[0]);
    if (spec.probe) {
      // Loaded on use, like the core stack: the SeaweedFS smoke test needs none of cdktf.
      const { dockerHealthcheck } = await import('../../constructs/docker-service');
      const h = dockerHealthcheck(spec.probe);
      const [kind, ...test] = h.test;
      const cmd = kind === 'CMD-SHELL' ? test[0] : test.map(shellQuote).join(' ');
      args.push('--health-cmd', cmd, '--health-interval', '3s', '--health-timeout', h.timeout, '--health-start-period', h.startPeriod, '--health-retries', String(h.retries));
    }
    args.push(image, ...(spec.entrypoint?.slice(1) ?? []), ...(spec.command ?? []));
    await run('docker', args);
    this.containers.push(name);
    for (const f of spec.files ?? []) {
      // docker cp creates the file's folder only when copying a folder: upload its parent.
      const local = join(this.tmp, spec.name, dirname(f.path));
      mkdirSync(local, { recursive: true });
      writeFileSync(join(this.tmp, spec.name, f.path), f.content, { mode: f.executable ? 0o755 : 0o644 });
      await run('docker', ['cp', `${local}/.`, `${holder ?? name}:${dirname(f.path)}`]);
    }
    await run('docker', ['start', name]);
    return name;
  }

  async startRaw(name: string, args: string[]): Promise<string> {
    const full = `${this.id}-${name}`;
    await run('docker', ['run', '-d', '--name', full, '--label', SMOKE_LABEL, '--network', this.network, '--network-alias', name, ...args]);
    this.containers.push(full);
    return full;
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

async function waitHealthy(container: string, timeoutSeconds: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const r = await run('docker', ['inspect', '--format', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', container], { allowFail: true });
    const [state, health] = r.stdout.trim().split(' ');
    if (health === 'healthy') return Math.round((Date.now() - start) / 100) / 10;
    if (state !== 'running' || Date.now() - start > timeoutSeconds * 1000) {
      const logs = await run('docker', ['logs', '--tail', '40', container], { allowFail: true });
      const probe = await run('docker', ['inspect', '--format', '{{json .State.Health}}', container], { allowFail: true });
      throw new Error(`${container} is ${state} ${health ?? ''} after ${Math.round((Date.now() - start) / 1000)}s\nhealth: ${probe.stdout.slice(-600)}\nlogs:\n${logs.stdout}${logs.stderr}`);
    }
    await sleep(1000);
  }
}

async function exec(container: string, script: string, opts: { allowFail?: boolean; input?: string; user?: string } = {}) {
  const args = ['exec', ...(opts.input !== undefined ? ['-i'] : []), ...(opts.user ? ['--user', opts.user] : []), container, 'sh', '-c', script];
  return run('docker', args, { allowFail: opts.allowFail, input: opts.input });
}

async function until<T>(what: string, timeoutSeconds: number, probe: () => Promise<T | undefined>): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeoutSeconds * 1000) throw new Error(`timed out after ${timeoutSeconds}s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(1000);
  }
}

function expect(cond: boolean, message: string): void {
  if (!cond) throw new Error(message);
}

async function withSandbox(body: (sb: Sandbox) => Promise<string[]>): Promise<string[]> {
  const sb = await new Sandbox().open();
  try {
    return await body(sb);
  } finally {
    await sb.close();
  }
}

/** SeaweedFS: `server -s3` (master + volume + filer + S3 in one process), the brief's smoke test. */
async function smokeSeaweedfs(): Promise<string[]> {
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const c = await sb.startRaw('seaweedfs', ['chrislusf/seaweedfs:4.53', 'server', '-s3']);
    const version = (await exec(c, 'weed version')).stdout.trim();
    expect(version.includes(' 4.53 '), `weed version: ${version}`);
    out.push(`weed version: ${version.split('\n')[0]}`);
    const get = (port: number, path: string) => exec(c, `wget -q -S -O /dev/null http://localhost:${port}${path} 2>&1 | awk '/HTTP\\//{print $2}' | tail -1`, { allowFail: true });
    for (const [port, path, what] of [
      [9333, '/cluster/status', 'master'],
      [8888, '/', 'filer'],
      [8333, '/healthz', 's3'],
    ] as const) {
      const code = await until(`${what} on :${port}${path}`, 60, async () => {
        const s = (await get(port, path)).stdout.trim();
        return s === '200' ? s : undefined;
      });
      out.push(`${what} http://localhost:${port}${path} → ${code} (busybox wget)`);
    }
    // curl is in the real image too; an anonymous S3 bucket create/list against the open default.
    const mk = (await exec(c, 'curl -fsS -o /dev/null -w "%{http_code}" -X PUT http://localhost:8333/smoke-bucket')).stdout;
    const ls = (await exec(c, 'curl -fsS http://localhost:8333/')).stdout;
    expect(ls.includes('smoke-bucket'), `S3 ListBuckets does not show the new bucket: ${ls.slice(0, 300)}`);
    out.push(`S3 PUT /smoke-bucket → ${mk}, ListBuckets shows it (curl)`);
    const pid1 = (await exec(c, "awk '/^Uid:/{print $2}' /proc/1/status; stat -c '%u:%g' /data")).stdout.trim().split('\n');
    expect(pid1[0] === '1000' && pid1[1] === '1000:1000', `weed runs as uid ${pid1[0]}, /data owned by ${pid1[1]}`);
    out.push('weed runs as seaweed (1000), /data owned by 1000:1000 (entrypoint + su-exec)');
    const args = (await exec(c, "tr '\\0' ' ' < /proc/1/cmdline")).stdout.trim();
    expect(args.includes('-master.telemetry=false'), `weed runs without the telemetry opt-out: ${args}`);
    out.push(`weed command: ${args}`);
    const tools = (await exec(c, 'for t in sh wget curl su-exec fusermount3; do command -v $t >/dev/null && printf "%s " $t; done')).stdout.trim();
    out.push(`tools present: ${tools}`);
    return out;
  });
}

/**
 * What terraform-provider-consul v2.23.0 sends for a `consul_node` and a `consul_service` with an
 * HTTP check (its consul/api v1.32.1 marshalling, captured from a client built with that module):
 * the API types always carry fields such as `ExposedPort`, which an older Consul refuses.
 */
const PROVIDER_NODE = { ID: '', Node: 'smoke-provider', Address: 'consul', TaggedAddresses: null, NodeMeta: { 'external-node': 'true', 'external-probe': 'false' }, Datacenter: 'dc1', Service: null, Check: null, Checks: null, SkipNodeUpdate: false };
const PROVIDER_SERVICE = {
  ID: '', Node: 'smoke-provider', Address: 'consul', TaggedAddresses: null, NodeMeta: null, Datacenter: 'dc1',
  Service: { ID: 'smoke-provider', Service: 'smoke-provider', Tags: ['core', 'dev'], Meta: { group: 'core' }, Port: 8500, Address: 'consul', Weights: { Passing: 0, Warning: 0 }, EnableTagOverride: false },
  Check: null,
  Checks: [{
    Node: 'smoke-provider', CheckID: 'smoke-provider:health', Name: 'smoke-provider health', Status: 'critical', Notes: '', Output: '', ServiceID: 'smoke-provider', ServiceName: '', ServiceTags: null, Type: '', ExposedPort: 0,
    Definition: { Interval: '10s', Timeout: '5s', DeregisterCriticalServiceAfter: '0s', HTTP: 'http://consul:8500/v1/status/leader', Header: null, Method: 'GET', Body: '', TLSServerName: '', TLSSkipVerify: false, TCP: '', TCPUseTLS: false, UDP: '', GRPC: '', OSService: '', GRPCUseTLS: false },
    CreateIndex: 0, ModifyIndex: 0,
  }],
  SkipNodeUpdate: true,
};

/**
 * Consul with our exact command and CONSUL_LOCAL_CONFIG; the catalog registrations our consul
 * provider makes; then consul-esm with our config file, which must run the registered checks and
 * write their results back.
 */
async function smokeConsul(image: string): Promise<string[]> {
  const specs = await coreSpecs();
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const problems: string[] = [];
    const consul = await sb.startService(specs.consul, image);
    const s = await waitHealthy(consul, specs.consul.waitTimeoutSeconds ?? 120);
    const leader = (await exec(consul, 'curl -fsS http://localhost:8500/v1/status/leader')).stdout.trim();
    out.push(`consul healthy after ${s}s with our health check; leader ${leader}`);
    const logs = await run('docker', ['logs', consul]);
    const warnings = `${logs.stdout}${logs.stderr}`.split('\n').filter((l) => /\[WARN\]|\[ERROR\]|error/i.test(l) && !/raft|memberlist/.test(l));
    if (warnings.length) out.push(`consul log warnings/errors (${warnings.length}):`, ...warnings.slice(0, 8).map((w) => `  ${w.trim().slice(0, 220)}`));
    const localJson = (await exec(consul, 'cat /consul/config/local.json')).stdout.trim();
    out.push(`/consul/config/local.json: ${localJson}`);
    const metrics = await exec(consul, "curl -fsS 'http://localhost:8500/v1/agent/metrics?format=prometheus' | grep -c '^consul_' || true");
    out.push(`/v1/agent/metrics?format=prometheus: ${metrics.stdout.trim()} consul_* samples`);
    const ui = (await exec(consul, "curl -s -o /dev/null -w '%{http_code}' http://localhost:8500/ui/", { allowFail: true })).stdout.trim();
    out.push(`GET /ui/ → ${ui}`);
    const uid = (await exec(consul, "awk '/^Uid:/{print $2}' /proc/$(pgrep -x consul || pidof consul)/status", { allowFail: true })).stdout.trim();
    out.push(`consul agent runs as uid ${uid || '?'}`);

    for (const [what, body] of [['consul_node', PROVIDER_NODE], ['consul_service', PROVIDER_SERVICE]] as const) {
      const r = await exec(consul, "curl -sS -w ' HTTP %{http_code}' -X PUT --data-binary @- http://localhost:8500/v1/catalog/register", { input: JSON.stringify(body), allowFail: true });
      const ok = r.stdout.trim() === 'true HTTP 200';
      if (!ok) problems.push(`${what} as the consul provider sends it: ${r.stdout.trim()}`);
      out.push(`${what} registration as terraform-provider-consul 2.23.0 sends it → ${r.stdout.trim()}`);
    }

    // consul-esm 0.7.1 against it, with the stack's config file and health check.
    const esm = await sb.startService(specs.consulEsm, 'hashicorp/consul-esm:0.7.1');
    let esmHealthy: number | undefined;
    try {
      esmHealthy = await waitHealthy(esm, specs.consulEsm.waitTimeoutSeconds ?? 90);
      out.push(`consul-esm healthy after ${esmHealthy}s with our health check (wget :8080/metrics)`);
    } catch (e) {
      out.push(`consul-esm NOT healthy: ${(e as Error).message.split('\n').slice(0, 12).join(' | ')}`);
    }
    const esmLogs = await run('docker', ['logs', esm]);
    out.push('consul-esm log:', ...`${esmLogs.stdout}${esmLogs.stderr}`.trim().split('\n').slice(0, 14).map((l) => `  ${l.slice(0, 200)}`));
    const registered = (await exec(consul, 'curl -fsS http://localhost:8500/v1/catalog/service/consul-esm')).stdout;
    out.push(`consul-esm registered itself in the catalog: ${registered.includes('"ServiceName":"consul-esm"')}`);

    // An external service like ConsulRegistration makes: ESM must run its HTTP and TCP checks.
    const register = (node: string, check: Record<string, unknown>) =>
      exec(consul, 'curl -fsS -X PUT --data-binary @- http://localhost:8500/v1/catalog/register', {
        input: JSON.stringify({
          Datacenter: 'dc1',
          Node: node,
          Address: 'consul',
          NodeMeta: { 'external-node': 'true', 'external-probe': 'false' },
          Service: { ID: node, Service: node, Address: 'consul', Port: 8500, Tags: ['core', 'dev'], Meta: { managed_by: 'datalab-stacks' } },
          Checks: [{ Node: node, CheckID: `${node}:health`, Name: `${node} health`, ServiceID: node, Status: 'critical', Definition: { Interval: '10s', Timeout: '5s', DeregisterCriticalServiceAfter: '0s', ...check } }],
        }),
      });
    await register('smoke-http', { HTTP: 'http://consul:8500/v1/status/leader', Method: 'GET', TLSSkipVerify: false });
    await register('smoke-tcp', { TCP: 'consul:8500' });
    await register('smoke-down', { HTTP: 'http://consul:1/', Method: 'GET' });
    const notPassing: string[] = [];
    for (const node of ['smoke-http', 'smoke-tcp', ...(problems.length ? [] : ['smoke-provider'])]) {
      try {
        const status = await until(`ESM to pass ${node}`, 60, async () => {
          const r = (await exec(consul, `curl -fsS http://localhost:8500/v1/health/checks/${node}`)).stdout;
          return r.includes('"Status":"passing"') ? 'passing' : undefined;
        });
        out.push(`external ${node} check → ${status} (run by consul-esm)`);
      } catch (e) {
        notPassing.push(node);
        out.push(`external ${node} check NOT passing: ${(e as Error).message.slice(0, 300)}`);
      }
    }
    if (notPassing.length) {
      const warn = `${(await run('docker', ['logs', esm])).stderr}${(await run('docker', ['logs', esm])).stdout}`.split('\n').filter((l) => /\[(WARN|ERROR)\]/.test(l));
      out.push(`consul-esm warnings (${warn.length}):`, ...[...new Set(warn.map((l) => l.replace(/^\S+\s+/, '')))].slice(0, 5).map((l) => `  ${l.slice(0, 220)}`));
    }
    const down = (await exec(consul, 'curl -fsS http://localhost:8500/v1/health/checks/smoke-down')).stdout;
    out.push(`external smoke-down check (closed port) → ${/"Status":"(\w+)"/.exec(down)?.[1]}, output: ${/"Output":"([^"]{0,120})/.exec(down)?.[1] ?? ''}`);
    const metricNames = (await exec(esm, "wget -q -O - http://localhost:8080/metrics | grep -v '^#' | cut -d'{' -f1 | cut -d' ' -f1 | sort -u | grep -Ev '^(go|process|promhttp)_' | head -8", { allowFail: true })).stdout.trim();
    out.push(`consul-esm /metrics, series beyond the Go runtime: ${metricNames.split('\n').filter(Boolean).join(', ') || 'none'}`);
    const curl = await exec(esm, 'command -v curl', { allowFail: true });
    out.push(`curl in consul-esm image: ${curl.code === 0 ? 'yes' : 'no (as in the real image)'}`);
    if (esmHealthy === undefined) problems.push('consul-esm did not become healthy');
    if (notPassing.length) problems.push(`consul-esm did not get ${notPassing.join(', ')} passing`);
    if (problems.length) throw new Error([...out, 'problems:', ...problems.map((p) => `  ${p}`)].join('\n'));
    return out;
  });
}

/** Kafka with kafkaSpec()'s env, volume, memory and health check; a topic and a message round trip. */
async function smokeKafka(): Promise<string[]> {
  const spec = (await coreSpecs()).kafka;
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const kafka = await sb.startService(spec, 'apache/kafka:4.1.1');
    const s = await waitHealthy(kafka, spec.waitTimeoutSeconds ?? 240);
    out.push(`kafka healthy after ${s}s with our health check (kafka-broker-api-versions.sh on :19092)`);
    const props = (await exec(kafka, 'cat /opt/kafka/config/server.properties')).stdout;
    for (const want of ['log.dirs=/var/lib/kafka/data', 'auto.create.topics.enable=false', 'process.roles=broker,controller', 'controller.quorum.voters=1@kafka:29093']) {
      expect(props.includes(want), `server.properties lacks ${want}:\n${props}`);
    }
    expect(!/heap/i.test(props), `KAFKA_HEAP_OPTS leaked into server.properties:\n${props}`);
    out.push(`server.properties from KAFKA_* (${props.split('\n').filter((l) => l.includes('=')).length} properties), KAFKA_HEAP_OPTS excluded`);
    const meta = (await exec(kafka, 'cat /var/lib/kafka/data/meta.properties')).stdout;
    expect(meta.includes(`cluster.id=${spec.env!.CLUSTER_ID}`), `meta.properties: ${meta}`);
    out.push(`storage formatted with CLUSTER_ID ${spec.env!.CLUSTER_ID} under /var/lib/kafka/data`);
    const heap = (await exec(kafka, "ps -o args= -C java | head -1 | grep -o -- '-Xm[sx][0-9]*[mMgG]' | tr '\\n' ' '")).stdout.trim();
    out.push(`broker JVM heap flags: ${heap}`);

    // Tools as a user runs them: docker exec into the broker, and a second container on the network.
    const tool = 'KAFKA_HEAP_OPTS="-Xmx128m" /opt/kafka/bin';
    await exec(kafka, `${tool}/kafka-topics.sh --bootstrap-server localhost:19092 --create --topic smoke --partitions 1 --replication-factor 1`);
    const described = (await exec(kafka, `${tool}/kafka-topics.sh --bootstrap-server localhost:19092 --describe --topic smoke`)).stdout;
    expect(described.includes('PartitionCount: 1'), described);
    out.push('topic "smoke" created and described with kafka-topics.sh');
    const msg = `hello-${Date.now()}`;
    const client = ['--entrypoint', '/opt/kafka/bin/kafka-console-producer.sh', '-e', 'KAFKA_HEAP_OPTS=-Xmx128m', 'apache/kafka:4.1.1', '--bootstrap-server', 'kafka:19092', '--topic', 'smoke'];
    await run('docker', ['run', '--rm', '-i', '--label', SMOKE_LABEL, '--network', sb.network, ...client], { input: `${msg}\n` });
    const consumed = await run('docker', [
      'run', '--rm', '--label', SMOKE_LABEL, '--network', sb.network, '--entrypoint', '/opt/kafka/bin/kafka-console-consumer.sh', '-e', 'KAFKA_HEAP_OPTS=-Xmx128m',
      'apache/kafka:4.1.1', '--bootstrap-server', 'kafka:19092', '--topic', 'smoke', '--from-beginning', '--max-messages', '1', '--timeout-ms', '30000',
    ]);
    expect(consumed.stdout.trim() === msg, `consumed "${consumed.stdout.trim()}", produced "${msg}"`);
    out.push('message round trip through kafka:19092 from another container (console producer → consumer)');
    const autoCreate = await run('docker', ['run', '--rm', '-i', '--label', SMOKE_LABEL, '--network', sb.network, ...client.slice(0, -1), 'no-such-topic', '--producer-property', 'max.block.ms=3000'], {
      input: 'x\n',
      allowFail: true,
      timeoutMs: 60_000,
    });
    const topics = (await exec(kafka, `${tool}/kafka-topics.sh --bootstrap-server localhost:19092 --list`)).stdout;
    expect(!topics.includes('no-such-topic'), `auto.create.topics.enable=false did not hold: ${topics}`);
    out.push(`producing to a missing topic does not create it (${/UNKNOWN_TOPIC_OR_PARTITION/.test(autoCreate.stdout + autoCreate.stderr) ? 'UNKNOWN_TOPIC_OR_PARTITION' : `producer exit ${autoCreate.code}`})`);
    // A restart finds formatted storage: the launcher must go on, not fail on "already formatted".
    await run('docker', ['restart', '-t', '30', kafka]);
    await sleep(2000);
    const s2 = await waitHealthy(kafka, spec.waitTimeoutSeconds ?? 240);
    const again = await exec(kafka, `${tool}/kafka-console-consumer.sh --bootstrap-server localhost:19092 --topic smoke --from-beginning --max-messages 1 --timeout-ms 30000`);
    expect(again.stdout.trim() === msg, `after restart consumed "${again.stdout.trim()}"`);
    out.push(`restart: healthy again after ${s2}s, the message survived on the volume`);
    const user = (await exec(kafka, 'id -un; id -u')).stdout.trim().replace('\n', ' uid ');
    out.push(`runs as ${user}`);
    // As the real image's log4j2.yaml does, the broker writes its log files under LOG_DIR: on the
    // read-only root, only the declared scratch path there makes that possible.
    const logs = (await exec(kafka, 'ls /opt/kafka/logs')).stdout.split('\n').filter(Boolean);
    for (const f of ['server.log', 'controller.log', 'kafkaServer-gc.log']) expect(logs.includes(f), `/opt/kafka/logs lacks ${f}: ${logs.join(' ')}`);
    const probe = await exec(kafka, 'touch /opt/kafka/probe', { allowFail: true });
    expect(probe.code !== 0 && /read-only/i.test(probe.stderr), `a write to /opt/kafka did not fail as read-only: ${probe.stderr}`);
    out.push(`log files under /opt/kafka/logs (tmpfs): ${logs.join(' ')}; the rest of the root is read-only`);
    return out;
  });
}

/**
 * How the service's main process runs, from `/proc/1/status`: its uid and gid, effective
 * capabilities (must be none) and NoNewPrivs (must be 1); and that a write to `/` fails.
 */
async function confinement(container: string, uid: number, gid: number): Promise<string> {
  const status = (await exec(container, "grep -E '^(Uid|Gid|CapEff|NoNewPrivs):' /proc/1/status")).stdout;
  const field = (name: string) => new RegExp(`^${name}:\\s*(\\S+)`, 'm').exec(status)?.[1];
  expect(field('Uid') === String(uid) && field('Gid') === String(gid), `process 1 runs as ${field('Uid')}:${field('Gid')}, expected ${uid}:${gid}`);
  expect(/^0+$/.test(field('CapEff') ?? ''), `process 1 has capabilities ${field('CapEff')}`);
  expect(field('NoNewPrivs') === '1', `process 1 has NoNewPrivs ${field('NoNewPrivs')}`);
  const write = await exec(container, 'touch /smoke-write', { allowFail: true });
  expect(write.code !== 0 && /read-only/i.test(write.stderr), `a write to / did not fail as read-only: ${write.stderr}`);
  return `process 1 runs as ${uid}:${gid}, CapEff 0, NoNewPrivs 1; / is read-only`;
}

/** A Prometheus duration (`1w`, `7d`, `1h30m`) in seconds; undefined if it is not one. */
function promSeconds(d: string): number | undefined {
  const unit: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...d.matchAll(/(\d+)(ms|[ywdhms])/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== d) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]], 0);
}

/** Every `job_name` of a Prometheus configuration (the generated one, or what Prometheus reports). */
function jobNames(yaml: string): string[] {
  return [...yaml.matchAll(/^\s*-?\s*job_name:\s*['"]?([^'"\s]+)/gm)].map((m) => m[1]).sort();
}

/**
 * Prometheus as the monitoring stack of the dev environment renders it: command, generated
 * prometheus.yml held read-only, volume, user nobody on a read-only root without scratch space,
 * health check. It must load our configuration, scrape itself and serve its API and UI.
 */
async function smokePrometheus(): Promise<string[]> {
  const { core, monitoring } = await devPlatform();
  const yaml = monitoring.prometheusYaml;
  const { PROMETHEUS_CONFIG_PATH } = await import('../../stacks/monitoring-stack');
  const spec = await resolvedSpec(monitoring.prometheus.spec, { env: { DATALAB_CONFIG_SHA256: 'smoke' }, files: { [PROMETHEUS_CONFIG_PATH]: yaml } });
  const image = spec.image;
  // The generated config scrapes Consul and discovers services through it: with the Consul
  // stand-in of the e2e environment (dev runs 1.21.2, which has none) both are exercised.
  const consulImage = 'hashicorp/consul:1.14.3';
  const haveConsul = (await run('docker', ['image', 'inspect', consulImage], { allowFail: true })).code === 0;
  return withSandbox(async (sb) => {
    const out: string[] = [];
    let consul: string | undefined;
    if (haveConsul) {
      consul = await sb.startService(await resolvedSpec(core.consul.spec, {}), consulImage);
      await waitHealthy(consul, core.consul.spec.waitTimeoutSeconds ?? 120);
      // As ConsulRegistration registers a service with metrics: an external node and its service,
      // here pointing at Prometheus's own /metrics. A "prometheus" service must be dropped (the
      // static job scrapes it already).
      for (const svc of ['smoke-metrics', 'prometheus']) {
        await exec(consul, 'curl -fsS -X PUT --data-binary @- http://localhost:8500/v1/catalog/register', {
          input: JSON.stringify({
            Datacenter: 'dc1', Node: `${svc}-node`, Address: 'prometheus', NodeMeta: { 'external-node': 'true', 'external-probe': 'false' },
            Service: { ID: svc, Service: svc, Address: 'prometheus', Port: 9090, Tags: ['monitoring', 'dev'], Meta: { group: 'monitoring', environment: 'dev', managed_by: 'datalab-stacks', metrics_path: '/metrics', metrics_port: '9090', metrics_scheme: 'http' } },
          }),
        });
      }
      out.push(`consul (${consulImage}, core's spec) healthy; services smoke-metrics and prometheus registered with metrics metadata as ConsulRegistration does`);
    } else {
      out.push(`${consulImage} is not in the engine: Consul scraping and discovery not exercised (build consul-1.14 first)`);
    }
    const c = await sb.startService(spec, image);
    const s = await waitHealthy(c, spec.waitTimeoutSeconds ?? 120);
    out.push(`prometheus healthy after ${s}s with our health check (busybox wget /-/healthy)`);
    const get = async (path: string) => (await exec(c, `wget -q -O - 'http://localhost:9090${path}'`)).stdout;
    const build = JSON.parse(await get('/api/v1/status/buildinfo')) as { data: { version: string; revision: string; goVersion: string } };
    expect(build.data.version === '3.5.0', `buildinfo version ${build.data.version}`);
    out.push(`buildinfo: version ${build.data.version}, revision ${build.data.revision.slice(0, 12)}, ${build.data.goVersion}`);

    const loaded = (JSON.parse(await get('/api/v1/status/config')) as { data: { yaml: string } }).data.yaml;
    const [want, got] = [jobNames(yaml), jobNames(loaded)];
    expect(want.length > 0 && JSON.stringify(want) === JSON.stringify(got), `loaded jobs ${got.join(',')}, generated ${want.join(',')}`);
    out.push(`/api/v1/status/config: the generated prometheus.yml is loaded (jobs ${got.join(', ')})`);
    const flags = (JSON.parse(await get('/api/v1/status/flags')) as { data: Record<string, string> }).data;
    for (const arg of spec.command ?? []) {
      const [k, v] = arg.replace(/^--/, '').split('=');
      // Durations come back normalised (7d → 1w).
      const same = flags[k] === v || (promSeconds(v) !== undefined && promSeconds(v) === promSeconds(flags[k] ?? ''));
      expect(same, `flag ${k} is ${flags[k]}, the stack passes ${v}`);
    }
    out.push(`flags as the stack passes them: ${(spec.command ?? []).join(' ')}`);

    const up = await until('Prometheus to scrape itself (up{job="prometheus"} = 1)', 90, async () => {
      const r = JSON.parse(await get('/api/v1/query?query=up%7Bjob%3D%22prometheus%22%7D')) as { data: { result: { value: [number, string] }[] } };
      return r.data.result[0]?.value[1] === '1' ? r.data.result[0].value[1] : undefined;
    });
    out.push(`query up{job="prometheus"} → ${up} (it scrapes itself)`);
    if (consul) {
      // Consul's own metrics (the static job, with ?format=prometheus), and the discovered service.
      for (const [job, what] of [['consul', 'the static consul job'], ['smoke-metrics', 'the service discovered through Consul']] as const) {
        await until(`up{job="${job}"} = 1 (${what})`, 120, async () => {
          const r = JSON.parse(await get(`/api/v1/query?query=${encodeURIComponent(`up{job="${job}"}`)}`)) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
          return r.data.result[0]?.value[1] === '1' ? r.data.result[0] : undefined;
        });
      }
      const disc = JSON.parse(await get(`/api/v1/query?query=${encodeURIComponent('up{job="smoke-metrics"}')}`)) as { data: { result: { metric: Record<string, string> }[] } };
      const m = disc.data.result[0].metric;
      expect(m.instance === 'smoke-metrics' && m.group === 'monitoring', `discovered target labels: ${JSON.stringify(m)}`);
      const consulSamples = (JSON.parse(await get(`/api/v1/query?query=${encodeURIComponent('count({job="consul",__name__=~"consul_.+"})')}`)) as { data: { result: { value: [number, string] }[] } }).data.result[0]?.value[1];
      out.push(`up{job="consul"} = 1 (${consulSamples} consul_* series from /v1/agent/metrics?format=prometheus); up{job="smoke-metrics"} = 1 with instance=${m.instance}, group=${m.group} (consul_sd_configs and relabelling)`);
    }
    const targets = JSON.parse(await get('/api/v1/targets?state=active')) as { data: { activeTargets: { scrapePool: string; health: string; labels: Record<string, string>; lastError: string }[] } };
    const listed = targets.data.activeTargets.map((t) => `${t.scrapePool}/${t.labels.job}@${t.labels.instance} ${t.health}${t.lastError ? ` (${t.lastError.slice(0, 80)})` : ''}`);
    if (consul) {
      const twice = targets.data.activeTargets.filter((t) => t.scrapePool === 'consul-services' && t.labels.job === 'prometheus');
      expect(twice.length === 0, 'the registered prometheus service is scraped through discovery as well as by the static job');
    }
    out.push(`active targets: ${listed.join('; ')}`);

    const check = await exec(c, `promtool check config ${PROMETHEUS_CONFIG_PATH}`, { allowFail: true });
    expect(check.code === 0, `promtool check config: ${check.stdout}${check.stderr}`);
    out.push(`promtool check config ${PROMETHEUS_CONFIG_PATH}: ${`${check.stdout}${check.stderr}`.trim().split('\n').pop()}`);

    // The web UI: the page and one of the compiled assets it loads, from the binary.
    const page = await get('/query');
    const asset = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(page.includes('<div id="root">') && !!asset, `GET /query is not the UI page: ${page.slice(0, 200)}`);
    const js = await exec(c, `wget -q -O - 'http://localhost:9090/${asset}' | wc -c`);
    expect(Number(js.stdout.trim()) > 10_000, `GET /${asset}: ${js.stdout.trim()} bytes`);
    out.push(`web UI: GET /query serves the page, GET /${asset} ${js.stdout.trim()} bytes`);

    out.push(await confinement(c, 65534, 65534));
    const held = await exec(c, `touch ${PROMETHEUS_CONFIG_PATH}`, { allowFail: true });
    expect(held.code !== 0, `${PROMETHEUS_CONFIG_PATH} is writable`);
    const data = (await exec(c, "ls /prometheus | tr '\\n' ' '; stat -c '%u:%g %a' /prometheus")).stdout.trim();
    out.push(`${PROMETHEUS_CONFIG_PATH} held read-only (file holder); /prometheus (volume): ${data}`);
    const logs = await run('docker', ['logs', c]);
    const errors = `${logs.stdout}${logs.stderr}`.split('\n').filter((l) => /level=(ERROR|WARN)/i.test(l));
    const notConsul = errors.filter((l) => !/consul/i.test(l));
    out.push(
      `log: ${errors.length} warnings/errors${errors.length ? `, ${errors.length - notConsul.length} of them about Consul discovery` : ''}`,
      ...errors.slice(0, 5).map((l) => `  ${l.slice(0, 220)}`),
    );
    // Without Consul its discovery fails, as it should; anything else is a defect.
    expect(notConsul.length === 0 && (!consul || errors.length === 0), 'Prometheus logged warnings or errors');
    return out;
  });
}

/**
 * PostgreSQL as the ml stack of the dev environment renders it: command, superuser and database
 * passwords in the environment, init script held read-only, data volume, postgres (999) on a
 * read-only root with its two scratch paths, health check. The init script must create each
 * service's role and database (pg_trgm in prefect's), each role must log in over the network with
 * its own password, and a restart must keep the data without initialising again.
 */
async function smokePostgres(): Promise<string[]> {
  const { ml } = await devPlatform();
  const dbs = Object.values(ml.databases);
  const passwords: Record<string, string> = { POSTGRES_PASSWORD: password(), ...Object.fromEntries(dbs.map((d) => [d.passwordEnv, password()])) };
  const spec = await resolvedSpec(ml.postgres.spec, { env: passwords });
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const c = await sb.startService(spec, spec.image);
    const s = await waitHealthy(c, spec.waitTimeoutSeconds ?? 120);
    out.push(`postgres healthy after ${s}s with our health check (pg_isready over TCP)`);
    const version = (await exec(c, 'postgres --version')).stdout.trim();
    out.push(`${version} (the real image: 17.11)`);
    const logs = `${(await run('docker', ['logs', c])).stdout}${(await run('docker', ['logs', c])).stderr}`;
    expect(/sourcing \/docker-entrypoint-initdb.d\/10-datalab-databases.sh/.test(logs), `the init script was not run:\n${logs.slice(-1500)}`);
    expect(/init process complete/.test(logs), `init did not complete:\n${logs.slice(-1500)}`);
    out.push('entrypoint: initdb, then 10-datalab-databases.sh sourced by the temporary server, init complete');

    // As MLflow, Prefect and Airflow connect: over the network, as the owner role, with its password.
    const psql = (user: string, db: string, pw: string, sql: string) =>
      run('docker', ['run', '--rm', '--label', SMOKE_LABEL, '--network', sb.network, '-e', `PGPASSWORD=${pw}`, '--user', '999:999', '--read-only', spec.image,
        'psql', '-h', 'postgres', '-U', user, '-d', db, '-v', 'ON_ERROR_STOP=1', '-tA', '-c', sql], { allowFail: true });
    for (const db of dbs) {
      const r = await psql(db.owner, db.name, passwords[db.passwordEnv], "SELECT current_user, current_database(), pg_get_userbyid(datdba), (SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension) FROM pg_database WHERE datname = current_database()");
      expect(r.code === 0, `psql as ${db.owner} to ${db.name}: ${r.stderr.trim()}`);
      const [user, name, owner, exts] = r.stdout.trim().split('|');
      expect(user === db.owner && name === db.name && owner === db.owner, `as ${db.owner}: ${r.stdout.trim()}`);
      for (const e of db.extensions) expect(exts.split(',').includes(e), `${db.name} lacks extension ${e}: ${exts}`);
      const create = await psql(db.owner, db.name, passwords[db.passwordEnv], 'CREATE TABLE smoke (id int); DROP TABLE smoke;');
      expect(create.code === 0, `${db.owner} cannot create a table in ${db.name}: ${create.stderr.trim()}`);
      out.push(`psql -h postgres -U ${db.owner} -d ${db.name} (from another container, password from ${db.passwordEnv}): owner ${owner}, extensions ${exts}, may create tables`);
    }
    const wrong = await psql(dbs[0].owner, dbs[0].name, 'not-the-password', 'SELECT 1');
    expect(wrong.code !== 0 && /password authentication failed/.test(wrong.stderr), `a wrong password was not refused: ${wrong.stdout}${wrong.stderr}`);
    // Another service's database: not even a connection (the init script revokes PUBLIC's CONNECT).
    const other = await psql(dbs[0].owner, dbs[1].name, passwords[dbs[0].passwordEnv], 'SELECT 1');
    expect(other.code !== 0 && /permission denied for database/.test(other.stderr), `${dbs[0].owner} may connect to ${dbs[1].name}: ${other.stdout}${other.stderr}`);
    out.push(`a wrong password is refused (scram-sha-256 for "host all all all"); ${dbs[0].owner} may not connect to ${dbs[1].name} (${/FATAL:\s*([^\n]+)/.exec(other.stderr)?.[1] ?? other.stderr.trim()})`);
    const superuser = await psql('postgres', 'postgres', passwords.POSTGRES_PASSWORD, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
    expect(superuser.stdout.trim() === 't', `superuser login: ${superuser.stdout}${superuser.stderr}`);
    out.push('superuser postgres logs in over the network with POSTGRES_PASSWORD');

    out.push(await confinement(c, 999, 999));
    const pgdata = (await exec(c, 'stat -c "%u:%g %a" "$PGDATA"; ls -ld /var/run/postgresql | cut -c1-10; ls -A /var/run/postgresql | tr "\n" " "; echo; ls -A /tmp | wc -l')).stdout.trim().split('\n');
    out.push(`$PGDATA ${pgdata[0]} (volume); /var/run/postgresql ${pgdata[1]} (tmpfs) holds ${pgdata[2].trim()}; /tmp (tmpfs) holds ${pgdata[3]} entries`);
    const held = await exec(c, 'touch /docker-entrypoint-initdb.d/x', { allowFail: true });
    expect(held.code !== 0, '/docker-entrypoint-initdb.d is writable');
    out.push('/docker-entrypoint-initdb.d held read-only (file holder)');

    await run('docker', ['restart', '-t', '30', c]);
    await sleep(2000);
    const s2 = await waitHealthy(c, spec.waitTimeoutSeconds ?? 120);
    const after = `${(await run('docker', ['logs', '--since', '30s', c])).stdout}${(await run('docker', ['logs', '--since', '30s', c])).stderr}`;
    expect(/Skipping initialization/.test(after), `after a restart the entrypoint did not skip initialisation:\n${after.slice(-800)}`);
    const again = await psql(dbs[1].owner, dbs[1].name, passwords[dbs[1].passwordEnv], 'SELECT 1');
    expect(again.stdout.trim() === '1', `after restart: ${again.stderr}`);
    out.push(`restart: healthy again after ${s2}s, initialisation skipped, ${dbs[1].owner} still logs in`);

    // The image's other starts a user may make: as root (Docker's defaults: chown, then gosu to
    // postgres), and on an empty volume without a password (refused, in one message).
    const asRoot = await sb.startRaw('postgres-root', ['-e', `POSTGRES_PASSWORD=${password()}`, spec.image]);
    await until('the root-started server to accept connections', 60, async () =>
      (await exec(asRoot, 'pg_isready -h 127.0.0.1 -q', { allowFail: true })).code === 0 ? true : undefined,
    );
    const rootUid = (await exec(asRoot, "awk '/^Uid:/{print $2}' /proc/1/status; stat -c '%U %a' \"$PGDATA\"")).stdout.trim().split('\n');
    expect(rootUid[0] === '999' && rootUid[1] === 'postgres 700', `started as root, the server runs as ${rootUid[0]}, PGDATA ${rootUid[1]}`);
    out.push('started as root (no --user): data directory given to postgres, server runs as 999 through gosu');
    const noPassword = await run('docker', ['run', '--rm', '--label', SMOKE_LABEL, '--network', 'none', spec.image], { allowFail: true, timeoutMs: 60_000 });
    expect(noPassword.code !== 0 && /POSTGRES_PASSWORD/.test(noPassword.stderr), `without POSTGRES_PASSWORD: exit ${noPassword.code} ${noPassword.stderr.slice(-300)}`);
    out.push(`without POSTGRES_PASSWORD on an empty volume: exit ${noPassword.code}, "${noPassword.stderr.trim().split('\n').pop()?.slice(0, 120)}"`);
    return out;
  });
}

/**
 * The ml stack of the dev environment with its PostgreSQL started (as smokePostgres starts it) and
 * every generated secret filled in: the specs of its other services, resolved.
 */
async function mlSandbox(sb: Sandbox) {
  const { ml } = await devPlatform();
  const dbs = Object.values(ml.databases);
  const passwords: Record<string, string> = { POSTGRES_PASSWORD: password(), ...Object.fromEntries(dbs.map((d) => [d.passwordEnv, password()])) };
  const pw = (name: string) => passwords[dbs.find((d) => d.name === name)!.passwordEnv];
  const url = (driver: string, name: string) => `${driver}://${dbs.find((d) => d.name === name)!.owner}:${pw(name)}@postgres:5432/${name}`;
  const pg = await resolvedSpec(ml.postgres.spec, { env: passwords });
  const pgContainer = await sb.startService(pg, pg.image);
  await waitHealthy(pgContainer, pg.waitTimeoutSeconds ?? 120);
  return { ml, url };
}

/**
 * Prefect server and process worker as the ml stack renders them (root, their commands, the
 * worker's health server), on PostgreSQL: both healthy, the server's API answers and lists the
 * work pool the worker created, with the worker in it.
 */
async function smokePrefect(): Promise<string[]> {
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const { ml, url } = await mlSandbox(sb);
    const server = await resolvedSpec(ml.prefectServer.spec, { env: { PREFECT_API_DATABASE_CONNECTION_URL: url('postgresql+asyncpg', 'prefect') } });
    const sc = await sb.startService(server, server.image);
    out.push(`prefect server healthy after ${await waitHealthy(sc, server.waitTimeoutSeconds ?? 180)}s (GET /api/health from python)`);
    const worker = await resolvedSpec(ml.prefectWorker.spec, { env: { PREFECT_API_URL: 'http://prefect-server:4200/api' } });
    const wc = await sb.startService(worker, worker.image);
    out.push(`prefect worker healthy after ${await waitHealthy(wc, worker.waitTimeoutSeconds ?? 120)}s (its /health)`);
    const pool = worker.command![worker.command!.indexOf('--pool') + 1];
    const py = `import json,urllib.request as u; r=u.urlopen(u.Request("http://127.0.0.1:4200/api/work_pools/${pool}/workers/filter", data=b"{}", headers={"content-type":"application/json"})); print(json.dumps([w["status"] for w in json.load(r)]))`;
    const statuses = await until('the worker ONLINE in its pool', 60, async () => {
      const r = await exec(sc, `python -c '${py}'`, { allowFail: true });
      return r.stdout.includes('ONLINE') ? r.stdout.trim() : undefined;
    });
    out.push(`work pool ${pool}: workers ${statuses}`);
    const version = (await exec(sc, 'prefect version | head -1')).stdout.trim();
    out.push(version);
    return out;
  });
}

/**
 * Airflow as the ml stack renders it (50000:0): the init task migrates the database and creates
 * the admin (exit 0), then the API server, scheduler and DAG processor become healthy with the
 * shared secrets, and the API server's health endpoint calls every component healthy.
 */
async function smokeAirflow(): Promise<string[]> {
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const { ml, url } = await mlSandbox(sb);
    const secrets = {
      AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: url('postgresql+psycopg2', 'airflow'),
      AIRFLOW__CORE__FERNET_KEY: randomBytes(32).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
      AIRFLOW__API__SECRET_KEY: password(),
      AIRFLOW__API_AUTH__JWT_SECRET: password(),
      _AIRFLOW_WWW_USER_PASSWORD: password(),
      AIRFLOW__CORE__EXECUTION_API_SERVER_URL: 'http://airflow-apiserver:8080/execution/',
    };
    const init = await resolvedSpec(ml.airflowInit.spec, { env: secrets });
    const ic = await sb.startService(init, init.image);
    const exit = await until('airflow-init to exit', 300, async () => {
      const r = await run('docker', ['inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', ic]);
      const [state, code] = r.stdout.trim().split(' ');
      return state === 'exited' ? Number(code) : undefined;
    });
    const initLogs = await run('docker', ['logs', ic], { allowFail: true });
    expect(exit === 0, `airflow-init exited ${exit}:\n${(initLogs.stdout + initLogs.stderr).slice(-2000)}`);
    expect(/Database migrating done|Database migration done|migrat/i.test(initLogs.stdout + initLogs.stderr), 'airflow-init shows no migration');
    out.push('airflow-init (migrate + admin user, then `airflow version`) exited 0');
    const started = [];
    for (const svc of [ml.airflowApiServer, ml.airflowScheduler, ml.airflowDagProcessor]) {
      const spec = await resolvedSpec(svc.spec, { env: secrets });
      started.push({ spec, c: await sb.startService(spec, spec.image) });
    }
    for (const { spec, c } of started) out.push(`${spec.name} healthy after ${await waitHealthy(c, spec.waitTimeoutSeconds ?? 240)}s`);
    const api = started[0].c;
    const health = (await exec(api, `python -c 'import urllib.request as u; print(u.urlopen("http://127.0.0.1:8080/api/v2/monitor/health").read().decode())'`)).stdout.trim();
    for (const component of ['metadatabase', 'scheduler', 'dag_processor']) expect(new RegExp(`"${component}":\\{"status":"healthy"`).test(health), `${component} is not healthy: ${health}`);
    out.push(`/api/v2/monitor/health: ${health.slice(0, 200)}`);
    out.push((await exec(api, 'id; airflow version')).stdout.trim().replace(/\n/g, '; '));
    return out;
  });
}

/**
 * MLflow as the ml stack runs it: the project image (images/mlflow on the stand-in, built here
 * with the e2e's PyPI mirror as the stack builds it), its command and environment, on
 * PostgreSQL: healthy, and an experiment created through the REST API lands in the database.
 */
async function smokeMlflow(): Promise<string[]> {
  const { servePypiMirror } = await import('../scenario/pypi-mirror');
  const { mirrorBuildArgs } = await import('../../stacks/build-mirrors');
  const { mlflowImageBuildArgs } = await import('../../stacks/ml-stack');
  const root = join(__dirname, '..', '..');
  return withSandbox(async (sb) => {
    const out: string[] = [];
    const { ml, url } = await mlSandbox(sb);
    const spec0 = ml.mlflow.spec;
    const image = `datalab-e2e-smoke/mlflow:${process.pid}`;
    const mirror = await servePypiMirror(root, join(tmpdir(), 'datalab-smoke-pypi.log'), () => undefined);
    try {
      const { loadEnvironment } = await import('../../config/loader');
      const args = { ...mlflowImageBuildArgs(loadEnvironment('dev').ml!), ...mirrorBuildArgs({ python: mirror.index }, ['python']) };
      await run('docker', ['build', '--label', SMOKE_LABEL, ...Object.entries(args).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]), '-t', image, join(root, 'images', 'mlflow')], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    } finally {
      await mirror.close();
    }
    out.push(`project image built from images/mlflow on ${spec0.image} with the PyPI mirror`);
    try {
      const spec = await resolvedSpec(spec0, {
        env: { MLFLOW_BACKEND_STORE_URI: url('postgresql+psycopg2', 'mlflow'), MLFLOW_S3_ENDPOINT_URL: 'http://lake:9000', AWS_ACCESS_KEY_ID: 'datalab-mlflow', AWS_SECRET_ACCESS_KEY: password() },
      });
      const c = await sb.startService(spec, image);
      out.push(`mlflow healthy after ${await waitHealthy(c, spec.waitTimeoutSeconds ?? 180)}s (GET /health from python)`);
      const py = `import json,urllib.request as u; r=u.urlopen(u.Request("http://127.0.0.1:5000/api/2.0/mlflow/experiments/create", data=json.dumps({"name":"smoke"}).encode(), headers={"content-type":"application/json"})); print(json.load(r)["experiment_id"])`;
      const id = (await exec(c, `python -c '${py}'`)).stdout.trim();
      expect(/^\d+$/.test(id), `no experiment id: ${id}`);
      out.push(`experiment ${id} created through the REST API (backend store: PostgreSQL); ${(await exec(c, 'mlflow --version')).stdout.trim()}`);
    } finally {
      await run('docker', ['rmi', '-f', image], { allowFail: true });
    }
    return out;
  });
}

export const SMOKE_TESTS: Readonly<Record<string, () => Promise<string[]>>> = {
  seaweedfs: smokeSeaweedfs,
  consul: () => smokeConsul('hashicorp/consul:1.8.7'),
  'consul-1.14': () => smokeConsul('hashicorp/consul:1.14.3'),
  kafka: smokeKafka,
  prometheus: smokePrometheus,
  postgres: smokePostgres,
  mlflow: smokeMlflow,
  prefect: smokePrefect,
  airflow: smokeAirflow,
};
