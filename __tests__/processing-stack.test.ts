import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { Document } from 'yaml';
import { ConfigError, loadEnvironment, parseEnvironment } from '../config/loader';
import { ProjectImage } from '../constructs/project-image';
import { SPARK_IMAGE_DIR } from '../stacks/processing-stack';
import { configErrorOf, devYamlWith, Container, containers, envOf, ENVS, expectServiceStandards, platformFor, resourceAt, resourcesOf, synthJson, TfJson } from './helpers';

const cache = new Map<string, TfJson>();
const processing = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthJson(platformFor(env).platform.processing!));
  return cache.get(env)!;
};

const serviceOf = (c: Container) => c.labels.find((l) => l.label === 'datalab.service')!.value;
const byService = (json: TfJson, service: string) => containers(json).filter((c) => serviceOf(c) === service);
/** Pipeline workers, runner and deployments (pipelines.test.ts tests them): 0 where nothing is scheduled. */
const isPipeline = (c: Container) => /^pipeline-/.test(serviceOf(c));
/** A file uploaded for a container: from its service's file holder when it has one (read-only root). */
const upload = (json: TfJson, c: Container, file: string) => {
  const holder = Object.values(resourcesOf(json, 'docker_container')).find((h) => h.name === `${c.name.replace(/-\d+$/, '')}-files`) as Container | undefined;
  return (holder ?? c).upload?.find((u) => u.file === file)?.content;
};

const EXPECTED = {
  dev: { workers: 1, workerMemory: 2304, sparkMemory: '1280m', cores: '1', nifi: true },
  staging: { workers: 2, workerMemory: 4096, sparkMemory: '3072m', cores: '2', nifi: true },
  prod: { workers: 3, workerMemory: 8192, sparkMemory: '6656m', cores: '4', nifi: true },
  // No NiFi: the acceptance suite has no stand-in for it (config/e2e.yaml).
  e2e: { workers: 1, workerMemory: 2304, sparkMemory: '1280m', cores: '1', nifi: false },
} as const;

const EXPECTED_LAKE_ENDPOINT = {
  dev: /^spark\.hadoop\.fs\.s3a\.endpoint\s+http:\/\/minio:9000$/m,
  staging: /^spark\.hadoop\.fs\.s3a\.endpoint\s+http:\/\/minio:9000$/m,
  prod: /^spark\.hadoop\.fs\.s3a\.endpoint\s+http:\/\/minio:9000$/m,
  e2e: /^spark\.hadoop\.fs\.s3a\.endpoint\s+http:\/\/seaweedfs:8333$/m,
} as const;

