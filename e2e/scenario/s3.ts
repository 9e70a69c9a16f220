/**
 * S3 requests against the lake as one identity, with the AWS SDK a consumer would use, and the
 * two outcomes the scenario distinguishes: allowed, or refused with a given S3 error code.
 */
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { AssertionFailed } from './assert';
import type { LakeCredentials } from './state';

export function lakeClient(url: string, c: LakeCredentials): S3Client {
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    // Buckets as path segments: the gateway on 127.0.0.1 has no per-bucket host names.
    forcePathStyle: true,
    credentials: { accessKeyId: c.accessKey, secretAccessKey: c.secretKey },
    // A refusal must be seen as it is, not retried into a timeout.
    maxAttempts: 1,
  });
}

export async function putText(client: S3Client, bucket: string, key: string, body: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain' }));
}

export async function getText(client: S3Client, bucket: string, key: string): Promise<string> {
  const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await r.Body?.transformToString()) ?? '';
}

/** "allowed", or the S3 error code of the refusal (AccessDenied, NoSuchKey …). */
export async function outcome(request: () => Promise<unknown>): Promise<string> {
  try {
    await request();
    return 'allowed';
  } catch (err) {
    if (err instanceof S3ServiceException) return err.name;
    throw err;
  }
}

/** One row of a permission matrix: who does what, and what must happen. */
export interface Expectation {
  readonly who: string;
  readonly what: string;
  readonly expected: 'allowed' | 'AccessDenied';
  readonly request: () => Promise<unknown>;
}

/** Runs every row and fails once, listing every row that did not behave (not just the first). */
export async function checkMatrix(rows: readonly Expectation[]): Promise<readonly string[]> {
  const lines: string[] = [];
  const wrong: string[] = [];
  for (const row of rows) {
    const got = await outcome(row.request);
    const line = `${row.who} ${row.what}: ${got}`;
    lines.push(`${got === row.expected ? 'ok  ' : 'FAIL'} ${line}${got === row.expected ? '' : ` (expected ${row.expected})`}`);
    if (got !== row.expected) wrong.push(`${line}, expected ${row.expected}`);
  }
  if (wrong.length) throw new AssertionFailed(`lake permissions:\n  ${wrong.join('\n  ')}\nall requests:\n  ${lines.join('\n  ')}`);
  return lines;
}
