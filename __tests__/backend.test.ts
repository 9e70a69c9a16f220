import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { parseDocument } from 'yaml';
import { parseEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { configureBackend, localStateReachable, stateLocation } from '../stacks/backend';
import { buildPlatform } from '../stacks/platform';
import { configErrorOf, synthJson } from './helpers';

const devText = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8');

/** dev.yaml with `state` replaced. */
function devWithState(state: Record<string, unknown>): string {
  const doc = parseDocument(devText);
  doc.set('state', doc.createNode(state));
  return doc.toString();
}

function devConfig(state: Record<string, unknown>): EnvConfig {
  return parseEnvironment(devWithState(state), 'config/dev.yaml', 'dev');
}

const configError = (text: string) => configErrorOf(text);

const S3 = { backend: 's3', bucket: 'tf-state', endpoint: 'https://minio.example.org:9000' };

/**
 * The platform plus a stack that consumes a `core` attribute, as every group stack does: cdktf turns
 * the reference into an output in core and a `terraform_remote_state` in the consumer.
 */
function platformWithConsumer(cfg: EnvConfig) {
  const app = Testing.app();
  const { core } = buildPlatform(app, cfg);
  const consumer = new TerraformStack(app, 'consumer');
  configureBackend(consumer, cfg, 'consumer');
  new TerraformOutput(consumer, 'network', { value: core.network.name });
  return { app, core, consumer };
}

type RemoteState = { backend: string; config: Record<string, unknown> };

/** Cross-stack references are resolved by `app.synth()` only, so read the consumer from the outdir. */
function synthesizedConsumer(cfg: EnvConfig): { remote: RemoteState[]; backend: Record<string, Record<string, unknown>>; manifestDeps: string[] } {
  const { app } = platformWithConsumer(cfg);
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'consumer', 'cdk.tf.json'), 'utf8'));
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
  return {
    remote: Object.values((json.data?.terraform_remote_state ?? {}) as Record<string, RemoteState>),
    backend: json.terraform.backend,
    manifestDeps: manifest.stacks.consumer.dependencies,
  };
}

describe('state configuration', () => {
  it('defaults to a local backend when state is omitted or names only a directory', () => {
    const doc = parseDocument(devText);
    doc.delete('state');
    expect(parseEnvironment(doc.toString(), 'config/dev.yaml', 'dev').state).toEqual({ backend: 'local' });
    expect(devConfig({ dir: 'tfstate/dev' }).state).toEqual({ backend: 'local', dir: 'tfstate/dev' });
  });

  it('fills in the s3 defaults: region us-east-1, path-style URLs, no locking', () => {
    expect(devConfig(S3).state).toEqual({ ...S3, region: 'us-east-1', pathStyle: true, useLockfile: false });
  });

  it('fails when an s3 backend has no bucket and no endpoint, naming both paths', () => {
    const err = configError(devWithState({ backend: 's3' }));
    expect(err.message).toMatch(/config\/dev\.yaml:\d+:\d+ {2}state\.bucket: required string is missing/);
    expect(err.message).toMatch(/config\/dev\.yaml:\d+:\d+ {2}state\.endpoint: /);
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['state.bucket', 'state.endpoint']);
  });

  it('fails on an endpoint that is not an http(s) URL', () => {
    const err = configError(devWithState({ ...S3, endpoint: 'minio:9000' }));
    expect(err.message).toContain('state.endpoint: expected an http(s) URL such as https://s3.example.org:9000 (got "minio:9000")');
  });

  it('fails on an unknown backend type, listing the valid ones', () => {
    const err = configError(devWithState({ backend: 'gcs', bucket: 'x' }));
    expect(err.message).toContain('state.backend: expected backend "local" or "s3" (got "gcs")');
  });

  it('refuses credentials in the config file and says where they belong', () => {
    const err = configError(devWithState({ ...S3, accessKey: 'AKIAEXAMPLE', secretKey: 'shh' }));
    expect(err.problems.map((p) => p.path.join('.'))).toEqual(['state.accessKey', 'state.secretKey']);
    expect(err.message).toContain('state.secretKey: credentials never go in config files: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE)');
  });

  it('fails on a key prefix with a leading slash', () => {
    expect(configError(devWithState({ ...S3, keyPrefix: '/datalab' })).message).toContain('state.keyPrefix: expected a key prefix such as datalab/prod');
  });

  it('rejects s3-only keys on a local backend', () => {
    expect(configError(devWithState({ backend: 'local', bucket: 'tf-state' })).message).toContain('state: unknown key "bucket"; allowed: backend, dir');
  });
});

