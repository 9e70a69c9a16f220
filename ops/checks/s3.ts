/**
 * Data-lake checks over the S3 API (path-style, endpoint = the host URL): one login per endpoint, then
 * for every bucket of the model: it exists, and its versioning is what the model says.
 */
import { GetBucketVersioningCommand, HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { resolveSecret, SecretSource } from '../credentials';
import { BucketModel, S3Endpoint } from '../model';
import { Check } from '../runner';
import { CheckFailure } from './failure';

export interface S3CheckOptions {
  readonly secrets: SecretSource;
  readonly timeoutMs: number;
  /** Clients created by the checks; the caller destroys them at the end. */
  readonly clients: Map<string, S3Client>;
  /** The service and stack that serve an endpoint, for hints and grouping. @default - the bucket's stack and the service that serves the lake */
  readonly ownerOf?: (endpoint: string) => { readonly stack: string; readonly service: string } | undefined;
}

const AUTH_ERRORS = ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken'];

export function s3Checks(buckets: readonly BucketModel[], opts: S3CheckOptions): Check[] {
  const checks: Check[] = [];
  const logins = new Map<string, string>();
  for (const b of buckets) {
    const owner = opts.ownerOf?.(b.s3.url) ?? { stack: b.stack, service: b.s3.service };
    const key = endpointKey(b.s3);
    let loginId = logins.get(key);
    if (!loginId) {
      loginId = `${owner.stack}/${owner.service}/login${logins.size === 0 ? '' : `-${logins.size + 1}`}`;
      logins.set(key, loginId);
      checks.push(loginCheck(loginId, b, opts, owner));
    }
    checks.push(bucketCheck(loginId, b, key, opts, owner.service));
  }
  return checks;
}

function endpointKey(e: S3Endpoint): string {
  return `${e.url}\0${e.user}\0${e.password.stack}\0${e.password.output}`;
}

function loginCheck(id: string, b: BucketModel, opts: S3CheckOptions, owner: { stack: string; service: string }): Check {
  return {
    id,
    group: owner.stack,
    kind: 'lake',
    name: `${owner.service} login as ${b.s3.user}`,
    endpoint: b.s3.url,
    service: owner.service,
    async run(signal) {
      const secret = resolveSecret(b.s3.password, opts.secrets);
      const key = endpointKey(b.s3);
      let client = opts.clients.get(key);
      if (!client) {
        client = new S3Client({
          endpoint: b.s3.url,
          forcePathStyle: true,
          region: 'us-east-1',
          credentials: { accessKeyId: b.s3.user, secretAccessKey: secret.value },
          // verify retries itself, with its own backoff and timeout.
          maxAttempts: 1,
          requestHandler: { connectionTimeout: opts.timeoutMs, requestTimeout: opts.timeoutMs },
        });
        opts.clients.set(key, client);
      }
      try {
        const out = await client.send(new ListBucketsCommand({}), { abortSignal: signal });
        return `${out.Buckets?.length ?? 0} buckets visible`;
      } catch (err) {
        const name = (err as { name?: string }).name ?? '';
        if (AUTH_ERRORS.includes(name)) {
          throw new CheckFailure(
            `${b.s3.url} rejected user "${b.s3.user}" with the password from ${secret.source} (${name})`,
            secret.source.startsWith('$')
              ? `correct or unset ${b.s3.password.envVar}; the deployed password is output ${b.s3.password.output} of \`npx cdktf output ${b.s3.password.stack}\``
              : `the state does not match this server (another environment on the same port? check DATALAB_ENV), or set ${b.s3.password.envVar}`,
            false,
          );
        }
        throw err;
      }
    },
  };
}

function bucketCheck(loginId: string, b: BucketModel, key: string, opts: S3CheckOptions, service: string): Check {
  const expected = b.versioning ? 'Enabled' : 'off';
  return {
    id: `${b.stack}/${service}/bucket/${b.name}`,
    group: b.stack,
    kind: 'lake',
    name: `bucket ${b.name}`,
    endpoint: b.s3.url,
    service,
    dependsOn: loginId,
    async run(signal) {
      const client = opts.clients.get(key)!;
      try {
        await client.send(new HeadBucketCommand({ Bucket: b.name }), { abortSignal: signal });
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NotFound' || e.name === 'NoSuchBucket' || e.$metadata?.httpStatusCode === 404) {
          throw new CheckFailure(`bucket "${b.name}" does not exist on ${b.s3.url}`, `run \`npx cdktf deploy ${b.stack}\` (it creates the buckets of the model)`, false);
        }
        throw err;
      }
      const v = await client.send(new GetBucketVersioningCommand({ Bucket: b.name }), { abortSignal: signal });
      // S3 reports no Status for a bucket that never had versioning; Suspended means switched off.
      const actual = v.Status === 'Enabled' ? 'Enabled' : v.Status === 'Suspended' ? 'Suspended' : 'off';
      const matches = b.versioning ? actual === 'Enabled' : actual !== 'Enabled';
      if (!matches) {
        throw new CheckFailure(
          `bucket "${b.name}": versioning is ${actual}, the model says ${expected}`,
          `run \`npx cdktf deploy ${b.stack}\` to re-apply it (versioning was changed outside Terraform, e.g. with mc version)`,
          false,
        );
      }
      return `exists, versioning ${actual}`;
    },
  };
}
