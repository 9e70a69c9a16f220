import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import { postgresMajor } from '../config/groups/ml';
import { ConfigError, loadEnvironment, parseEnvironment } from '../config/loader';
import { PROJECT_ROOT, ProjectImage } from '../constructs/project-image';
import { PostgresDatabase, postgresInitScript } from '../constructs/postgres-database';
import { airflowParallelism, MLFLOW_IMAGE_DIR } from '../stacks/ml-stack';
import { EnvConfig } from '../config/schema';
import { synthStacks } from '../policy/gate';
import { container, Container, containers, devYamlWith, envOf, ENVS, expectLakeCredentials, expectServiceStandards, idsUnder, lakeEndpointOf, MINIO_ENVS, platformFor, resourceAt, resourcesOf, TfJson, uploadsOf } from './helpers';

/**
 * The ml stack as the app writes it. `Testing.synth(stack)` alone leaves references into core
 * unresolved (they become remote-state reads only when the whole app synthesizes), so synthesize the
 * app into its temporary outdir and read the stack's file.
 */
function synthApp(cfg: string | EnvConfig): TfJson {
  const { app } = platformFor(cfg);
  app.synth();
  return JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'ml', 'cdk.tf.json'), 'utf8')) as TfJson;
}
const cache = new Map<string, TfJson>();
const ml = (env: string): TfJson => {
  if (!cache.has(env)) cache.set(env, synthApp(env));
  return cache.get(env)!;
};

const idOf = (json: TfJson, name: string) => `docker_container.${idsUnder(json, 'docker_container', `${name}_container`)[0]}`;
const serviceOf = (c: Container) => c.labels.find((l) => l.label === 'datalab.service')!.value;
const ref = (type: string, pathPrefix: string) => new RegExp(`\\$\\{${type}\\.${pathPrefix.replace(/\//g, '_')}_[A-F0-9]{8}\\.`);

const AIRFLOW = ['airflow-apiserver', 'airflow-scheduler', 'airflow-dag-processor'];

