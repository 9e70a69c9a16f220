import * as path from 'node:path';
import { App, LocalBackend, S3Backend, S3BackendConfig, TerraformBackend, TerraformStack } from 'cdktf';
import { EnvConfig } from '../config/schema';
import { PROJECT_ROOT } from '../constructs/project-image';

/** What a stack's backend is made from: the environment's name and its `state` section. */
export type BackendSettings = Pick<EnvConfig, 'environment' | 'state'>;

/**
 * The local state directory, relative to the project root: `.state/<env>` unless `state.dir` says
 * otherwise. With an s3 backend nothing is stored there; see `stateLocation` for where state is.
 */
export function stateDir(env: BackendSettings): string {
  return env.state.backend === 'local' ? (env.state.dir ?? `.state/${env.environment}`) : `.state/${env.environment}`;
}

/** The S3 key prefix of an environment's state objects: `datalab/<env>` unless configured. */
export function stateKeyPrefix(env: BackendSettings): string {
  return env.state.backend === 's3' ? (env.state.keyPrefix ?? `datalab/${env.environment}`) : `datalab/${env.environment}`;
}

/**
 * Where one stack's state lives, for people and tools to show: `.state/dev/core.tfstate` or
 * `s3://datalab-tfstate/datalab/prod/core.tfstate`.
 */
export function stateLocation(env: BackendSettings, stackName: string): string {
  return env.state.backend === 's3'
    ? `s3://${env.state.bucket}/${stateKeyPrefix(env)}/${stackName}.tfstate`
    : `${stateDir(env)}/${stackName}.tfstate`;
}

/**
 * Gives the stack an explicit backend, one state per environment and stack, so a dev plan can
 * never read or write prod state.
 *
 * - `local`: Terraform runs in `<outdir>/stacks/<stack>/`, so the relative path climbs from there
 *   to the project root (three levels for `cdktf.out`, more for `cdktf synth -o build/out`); it
 *   stays relative so synthesized JSON and snapshots hold no machine-specific paths. An outdir
 *   outside the project keeps the `cdktf.out` depth (see `localStateReachable`).
 * - `s3`: object `<keyPrefix>/<stack>.tfstate`. No credentials are written: Terraform takes them
 *   from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or AWS_PROFILE.
 *
 * Cross-stack references read through the producing stack's backend (cdktf builds the consumer's
 * `terraform_remote_state` from it), so they follow whatever is configured here.
 */
export function configureBackend(stack: TerraformStack, env: BackendSettings, stackName: string): TerraformBackend {
  const state = env.state;
  if (state.backend === 'local') {
    return new LocalBackend(stack, { path: `${stackDirToRoot(stack, stackName)}/${stateDir(env)}/${stackName}.tfstate` });
  }
  const config: S3BackendConfig & { useLockfile?: boolean } = {
    bucket: state.bucket,
    key: `${stateKeyPrefix(env)}/${stackName}.tfstate`,
    region: state.region,
    // `endpoint` and `force_path_style` are deprecated since Terraform 1.6 / OpenTofu 1.6 in
    // favour of `endpoints.s3` and `use_path_style`.
    endpoints: { s3: state.endpoint },
    usePathStyle: state.pathStyle,
    // S3-compatible servers have no STS, IAM or EC2 metadata API and accept any region name.
    skipCredentialsValidation: true,
    skipRequestingAccountId: true,
    skipMetadataApiCheck: true,
    skipRegionValidation: true,
    ...(state.dynamodbTable ? { dynamodbTable: state.dynamodbTable } : {}),
    // cdktf 0.21's S3BackendConfig predates `use_lockfile` (Terraform 1.10); S3Backend renders
    // every prop in snake case, so the extra key reaches the JSON as `use_lockfile`.
    ...(state.useLockfile ? { useLockfile: true } : {}),
  };
  return new S3Backend(stack, config);
}

function outdirOf(stack: TerraformStack): string {
  return path.resolve(App.of(stack).outdir);
}

/** Whether a local-state path written for `outdir` reaches the project's `.state/` directory. */
export function localStateReachable(outdir: string): boolean {
  return path.resolve(outdir).startsWith(PROJECT_ROOT + path.sep);
}

/** `../../..` from `<outdir>/stacks/<stack>` to the project root (POSIX separators). */
function stackDirToRoot(stack: TerraformStack, stackName: string): string {
  const outdir = outdirOf(stack);
  if (!localStateReachable(outdir)) return '../../..';
  return path.relative(path.join(outdir, 'stacks', stackName), PROJECT_ROOT).split(path.sep).join('/');
}
