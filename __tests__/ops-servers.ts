/**
 * Local servers for the verify tests, on 127.0.0.1 and random ports: s3rver (a real S3 server),
 * and small node http servers that answer with the shapes of Consul's HTTP API and of plain health
 * endpoints.
 */
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

/**
 * s3rver with one extra key pair (the model's MinIO user and a password). s3rver does not implement
 * bucket versioning (it answers NotImplemented), so a first middleware answers
 * `GET /<bucket>?versioning` in S3's XML shape from `versioning`; every other request, including
 * authentication, is s3rver's own.
 */
export async function startS3(user: string, password: string): Promise<S3Served> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-s3rver-'));
  DUMMY_ACCOUNT.createKeyPair(user, password);
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, resetOnClose: true });
  const versioning = new Map<string, 'Enabled' | 'Suspended'>();
  server.middleware.unshift(async (ctx: { method: string; path: string; query: Record<string, unknown>; status: number; type: string; body: string }, next: () => Promise<void>) => {
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
    const file = path.join(root, model.stacks.find((s) => s.name === stack)!.stateFile);
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
