/**
 * Two small, independent evaluators of what an identity may do: one for S3 policy documents as
 * MinIO evaluates them (Allow statements, `*` crossing `/`, `StringLike` on `s3:prefix`), one for
 * SeaweedFS action lists as its gateway's `Identity.CanDo` does (weed/s3api/auth_credentials.go).
 * The tests feed both the same grants and requests and expect the same answers.
 */
import type { PolicyStatement } from '../constructs/minio-user';

/** A request a lake client makes, in store-neutral terms. */
export type LakeRequest =
  | { readonly op: 'get' | 'put' | 'delete'; readonly bucket: string; readonly key: string }
  | { readonly op: 'list'; readonly bucket: string; readonly prefix: string };

/** Glob match where `*` is any run of characters (`/` included) and `?` one character. */
export function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's');
  return re.test(s);
}

const S3_ACTION = { get: 's3:GetObject', put: 's3:PutObject', delete: 's3:DeleteObject', list: 's3:ListBucket' } as const;

export function minioAllows(statements: readonly PolicyStatement[], r: LakeRequest): boolean {
  const action = S3_ACTION[r.op];
  const resource = r.op === 'list' ? `arn:aws:s3:::${r.bucket}` : `arn:aws:s3:::${r.bucket}/${r.key}`;
  return statements.some((s) => {
    if (!s.Action.some((a) => globMatch(a, action))) return false;
    if (!s.Resource.some((p) => globMatch(p, resource))) return false;
    for (const [op, conds] of Object.entries(s.Condition ?? {})) {
      if (op !== 'StringLike') return false;
      for (const [key, values] of Object.entries(conds)) {
        const value = key === 's3:prefix' && r.op === 'list' ? r.prefix : undefined;
        if (value === undefined || !values.some((v) => globMatch(v, value))) return false;
      }
    }
    return true;
  });
}

/** `Identity.CanDo(action, bucket, key)` of SeaweedFS 4.53. */
export function seaweedfsAllows(actions: readonly string[], action: string, bucket: string, key: string): boolean {
  if (actions.includes('Admin') || actions.includes(action)) return true;
  if (bucket === '') return false;
  const full = key ? `${bucket}/${key}` : bucket;
  return actions.some((a) =>
    /[*?]/.test(a)
      ? globMatch(a, `${action}:${full}`) || globMatch(a, `Admin:${full}`)
      : a === `${action}:${bucket}` || a === `Admin:${bucket}`,
  );
}

const SEAWEEDFS_ACTION = { get: 'Read', put: 'Write', delete: 'Write', list: 'List' } as const;

export function seaweedfsAllowsRequest(actions: readonly string[], r: LakeRequest): boolean {
  // A listing is checked against the request's `prefix` as if it were the object key.
  return seaweedfsAllows(actions, SEAWEEDFS_ACTION[r.op], r.bucket, r.op === 'list' ? r.prefix : r.key);
}

/** Requests around every prefix: inside it, its parent keys, a sibling sharing its first letters, elsewhere. */
export function probeRequests(buckets: readonly string[], prefixes: readonly string[]): LakeRequest[] {
  const keys = new Set<string>(['other/a.json', 'a']);
  const listPrefixes = new Set<string>(['', 'other/']);
  for (const p of prefixes) {
    if (!p) continue;
    const bare = p.slice(0, -1);
    for (const k of [`${p}x.json`, `${p}_delta_log/0.json`, bare, `${bare}X/z`, `${bare}-old/a`]) keys.add(k);
    const parts = bare.split('/');
    for (let i = 1; i <= parts.length; i++) keys.add(parts.slice(0, i).join('/'));
    for (const l of [p, `${p}sub/`, bare, `${bare}X/`]) listPrefixes.add(l);
  }
  const out: LakeRequest[] = [];
  for (const bucket of buckets) {
    for (const key of keys) for (const op of ['get', 'put', 'delete'] as const) out.push({ op, bucket, key });
    for (const prefix of listPrefixes) out.push({ op: 'list', bucket, prefix });
  }
  return out;
}
