/**
 * JupyterHub as a notebook user meets it, over HTTP from the host: the login form (its XSRF
 * cookie and field, the user's generated password), the hub's REST API with the user's own
 * token (start the server, wait until it is ready), and a kernel of the user's Jupyter server
 * driven over its REST and websocket API (the Jupyter messaging protocol JupyterLab speaks), so
 * code runs exactly where a notebook cell runs: in the kernel, as the user's Unix account, with
 * the environment the spawner gives notebooks.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { AssertionFailed, check } from './assert';

/** Cookies by name, from Set-Cookie headers (path and expiry ignored: one host, one user). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The hidden `_xsrf` field of a form page. */
export function xsrfField(html: string): string | undefined {
  return /name="_xsrf"\s+value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"\s+name="_xsrf"/.exec(html)?.[1];
}

export interface LoginResult {
  readonly status: number;
  /** The page answered (the login form again, with its message, after a refusal). */
  readonly body: string;
  readonly location?: string;
  readonly jar: CookieJar;
}

/** The login form as a browser submits it: GET the page (XSRF cookie and field), POST the fields. */
export async function logIn(hubUrl: string, username: string, password: string): Promise<LoginResult> {
  const jar = new CookieJar();
  const page = await fetch(`${hubUrl}/hub/login`, { redirect: 'manual' });
  jar.take(page);
  const xsrf = xsrfField(await page.text());
  check(page.status === 200 && xsrf, `GET ${hubUrl}/hub/login: status ${page.status}, ${xsrf ? '' : 'no _xsrf field in the form'}`);
  const res = await fetch(`${hubUrl}/hub/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ username, password, _xsrf: xsrf }).toString(),
  });
  jar.take(res);
  return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? undefined, jar };
}

/** The XSRF token a hub page hands its own scripts (`window.jhdata.xsrf_token`). */
export function pageXsrfToken(html: string): string | undefined {
  return /xsrf_token:\s*"([^"]+)"/.exec(html)?.[1];
}

/**
 * A token of the logged-in user, as the hub's token page makes one: the page (opened with the
 * session) gives its scripts the session's XSRF token, which cookie-authenticated API requests
 * must send as X-XSRFToken (the one from before the login is bound to the anonymous visitor).
 */
export async function createToken(hubUrl: string, jar: CookieJar, user: string, note: string): Promise<string> {
  const page = await fetch(`${hubUrl}/hub/token`, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(page);
  const xsrf = pageXsrfToken(await page.text());
  check(page.status === 200 && xsrf, `GET /hub/token with the login session: ${page.status}${xsrf ? '' : ', no xsrf_token in the page'}`);
  const res = await fetch(`${hubUrl}/hub/api/users/${user}/tokens`, {
    method: 'POST',
    headers: { cookie: jar.header(), 'x-xsrftoken': xsrf, 'content-type': 'application/json' },
    body: JSON.stringify({ note, expires_in: 3600 }),
  });
  const text = await res.text();
  check(res.status === 201 || res.status === 200, `POST /hub/api/users/${user}/tokens with the login session: ${res.status} ${text.slice(0, 300)}`);
  const token = (JSON.parse(text) as { token?: string }).token;
  check(token, `the hub returned no token: ${text.slice(0, 300)}`);
  return token;
}

export class HubUser {
  constructor(
    readonly hubUrl: string,
    readonly name: string,
    private readonly token: string,
  ) {}

  async api(method: string, apiPath: string, body?: unknown): Promise<Response> {
    return fetch(`${this.hubUrl}${apiPath}`, {
      method,
      headers: { authorization: `token ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  }

  /** Starts the user's default server and waits until the hub says it is ready; returns the ms it took. */
  async startServer(timeoutMs: number): Promise<number> {
    const started = Date.now();
    const res = await this.api('POST', `/hub/api/users/${this.name}/server`);
    const text = await res.text();
    // 201 started, 202 pending, 400 "already running".
    check([201, 202].includes(res.status) || (res.status === 400 && /already running/.test(text)), `POST /hub/api/users/${this.name}/server: ${res.status} ${text.slice(0, 300)}`);
    let last = '';
    while (Date.now() - started < timeoutMs) {
      const u = await this.api('GET', `/hub/api/users/${this.name}`);
      const model = (await u.json()) as { pending?: string | null; server?: string | null; servers?: Record<string, { ready?: boolean }> };
      last = JSON.stringify({ pending: model.pending, server: model.server, servers: model.servers });
      if (model.servers?.['']?.ready || (model.server && !model.pending)) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new AssertionFailed(`${this.name}'s server was not ready within ${timeoutMs / 1000} s; the hub says ${last}`);
  }

  async stopServer(): Promise<number> {
    const res = await this.api('DELETE', `/hub/api/users/${this.name}/server`);
    await res.arrayBuffer();
    return res.status;
  }

  /** A Python kernel of the user's server. */
  async startKernel(): Promise<Kernel> {
    const res = await this.api('POST', `/user/${this.name}/api/kernels`, { name: 'python3' });
    const text = await res.text();
    check(res.status === 201, `POST /user/${this.name}/api/kernels: ${res.status} ${text.slice(0, 300)}`);
    const id = (JSON.parse(text) as { id: string }).id;
    const ws = new WebSocket(`${this.hubUrl.replace(/^http/, 'ws')}/user/${this.name}/api/kernels/${id}/channels?session_id=${randomUUID()}`, {
      headers: { authorization: `token ${this.token}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, r) => reject(new Error(`kernel websocket refused: ${r.statusCode}`)));
    });
    return new Kernel(this, id, ws);
  }
}

/** What one cell printed and how it ended. */
export interface CellResult {
  readonly status: 'ok' | 'error' | 'aborted';
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: { readonly ename: string; readonly evalue: string; readonly traceback: readonly string[] };
  readonly ms: number;
}

interface Message {
  readonly header: { readonly msg_type: string; readonly msg_id: string };
  readonly parent_header: { readonly msg_id?: string };
  readonly channel?: string;
  readonly content: Record<string, unknown>;
}

/** ANSI colour codes of a traceback. */
// eslint-disable-next-line no-control-regex
const plain = (t: string) => t.replace(/\u001b\[[0-9;]*m/g, '');

export class Kernel {
  private readonly session = randomUUID();

  constructor(
    private readonly user: HubUser,
    readonly id: string,
    private readonly ws: WebSocket,
  ) {}

  /** Runs `code` as a notebook cell and collects its output until the kernel is idle again. */
  execute(code: string, timeoutMs: number): Promise<CellResult> {
    const msgId = randomUUID();
    const started = Date.now();
    let stdout = '';
    let stderr = '';
    let error: CellResult['error'];
    let reply: string | undefined;
    let idle = false;
    return new Promise<CellResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.ws.off('message', onMessage);
        reject(new AssertionFailed(`the cell did not finish within ${timeoutMs / 1000} s; output so far:\n${(stdout + stderr).slice(-2000)}`));
      }, timeoutMs);
      const onMessage = (data: WebSocket.RawData) => {
        const m = JSON.parse(data.toString()) as Message;
        if (m.parent_header?.msg_id !== msgId) return;
        const t = m.header.msg_type;
        if (t === 'stream') {
          if (m.content.name === 'stderr') stderr += String(m.content.text);
          else stdout += String(m.content.text);
        } else if (t === 'error') {
          error = { ename: String(m.content.ename), evalue: plain(String(m.content.evalue)), traceback: ((m.content.traceback as string[]) ?? []).map(plain) };
        } else if (t === 'execute_reply') {
          reply = String(m.content.status);
        } else if (t === 'status' && m.content.execution_state === 'idle') {
          idle = true;
        }
        if (idle && reply) {
          clearTimeout(timer);
          this.ws.off('message', onMessage);
          resolve({ status: reply as CellResult['status'], stdout, stderr, error, ms: Date.now() - started });
        }
      };
      this.ws.on('message', onMessage);
      this.ws.send(
        JSON.stringify({
          header: { msg_id: msgId, username: this.user.name, session: this.session, date: new Date().toISOString(), msg_type: 'execute_request', version: '5.3' },
          parent_header: {},
          metadata: {},
          content: { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
          channel: 'shell',
          buffers: [],
        }),
      );
    });
  }

  async shutdown(): Promise<void> {
    this.ws.close();
    const res = await this.user.api('DELETE', `/user/${this.user.name}/api/kernels/${this.id}`);
    await res.arrayBuffer();
  }
}

/** The JSON a cell printed after `marker ` on a line of its own. */
export function markedJson<T>(stdout: string, marker: string): T | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`${marker} `));
  return line ? (JSON.parse(line.slice(marker.length + 1)) as T) : undefined;
}