describe.each(ENVS)('processing stack for %s', (env) => {
  it('matches the reviewed snapshot', () => {
    expect(processing(env)).toMatchSnapshot();
  });

  it('runs the configured number of workers with the configured memory and cores, on consecutive UI ports', () => {
    const workers = byService(processing(env), 'spark-worker');
    const want = EXPECTED[env];
    expect(workers).toHaveLength(want.workers);
    expect(workers.map((w) => w.name).sort()).toEqual(
      Array.from({ length: want.workers }, (_, i) => `datalab-${env}-spark-worker${i === 0 ? '' : `-${i + 1}`}`).sort(),
    );
    for (const w of workers) {
      expect(w.memory).toBe(want.workerMemory);
      expect(envOf(w).SPARK_WORKER_MEMORY).toBe(want.sparkMemory);
      expect(envOf(w).SPARK_WORKER_CORES).toBe(want.cores);
      expect(w.command!.join(' ')).toContain('org.apache.spark.deploy.worker.Worker spark://spark-master:7077');
    }
    expect(workers.flatMap((w) => w.ports ?? []).map((p) => p.external).sort()).toEqual(
      Array.from({ length: want.workers }, (_, i) => 8100 + i),
    );
  });

  it('gives every container a health check, a memory limit without swap, a restart policy and loopback-only ports', () => {
    const all = containers(processing(env));
    const pipelines = Object.keys(loadEnvironment(env).processing!.pipelines).length > 0 ? 6 + 2 : 0;
    expect(all.length).toBe(EXPECTED[env].workers + 1 + (EXPECTED[env].nifi ? 1 : 0) + 3 + pipelines);
    for (const c of all) {
      expectServiceStandards(c);
    }
    for (const c of all.filter((x) => !serviceOf(x).startsWith('job-') && serviceOf(x) !== 'pipeline-deployments')) {
      expect(c.restart).toBe('unless-stopped');
      expect(c.wait).toBe(true);
      expect(c.wait_timeout).toBeGreaterThanOrEqual(180);
    }
  });

  it('builds the Spark image from images/spark with a relative context and a content-hash trigger, and runs it everywhere', () => {
    const json = processing(env);
    const image = resourceAt(json, 'docker_image', 'spark-image') as {
      name: string;
      build: { context: string; dockerfile: string; build_args: Record<string, string>; tag: string[] };
      triggers: { content_sha256: string };
    };
    expect(image.name).toBe('datalab/spark:3.5.7-delta3.3.1');
    expect(image.build.context).toMatch(/^assets\/spark-image_context_[A-F0-9]{8}\/[A-F0-9]{32}$/);
    expect(image.build.dockerfile).toBe('Dockerfile');
    expect(image.build.build_args).toEqual({ SPARK_BASE_IMAGE: 'apache/spark:3.5.7-scala2.12-java17-python3-ubuntu' });
    // What makes it change is tested below (the Spark image build); here: a full SHA-256, not a token.
    expect(image.triggers.content_sha256).toMatch(/^[0-9a-f]{64}$/);
    const sparkContainers = containers(json).filter((c) => serviceOf(c) !== 'nifi' && !isPipeline(c));
    expect(sparkContainers.length).toBe(EXPECTED[env].workers + 1 + 3);
    for (const c of sparkContainers) expect(c.image).toMatch(/^\$\{docker_image\.spark-image_[A-F0-9]+\.image_id\}$/);
  });

  it('uploads spark-defaults.conf (S3A to the lake endpoint, path-style, no credentials) and metrics.properties to every Spark container', () => {
    const json = processing(env);
    for (const c of containers(json).filter((x) => serviceOf(x) !== 'nifi' && !/^pipeline-(runner|deployments)$/.test(serviceOf(x)))) {
      const defaults = upload(json, c, '/opt/spark/conf/spark-defaults.conf')!;
      expect(defaults).toMatch(/^spark\.master\s+spark:\/\/spark-master:7077$/m);
      // The endpoint the lake hands out: MinIO's API, or SeaweedFS's S3 gateway.
      expect(defaults).toMatch(EXPECTED_LAKE_ENDPOINT[env]);
      expect(defaults).toMatch(/^spark\.hadoop\.fs\.s3a\.path\.style\.access\s+true$/m);
      expect(defaults).toMatch(/^spark\.sql\.extensions\s+io\.delta\.sql\.DeltaSparkSessionExtension$/m);
      expect(defaults).not.toMatch(/access\.key\s|secret\.key|MINIO_ROOT/);
      const metrics = upload(json, c, '/opt/spark/conf/metrics.properties')!;
      expect(metrics).toMatch(/^\*\.sink\.prometheusServlet\.class=org\.apache\.spark\.metrics\.sink\.PrometheusServlet$/m);
    }
  });

  it('serves Prometheus metrics at the paths the Consul registrations announce for scraping', () => {
    const json = processing(env);
    const services = Object.values(resourcesOf(json, 'consul_service')) as { name: string; meta: Record<string, string> }[];
    // Spark's servlet: master.* for the master, *.path for every other instance (workers).
    const servletPath = (c: Container, instance: string) => {
      const props = upload(json, c, '/opt/spark/conf/metrics.properties')!;
      return (new RegExp(`^${instance}\\.sink\\.prometheusServlet\\.path=(\\S+)$`, 'm').exec(props) ?? /^\*\.sink\.prometheusServlet\.path=(\S+)$/m.exec(props))![1];
    };
    const [master] = byService(json, 'spark-master');
    expect(services.find((s) => s.name === 'spark-master')!.meta.metrics_path).toBe(servletPath(master, 'master'));
    for (const w of byService(json, 'spark-worker')) {
      expect(services.find((s) => s.name === 'spark-worker')!.meta.metrics_path).toBe(servletPath(w, 'worker'));
    }
  });

  it('runs NiFi over HTTPS with a generated single-user password of at least 12 characters and the published proxy host, or none where it is switched off', () => {
    const json = processing(env);
    if (!EXPECTED[env].nifi) {
      // Switched off (the e2e environment: no NiFi stand-in): no container, no password, no output.
      expect(byService(json, 'nifi')).toEqual([]);
      expect(Object.keys(resourcesOf(json, 'random_password')).filter((id) => id.startsWith('nifi'))).toEqual([]);
      expect(Object.keys(json.output ?? {}).filter((o) => o.startsWith('nifi'))).toEqual([]);
      return;
    }
    const [nifi] = byService(json, 'nifi');
    const e = envOf(nifi);
    expect(e.SINGLE_USER_CREDENTIALS_USERNAME).toBe('datalab');
    expect(e.SINGLE_USER_CREDENTIALS_PASSWORD).toMatch(/^\$\{random_password\.nifi-password_[A-F0-9]+\.result\}$/);
    const password = resourceAt(json, 'random_password', 'nifi-password') as { length: number; special: boolean };
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(e.NIFI_WEB_PROXY_HOST.split(',')).toContain('127.0.0.1:8443');
    expect(e.NIFI_WEB_HTTPS_PORT).toBe('8443');
    expect(nifi.ports).toEqual([{ internal: 8443, external: 8443, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(nifi.healthcheck!.test).toEqual(['CMD-SHELL', 'curl -fsk -o /dev/null https://$(hostname):8443/nifi-api/authentication/configuration']);
    expect(json.output!.nifi_password.sensitive).toBe(true);
    const heap = loadEnvironment(env).processing!.nifi.heapMb;
    expect(e.NIFI_JVM_HEAP_MAX).toBe(`${heap}m`);
    expect(nifi.memory).toBeGreaterThanOrEqual(heap + 512);
  });

  it('registers master, every worker and NiFi in Consul, with the Spark Prometheus paths in service meta', () => {
    const services = Object.values(resourcesOf(processing(env), 'consul_service')) as { name: string; service_id: string; meta: Record<string, string>; check: { http: string }[] }[];
    const byName = (n: string) => services.filter((s) => s.name === n);
    expect(byName('spark-master')).toHaveLength(1);
    expect(byName('spark-master')[0].meta).toMatchObject({ metrics_path: '/metrics/master/prometheus', metrics_port: '8080', group: 'processing' });
    expect(byName('spark-worker')).toHaveLength(EXPECTED[env].workers);
    for (const w of byName('spark-worker')) expect(w.meta).toMatchObject({ metrics_path: '/metrics/prometheus', metrics_port: '8081' });
    if (EXPECTED[env].nifi) expect(byName('nifi')[0].check[0].http).toBe('https://nifi:8443/nifi-api/authentication/configuration');
    else expect(byName('nifi')).toEqual([]);
  });

  it('registers each Spark worker in Consul under a name only its own container has, so checks and metrics never round-robin', () => {
    const json = processing(env);
    const workers = byService(json, 'spark-worker');
    const n = EXPECTED[env].workers;
    // One worker: the service name. Several: each by its container name, which Docker's DNS
    // resolves to that container only (the shared alias `spark-worker` would round-robin).
    const expected = n === 1 ? ['spark-worker'] : workers.map((w) => w.name).sort();
    if (n > 1) expect(expected).toEqual(Array.from({ length: n }, (_, i) => `datalab-${env}-spark-worker${i === 0 ? '' : `-${i + 1}`}`).sort());
    const names = containers(json).map((c) => c.name);
    for (const a of expected.filter((x) => x.startsWith('datalab-'))) expect(names.filter((x) => x === a)).toHaveLength(1);

    const regs = Object.values(resourcesOf(json, 'consul_service')).filter((s) => s.name === 'spark-worker') as { address: string; service_id: string; check: { http: string }[] }[];
    expect(regs.map((r) => r.address).sort()).toEqual(expected);
    for (const r of regs) {
      expect(r.service_id).toBe(r.address);
      expect(r.check[0].http).toBe(`http://${r.address}:8081/`);
    }
    const nodes = Object.values(resourcesOf(json, 'consul_node')).map((n) => n.name as string);
    expect(nodes.filter((n) => expected.includes(n)).sort()).toEqual(expected);
  });

  it('puts no secret literal into the synthesized stack', () => {
    const text = JSON.stringify(processing(env));
    expect(text).not.toMatch(/PASSWORD=[^$]/);
    expect(text).not.toMatch(/AWS_SECRET_ACCESS_KEY=[^$]/);
  });
});

describe('processing without NiFi', () => {
  it('leaves out NiFi, its secrets and its outputs when processing.nifi.enabled is false', () => {
    const cfg = loadEnvironment('dev');
    const json = synthJson(platformFor({ ...cfg, processing: { ...cfg.processing!, nifi: { ...cfg.processing!.nifi, enabled: false } } }).platform.processing!);
    expect(byService(json, 'nifi')).toEqual([]);
    expect(resourcesOf(json, 'random_password')).toEqual({});
    expect(json.output!.nifi_password).toBeUndefined();
    expect(byService(json, 'spark-master')).toHaveLength(1);
  });
});

describe('the Spark image build', () => {
  function triggerFor(dir: string): string {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'image-test');
    new ProjectImage(stack, 'spark-image', { name: 'datalab/spark:test', context: '.', root: dir });
    return (synthJson(stack).resource.docker_image as Record<string, { triggers: { content_sha256: string } }>)[
      Object.keys(synthJson(stack).resource.docker_image)[0]
    ].triggers.content_sha256;
  }

  it('changes its trigger when the Dockerfile changes, so the image is rebuilt', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-image-'));
    fs.copyFileSync(path.join(SPARK_IMAGE_DIR, 'Dockerfile'), path.join(tmp, 'Dockerfile'));
    const before = triggerFor(tmp);
    expect(triggerFor(tmp)).toBe(before);
    fs.appendFileSync(path.join(tmp, 'Dockerfile'), '\n# bump a jar\n');
    expect(triggerFor(tmp)).not.toBe(before);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it.each(ENVS)('builds %s on the base image of the Spark version its jars are for, passed as the build arg FROM uses', (env) => {
    const dockerfile = fs.readFileSync(path.join(SPARK_IMAGE_DIR, 'Dockerfile'), 'utf8');
    const args = Object.fromEntries([...dockerfile.matchAll(/^ARG ([A-Z0-9_]+)(?:=(\S+))?$/gm)].map((m) => [m[1], m[2]]));
    expect(dockerfile).toMatch(/^FROM \$\{SPARK_BASE_IMAGE\}$/m);
    const image = resourceAt(processing(env), 'docker_image', 'spark-image') as { build: { build_args: Record<string, string> } };
    // Every build arg the stack passes is one the Dockerfile declares (Docker ignores any other).
    for (const arg of Object.keys(image.build.build_args)) expect(Object.keys(args)).toContain(arg);
    const base = image.build.build_args.SPARK_BASE_IMAGE;
    expect(base).toBe(loadEnvironment(env).processing!.spark.baseImage);
    expect(base).toMatch(new RegExp(`^apache/spark:${args.SPARK_VERSION.replace(/\./g, '\\.')}-scala${args.SCALA_BINARY.replace(/\./g, '\\.')}-`));
  });
});

describe('the Spark image\'s Maven repository', () => {
  const withRepo = (url: string) => parseEnvironment(devYamlWith((d) => d.setIn(['processing', 'spark', 'mavenRepository'], url)), 'config/test.yaml', 'dev');

  it('passes processing.spark.mavenRepository as the build argument MAVEN the Dockerfile downloads from, without a trailing slash', () => {
    const cfg = withRepo('http://nexus.example.org:8081/repository/maven-central/');
    const image = resourceAt(synthJson(platformFor(cfg).platform.processing!), 'docker_image', 'spark-image') as { build: { build_args: Record<string, string> }; triggers: { content_sha256: string } };
    expect(image.build.build_args).toEqual({ SPARK_BASE_IMAGE: cfg.processing!.spark.baseImage, MAVEN: 'http://nexus.example.org:8081/repository/maven-central' });
    const dockerfile = fs.readFileSync(path.join(SPARK_IMAGE_DIR, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG MAVEN=https:\/\/repo1\.maven\.org\/maven2$/m);
    expect(dockerfile).toContain('"\${MAVEN}/\${path}"');
    // Another repository is another build: the content hash changes with it.
    const dev = resourceAt(processing('dev'), 'docker_image', 'spark-image') as { triggers: { content_sha256: string } };
    expect(image.triggers.content_sha256).not.toBe(dev.triggers.content_sha256);
  });

  it('passes no MAVEN when unset, so the Dockerfile\'s Maven Central is used and the image is unchanged', () => {
    const image = resourceAt(processing('dev'), 'docker_image', 'spark-image') as { build: { build_args: Record<string, string> } };
    expect(image.build.build_args.MAVEN).toBeUndefined();
  });

  it('rejects a repository that is not an http(s) URL, naming the file and the key', () => {
    expect(() => withRepo('ftp://mirror.example.org/maven2')).toThrow(/config\/test\.yaml.*[\s\S]*processing\.spark\.mavenRepository: expected an http\(s\) URL of a Maven Central mirror/);
  });
});

describe('processing config validation', () => {
  const devWith = devYamlWith;
  const parse = (text: string) => () => parseEnvironment(text, 'config/test.yaml', 'dev');

  it('fails when a worker\'s Spark memory does not fit its container', () => {
    const text = devWith((d) => d.setIn(['processing', 'spark', 'worker', 'sparkMemoryMb'], 2048));
    expect(parse(text)).toThrow(ConfigError);
    expect(parse(text)).toThrow(/processing\.spark\.worker\.sparkMemoryMb: a worker needs 2944 MiB \(daemon 512 \+ executors 2048 \+ overhead 384\) but its container has memoryMb 2304; lower sparkMemoryMb to at most 1408 or raise memoryMb/);
  });

  it('fails when the Spark workers together exceed the host memory', () => {
    const text = devWith((d) => d.setIn(['processing', 'spark', 'worker', 'replicas'], 6));
    expect(parse(text)).toThrow(/host\.memoryMb: the enabled services need \d+ MiB/);
  });

  it('fails when NiFi\'s heap leaves no room in its container', () => {
    const text = devWith((d) => d.setIn(['processing', 'nifi', 'heapMb'], 1400));
    expect(parse(text)).toThrow(/processing\.nifi\.heapMb: heap 1400 MiB leaves under 512 MiB/);
  });

  it('rejects an image on master or worker: they run the project image named once in spark.image', () => {
    const text = devWith((d) => d.setIn(['processing', 'spark', 'master', 'image'], 'apache/spark:3.5.8'));
    expect(parse(text)).toThrow(/processing\.spark\.master/);
  });

  it('fails on a second Spark master', () => {
    const text = devWith((d) => d.setIn(['processing', 'spark', 'master', 'replicas'], 2));
    expect(parse(text)).toThrow(/processing\.spark\.master\.replicas: a standalone cluster has exactly one master \(got 2\)/);
  });

  it('reports every processing problem at once', () => {
    const text = devWith((d) => {
      d.setIn(['processing', 'spark', 'worker', 'sparkMemoryMb'], 4000);
      d.setIn(['processing', 'nifi', 'heapMb'], 1400);
    });
    expect(parse(text)).toThrow(/2 problems/);
  });

  it('counts the Spark master and every worker replica in the host memory check', () => {
    // A host too small for anything, so the check reports what the services need.
    const need = (edit: (d: Document) => void) => {
      const err = configErrorOf(devWith((d) => {
        d.setIn(['host', 'memoryMb'], 512);
        edit(d);
      }), 'config/test.yaml');
      return Number(/the enabled services need (\d+) MiB/.exec(err.message)![1]);
    };
    const base = need(() => undefined);
    // dev's worker: memoryMb 2304 (config/dev.yaml); two more replicas add two more of them.
    expect(need((d) => d.setIn(['processing', 'spark', 'worker', 'replicas'], 3)) - base).toBe(2 * 2304);
    expect(need((d) => d.setIn(['processing', 'spark', 'master', 'memoryMb'], 768 + 100)) - base).toBe(100);
  });
});
