import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { parseDocument } from 'yaml';
import { loadEnvironment, parseEnvironment } from '../config/loader';
import { contextHash, ProjectImage } from '../constructs/project-image';
import { JOBS } from '../jobs';
import { NOTEBOOK_JARS, notebookSparkDefaults } from '../stacks/notebook-spark-defaults';
import { HUB_SPARK_CONF, notebookDriverMemoryMb, VisualizationStack } from '../stacks/visualization-stack';
import { synthStacks } from '../policy/gate';
import { configErrorOf, devYamlWith, container, containers, envOf, ENVS, expectServiceStandards, lakeEndpointOf, MINIO_ENVS, platformFor, resourceAt, resourcesOf, synthJson, TfJson } from './helpers';

const cache = new Map<string, TfJson>();
const viz = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthJson(platformFor(env).platform.visualization!));
  return cache.get(env)!;
};

type Statement = { Effect: string; Action: string[]; Resource: string[]; Condition?: unknown };
const policyOf = (json: TfJson, userPath: string): Statement[] =>
  (JSON.parse(resourceAt(json, 'minio_iam_policy', `${userPath}/policy`).policy as string) as { Statement: Statement[] }).Statement;
const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:ListBucketMultipartUploads'];

describe.each(ENVS)('visualization stack for %s', (env) => {
  const cfg = () => loadEnvironment(env).visualization!;

  it('matches the reviewed snapshot (build-context hashes masked: a test below pins them)', () => {
    const masked = JSON.stringify(viz(env))
      .replace(/("content_sha256":")[a-f0-9]{64}"/g, '$1<sha256 of the build context>"')
      .replace(/("context":"assets\/[\w-]+\/)[A-F0-9]{32}"/g, '$1<asset hash>"')
      .replace(/(DATALAB_IMAGE_SHA256=)[a-f0-9]{64}/g, '$1<sha256 of the build context>');
    expect(JSON.parse(masked)).toMatchSnapshot();
  });

  it('gives every container a built image, health check with wait, restart policy, memory limit without swap and bounded logs', () => {
    const all = containers(viz(env));
    expect(all.map((c) => c.name).sort()).toEqual([`datalab-${env}-jupyterhub`, `datalab-${env}-streamlit`]);
    for (const c of all) {
      expectServiceStandards(c);
      expect(c.wait).toBe(true);
    }
  });

  it('builds both images from the repository with a content-hash trigger and keeps them on destroy', () => {
    const hub = resourceAt(viz(env), 'docker_image', 'jupyterhub-image');
    expect(hub).toMatchObject({
      name: cfg().jupyterhub.image,
      keep_locally: true,
      build: { context: expect.stringMatching(/^assets\/jupyterhub-image_context_[A-F0-9]{8}\/[A-F0-9]{32}$/), dockerfile: 'Dockerfile', build_args: { SPARK_VERSION: cfg().jupyterhub.sparkVersion }, tag: [cfg().jupyterhub.image] },
      // What makes it change: see ProjectImage below.
      triggers: { content_sha256: expect.stringMatching(/^[a-f0-9]{64}$/) },
    });
    const st = resourceAt(viz(env), 'docker_image', 'streamlit-image');
    expect(st).toMatchObject({ name: cfg().streamlit.image, build: { context: expect.stringMatching(/^assets\/streamlit-image_context_/) }, triggers: { content_sha256: expect.stringMatching(/^[a-f0-9]{64}$/) } });
    expect(container(viz(env), 'jupyterhub').image).toBe('${docker_image.jupyterhub-image_A3D0D043.image_id}');
    expect(envOf(container(viz(env), 'jupyterhub')).DATALAB_IMAGE_SHA256).toBe((hub.triggers as { content_sha256: string }).content_sha256);
  });

  it('runs JupyterHub with the generated admin password, per-user passwords and data and homes on named volumes', () => {
    const hub = container(viz(env), 'jupyterhub');
    const e = envOf(hub);
    expect(e.DATALAB_HUB_ADMIN_USER).toBe(cfg().jupyterhub.adminUser);
    expect(e.DATALAB_HUB_ADMIN_PASSWORD).toMatch(/^\$\{random_password\.jupyterhub-admin-password_[A-F0-9]+\.result\}$/);
    const users = JSON.parse(e.DATALAB_HUB_USER_PASSWORDS) as Record<string, string>;
    expect(Object.keys(users)).toEqual(cfg().jupyterhub.users);
    for (const [u, p] of Object.entries(users)) expect(p).toMatch(new RegExp(`^\\$\\{random_password\\.jupyterhub-password-${u}_[A-F0-9]+\\.result\\}$`));
    const admin = resourceAt(viz(env), 'random_password', 'jupyterhub-admin-password');
    // The hub rejects admin passwords under 32 characters.
    expect(admin.length).toBeGreaterThanOrEqual(32);
    expect(admin.special).toBe(false);
    expect(hub.volumes).toEqual([
      { container_path: '/srv/jupyterhub/data', volume_name: expect.stringContaining('docker_volume.jupyterhub_volume-data') },
      { container_path: '/home', volume_name: expect.stringContaining('docker_volume.jupyterhub_volume-home') },
    ]);
    expect(resourceAt(viz(env), 'docker_volume', 'jupyterhub/volume-data').name).toBe(`datalab-${env}-jupyterhub-data`);
    expect(hub.healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:8000/hub/health']);
    expect(hub.ports).toEqual([{ internal: 8000, external: 8000, ip: '127.0.0.1', protocol: 'tcp' }]);
  });

  it('points notebooks at Spark with a spark-defaults.conf that reaches the lake through S3A', () => {
    const hub = container(viz(env), 'jupyterhub');
    const conf = hub.upload!.find((u) => u.file === HUB_SPARK_CONF)!.content;
    const master = envOf(hub).SPARK_MASTER;
    // No env deploys processing yet: notebooks fall back to local mode unless the URL is configured.
    expect(master).toBe(loadEnvironment(env).groups.includes('processing') ? 'spark://spark-master:7077' : 'local[*]');
    expect(conf).toContain(`spark.master ${master}\n`);
    expect(conf).toContain('spark.driver.host jupyterhub\n');
    expect(conf).toContain(`spark.hadoop.fs.s3a.endpoint ${lakeEndpointOf(env)}\n`);
    expect(conf).toContain('spark.hadoop.fs.s3a.path.style.access true\n');
    expect(conf).toContain(`spark.driver.memory ${notebookDriverMemoryMb(cfg().jupyterhub.memoryMb)}m\n`);
  });

  it('registers both services in Consul, JupyterHub with its metrics endpoint', () => {
    const hub = resourceAt(viz(env), 'consul_service', 'jupyterhub/registration/service');
    expect(hub).toMatchObject({ name: 'jupyterhub', address: 'jupyterhub', port: 8000, meta: { group: 'visualization', metrics_path: '/hub/metrics', metrics_port: '8000' } });
    expect((hub.check as { http: string }[])[0].http).toBe('http://jupyterhub:8000/hub/health');
    const st = resourceAt(viz(env), 'consul_service', 'streamlit/registration/service');
    expect(st.meta).not.toHaveProperty('metrics_path');
    expect((st.check as { http: string }[])[0].http).toBe('http://streamlit:8501/_stcore/health');
  });

  it('joins the core network by cross-stack reference', () => {
    // Cross-stack references resolve only when the whole app is synthesized.
    const { app } = platformFor(env);
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'visualization', 'cdk.tf.json'), 'utf8')) as TfJson;
    const net = (container(json, 'jupyterhub').networks_advanced as { name: string }[])[0].name;
    expect(net).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-core\.outputs\.cross-stack-output-docker_network/);
    expect(json.terraform.backend).toEqual({ local: { path: `../../../.state/${env}/visualization.tfstate` } });
  });

  it('outputs URLs and marks every credential output sensitive', () => {
    const out = viz(env).output!;
    expect(out.jupyterhub_url.value).toBe('http://127.0.0.1:8000');
    expect(out.streamlit_url.value).toBe('http://127.0.0.1:8501');
    expect(out.jupyterhub_admin_password.sensitive).toBe(true);
    expect(out.jupyterhub_user_passwords.sensitive).toBe(true);
    for (const [name, o] of Object.entries(out)) if (/password|secret|token/.test(name)) expect(o.sensitive).toBe(true);
  });

  it('contains no credential literal', () => {
    const text = JSON.stringify(viz(env));
    expect(text).not.toMatch(/password123|minioadmin|changeme|"admin"/i);
    for (const c of containers(viz(env))) {
      for (const [k, v] of Object.entries(envOf(c))) if (/PASSWORD|SECRET|TOKEN/.test(k)) expect(v).toMatch(/\$\{random_password\.|\$\{minio_iam_user\./);
    }
  });
});

describe.each(MINIO_ENVS)('visualization stack on MinIO for %s', (env) => {
  const cfg = () => loadEnvironment(env).visualization!;

  it('gives notebooks their own MinIO identity: read on silver and gold, read-write only on the scratch prefix', () => {
    const json = viz(env);
    // The MinIO user name is its identity: renaming it is a new user with new keys.
    expect(resourceAt(json, 'minio_iam_user', 'notebook-lake-user').name).toBe('jupyterhub-notebooks');
    const st = policyOf(json, 'notebook-lake-user');
    const { bucket, prefix } = cfg().jupyterhub.scratch;
    const writes = st.filter((s) => s.Action.some((a) => WRITE_ACTIONS.includes(a)));
    expect(writes.flatMap((s) => s.Resource).sort()).toEqual([`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/${prefix}*`].sort());
    for (const b of ['silver', 'gold']) {
      expect(st).toContainEqual({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${b}/*`] });
    }
    expect(JSON.stringify(st)).not.toContain('arn:aws:s3:::gold/notebooks');
    const e = envOf(container(json, 'jupyterhub'));
    expect(e.AWS_ACCESS_KEY_ID).toMatch(/^\$\{minio_iam_user\.notebook-lake-user_[A-F0-9]+\.name\}$/);
    expect(e.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{minio_iam_user\.notebook-lake-user_[A-F0-9]+\.secret\}$/);
    expect(e.AWS_ENDPOINT_URL).toBe('http://minio:9000');
    const conf = container(json, 'jupyterhub').upload!.find((u) => u.file === HUB_SPARK_CONF)!.content;
    expect(conf).toMatch(/spark\.hadoop\.fs\.s3a\.secret\.key \$\{minio_iam_user\.notebook-lake-user_[A-F0-9]+\.secret\}\n/);
    expect(e.DATALAB_LAKE_READ).toBe('silver,gold');
    expect(e.DATALAB_LAKE_SCRATCH).toBe(`s3a://${bucket}/${prefix}`);
  });

  it('gives Streamlit a read-only identity on the gold layer and nothing else', () => {
    const json = viz(env);
    expect(resourceAt(json, 'minio_iam_user', 'streamlit-lake-user').name).toBe('streamlit-gold-reader');
    const st = policyOf(json, 'streamlit-lake-user');
    expect(st).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: ['arn:aws:s3:::gold'] },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::gold/*'] },
    ]);
    const s = container(json, 'streamlit');
    const e = envOf(s);
    expect(e.DATALAB_GOLD_BUCKET).toBe('gold');
    expect(e.AWS_SECRET_ACCESS_KEY).toMatch(/^\$\{minio_iam_user\.streamlit-lake-user_[A-F0-9]+\.secret\}$/);
    expect(s.healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:8501/_stcore/health']);
    expect(s.ports).toEqual([{ internal: 8501, external: 8501, ip: '127.0.0.1', protocol: 'tcp' }]);
    expect(s.volumes).toBeUndefined();
  });

  it('configures its own minio provider from core\'s published API port and, by reference, the root password', () => {
    const { app } = platformFor(env);
    const json = synthStacks(app).find((x) => x.name === 'visualization')!.json as unknown as TfJson;
    expect(json.provider.minio[0]).toMatchObject({ minio_server: '127.0.0.1:9000', minio_password: expect.stringMatching(/^\$\{data\.terraform_remote_state/) });
  });
});

describe('visualization wiring', () => {
  it('depends on core and nothing else (cdktf records it for deploy order)', () => {
    const { app, platform } = platformFor('dev');
    synthStacks(app); // cross-stack references add their dependencies while preparing
    expect(platform.visualization!.dependencies).toEqual([platform.core]);
  });

  it('uses the configured Spark master URL over the default', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8');
    const doc = parseDocument(text);
    doc.setIn(['visualization', 'jupyterhub', 'sparkMasterUrl'], 'spark://spark.example:7077');
    const cfg = parseEnvironment(doc.toString(), 'config/dev.yaml', 'dev');
    const json = synthJson(platformFor(cfg).platform.visualization!);
    expect(envOf(container(json, 'jupyterhub')).SPARK_MASTER).toBe('spark://spark.example:7077');
  });

  it('leaves Streamlit out when it is disabled', () => {
    const doc = parseDocument(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8'));
    doc.setIn(['visualization', 'streamlit', 'enabled'], false);
    const { platform } = platformFor(parseEnvironment(doc.toString(), 'config/dev.yaml', 'dev'));
    const json = synthJson(platform.visualization!);
    expect(containers(json).map((c) => c.name)).toEqual(['datalab-dev-jupyterhub']);
    expect(Object.keys(resourcesOf(json, 'minio_iam_user')).some((k) => k.startsWith('streamlit'))).toBe(false);
    expect(json.output!.streamlit_url).toBeUndefined();
  });
});

describe('Streamlit restricted to a gold prefix', () => {
  it('can read and list only that prefix', () => {
    const doc = parseDocument(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8'));
    doc.setIn(['visualization', 'streamlit', 'goldPrefix'], 'reports/');
    const json = synthJson(platformFor(parseEnvironment(doc.toString(), 'config/dev.yaml', 'dev')).platform.visualization!);
    expect(policyOf(json, 'streamlit-lake-user')).toEqual([
      { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: ['arn:aws:s3:::gold'], Condition: { StringLike: { 's3:prefix': ['reports/*'] } } },
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::gold/reports/*'] },
    ]);
    expect(envOf(container(json, 'streamlit')).DATALAB_GOLD_PREFIX).toBe('reports/');
  });
});

/** `ARG NAME=default` lines of images/<name>/Dockerfile. */
function dockerArgs(image: string): Record<string, string> {
  const text = fs.readFileSync(path.join(__dirname, '..', 'images', image, 'Dockerfile'), 'utf8');
  return Object.fromEntries([...text.matchAll(/^ARG ([A-Z0-9_]+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('docs/visualization.md notebook example', () => {
  it('reads a table a job really writes and writes under the scratch prefix as a real dev notebook user', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'docs', 'visualization.md'), 'utf8');
    const example = text.match(/```python\n([\s\S]*?)```/)![1];
    const loads = [...example.matchAll(/\.load\("s3a:\/\/([^/]+)\/([^"]+)"\)/g)].map((m) => `${m[1]}/${m[2].replace(/\/?$/, '/')}`);
    const saves = [...example.matchAll(/\.save\("s3a:\/\/([^/]+)\/([^"]+)"\)/g)].map((m) => `${m[1]}/${m[2]}`);
    expect(loads.length).toBeGreaterThan(0);
    expect(saves.length).toBeGreaterThan(0);
    const written = JOBS.flatMap((j) => Object.values(j.writes)).flatMap((r) => (r.kind === 'lake' ? [`${r.bucket}/${r.prefix}`] : []));
    for (const l of loads) expect(written).toContain(l);
    const jh = loadEnvironment('dev').visualization!.jupyterhub;
    const users = [...(jh.users ?? [])];
    for (const s of saves) {
      const m = s.match(new RegExp(`^${jh.scratch.bucket}/${jh.scratch.prefix}([^/]+)/`));
      expect(m).not.toBeNull();
      expect(users).toContain(m![1]);
    }
  });
});

describe('notebook spark-defaults.conf', () => {
  it('renders one "key value" line per setting, executors getting the lake credentials with the job', () => {
    const conf = notebookSparkDefaults({ master: 'spark://m:7077', driverHost: 'hub', s3Endpoint: 'https://s3:9000', driverMemoryMb: 1024, accessKey: 'AK', secretKey: 'SK' });
    const lines = conf.trim().split('\n').filter((l) => !l.startsWith('#'));
    for (const l of lines) expect(l).toMatch(/^spark\.[A-Za-z0-9_.]+ \S+$/);
    expect(lines).toContain('spark.hadoop.fs.s3a.connection.ssl.enabled true');
    expect(lines).toContain('spark.hadoop.fs.s3a.aws.credentials.provider org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider');
    expect(lines).toContain('spark.hadoop.fs.s3a.access.key AK');
    // The same session time zone as the jobs, whose dates are UTC dates.
    expect(lines).toContain('spark.sql.session.timeZone UTC');
    expect(lines).toContain('spark.jars /opt/datalab/jars/hadoop-aws-3.3.4.jar,/opt/datalab/jars/aws-java-sdk-bundle-1.12.262.jar,/opt/datalab/jars/wildfly-openssl-1.0.7.Final.jar,/opt/datalab/jars/delta-spark_2.12-3.3.1.jar,/opt/datalab/jars/delta-storage-3.3.1.jar');
  });

  it('names the jars the hub image downloads', () => {
    const dockerfile = fs.readFileSync(path.join(__dirname, '..', 'images', 'jupyterhub', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('ARG HADOOP_AWS_VERSION=3.3.4');
    expect(dockerfile).toContain('ARG AWS_SDK_BUNDLE_VERSION=1.12.262');
    expect(dockerfile).toContain('ARG DELTA_VERSION=3.3.1');
    const args = dockerArgs('jupyterhub');
    expect([...NOTEBOOK_JARS]).toEqual([
      `hadoop-aws-${args.HADOOP_AWS_VERSION}.jar`,
      `aws-java-sdk-bundle-${args.AWS_SDK_BUNDLE_VERSION}.jar`,
      `wildfly-openssl-${args.WILDFLY_OPENSSL_VERSION}.jar`,
      `delta-spark_2.12-${args.DELTA_VERSION}.jar`,
      `delta-storage-${args.DELTA_VERSION}.jar`,
    ]);
    // Every jar it downloads is checked against Maven Central's .sha1 (set -e and pipefail make a
    // mismatch fail the build).
    expect(dockerfile).toMatch(/SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\]/);
    expect(dockerfile).toMatch(/set -eux;/);
    expect(dockerfile).toMatch(/curl -fsSL "\$\{MAVEN\}\/\$\{path\}\.sha1" \| cut -c1-40\)  \$\{jar\}" \| sha1sum -c -/);
    for (const jar of NOTEBOOK_JARS) {
      const stem = jar.replace(/-\d[\w.]*\.jar$/, '');
      expect(dockerfile).toContain(`/${stem}-\${`);
    }
  });

  it('uses the cluster\'s Spark, Delta, hadoop-aws and AWS SDK versions (images/spark/Dockerfile), jars and pip pins alike', () => {
    const hub = dockerArgs('jupyterhub');
    const cluster = dockerArgs('spark');
    for (const key of ['SPARK_VERSION', 'DELTA_VERSION', 'HADOOP_AWS_VERSION', 'AWS_SDK_BUNDLE_VERSION', 'WILDFLY_OPENSSL_VERSION']) {
      expect(`${key}=${hub[key]}`).toBe(`${key}=${cluster[key]}`);
    }
    const hubDockerfile = fs.readFileSync(path.join(__dirname, '..', 'images', 'jupyterhub', 'Dockerfile'), 'utf8');
    expect(hubDockerfile).toContain('"delta-spark==${DELTA_VERSION}"');
    expect(hubDockerfile).toContain('"pyspark==${SPARK_VERSION}"');
    for (const env of ENVS) {
      const cfg = loadEnvironment(env);
      // The build arg the stack passes overrides the Dockerfile default; the cluster image tag names both versions.
      expect(cfg.visualization!.jupyterhub.sparkVersion).toBe(cluster.SPARK_VERSION);
      expect(cfg.processing!.spark.image).toMatch(new RegExp(`:${cluster.SPARK_VERSION}-delta${cluster.DELTA_VERSION.replace(/\./g, '\\.')}$`));
    }
  });

  it('sizes the driver heap at a quarter of the hub memory, at least 512 MiB', () => {
    expect([1024, 1536, 4096, 8192].map(notebookDriverMemoryMb)).toEqual([512, 512, 1024, 2048]);
  });
});

describe('ProjectImage', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-img-'));

  it('changes its content hash when a file or a build argument changes, and not otherwise', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'print(1)\n');
    const a = contextHash(dir);
    expect(contextHash(dir)).toBe(a);
    fs.mkdirSync(path.join(dir, '__pycache__'));
    fs.writeFileSync(path.join(dir, '__pycache__', 'app.pyc'), 'x');
    expect(contextHash(dir)).toBe(a);
    expect(contextHash(dir, { V: '1' })).not.toBe(a);
    fs.writeFileSync(path.join(dir, 'app.py'), 'print(2)\n');
    expect(contextHash(dir)).not.toBe(a);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a build context outside the repository, a missing one, and one without a Dockerfile', () => {
    const s = () => new TerraformStack(Testing.app(), 'test');
    expect(() => new ProjectImage(s(), 'i', { context: '../elsewhere', name: 'x/y:1' })).toThrow(/image "x\/y:1": build context "..\/elsewhere" must be a directory inside the repository/);
    expect(() => new ProjectImage(s(), 'i', { context: 'images/nope', name: 'x/y:1' })).toThrow(/build context "images\/nope" does not exist/);
    expect(() => new ProjectImage(s(), 'i', { context: 'docs', name: 'x/y:1' })).toThrow(/no Dockerfile in build context "docs"/);
  });
});

describe('visualization config checks', () => {
  const devWith = devYamlWith;
  const problemsOf = (text: string) => configErrorOf(text);

  it('rejects a scratch bucket that is not in the lake, listing the buckets', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'scratch', 'bucket'], 'sandbox')));
    expect(err.message).toMatch(/visualization\.jupyterhub\.scratch\.bucket: no such lake bucket; allowed: bronze, silver, gold, mlflow, landing \(got "sandbox"\)/);
  });

  it('rejects gold as the notebooks scratch bucket', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'scratch', 'bucket'], 'gold')));
    expect(err.message).toContain('visualization.jupyterhub.scratch.bucket: notebooks may not write to the gold layer; use silver or another bucket (got "gold")');
  });

  it('rejects a scratch prefix that is absolute or has no trailing slash', () => {
    for (const p of ['/notebooks/', 'notebooks', 'note*/']) {
      const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'scratch', 'prefix'], p)));
      expect(err.message).toContain('visualization.jupyterhub.scratch.prefix: expected a relative prefix ending in "/", e.g. notebooks/');
    }
  });

  it('rejects duplicate users and the admin listed as a user', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'users'], ['ann', 'hubadmin', 'ann'])));
    expect(err.message).toContain('visualization.jupyterhub.users[1]: "hubadmin" is the admin user; list only non-admin users here');
    expect(err.message).toContain('visualization.jupyterhub.users[2]: user "ann" is listed twice');
  });

  it('rejects user names that are not Unix login names', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'users'], ['Ann Smith'])));
    expect(err.message).toContain('visualization.jupyterhub.users[0]: expected a Unix user name');
  });

  it('rejects a Spark master URL that is neither spark:// nor local', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'sparkMasterUrl'], 'http://spark-master:8080')));
    expect(err.message).toContain('visualization.jupyterhub.sparkMasterUrl: expected spark://host:port or local[*] (got "http://spark-master:8080")');
  });

  it('rejects a hub memory limit too small for a notebook with its Spark driver', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'jupyterhub', 'memoryMb'], 768)));
    expect(err.message).toContain('visualization.jupyterhub.memoryMb: the hub runs every notebook and its Spark driver (at least 512 MiB) in this limit; allowed: ≥ 1024 (got 768)');
  });

  it('rejects an unknown key in the group and lists the allowed ones', () => {
    const err = problemsOf(devWith((d) => d.setIn(['visualization', 'superset'], { image: 'x:1' })));
    expect(err.message).toContain('visualization: unknown key "superset"; allowed: jupyterhub, streamlit');
  });

  it('requires the visualization section when the group is listed', () => {
    const err = problemsOf(devWith((d) => d.delete('visualization')));
    expect(err.message).toContain('visualization: group "visualization" is enabled in groups but has no "visualization:" section');
  });
});

// Keeps the stack class referenced for readers of this file (what is under test).
void VisualizationStack;