describe('backends', () => {
  it('writes an s3 backend with one key per environment and stack, endpoints.s3 and use_path_style, and no credentials', () => {
    const { core } = platformWithConsumer(devConfig({ ...S3, region: 'eu-central-1' }));
    expect(synthJson(core).terraform.backend).toEqual({
      s3: {
        bucket: 'tf-state',
        key: 'datalab/dev/core.tfstate',
        region: 'eu-central-1',
        endpoints: { s3: 'https://minio.example.org:9000' },
        use_path_style: true,
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    });
  });

  it('locks with use_lockfile or a DynamoDB table when configured, and honours keyPrefix', () => {
    const { core } = platformWithConsumer(devConfig({ ...S3, keyPrefix: 'teams/data/dev', useLockfile: true, dynamodbTable: 'tf-locks' }));
    const s3 = synthJson(core).terraform.backend!.s3;
    expect(s3).toMatchObject({ key: 'teams/data/dev/core.tfstate', use_lockfile: true, dynamodb_table: 'tf-locks' });
  });

  it('resolves cross-stack references through the producer s3 state', () => {
    const { remote, backend, manifestDeps } = synthesizedConsumer(devConfig({ ...S3, useLockfile: true }));
    expect(backend.s3).toMatchObject({ key: 'datalab/dev/consumer.tfstate' });
    expect(manifestDeps).toEqual(['core']);
    expect(remote).toHaveLength(1);
    expect(remote[0].backend).toBe('s3');
    expect(remote[0].config).toMatchObject({
      bucket: 'tf-state',
      key: 'datalab/dev/core.tfstate',
      endpoints: { s3: 'https://minio.example.org:9000' },
      use_path_style: true,
    });
  });

  it('resolves cross-stack references through the producer local state file', () => {
    const { remote } = synthesizedConsumer(devConfig({ backend: 'local' }));
    expect(remote).toEqual([expect.objectContaining({ backend: 'local', config: expect.objectContaining({ path: '../../../.state/dev/core.tfstate' }) })]);
  });

  it('names where a stack state lives, for either backend', () => {
    expect(stateLocation(devConfig({ backend: 'local' }), 'core')).toBe('.state/dev/core.tfstate');
    expect(stateLocation(devConfig({ backend: 'local', dir: 'tf/dev' }), 'ml')).toBe('tf/dev/ml.tfstate');
    expect(stateLocation(devConfig({ ...S3, keyPrefix: 'teams/dl' }), 'core')).toBe('s3://tf-state/teams/dl/core.tfstate');
  });

  it('keeps different environments in different keys of the same bucket', () => {
    const dev = devConfig(S3);
    const prodLike = { ...dev, environment: 'prod' } as EnvConfig;
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    configureBackend(a, dev, 'core');
    configureBackend(b, prodLike, 'core');
    expect(synthJson(a).terraform.backend!.s3.key).toBe('datalab/dev/core.tfstate');
    expect(synthJson(b).terraform.backend!.s3.key).toBe('datalab/prod/core.tfstate');
  });
});

describe('local state paths and the output directory', () => {
  const ROOT = path.join(__dirname, '..');
  const localPath = (outdir: string) => {
    fs.mkdirSync(outdir, { recursive: true });
    const app = new App({ outdir, skipValidation: true });
    const stack = new TerraformStack(app, 'core');
    configureBackend(stack, devConfig({ backend: 'local' }), 'core');
    return synthJson(stack).terraform.backend!.local.path as string;
  };

  it('climbs from <outdir>/stacks/<stack> to the project root, however deep the outdir is', () => {
    const inside = fs.mkdtempSync(path.join(ROOT, '.test-out-'));
    try {
      expect(localPath(inside)).toBe('../../../.state/dev/core.tfstate');
      expect(localPath(path.join(inside, 'build', 'out'))).toBe('../../../../../.state/dev/core.tfstate');
    } finally {
      fs.rmSync(inside, { recursive: true, force: true });
    }
  });

  it('keeps the cdktf.out depth for an outdir outside the project, and says it cannot reach .state/', () => {
    expect(localPath(fs.mkdtempSync(path.join(os.tmpdir(), 'elsewhere-')))).toBe('../../../.state/dev/core.tfstate');
    expect(localStateReachable('/tmp/elsewhere')).toBe(false);
    expect(localStateReachable(path.join(ROOT, 'cdktf.out'))).toBe(true);
  });
});
