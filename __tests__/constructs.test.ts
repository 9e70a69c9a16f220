import { Testing, TerraformStack, Token } from 'cdktf';
import { ConstructError } from '../constructs/construct-error';
import { MinioLake } from '../constructs/minio-lake';
import { canonicalDuration, dockerHealthcheck, DockerService, dockerTest, HARDENING_RULES, literal } from '../constructs/docker-service';
import { RunAs } from '../constructs/hardening';
import { Suppressions } from '../policy/suppressions';
import { KafkaCluster } from '../constructs/kafka-cluster';
import { PlatformNetwork } from '../constructs/platform-network';
import { ServiceDiscovery } from '../constructs/service-discovery';
import { IService, Service, servicesIn } from '../constructs/service';
import { Probe, ServiceSpec } from '../constructs/service-spec';
import { resourceAt, resourcesOf, synthJson } from './helpers';

/** The message of the ConstructError `fn` throws: the construct path, then what is wrong. */
function constructErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConstructError);
    return (err as Error).message;
  }
  throw new Error('expected a ConstructError');
}

function stack(): TerraformStack {
  return new TerraformStack(Testing.app(), 'test');
}

const baseSpec: ServiceSpec = {
  name: 'web',
  group: 'test',
  image: 'nginx:1.27.3',
  ports: [{ name: 'http', containerPort: 80, host: { address: '127.0.0.1', port: 8000 } }],
  probe: Probe.http(80, '/'),
  resources: { memoryMb: 128 },
};

function service(spec: Partial<ServiceSpec>, s = stack()) {
  const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
  const svc = new DockerService(s, 'web', { spec: { ...baseSpec, ...spec }, network, environment: 'test' });
  return { s, svc, json: synthJson(s) };
}

describe('canonicalDuration', () => {
  it.each([
    [0, '0s'],
    [10, '10s'],
    [60, '1m0s'],
    [90, '1m30s'],
    [3600, '1h0m0s'],
  ])('renders %i seconds as Go does (%s)', (s, expected) => {
    expect(canonicalDuration(s)).toBe(expected);
  });

  it('rejects fractional or negative durations', () => {
    expect(() => canonicalDuration(1.5)).toThrow(/whole seconds/);
    expect(() => canonicalDuration(-1)).toThrow(/whole seconds/);
  });
});

