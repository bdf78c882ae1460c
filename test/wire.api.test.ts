import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type RapportApp } from '../src/server/app.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { createCustomer } from './support/builders.js';
import { png } from './support/files.js';
import { upload } from './support/multipart.js';

/** A built web app in miniature: what the server's headers depend on, without running Vite. */
function fakeWebRoot(dir: string): { script: Buffer; br: Buffer; gz: Buffer } {
  const html = '<!doctype html><html><head><script type="module" src="/assets/app-abc123de.js"></script></head><body><div id="root"></div></body></html>';
  const script = Buffer.from(`export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `row ${i}`))};\n`);
  const br = zlib.brotliCompressSync(script);
  const gz = zlib.gzipSync(script);
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123de.js'), script);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123de.js.br'), br);
  fs.writeFileSync(path.join(dir, 'assets', 'app-abc123de.js.gz'), gz);
  return { script, br, gz };
}

const SECURITY = ['x-content-type-options', 'content-security-policy'];

/** Issue 14, on the wire: compressed API answers, precompressed static files, and caching that fits each. */
describe('on the wire: compression and caching (issue 14)', () => {
  let app: RapportApp;
  let dir: string;
  let web: ReturnType<typeof fakeWebRoot>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-wire-'));
    web = fakeWebRoot(path.join(dir, 'web'));
    app = await buildApp({ databaseUrl: `sqlite:${path.join(dir, 'wire.db')}`, webRoot: path.join(dir, 'web') });
    await seedDemo(app.database, { customers: 150 });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const list = (headers: Record<string, string> = {}) => app.inject({ url: '/api/v1/customers?limit=100', headers });

  it('a large list comes in brotli or gzip as Accept-Encoding asks, the same JSON, with its security headers', async () => {
    const plain = await list();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);
    const expected = plain.json();

    const br = await list({ 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(expected);
    for (const h of SECURITY) expect(br.headers[h], h).toBe(plain.headers[h]);

    const gz = await list({ 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(expected);
  });

  it('a small answer (under 1 KB) is sent as it is', async () => {
    const res = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('a CSV export still streams, compressed as it goes; an XLSX export and a binary attachment pass as they are', async () => {
    const csv = await app.inject({ url: '/api/v1/customers/export?format=csv', headers: { 'accept-encoding': 'gzip' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-encoding']).toBe('gzip');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=/);
    const text = zlib.gunzipSync(csv.rawPayload).toString('utf8');
    expect(text.trim().split('\n')).toHaveLength(151);

    const xlsx = await app.inject({ url: '/api/v1/customers/export?format=xlsx', headers: { 'accept-encoding': 'br, gzip' } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');

    const customer = await createCustomer(app);
    const image = png(64);
    const up = await upload<{ items: { id: number }[] }>(app, `/api/v1/customers/${customer.id}/attachments`, [{ name: 'logo.png', data: image, type: 'image/png' }]);
    expect(up.status).toBe(201);
    const id = up.body.items[0]?.id;
    const down = await app.inject({ url: `/api/v1/attachments/${id}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(down.rawPayload, image)).toBe(0);
  });

  it('hashed assets are cached for a year; index.html and the SPA fallback are revalidated (ETag, Last-Modified)', async () => {
    const asset = await app.inject({ url: '/assets/app-abc123de.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    for (const url of ['/', '/index.html', '/customers/12']) {
      const page = await app.inject({ url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers.etag, url).toBeTruthy();
      expect(page.headers['last-modified'], url).toBeTruthy();
      for (const h of SECURITY) expect(page.headers[h], `${url} ${h}`).toBeTruthy();
    }
    const first = await app.inject({ url: '/' });
    const again = await app.inject({ url: '/', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('a precompressed asset is sent as stored, by Accept-Encoding; a missing asset is a 404, not the app shell', async () => {
    const br = await app.inject({ url: '/assets/app-abc123de.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(br.rawPayload, web.br)).toBe(0);

    const gz = await app.inject({ url: '/assets/app-abc123de.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Buffer.compare(gz.rawPayload, web.gz)).toBe(0);

    const plain = await app.inject({ url: '/assets/app-abc123de.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(plain.rawPayload, web.script)).toBe(0);

    const missing = await app.inject({ url: '/assets/page-0ld0ld00.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
