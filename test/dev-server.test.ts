import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function poll<T>(what: string, get: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await get().catch(() => null);
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('npm run dev (issue 10 item 12)', () => {
  it('serves the web app with live reload and forwards the API, keeping the same-origin check', async () => {
    const port = await freePort();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dev-'));
    const child = spawn(process.execPath, [fileURLToPath(import.meta.resolve('tsx/cli')), 'src/dev.ts'], {
      env: { ...process.env, PORT: String(port), RAPPORT_DATA_DIR: dir },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    try {
      const url = await poll('the dev server', async () => /open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? null);
      const page = await (await fetch(url)).text();
      // Vite's client (hot module replacement) and React Fast Refresh are in the page: edits reload it.
      expect(page).toContain('/@vite/client');
      expect(page).toContain('/@react-refresh');
      const health = await poll('the API behind the proxy', async () => {
        const res = await fetch(`${url}api/health`);
        return res.ok ? res.json() as Promise<unknown> : null;
      });
      expect(health).toEqual({ status: 'ok' });
      const origin = new URL(url).origin;
      const own = await fetch(`${url}api/v1/customers`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'From the dev page' }) });
      expect(own.status, await own.text()).toBe(201);
      const other = await fetch(`${url}api/v1/customers`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
      expect(other.status).toBe(403);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