describe('DockerService', () => {
  it('keeps the first replica id and name when scaling out, and publishes consecutive host ports', () => {
    const { json } = service({ replicas: 3 });
    const ids = Object.keys(resourcesOf(json, 'docker_container')).map((id) => id.replace(/_[A-F0-9]{8}$/, '')).sort();
    expect(ids).toEqual(['web_container', 'web_container-2', 'web_container-3']);
    expect(resourceAt(json, 'docker_container', 'web/container').name).toBe('datalab-test-web');
    const third = resourceAt(json, 'docker_container', 'web/container-3');
    expect(third.name).toBe('datalab-test-web-3');
    expect(third.ports).toEqual([{ internal: 80, external: 8002, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(third.networks_advanced).toEqual([{ name: expect.any(String), aliases: ['web', 'web-3'] }]);
  });

  it('keeps network aliases stable when scaling (they force replacement) and addresses each replica by its container name', () => {
    const { json, svc } = service({ replicas: 2 });
    expect(resourceAt(json, 'docker_container', 'web/container').networks_advanced).toEqual([{ name: expect.any(String), aliases: ['web'] }]);
    expect(resourceAt(json, 'docker_container', 'web/container-2').networks_advanced).toEqual([{ name: expect.any(String), aliases: ['web', 'web-2'] }]);
    // Scaled: the shared name round-robins, so each replica is addressed by its (unique) container name.
    expect(svc.replicaHosts).toEqual(['datalab-test-web', 'datalab-test-web-2']);
    const single = service({});
    expect(resourceAt(single.json, 'docker_container', 'web/container').networks_advanced).toEqual([{ name: expect.any(String), aliases: ['web'] }]);
    expect(single.svc.replicaHosts).toEqual(['web']);
    expect(resourceAt(json, 'docker_container', 'web/container').hostname).toBe('web');
  });

  it('limits CPU with a quota and labels the limit so a change re-creates the container', () => {
    const c = resourceAt(service({ resources: { memoryMb: 128, cpus: 1.5 } }).json, 'docker_container', 'web/container');
    expect(c.cpu_period).toBe(100000);
    expect(c.cpu_quota).toBe(150000);
    expect(c.cpus).toBeUndefined();
    expect(c.labels).toContainEqual({ label: 'datalab.cpus', value: '1.5' });
  });

  it('sets no CPU quota when no CPU limit is configured', () => {
    const c = resourceAt(service({}).json, 'docker_container', 'web/container');
    expect(c.cpu_quota).toBeUndefined();
    expect((c.labels as { label: string }[]).map((l) => l.label)).not.toContain('datalab.cpus');
  });

  it('mounts data only on named volumes, and protects them when asked', () => {
    const s = stack();
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    new DockerService(s, 'db', {
      spec: { ...baseSpec, name: 'db', volumes: [{ key: 'data', path: '/var/lib/db', name: 'datalab-test-db-data' }] },
      network,
      environment: 'test',
      protectData: true,
    });
    const json = synthJson(s);
    const volume = resourceAt(json, 'docker_volume', 'db/volume-data');
    expect(volume).toMatchObject({ name: 'datalab-test-db-data', driver: 'local', lifecycle: { prevent_destroy: true } });
    expect(resourceAt(json, 'docker_container', 'db/container').volumes).toEqual([
      { container_path: '/var/lib/db', volume_name: expect.stringMatching(/^\$\{docker_volume\.db_volume-data_[A-F0-9]+\.name\}$/) },
    ]);
  });

  it('refuses replicas that would share a volume', () => {
    expect(constructErrorOf(() => service({ replicas: 2, volumes: [{ key: 'data', path: '/d', name: 'v' }] }))).toBe('test/web: service "web": 2 replicas cannot share volumes data');
  });

  it('refuses a long-running service without a probe, naming the probes it could have', () => {
    expect(constructErrorOf(() => service({ probe: undefined }))).toBe(
      'test/web: service "web": a long-running service needs a probe (spec.probe: Probe.http, Probe.tcp, or Probe.exec/shell for a service that serves nothing)',
    );
  });

  it('renders a service with only an exec probe (nothing to reach from outside) with that command as its health check', () => {
    const { json, svc } = service({ ports: [], probe: Probe.shell('airflow jobs check', { intervalSeconds: 30, timeoutSeconds: 30, startPeriodSeconds: 60, retries: 5 }) });
    expect(resourceAt(json, 'docker_container', 'web/container').healthcheck).toEqual({
      test: ['CMD-SHELL', 'airflow jobs check'],
      interval: '30s',
      timeout: '30s',
      start_period: '1m0s',
      retries: 5,
    });
    expect(svc.probe?.network).toBeUndefined();
  });

  it('runs one-shot tasks to completion: no restart, not kept running, apply waits for the exit', () => {
    const c = resourceAt(service({ oneShot: true, probe: undefined, ports: [] }).json, 'docker_container', 'web/container');
    expect(c).toMatchObject({ restart: 'no', must_run: false, attach: true, logs: true, wait: false });
    expect(c.healthcheck).toBeUndefined();
  });

  it('uploads files by content, so an edit re-creates the container that holds them', () => {
    const c = resourceAt(service({ files: [{ path: '/etc/app/app.conf', content: 'a=1\n' }] }).json, 'docker_container', 'web/files');
    expect(c.upload).toEqual([{ file: '/etc/app/app.conf', content: 'a=1\n', executable: false }]);
  });

  it('confines every container by default: no-new-privileges, every capability dropped, read-only root, no exception', () => {
    const { svc, json } = service({ hardening: { runAs: RunAs.user(1000, 1000) } });
    const c = resourceAt(json, 'docker_container', 'web/container');
    expect(c).toMatchObject({ user: '1000:1000', read_only: true, privileged: false, security_opts: ['no-new-privileges:true'], capabilities: { drop: ['ALL'] } });
    expect(c.capabilities).toEqual({ drop: ['ALL'] });
    expect(c.tmpfs).toBeUndefined();
    expect(Suppressions.collect(svc.node.root as TerraformStack)).toEqual([]);
  });

  it("leaves the user to the image when none is named (policy rule DL017 then fails the synth)", () => {
    const c = resourceAt(service({}).json, 'docker_container', 'web/container');
    expect(c.user).toBeUndefined();
    expect(c.read_only).toBe(true);
  });

  it('mounts each scratch path as a bounded tmpfs owned by the numeric user, exec only where declared, and labels it so a change re-creates', () => {
    const c = resourceAt(
      service({
        hardening: {
          runAs: RunAs.user(1000, 1000),
          scratch: [
            { path: '/tmp', purpose: 'JVM native libraries', sizeMb: 64, exec: true },
            { path: '/opt/app/logs', purpose: 'log files of the app', sizeMb: 8 },
          ],
        },
      }).json,
      'docker_container',
      'web/container',
    );
    expect(c.tmpfs).toEqual({ '/tmp': 'size=64m,mode=1777,uid=1000,gid=1000,exec', '/opt/app/logs': 'size=8m,mode=1777,uid=1000,gid=1000' });
    expect(c.labels).toContainEqual({ label: 'datalab.tmpfs', value: '/tmp=size=64m,mode=1777,uid=1000,gid=1000,exec;/opt/app/logs=size=8m,mode=1777,uid=1000,gid=1000' });
  });

  it('leaves scratch root-owned (mode 1777) for a user known only by name', () => {
    const c = resourceAt(service({ hardening: { runAs: RunAs.imageUser('app'), scratch: [{ path: '/tmp', purpose: 'temporary files', sizeMb: 16 }] } }).json, 'docker_container', 'web/container');
    expect([c.user, c.tmpfs]).toEqual(['app', { '/tmp': 'size=16m,mode=1777' }]);
  });

  it('puts uploaded files of a read-only service into a never-started holder whose volumes every replica mounts read-only', () => {
    const { svc, json } = service({
      replicas: 2,
      hardening: { runAs: RunAs.user(1000, 1000) },
      files: [
        { path: '/etc/app/a.conf', content: 'a' },
        { path: '/etc/app/conf.d/b.conf', content: 'b' },
        { path: '/etc/other/c.conf', content: 'c' },
      ],
    });
    const holder = resourceAt(json, 'docker_container', 'web/files');
    // Anonymous volumes per folder (outermost only), which Docker fills from the image's folder first.
    expect(holder).toMatchObject({
      name: 'datalab-test-web-files',
      start: false,
      must_run: false,
      restart: 'no',
      network_mode: 'none',
      user: '65534:65534',
      security_opts: ['no-new-privileges:true'],
      capabilities: { drop: ['ALL'] },
      volumes: [{ container_path: '/etc/app' }, { container_path: '/etc/other' }],
    });
    expect(holder.read_only).toBeUndefined();
    expect(holder.upload).toHaveLength(3);
    expect(holder.labels).toContainEqual({ label: 'datalab.role', value: 'files' });
    for (const id of ['web/container', 'web/container-2']) {
      const c = resourceAt(json, 'docker_container', id);
      expect(c.upload).toBeUndefined();
      expect(c.read_only).toBe(true);
      expect(c.volumes).toEqual([{ from_container: expect.stringMatching(/^\$\{docker_container\.web_files_[A-F0-9]+\.id\}:ro$/) }]);
    }
    expect(svc.filesHolder).toBeDefined();
    expect(svc.containers).toHaveLength(2);
    // The holder's writable root is the one exception, listed with its reason.
    expect(Suppressions.collect(svc.node.root as TerraformStack).map((x) => `${x.rule} ${x.reason}`)).toEqual([
      'DL018 never started: it only holds the files uploaded for "web" (Docker uploads nothing into a read-only root), which the service mounts read-only',
    ]);
  });

  it('needs no holder without files', () => {
    expect(service({}).svc.filesHolder).toBeUndefined();
  });

  it('uploads into the root file system itself when it is writable (no extra volume)', () => {
    const c = resourceAt(
      service({ files: [{ path: '/etc/app/a.conf', content: 'a' }], hardening: { readOnlyRootFilesystem: { enabled: false, reason: 'writes all over the image' } } }).json,
      'docker_container',
      'web/container',
    );
    expect(c.read_only).toBe(false);
    expect(c.volumes).toBeUndefined();
    expect(c.upload).toEqual([{ file: '/etc/app/a.conf', content: 'a', executable: false }]);
  });

  it('reports a refused hardening or file layout with the construct path of the service', () => {
    expect(constructErrorOf(() => service({ hardening: { runAs: RunAs.user(1000, 1000), scratch: [{ path: '/run/app', purpose: 'runtime files', sizeMb: 1 }] }, files: [{ path: '/run/app/x', content: 'x' }] }))).toBe(
      'test/web: service "web": file /run/app/x is inside scratch path /run/app, which is mounted empty at every start',
    );
  });

  it('refuses a file the holder cannot hold well: in /, in a system folder, on a volume, or hidden by a scratch path', () => {
    expect(() => service({ files: [{ path: '/app.conf', content: 'a' }] })).toThrow('service "web": file /app.conf cannot be uploaded to a read-only root there: / would become a volume as a whole');
    expect(() => service({ files: [{ path: '/etc/app.conf', content: 'a' }] })).toThrow(
      'service "web": file /etc/app.conf cannot be uploaded to a read-only root there: /etc would become a volume as a whole; put the file in a folder of its own (e.g. /etc/web/)',
    );
    expect(() => service({ volumes: [{ key: 'data', path: '/var/lib/app', name: 'v' }], files: [{ path: '/var/lib/app/seed/x.sql', content: 'a' }] })).toThrow(
      'service "web": file /var/lib/app/seed/x.sql is on the volume at /var/lib/app; on a read-only root, uploaded files must be outside volumes (put it in a folder of its own)',
    );
    expect(() => service({ files: [{ path: '/run/app/x', content: 'a' }], hardening: { scratch: [{ path: '/run/app', purpose: 'runtime files', sizeMb: 1 }] } })).toThrow(
      'service "web": file /run/app/x is inside scratch path /run/app, which is mounted empty at every start',
    );
  });

  it('records each relaxation as a suppression of the rule it breaks, with its reason, on every replica', () => {
    const app = Testing.app();
    const s = new TerraformStack(app, 'test');
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    new DockerService(s, 'web', {
      network,
      environment: 'test',
      spec: {
        ...baseSpec,
        replicas: 2,
        hardening: {
          runAs: RunAs.root('spawns processes as other users'),
          capabilities: [{ capability: 'SETUID', reason: 'switches to the user' }],
          readOnlyRootFilesystem: { enabled: false, reason: 'useradd writes /etc/passwd' },
          noNewPrivileges: { enabled: false, reason: 'runs sudo for the admin' },
        },
      },
    });
    const c = resourceAt(synthJson(s), 'docker_container', 'web/container');
    // Docker's own spelling (what the provider reads back from HostConfig.CapAdd): a bare SETUID would re-create the container at every plan.
    expect(c).toMatchObject({ user: '0:0', read_only: false, capabilities: { drop: ['ALL'], add: ['CAP_SETUID'] } });
    expect(c.security_opts).toBeUndefined();
    const found = Suppressions.collect(app).map((x) => `${x.rule} ${x.address.replace(/_[A-F0-9]+$/, '')}: ${x.reason}`);
    expect(found.sort()).toEqual(
      [
        'DL015 test/docker_container.web_container: runs sudo for the admin',
        'DL016 test/docker_container.web_container: SETUID: switches to the user',
        'DL017 test/docker_container.web_container: spawns processes as other users',
        'DL018 test/docker_container.web_container: useradd writes /etc/passwd',
        'DL015 test/docker_container.web_container-2: runs sudo for the admin',
        'DL016 test/docker_container.web_container-2: SETUID: switches to the user',
        'DL017 test/docker_container.web_container-2: spawns processes as other users',
        'DL018 test/docker_container.web_container-2: useradd writes /etc/passwd',
      ].sort(),
    );
    // The suppression names the rule the relaxation breaks.
    expect(Object.entries(HARDENING_RULES).map(([demand, rule]) => `${demand}=${rule.name}`)).toEqual(
      ['no-new-privileges', 'capabilities-dropped', 'non-root-user', 'read-only-rootfs'].map((d) => `${d}=${d}`),
    );
  });

  it('names the port it does not have', () => {
    expect(constructErrorOf(() => service({}).svc.internalUrl('grpc'))).toBe('test/web: service "web" has no port "grpc"; it has: http');
  });

  it('builds URLs inside the network and on the host', () => {
    const { svc } = service({});
    expect(svc.internalUrl('http')).toBe('http://web:80');
    expect(svc.hostUrl('http')).toBe('http://127.0.0.1:8000');
  });

  it('gives host tools loopback for a port published on every interface, and keeps any other address', () => {
    const wide = service({ ports: [{ name: 'http', containerPort: 80, host: { address: '0.0.0.0', port: 8000 } }, { name: 'tcp', containerPort: 81, scheme: 'tcp', host: { address: '127.0.0.2', port: 8001 } }] }).svc;
    expect(wide.hostUrl('http')).toBe('http://127.0.0.1:8000');
    expect(wide.hostUrl('tcp')).toBe('127.0.0.2:8001');
  });
});

describe('ServiceDiscovery', () => {
  const registered = (spec: Partial<ServiceSpec>, port?: string) => {
    const s = stack();
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    const svc = new DockerService(s, 'web', { spec: { ...baseSpec, ...spec }, network, environment: 'test' });
    const discovery = new ServiceDiscovery({ connection: { address: '127.0.0.1:8500', datacenter: 'dc1' }, environment: 'test', server: [] });
    discovery.register(svc, port === undefined ? {} : { port });
    return synthJson(s);
  };

  it('registers each replica under its own alias, so its check and metrics reach that replica only', () => {
    const json = registered({ replicas: 2, metrics: { port: 80, path: '/metrics' } });
    const svc1 = resourceAt(json, 'consul_service', 'web/registration/service');
    const svc2 = resourceAt(json, 'consul_service', 'web/registration/service-2');
    const [h1, h2] = ['datalab-test-web', 'datalab-test-web-2'];
    expect(svc1).toMatchObject({ name: 'web', service_id: h1, address: h1, port: 80 });
    expect(svc2).toMatchObject({ name: 'web', service_id: h2, address: h2, port: 80 });
    expect((svc1.check as Record<string, unknown>[])[0]).toMatchObject({ check_id: `${h1}:health`, http: `http://${h1}:80/` });
    expect((svc2.check as Record<string, unknown>[])[0]).toMatchObject({ check_id: `${h2}:health`, http: `http://${h2}:80/` });
    expect(resourceAt(json, 'consul_node', 'web/registration/node')).toMatchObject({ name: h1, address: h1 });
    expect(resourceAt(json, 'consul_node', 'web/registration/node-2')).toMatchObject({ name: h2, address: h2 });
    // Each registered address is the name of exactly one container (Docker's DNS resolves it).
    const names = Object.values(resourcesOf(json, 'docker_container')).map((c) => c.name);
    for (const a of [h1, h2]) expect(names.filter((x) => x === a)).toHaveLength(1);
  });

  it('announces the named port when one is given, and the first port otherwise', () => {
    const ports: ServiceSpec['ports'] = [
      { name: 'external', containerPort: 9092, scheme: 'tcp', host: { address: '127.0.0.1', port: 9092 } },
      { name: 'internal', containerPort: 19092, scheme: 'tcp' },
    ];
    const spec = { ports, probe: Probe.exec(['true'], { reachableAt: { port: 19092, scheme: 'tcp' } }) };
    expect(resourceAt(registered(spec), 'consul_service', 'web/registration/service').port).toBe(9092);
    expect(resourceAt(registered(spec, 'internal'), 'consul_service', 'web/registration/service').port).toBe(19092);
  });

  it('rejects an unknown port name, listing the ports the service has', () => {
    expect(constructErrorOf(() => registered({}, 'admin'))).toBe('test/web: service "web" has no port "admin"; it has: http');
  });

  it('checks the network side of the probe: http path, tcp port, or the endpoint an exec probe names', () => {
    const check = (probe: Probe) => (resourceAt(registered({ probe }), 'consul_service', 'web/registration/service').check as Record<string, unknown>[])[0];
    expect(check(Probe.http(80, '/healthz'))).toMatchObject({ http: 'http://web:80/healthz', method: 'GET', tls_skip_verify: false });
    expect(check(Probe.tcp(80))).toMatchObject({ tcp: 'web:80' });
    expect(check(Probe.shell('true', { reachableAt: { port: 80, scheme: 'https', path: '/x' } }))).toMatchObject({ http: 'https://web:80/x', tls_skip_verify: true });
  });

  it('refuses to register a service whose probe reaches nothing over the network', () => {
    expect(() => registered({ probe: Probe.exec(['true']) })).toThrow(
      'service "web" has no network probe for Consul to run (its probe checks only inside the service); register services with an http or tcp probe, or an exec probe with reachableAt',
    );
  });

  it('keeps every registered service, by reference, in registration order', () => {
    const s = stack();
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    const discovery = new ServiceDiscovery({ connection: { address: '127.0.0.1:8500', datacenter: 'dc1' }, environment: 'test', server: [] });
    const a = new DockerService(s, 'a', { spec: { ...baseSpec, name: 'a' }, network, environment: 'test' });
    const b = new DockerService(s, 'b', { spec: { ...baseSpec, name: 'b' }, network, environment: 'test' });
    discovery.register(b);
    discovery.register(a);
    expect(discovery.registered).toEqual([b, a]);
  });
});

describe('Probe: intent, rendered by DockerService in Docker health-check form', () => {
  it.each<[string, Probe, string[]]>([
    ['http with curl (the default client)', Probe.http(9000, '/minio/health/live'), ['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:9000/minio/health/live']],
    ['https with curl, accepting the self-signed certificate', Probe.http(8443, '/', { scheme: 'https' }), ['CMD', 'curl', '-fsSk', '-o', '/dev/null', 'https://localhost:8443/']],
    ['http with wget', Probe.http(9090, '/-/healthy', { client: 'wget' }), ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://localhost:9090/-/healthy']],
    ['https with wget', Probe.http(8443, '/', { client: 'wget', scheme: 'https' }), ['CMD', 'wget', '-q', '--no-check-certificate', '-O', '/dev/null', 'https://localhost:8443/']],
    [
      'http with python',
      Probe.http(5000, '/health', { client: 'python' }),
      ['CMD', 'python', '-c', "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://localhost:5000/health', timeout=4).status < 300 else 1)"],
    ],
    ['tcp with bash (the default client)', Probe.tcp(5432), ['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/5432']],
    ['tcp with nc', Probe.tcp(5432, { client: 'nc' }), ['CMD', 'nc', '-z', '127.0.0.1', '5432']],
    ['exec of a program', Probe.exec(['pg_isready', '-h', '127.0.0.1']), ['CMD', 'pg_isready', '-h', '127.0.0.1']],
    ['exec of a shell script', Probe.shell('curl -fsS http://localhost:8500/v1/status/leader | grep -q ":"'), ['CMD-SHELL', 'curl -fsS http://localhost:8500/v1/status/leader | grep -q ":"']],
  ])('%s', (_, probe, test) => {
    expect(dockerTest(probe.check)).toEqual(test);
  });

  it('renders timing as Go-canonical durations, with defaults of 10 s, 5 s, 20 s and 6 retries', () => {
    expect(dockerHealthcheck(Probe.tcp(1))).toEqual({ test: expect.any(Array), interval: '10s', timeout: '5s', startPeriod: '20s', retries: 6 });
    expect(dockerHealthcheck(Probe.tcp(1, { intervalSeconds: 90, timeoutSeconds: 30, startPeriodSeconds: 3600, retries: 2 }))).toMatchObject({
      interval: '1m30s',
      timeout: '30s',
      startPeriod: '1h0m0s',
      retries: 2,
    });
  });

  it('says what an outside prober checks: the http or tcp endpoint, or what an exec probe names, else nothing', () => {
    expect(Probe.http(8080, '/api', { scheme: 'https' }).network).toEqual({ port: 8080, scheme: 'https', path: '/api' });
    expect(Probe.tcp(19092).network).toEqual({ port: 19092, scheme: 'tcp' });
    expect(Probe.exec(['true'], { reachableAt: { port: 5432, scheme: 'tcp' } }).network).toEqual({ port: 5432, scheme: 'tcp' });
    expect(Probe.shell('true').network).toBeUndefined();
  });

  it('refuses an empty command and timing that is not whole seconds', () => {
    expect(() => Probe.exec([])).toThrow('Probe.exec: the command is empty');
    expect(() => Probe.shell('  ')).toThrow('Probe.shell: the script is empty');
    expect(() => Probe.http(80, '/', { intervalSeconds: 0.5 })).toThrow('probe intervalSeconds must be a whole number ≥ 1, got 0.5');
    expect(() => Probe.tcp(80, { retries: 0 })).toThrow('probe retries must be a whole number ≥ 1, got 0');
  });
});

describe('IService: how everything but the renderer uses a service', () => {
  it('exposes name, ports, probe, metrics, replica hosts and what to wait for, whatever renders it', () => {
    const { svc } = service({ replicas: 2, metrics: { port: 80, path: '/metrics' } });
    const s: IService = svc;
    expect(Service.isService(s)).toBe(true);
    expect(s.name).toBe('web');
    expect(s.ports.map((p) => p.name)).toEqual(['http']);
    expect(s.probe?.check).toEqual({ kind: 'http', port: 80, path: '/', scheme: 'http', client: 'curl' });
    expect(s.metrics).toEqual({ port: 80, path: '/metrics' });
    expect(s.replicaHosts).toEqual(['datalab-test-web', 'datalab-test-web-2']);
    expect(s.instanceNames).toEqual(['datalab-test-web', 'datalab-test-web-2']);
    expect(s.dependable).toEqual(svc.containers);
    expect(s.granteeKind).toBe('service');
  });

  it('finds services in a tree without knowing their target class, and not other constructs', () => {
    const { s, svc } = service({});
    expect(servicesIn(s)).toEqual([svc]);
    expect(Service.isService(svc.containers[0])).toBe(false);
    expect(Service.isService({ name: 'web' })).toBe(false);
  });

  it('knows which services it starts after, from the containers it waits for', () => {
    const s = stack();
    const network = new PlatformNetwork(s, 'network', { name: 'net', environment: 'test' });
    const db = new DockerService(s, 'db', { spec: { ...baseSpec, name: 'db' }, network, environment: 'test' });
    const init = new DockerService(s, 'init', { spec: { ...baseSpec, name: 'init', oneShot: true, probe: undefined }, network, environment: 'test', dependsOn: db.dependable });
    const app = new DockerService(s, 'app', { spec: { ...baseSpec, name: 'app' }, network, environment: 'test', dependsOn: [...db.dependable, ...init.dependable] });
    expect(db.startsAfter).toEqual([]);
    expect(init.startsAfter).toEqual([db]);
    expect(app.startsAfter).toEqual([db, init]);
    expect(init.granteeKind).toBe('job');
  });
});

describe('data lake grants', () => {
  function lake() {
    const s = stack();
    const l = new MinioLake(s, 'lake', {
      buckets: [{ name: 'landing', versioning: false }],
      protectData: false,
      connection: { server: '127.0.0.1:9000', user: 'root', password: 'token' },
      endpoint: 'http://minio:9000',
      dependsOn: [],
    });
    return { s, l };
  }

  it('has the built-in medallion and MLflow buckets plus configured ones', () => {
    expect([...lake().l.buckets.keys()]).toEqual(['bronze', 'silver', 'gold', 'mlflow', 'landing']);
  });

  it('grants read on a prefix with list limited to that prefix and get on its objects only', () => {
    const { s, l } = lake();
    const user = l.identityFor(s, 'reader', 'reader');
    l.bronze.grantRead(user, 'events/');
    expect(JSON.parse(user.policyDocument())).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: ['arn:aws:s3:::bronze'], Condition: { StringLike: { 's3:prefix': ['events/*'] } } },
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::bronze/events/*'] },
      ],
    });
  });

  it('grants write without read', () => {
    const { s, l } = lake();
    const user = l.identityFor(s, 'writer', 'writer');
    l.silver.grantWrite(user);
    const actions = user.statements.flatMap((g: { Action: readonly string[] }) => g.Action);
    expect(actions).toContain('s3:PutObject');
    expect(actions).not.toContain('s3:GetObject');
  });

  it('renders the policy into the synthesized minio_iam_policy and attaches it to the user', () => {
    const { s, l } = lake();
    const user = l.identityFor(s, 'job', 'job-user');
    l.gold.grantReadWrite(user);
    const json = synthJson(s);
    const policy = JSON.parse(resourceAt(json, 'minio_iam_policy', 'job/policy').policy as string);
    expect(policy.Statement.flatMap((st: { Resource: string[] }) => st.Resource)).toEqual(['arn:aws:s3:::gold', 'arn:aws:s3:::gold/*', 'arn:aws:s3:::gold']);
    expect(resourceAt(json, 'minio_iam_user_policy_attachment', 'job/attachment')).toMatchObject({
      user_name: expect.stringContaining('minio_iam_user.job_user'),
      policy_name: expect.stringContaining('minio_iam_policy.job_policy'),
    });
  });

  it('gives a user without grants a policy that allows nothing useful', () => {
    const { s, l } = lake();
    expect(JSON.parse(l.identityFor(s, 'idle', 'idle').policyDocument()).Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: ['arn:aws:s3:::datalab-no-access'] },
    ]);
  });

  it('rejects wildcard and absolute grant prefixes', () => {
    const { s, l } = lake();
    const user = l.identityFor(s, 'u', 'u');
    expect(constructErrorOf(() => l.bronze.grantRead(user, '/abs'))).toBe('test/lake/bronze: bucket "bronze": grant prefix "/abs" must be relative and without wildcards (e.g. "events/")');
    expect(() => l.bronze.grantRead(user, 'a*')).toThrow(/must be relative and without wildcards/);
  });

  it('names the buckets it has when asked for one it does not', () => {
    expect(constructErrorOf(() => lake().l.bucket('platinum'))).toBe('test/lake: the data lake has no bucket "platinum"; it has: bronze, silver, gold, mlflow, landing');
  });
});

describe('Kafka cluster', () => {
  it('refuses a topic replicated beyond its brokers, or defined twice', () => {
    const k = new KafkaCluster(stack(), 'kafka', { bootstrapInternal: 'kafka:19092', bootstrapHost: '127.0.0.1:9092', brokers: 1, protectData: false, dependsOn: [] });
    k.addTopic({ name: 'a', partitions: 1, replication: 1, retentionHours: 1 });
    expect(constructErrorOf(() => k.addTopic({ name: 'a', partitions: 1, replication: 1, retentionHours: 1 }))).toBe('test/kafka: topic "a" is defined twice');
    expect(constructErrorOf(() => k.addTopic({ name: 'b', partitions: 1, replication: 2, retentionHours: 1 }))).toBe('test/kafka: topic "b": replication 2 exceeds the 1 broker(s)');
    expect(constructErrorOf(() => k.topic('c'))).toBe('test/kafka: Kafka has no topic "c"; it has: a');
  });
});

describe('literal text in files, commands and env', () => {
  it('escapes the template sequences of token-free text, so Terraform writes it as it is', () => {
    expect(literal('a=${A:-1} curl -w %{http_code} $${kept}')).toBe('a=$${A:-1} curl -w %%{http_code} $$${kept}');
  });

  it('leaves text with tokens alone (their references must stay references)', () => {
    const withToken = `key=${Token.asString({ resolve: () => 'x' })}`;
    expect(literal(withToken)).toBe(withToken);
  });
});
