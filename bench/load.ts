/**
 * A closed-loop HTTP load: `connections` keep-alive sockets, each sending its next request as soon
 * as the previous answer has been read, for a fixed time. Dependency-free (node:http), so the
 * server's route is compared with /api/health through the very same client.
 */
import http from 'node:http';
import { stats, type Stats } from './support.js';

export interface Request { method?: string; path: string; body?: unknown }

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  statuses: Record<string, number>;
  /** Milliseconds per request, as the client saw them. */
  latency: Stats;
  /** Per method: requests, statuses. */
  byMethod: Record<string, { requests: number; statuses: Record<string, number> }>;
}

export interface LoadOptions {
  port: number;
  connections: number;
  durationMs: number;
  /** The request connection `c` sends next (its `n`th). */
  next: (c: number, n: number) => Request;
  /** Sees each answer (e.g. to keep a record's current version). */
  onResponse?: (c: number, req: Request, status: number, body: string) => void;
}

function send(agent: http.Agent, port: number, req: Request): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const r = http.request({
      host: '127.0.0.1', port, agent, method: req.method ?? 'GET', path: req.path,
      headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(payload);
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const byMethod: LoadResult['byMethod'] = {};
  const start = performance.now();
  const until = start + opts.durationMs;
  const worker = async (c: number) => {
    for (let n = 0; performance.now() < until; n++) {
      const req = opts.next(c, n);
      const t = performance.now();
      const res = await send(agent, opts.port, req);
      latencies.push(performance.now() - t);
      const m = req.method ?? 'GET';
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      const bm = (byMethod[m] ??= { requests: 0, statuses: {} });
      bm.requests++;
      bm.statuses[res.status] = (bm.statuses[res.status] ?? 0) + 1;
      opts.onResponse?.(c, req, res.status, res.body);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, c) => worker(c)));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { connections: opts.connections, seconds: Math.round(seconds * 100) / 100, requests: latencies.length, rps: Math.round(latencies.length / seconds), statuses, latency: stats(latencies), byMethod };
}