describe.each(ENVS)('ml stack for %s', (env) => {
  it('matches the reviewed snapshot', () => {
    expect(ml(env)).toMatchSnapshot();
  });

  it('gives every long-running container a health check with wait, restart policy, memory limit without swap and bounded logs', () => {
    const all = containers(ml(env)).filter((c) => serviceOf(c) !== 'airflow-init');
    expect(all.length).toBeGreaterThanOrEqual(7);
    for (const c of all) {
      expectServiceStandards(c);
      expect(c.wait).toBe(true);
      expect(c.wait_timeout).toBeGreaterThanOrEqual(120);
    }
  });

  it('runs the Airflow init as a one-shot task: attached, not restarted, allowed to stay exited, failing the apply on a non-zero exit', () => {
    const init = container(ml(env), 'airflow-init');
    expect(init).toMatchObject({ attach: true, logs: true, must_run: false, restart: 'no', wait: false });
    expect(init.memory).toBeGreaterThan(0);
    expect(init.memory_swap).toBe(init.memory);
    expect(init.lifecycle).toEqual({ postcondition: [{ condition: '${self.exit_code == 0}', error_message: expect.stringContaining('airflow-init') }] });
    expect(init.command).toEqual(['version']);
    expect(envOf(init)).toMatchObject({ _AIRFLOW_DB_MIGRATE: 'true', _AIRFLOW_WWW_USER_CREATE: 'true', _AIRFLOW_WWW_USER_USERNAME: 'admin' });
    expect(envOf(init)._AIRFLOW_WWW_USER_PASSWORD).toMatch(ref('random_password', 'airflow-secrets/admin-password'));
  });

  it('pins every image and builds MLflow from the repository Dockerfile with a content-hash tag', () => {
    for (const i of Object.values(resourcesOf(ml(env), 'docker_image'))) {
      expect(i.name).toMatch(/:[A-Za-z0-9_][A-Za-z0-9._-]*$/);
      expect(i.name).not.toMatch(/:latest$/);
    }
    const image = resourceAt(ml(env), 'docker_image', 'mlflow-image') as { name: string; build: Record<string, unknown>; triggers: Record<string, string> };
    const hash = image.triggers.content_sha256;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(image.name).toBe(`datalab/mlflow:v3.12.0-${hash.slice(0, 12)}`);
    expect(image.build).toMatchObject({ build_args: { BASE_IMAGE: 'ghcr.io/mlflow/mlflow:v3.12.0' }, context: expect.stringMatching(/^assets\//) });
    expect(container(ml(env), 'mlflow').image).toMatch(/^\$\{docker_image\.mlflow-image_[A-F0-9]{8}\.image_id\}$/);
  });

  it('stores MLflow artifacts in the core mlflow bucket through the lake inside the network, and metadata in its Postgres database', () => {
    const mlflow = container(ml(env), 'mlflow');
    const e = envOf(mlflow);
    expect(e.MLFLOW_ARTIFACTS_DESTINATION).toBe('s3://mlflow/');
    expect(e.MLFLOW_S3_ENDPOINT_URL).toBe(lakeEndpointOf(env));
    expect(e.MLFLOW_BACKEND_STORE_URI).toMatch(/^postgresql\+psycopg2:\/\/mlflow:\$\{random_password\.db-mlflow_password_[A-F0-9]{8}\.result\}@postgres:5432\/mlflow$/);
    expectLakeCredentials(env, e, 'datalab-mlflow', 'mlflow-lake-user');
    // The store URI carries a password: it is expanded from the environment, not put in argv.
    expect(mlflow.command).toEqual(['sh', '-c', expect.stringContaining('--backend-store-uri "$MLFLOW_BACKEND_STORE_URI"')]);
    expect(mlflow.command![2]).toContain('--artifacts-destination "$MLFLOW_ARTIFACTS_DESTINATION"');
    expect(mlflow.command![2]).toContain('--allowed-hosts "$MLFLOW_ALLOWED_HOSTS"');
    expect(mlflow.depends_on).toEqual([idOf(ml(env), 'postgres')]);
  });

  it('lets MLflow be called as mlflow:5000 in the network and at its published address on the host', () => {
    const mlflow = container(ml(env), 'mlflow');
    const hosts = envOf(mlflow).MLFLOW_ALLOWED_HOSTS.split(',');
    const published = mlflow.ports!.find((p) => p.internal === 5000)!;
    expect(hosts).toEqual(expect.arrayContaining(['mlflow', 'mlflow:5000', 'localhost:5000', `127.0.0.1:${published.external}`]));
    expect(mlflow.healthcheck!.test).toEqual(['CMD', 'python', '-c', expect.stringContaining("'http://localhost:5000/health'")]);
  });

  it('has the DAG processor list the dags folder every 30 s, so a copied DAG appears without a 5-minute wait', () => {
    expect(envOf(container(ml(env), 'airflow-dag-processor')).AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL).toBe('30');
  });

  it('runs MLflow without its server-side job runner (a second resident process that overran the memory limit)', () => {
    expect(envOf(container(ml(env), 'mlflow')).MLFLOW_SERVER_ENABLE_JOB_EXECUTION).toBe('false');
  });

  it('creates the mlflow, prefect and airflow databases with their own roles, and pg_trgm in prefect, from an init script without secrets', () => {
    const pg = container(ml(env), 'postgres');
    const [init] = uploadsOf(ml(env), 'postgres');
    expect(init.file).toBe('/docker-entrypoint-initdb.d/10-datalab-databases.sh');
    for (const db of ['mlflow', 'prefect', 'airflow']) {
      expect(init.content).toContain(`\\getenv pw DATALAB_DB_${db.toUpperCase()}_PASSWORD\nCREATE ROLE "${db}" LOGIN PASSWORD :'pw';\nCREATE DATABASE "${db}" OWNER "${db}";\nREVOKE CONNECT ON DATABASE "${db}" FROM PUBLIC;`);
      expect(envOf(pg)[`DATALAB_DB_${db.toUpperCase()}_PASSWORD`]).toMatch(new RegExp(`^\\$\\{random_password\\.db-${db}_password_[A-F0-9]{8}\\.result\\}$`));
    }
    expect(init.content).toContain('\\connect "prefect"\nCREATE EXTENSION IF NOT EXISTS "pg_trgm";');
    // Terraform would interpolate "${": the script must contain none, nor any secret.
    expect(init.content).not.toContain('${');
    expect(init.content).not.toMatch(/random_password/);
    expect(envOf(pg).POSTGRES_PASSWORD).toMatch(ref('random_password', 'postgres-password'));
  });

  it('keeps Postgres data on a named volume and reports healthy only once it accepts TCP connections', () => {
    const pg = container(ml(env), 'postgres');
    // The init script comes read-only from the file holder: Docker uploads nothing into a read-only root.
    expect(pg.volumes).toEqual([
      { container_path: '/var/lib/postgresql/data', volume_name: expect.stringContaining('docker_volume.postgres_volume-data') },
      { from_container: expect.stringMatching(/^\$\{docker_container\.postgres_files_[A-F0-9]{8}\.id\}:ro$/) },
    ]);
    expect(resourceAt(ml(env), 'docker_container', 'postgres/files').volumes).toEqual([{ container_path: '/docker-entrypoint-initdb.d' }]);
    expect(resourceAt(ml(env), 'docker_volume', 'postgres/volume-data').name).toBe(`datalab-${env}-postgres-data`);
    expect(pg.healthcheck!.test).toEqual(['CMD', 'pg_isready', '-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-d', 'postgres']);
  });

  it('sizes Postgres connections from config and shared buffers from its memory limit', () => {
    const cfg = loadEnvironment(env).ml!.postgres;
    const pg = container(ml(env), 'postgres');
    expect(pg.command).toEqual(['postgres', '-c', `max_connections=${cfg.maxConnections}`, '-c', `shared_buffers=${cfg.memoryMb / 4}MB`]);
  });

  it('runs the Prefect server on its Postgres database and a worker that creates and polls a process pool', () => {
    const server = container(ml(env), 'prefect-server');
    expect(envOf(server).PREFECT_API_DATABASE_CONNECTION_URL).toMatch(/^postgresql\+asyncpg:\/\/prefect:\$\{random_password\.db-prefect_password_[A-F0-9]{8}\.result\}@postgres:5432\/prefect$/);
    expect(envOf(server).PREFECT_UI_API_URL).toBe('http://127.0.0.1:4200/api');
    expect(server.healthcheck!.test[3]).toContain("'http://localhost:4200/api/health'");
    const worker = container(ml(env), 'prefect-worker');
    expect(worker.command).toEqual(['prefect', 'worker', 'start', '--pool', 'datalab-process', '--type', 'process', '--name', 'prefect-worker', '--with-healthcheck']);
    expect(envOf(worker).PREFECT_API_URL).toBe('http://prefect-server:4200/api');
    expect(worker.depends_on).toEqual([idOf(ml(env), 'prefect-server')]);
    expect(worker.image).toBe(server.image);
  });

  it('starts every Airflow component only after the init task, all with the same image, database, JWT secret, secret key and Fernet key', () => {
    const json = ml(env);
    const init = envOf(container(json, 'airflow-init'));
    for (const name of AIRFLOW) {
      const c = container(json, name);
      expect(c.depends_on).toEqual(expect.arrayContaining([idOf(json, 'airflow-init'), idOf(json, 'postgres')]));
      expect(c.image).toBe(container(json, 'airflow-init').image);
      const e = envOf(c);
      expect(e.AIRFLOW__API_AUTH__JWT_SECRET).toMatch(ref('random_password', 'airflow-secrets/jwt-secret'));
      for (const k of ['AIRFLOW__API_AUTH__JWT_SECRET', 'AIRFLOW__API__SECRET_KEY', 'AIRFLOW__CORE__FERNET_KEY', 'AIRFLOW__DATABASE__SQL_ALCHEMY_CONN']) {
        expect(e[k]).toBe(init[k]);
      }
      expect(e.AIRFLOW__CORE__EXECUTOR).toBe('LocalExecutor');
    }
    expect(init.AIRFLOW__DATABASE__SQL_ALCHEMY_CONN).toMatch(/^postgresql\+psycopg2:\/\/airflow:\$\{random_password\.db-airflow_password_[A-F0-9]{8}\.result\}@postgres:5432\/airflow$/);
    expect(envOf(container(json, 'airflow-scheduler')).AIRFLOW__CORE__EXECUTION_API_SERVER_URL).toBe('http://airflow-apiserver:8080/execution/');
  });

  it('limits LocalExecutor task processes to what the scheduler memory holds', () => {
    // Scheduler memoryMb 768 (dev, e2e), 1536 (staging), 3072 (prod): see the Airflow parallelism table below.
    const expected: Record<string, string> = { dev: '2', staging: '5', prod: '13', e2e: '2' };
    expect(envOf(container(ml(env), 'airflow-scheduler')).AIRFLOW__CORE__PARALLELISM).toBe(expected[env]);
  });

  it('derives the Fernet key from 32 random bytes in URL-safe base64', () => {
    const bytes = Object.values(resourcesOf(ml(env), 'random_bytes'));
    expect(bytes).toEqual([expect.objectContaining({ length: 32 })]);
    const key = envOf(container(ml(env), 'airflow-scheduler')).AIRFLOW__CORE__FERNET_KEY;
    expect(key).toMatch(/^\$\{replace\(replace\(random_bytes\.airflow-secrets_fernet-key_[A-F0-9]{8}\.base64, "\+", "-"\), "\/", "_"\)\}$/);
  });

  it('shares the DAG volume between the DAG processor and the scheduler', () => {
    const json = ml(env);
    const dags = (name: string) => container(json, name).volumes!.find((v) => v.container_path === '/opt/airflow/dags')!.volume_name;
    expect(dags('airflow-dag-processor')).toMatch(/docker_volume\.airflow-dag-processor_volume-dags_/);
    expect(dags('airflow-scheduler')).toBe(dags('airflow-dag-processor'));
    expect(resourceAt(json, 'docker_volume', 'airflow-dag-processor/volume-dags').name).toBe(`datalab-${env}-airflow-dags`);
  });

  it('checks Airflow components the way upstream does, with "$HOSTNAME" not "${HOSTNAME}"', () => {
    const json = ml(env);
    expect(container(json, 'airflow-apiserver').healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:8080/api/v2/version']);
    expect(container(json, 'airflow-scheduler').healthcheck!.test).toEqual(['CMD', 'curl', '-fsS', '-o', '/dev/null', 'http://localhost:8974/health']);
    expect(container(json, 'airflow-dag-processor').healthcheck!.test).toEqual(['CMD-SHELL', 'airflow jobs check --job-type DagProcessorJob --hostname "$HOSTNAME"']);
    for (const c of containers(json)) expect(JSON.stringify([c.command, c.healthcheck])).not.toContain('${');
  });

  it('publishes the planned host ports on 127.0.0.1 only', () => {
    const json = ml(env);
    const published = Object.fromEntries(containers(json).filter((c) => c.ports).map((c) => [serviceOf(c), c.ports!.map((p) => `${p.ip}:${p.external}->${p.internal}`)]));
    expect(published).toEqual({
      postgres: ['127.0.0.1:5432->5432'],
      mlflow: ['127.0.0.1:5000->5000'],
      'prefect-server': ['127.0.0.1:4200->4200'],
      'airflow-apiserver': ['127.0.0.1:8090->8080'],
    });
  });

  it('registers every long-running service with a network endpoint in Consul', () => {
    const json = ml(env);
    const registered = Object.values(resourcesOf(json, 'consul_service')).map((s) => s.name).sort();
    const expected = containers(json).map(serviceOf).filter((s) => s !== 'airflow-init' && s !== 'airflow-dag-processor').sort();
    expect(registered).toEqual(expected);
    expect(resourceAt(json, 'consul_service', 'postgres/registration/service').check).toEqual([expect.objectContaining({ tcp: 'postgres:5432' })]);
    expect(resourceAt(json, 'consul_service', 'mlflow/registration/service').check).toEqual([expect.objectContaining({ http: 'http://mlflow:5000/health' })]);
    for (const s of Object.values(resourcesOf(json, 'consul_service'))) expect(s.meta).toMatchObject({ group: 'ml', environment: env });
  });

  it('keeps no secret literal: every secret-like env value is a reference', () => {
    for (const c of containers(ml(env))) {
      for (const [k, v] of Object.entries(envOf(c))) {
        if (/PASSWORD|SECRET|FERNET|_KEY$|_URI$|_URL$|_CONN$/.test(k) && !/^(MLFLOW_S3_ENDPOINT_URL|PREFECT_API_URL|PREFECT_UI_API_URL|AIRFLOW__CORE__EXECUTION_API_SERVER_URL|AWS_ACCESS_KEY_ID)$/.test(k)) {
          expect([k, v]).toEqual([k, expect.stringMatching(/\$\{(random_password|random_bytes|minio_iam_user|data\.terraform_remote_state|replace\(replace\(random_bytes)[^}]*\}/)]);
        }
        expect([k, v]).not.toEqual([k, expect.stringMatching(/:\/\/[^:/]+:(?!\$\{)[^@]+@/)]);
      }
    }
  });

  it('outputs host URLs and sensitive admin credentials', () => {
    const out = ml(env).output!;
    expect(out.mlflow_url.value).toBe('http://127.0.0.1:5000');
    expect(out.prefect_url.value).toBe('http://127.0.0.1:4200');
    expect(out.airflow_url.value).toBe('http://127.0.0.1:8090');
    expect(out.postgres_address.value).toBe('127.0.0.1:5432');
    expect(out.airflow_admin_user.value).toBe('admin');
    for (const [name, o] of Object.entries(out)) {
      if (/password|secret|token|key$/.test(name)) expect([name, o.sensitive]).toEqual([name, true]);
    }
    expect(Object.keys(out).filter((k) => /password/.test(k)).sort()).toEqual(['airflow_admin_password', 'postgres_superuser_password']);
  });

  it('keeps state in its own per-environment file and reads core through its outputs', () => {
    const json = ml(env);
    expect(json.terraform.backend).toEqual({ local: { path: `../../../.state/${env}/ml.tfstate` } });
    expect(container(json, 'postgres').networks_advanced).toEqual([{ name: expect.stringContaining('data.terraform_remote_state'), aliases: ['postgres'] }]);
  });

  it('keeps the Terraform addresses of stateful resources stable (a rename would replace data or secrets)', () => {
    const ids = (type: string) => Object.keys(resourcesOf(ml(env), type)).sort();
    expect(ids('docker_volume')).toEqual(['airflow-dag-processor_volume-dags_1268FBAB', 'airflow-scheduler_volume-logs_79A4894B', 'postgres_volume-data_8E1E0053']);
    expect(ids('random_password')).toEqual([
      'airflow-secrets_admin-password_D288361C',
      'airflow-secrets_jwt-secret_8F569DBC',
      'airflow-secrets_secret-key_08F1ADF6',
      'db-airflow_password_49A7858E',
      'db-mlflow_password_61832F81',
      'db-prefect_password_21EF32A6',
      'postgres-password_0F42B3BA',
    ]);
    expect(ids('random_bytes')).toEqual(['airflow-secrets_fernet-key_9868AEB6']);
    // On SeaweedFS the identity and its secret live in core (see seaweedfs-store.test.ts).
    expect(ids('minio_iam_user')).toEqual(MINIO_ENVS.includes(env) ? ['mlflow-lake-user_87A48279'] : []);
  });

});

describe('docs/ml.md sizing', () => {
  it('is what the ml stack synthesizes: containers and summed memory limits per environment', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'ml.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\w+) \| (\d+)[^|]*\| (\d+) MiB \|$/gm)].map((m) => [m[1], Number(m[2]), Number(m[3])] as const);
    expect(rows.map(([env]) => env)).toEqual(['dev', 'staging', 'prod']);
    for (const [env, count, memory] of rows) {
      const all = containers(ml(env));
      expect({ env, containers: all.length, memoryMb: all.reduce((sum, c) => sum + c.memory, 0) }).toEqual({ env, containers: count, memoryMb: memory });
    }
  });
});

describe.each(MINIO_ENVS)('ml stack on MinIO for %s', (env) => {
  it('gives the MLflow MinIO user access to the mlflow bucket and nothing else', () => {
    const policy = JSON.parse(resourceAt(ml(env), 'minio_iam_policy', 'mlflow-lake-user/policy').policy as string) as { Statement: { Resource: string[]; Action: string[] }[] };
    const resources = policy.Statement.flatMap((s) => s.Resource);
    expect(new Set(resources)).toEqual(new Set(['arn:aws:s3:::mlflow', 'arn:aws:s3:::mlflow/*']));
    expect(policy.Statement.flatMap((s) => s.Action)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:ListBucket']));
    expect(policy.Statement.flatMap((s) => s.Action)).not.toContain('s3:*');
    expect(resourceAt(ml(env), 'minio_iam_user', 'mlflow-lake-user').name).toBe('datalab-mlflow');
  });

  it('configures its own minio provider from core\'s published API port and, by reference, the root password', () => {
    expect(ml(env).provider.minio[0]).toMatchObject({ minio_server: '127.0.0.1:9000', minio_password: expect.stringContaining('data.terraform_remote_state') });
  });
});

describe('ml stack across environments', () => {
  it('runs the triggerer only where configured (not in dev)', () => {
    const has = (env: string) => containers(ml(env)).some((c) => serviceOf(c) === 'airflow-triggerer');
    expect([has('dev'), has('staging'), has('prod')]).toEqual([false, true, true]);
    const t = container(ml('prod'), 'airflow-triggerer');
    expect(t.volumes).toEqual([{ container_path: '/opt/airflow/dags', volume_name: expect.stringContaining('airflow-dag-processor_volume-dags') }]);
  });

  it('protects the Postgres and Airflow volumes from destroy in prod only', () => {
    for (const v of Object.values(resourcesOf(ml('prod'), 'docker_volume'))) expect(v.lifecycle).toEqual({ prevent_destroy: true });
    for (const v of Object.values(resourcesOf(ml('dev'), 'docker_volume'))) expect(v.lifecycle).toBeUndefined();
  });

  it('scales MLflow and Airflow API workers per environment', () => {
    const workers = (env: string) => [envOf(container(ml(env), 'mlflow')).MLFLOW_WORKERS, envOf(container(ml(env), 'airflow-apiserver')).AIRFLOW__API__WORKERS];
    expect(ENVS.map(workers)).toEqual([['1', '1'], ['2', '2'], ['4', '4'], ['1', '1']]);
  });

  it('is built only when the environment lists the ml group, after core', () => {
    const cfg = loadEnvironment('dev');
    const { app, platform } = platformFor({ ...cfg, groups: ['core'] });
    expect(platform.ml).toBeUndefined();
    expect(app.node.tryFindChild('ml')).toBeUndefined();
    const built = platformFor('dev');
    synthStacks(built.app); // cross-stack references add their dependencies while preparing
    expect(built.platform.ml!.dependencies).toEqual([built.platform.core]);
  });
});

describe('Airflow parallelism', () => {
  it('gives at least 2 task slots and one more per 192 MiB above 512 MiB', () => {
    expect([256, 768, 1536, 3072].map(airflowParallelism)).toEqual([2, 2, 5, 13]);
  });
});

describe('PostgreSQL helpers', () => {
  const stack = () => new TerraformStack(Testing.app(), 'test');

  it('reads the major version from postgres tags', () => {
    expect(['postgres:17.11', 'postgres:16.15-alpine', 'postgres:18', 'postgres:17@sha256:' + 'a'.repeat(64), 'my/pg:custom'].map(postgresMajor)).toEqual([17, 16, 18, 17, undefined]);
  });

  it('mounts the PostgreSQL 18 data volume at its new path', () => {
    const cfg = loadEnvironment('dev');
    const pg = container(synthApp({ ...cfg, ml: { ...cfg.ml!, postgres: { ...cfg.ml!.postgres, image: 'postgres:18.6' } } }), 'postgres');
    expect(pg.volumes).toEqual([{ container_path: '/var/lib/postgresql', volume_name: expect.any(String) }, { from_container: expect.stringMatching(/^\$\{docker_container\.postgres_files_[A-F0-9]{8}\.id\}:ro$/) }]);
  });

  it('rejects a database, owner or extension name that is not a plain identifier', () => {
    expect(() => new PostgresDatabase(stack(), 'x', { name: 'my-db' })).toThrow(/name "my-db" must match/);
    expect(() => new PostgresDatabase(stack(), 'x', { name: 'db', owner: 'Robert"); DROP' })).toThrow(/owner "Robert"\); DROP" must match/);
    expect(() => new PostgresDatabase(stack(), 'x', { name: 'db', extensions: ['pg trgm'] })).toThrow(/extension "pg trgm" must match/);
  });

  it('clears the password variable before each \\getenv, so an unset one cannot reuse the previous password', () => {
    const s = stack();
    const script = postgresInitScript([new PostgresDatabase(s, 'a', { name: 'a' }), new PostgresDatabase(s, 'b', { name: 'b', owner: 'bob' })]);
    expect(script).toMatch(/\\unset pw\n\\getenv pw DATALAB_DB_A_PASSWORD\n[^]*\\unset pw\n\\getenv pw DATALAB_DB_B_PASSWORD\nCREATE ROLE "bob"/);
    expect(script).not.toContain('\\connect');
  });

  it('builds connection URLs from the host:port it is given', () => {
    const db = new PostgresDatabase(stack(), 'db', { name: 'prefect' });
    expect(db.url('postgresql+asyncpg', 'postgres:5432')).toMatch(/^postgresql\+asyncpg:\/\/prefect:\$\{TfToken\[TOKEN\.\d+\]\}@postgres:5432\/prefect$/);
  });
});

describe('the MLflow image (ProjectImage tagged with its content hash)', () => {
  const build = (args: Record<string, string>) => {
    const s = new TerraformStack(Testing.app(), 'test');
    return new ProjectImage(s, 'img', { context: path.relative(PROJECT_ROOT, MLFLOW_IMAGE_DIR), name: 'datalab/x:v1', tagWithContentHash: true, buildArgs: args });
  };

  it('changes the image name when a build argument changes, so dependent containers are re-created', () => {
    const a = build({ BASE_IMAGE: 'ghcr.io/mlflow/mlflow:v3.12.0' });
    const b = build({ BASE_IMAGE: 'ghcr.io/mlflow/mlflow:v3.11.0' });
    expect(a.name).toMatch(/^datalab\/x:v1-[0-9a-f]{12}$/);
    expect(a.name).not.toBe(b.name);
    expect(build({ BASE_IMAGE: 'ghcr.io/mlflow/mlflow:v3.12.0' }).name).toBe(a.name);
  });

  it('changes the image name when a file of the context changes or is renamed', () => {
    const tagFor = (files: Record<string, string>) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-img-'));
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
      return new ProjectImage(new TerraformStack(Testing.app(), 't'), 'img', { context: '.', root: dir, name: 'r:v', tagWithContentHash: true }).contentHash;
    };
    const base = tagFor({ Dockerfile: 'FROM x', 'req.txt': 'a' });
    expect(tagFor({ Dockerfile: 'FROM x', 'req.txt': 'a' })).toBe(base);
    expect(tagFor({ Dockerfile: 'FROM y', 'req.txt': 'a' })).not.toBe(base);
    expect(tagFor({ Dockerfile: 'FROM x', 'other.txt': 'a' })).not.toBe(base);
  });

  it('passes each project image only build args its Dockerfile declares, and builds MLflow FROM the configured base', () => {
    const env = 'dev';
    // Docker ignores a build arg no ARG declares: a renamed ARG would silently build another base.
    const { app } = platformFor(env);
    const stacks = Object.fromEntries(synthStacks(app).map((x) => [x.name, x.json as unknown as TfJson]));
    const images: [string, string, string][] = [
      ['processing', 'spark-image', 'images/spark'],
      ['ml', 'mlflow-image', 'images/mlflow'],
      ['visualization', 'jupyterhub-image', 'images/jupyterhub'],
      ['visualization', 'streamlit-image', 'apps/streamlit'],
    ];
    for (const [stack, id, dir] of images) {
      const dockerfile = fs.readFileSync(path.join(PROJECT_ROOT, dir, 'Dockerfile'), 'utf8');
      const declared = [...dockerfile.matchAll(/^ARG ([A-Z0-9_]+)/gm)].map((m) => m[1]);
      const build = (resourceAt(stacks[stack], 'docker_image', id) as { build: { build_args?: Record<string, string> } }).build;
      for (const arg of Object.keys(build.build_args ?? {})) expect({ image: id, arg, declared: declared.includes(arg) }).toEqual({ image: id, arg, declared: true });
    }
    // MLflow's Dockerfile names no version of its own: the base is ml.mlflow.image, passed in.
    const mlflow = (resourceAt(stacks.ml, 'docker_image', 'mlflow-image') as { build: { build_args: Record<string, string> } }).build.build_args;
    expect(fs.readFileSync(path.join(MLFLOW_IMAGE_DIR, 'Dockerfile'), 'utf8')).toMatch(/^ARG BASE_IMAGE\nFROM \$\{BASE_IMAGE\}$/m);
    expect(mlflow.BASE_IMAGE).toBe(loadEnvironment(env).ml!.mlflow.image);
  });
});

describe('ml config validation', () => {
  const devWith = devYamlWith;
  const parse = (text: string) => () => parseEnvironment(text, 'config/test.yaml', 'dev');

  it('fails when an Airflow component runs another image than the API server', () => {
    const text = devWith((d) => d.setIn(['ml', 'airflow', 'scheduler', 'image'], 'apache/airflow:3.0.6-python3.12'));
    expect(parse(text)).toThrow(ConfigError);
    expect(parse(text)).toThrow(/ml\.airflow\.scheduler\.image: must equal ml\.airflow\.apiServer\.image \(apache\/airflow:3\.1\.7-python3\.12\)/);
  });

  it('fails when the Prefect worker runs another image than the server', () => {
    const text = devWith((d) => d.setIn(['ml', 'prefect', 'worker', 'image'], 'prefecthq/prefect:3.8.0-python3.12'));
    expect(parse(text)).toThrow(/ml\.prefect\.worker\.image: must equal ml\.prefect\.server\.image/);
  });

  it('ignores the image of a disabled triggerer', () => {
    const text = devWith((d) => d.setIn(['ml', 'airflow', 'triggerer', 'image'], 'apache/airflow:3.0.6-python3.12'));
    expect(parse(text)).not.toThrow();
  });

  it('fails on a PostgreSQL major the init script does not support', () => {
    const text = devWith((d) => d.setIn(['ml', 'postgres', 'image'], 'postgres:14.19'));
    expect(parse(text)).toThrow(/ml\.postgres\.image: PostgreSQL 14 is not supported; use a major from 15 to 18/);
  });

  it('fails on an ML host port that collides with core', () => {
    const text = devWith((d) => d.setIn(['ml', 'mlflow', 'ports', 'http', 'port'], 9000));
    expect(parse(text)).toThrow(/ml\.mlflow\.ports\.http\.port: host port 127\.0\.0\.1:9000 is already used by core\.minio\.ports\.api/);
  });

  it('fails on an unknown port name or a misspelt work pool', () => {
    expect(parse(devWith((d) => d.setIn(['ml', 'prefect', 'worker', 'ports'], { http: { port: 4300 } })))).toThrow(/ml\.prefect\.worker\.ports/);
    expect(parse(devWith((d) => d.setIn(['ml', 'prefect', 'workPool'], 'My Pool')))).toThrow(/ml\.prefect\.workPool/);
  });

  it('fails when ml is listed in groups without an ml section', () => {
    const text = devWith((d) => d.delete('ml'));
    expect(parse(text)).toThrow(/group "ml" is enabled in groups but has no "ml:" section/);
  });
});
