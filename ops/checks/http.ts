/** Minimal HTTP GET and TCP connect with abort support, for health and Consul checks. */
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/** GET a URL; resolves with any status (the caller judges it). Bodies are capped at 1 MiB. */
export function httpGet(url: string, signal: AbortSignal, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    // Self-signed certificates are normal for in-platform HTTPS (NiFi); health is what is checked here.
    const req = lib.get(u, { signal, headers, ...(u.protocol === 'https:' ? { rejectUnauthorized: false } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 1 << 20) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Opens and closes a TCP connection. */
export function tcpConnect(host: string, port: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const onAbort = () => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.end();
      resolve();
    });
    socket.once('error', (err) => {
      signal.removeEventListener('abort', onAbort);
      reject(err);
    });
  });
}
