/**
 * Local servers for the verify tests, on 127.0.0.1 and random ports: s3rver (a real S3 server),
 * and small node http servers that answer with the shapes of Consul's HTTP API and of plain health
 * endpoints.
 */
import { createHash, createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { PlatformModel, RegistrationModel } from '../ops/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

export interface Served {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface S3Served extends Served {
  /** Versioning status per bucket, as the stand-in answers it. */
  readonly versioning: Map<string, 'Enabled' | 'Suspended'>;
  createBuckets(names: readonly string[]): Promise<void>;
  /** Makes the server reject the user (unknown access key) until `learnUser`. */
  forgetUser(): void;
  learnUser(): void;
}

/** RFC 3986 encoding, as SigV4 canonical query strings use. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Recomputes an AWS Signature V4 (header form) with the given secret: true when it matches. s3rver
 * itself only looks the access key up and does not check V4 signatures.
 */
export function sigV4Matches(method: string, rawUrl: string, headers: Record<string, string | string[] | undefined>, secret: string): boolean {
  const auth = String(headers.authorization ?? '');
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]+)$/.exec(auth);
  if (!m) return false;
  const [, , date, region, service, signedHeaders, signature] = m;
  const [rawPath, rawQuery = ''] = rawUrl.split('?');
  const query = rawQuery
    .split('&')
    .filter(Boolean)
    .map((kv) => {
      const [k, v = ''] = kv.split('=');
      return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v))];
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const names = signedHeaders.split(';');
  const canonicalHeaders = names.map((n) => `${n}:${String(headers[n] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const payload = String(headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD');
  const canonical = [method, rawPath, query, canonicalHeaders, signedHeaders, payload].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', String(headers['x-amz-date']), scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

/**
 * s3rver with one extra key pair (the model's MinIO user and a password), and two small additions
 * in front of it: V4 signatures of that user are verified (s3rver only checks the access key, so a
 * wrong password would pass), answering `SignatureDoesNotMatch` like MinIO; and because s3rver
 * does not implement bucket versioning (it answers NotImplemented), `GET /<bucket>?versioning` is
 * answered in S3's XML shape from `versioning`. Everything else is s3rver's own.
 */
export async function startS3(user: string, password: string): Promise<S3Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-s3rver-'));
  DUMMY_ACCOUNT.createKeyPair(user, password);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, resetOnClose: true });
  const versioning = new Map<string, 'Enabled' | 'Suspended'>();
  server.middleware.unshift(async (ctx: { method: string; url: string; path: string; headers: Record<string, string>; query: Record<string, unknown>; status: number; type: string; body: string }, next: () => Promise<void>) => {
    if (String(ctx.headers.authorization ?? '').includes(`Credential=${user}/`) && !sigV4Matches(ctx.method, ctx.url, ctx.headers, password)) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error>';
      return;
    }
    if (ctx.method === 'GET' && 'versioning' in ctx.query) {
      const bucket = ctx.path.replace(/^\/|\/$/g, '');
      const status = versioning.get(bucket);
      ctx.status = 200;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${status ? `<Status>${status}</Status>` : ''}</VersioningConfiguration>`;
      return;
    }
    await next();
  });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint: url, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: user, secretAccessKey: password } });
  return {
    url,
    port,
    versioning,
    async createBuckets(names) {
      for (const Bucket of names) await client.send(new CreateBucketCommand({ Bucket }));
    },
    forgetUser: () => DUMMY_ACCOUNT.revokeAccessKey(user),
    learnUser: () => DUMMY_ACCOUNT.createKeyPair(user, password),
    async close() {
      client.destroy();
      await server.close();
      DUMMY_ACCOUNT.revokeAccessKey(user);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export async function startHttp(handler: Handler): Promise<Served> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface ConsulCheckState {
  Status: 'passing' | 'warning' | 'critical';
  Output: string;
}

/** A Consul stand-in: `/v1/catalog/services` and `/v1/health/service/<name>` from `catalog`. */
export interface FakeConsul extends Served {
  /** Per service name, per instance id: its check. Delete a key to unregister. */
  readonly catalog: Map<string, Map<string, ConsulCheckState>>;
}

export async function startConsul(registrations: readonly RegistrationModel[]): Promise<FakeConsul> {
  const catalog = new Map<string, Map<string, ConsulCheckState>>();
  for (const r of registrations) {
    catalog.set(r.service, new Map(r.instances.map((i) => [i, { Status: 'passing' as const, Output: 'HTTP GET: 200 OK Output: ok' }])));
  }
  const served = await startHttp((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/v1/status/leader') return json(200, '172.18.0.2:8300');
    if (url.pathname === '/v1/catalog/services') {
      return json(200, Object.fromEntries([...catalog.keys()].map((name) => [name, ['core', 'dev']])));
    }
    const m = /^\/v1\/health\/service\/(.+)$/.exec(url.pathname);
    if (m) {
      const name = decodeURIComponent(m[1]);
      const instances = catalog.get(name) ?? new Map();
      return json(
        200,
        [...instances.entries()].map(([id, check]) => ({
          Node: { ID: '', Node: id, Address: id, Datacenter: 'dc1', Meta: { 'external-node': 'true' } },
          Service: { ID: id, Service: name, Tags: ['core', 'dev'], Address: id, Port: 1 },
          Checks: [{ Node: id, CheckID: `${id}:health`, Name: `${name} health`, Status: check.Status, Output: check.Output, ServiceID: id, ServiceName: name }],
        })),
      );
    }
    json(404, { error: 'not found' });
  });
  return { ...served, catalog };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A project root with `.state/<env>/<stack>.tfstate` holding the given outputs. */
export function stateRoot(model: PlatformModel, outputs: Record<string, Record<string, string>>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-root-'));
  for (const [stack, values] of Object.entries(outputs)) {
    const file = path.join(root, model.stacks.find((s) => s.name === stack)!.stateFile!);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        version: 4,
        terraform_version: '1.9.8',
        serial: 7,
        lineage: 'test',
        outputs: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v, type: 'string', sensitive: true }])),
        resources: [],
      }),
    );
  }
  return root;
}

/** The model with its MinIO, Consul and published ports pointed at local servers. */
export function pointAt(model: PlatformModel, to: { s3?: string; consul?: string; hostPorts?: Record<string, number>; bootstrap?: string }): PlatformModel {
  return {
    ...model,
    buckets: model.buckets.map((b) => (to.s3 ? { ...b, s3: { ...b.s3, url: to.s3 } } : b)),
    registrations: model.registrations.map((r) => (to.consul ? { ...r, consul: to.consul } : r)),
    topics: model.topics.map((t) => (to.bootstrap ? { ...t, bootstrap: to.bootstrap } : t)),
    services: model.services.map((s) => ({
      ...s,
      ports: s.ports.map((p) => (p.host && to.hostPorts?.[s.name] !== undefined ? { ...p, host: { address: '127.0.0.1', port: to.hostPorts[s.name] } } : p)),
    })),
  };
}
