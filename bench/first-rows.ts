/**
 * How soon the customer list's first rows appear on a cold cache over a slow link (issue 14, "On the wire").
 *
 *   npx vite build && npx tsx bench/first-rows.ts [--customers 10000] [--runs 7] [--mbit 10] [--rtt 40]
 *
 * Starts the built app (dist/web) on a temporary SQLite database seeded with demo customers, then, per run,
 * opens /customers in a fresh browser context (empty cache) whose link Chromium throttles through CDP
 * (Network.emulateNetworkConditions: latency = RTT, download and upload at the given Mbit/s), and takes the
 * time from navigation start until the first grid row is visible, found by its role. The same page opened a
 * second time in that context is the warm-cache case. Bytes are what crossed the wire (encodedDataLength),
 * by resource type. Writes bench/results/first-rows-<date>.json. Never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { arg, log, machine, stats, uptime } from './support.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = path.join(HERE, 'results');
const WEB_ROOT = path.join(HERE, '..', 'dist', 'web');
const CUSTOMERS = Number(arg('customers', '10000'));
const RUNS = Number(arg('runs', '7'));
const MBIT = Number(arg('mbit', '10'));
const RTT_MS = Number(arg('rtt', '40'));
const TARGET_MS = 1000;

interface Load {
  /** Navigation start to the first data row visible (the page's own clock). */
  firstRowMs: number;
  domContentLoadedMs: number;
  requests: number;
  bytes: number;
  bytesByType: Record<string, number>;
  /** Responses by Content-Encoding (br, gzip, none). */
  encodings: Record<string, number>;
  /** Requests answered 304 (revalidated) and from the memory or disk cache (not on the wire). */
  revalidated: number;
  fromCache: number;
}

/** Counts what one navigation moves over the (throttled) wire. */
function watchNetwork(cdp: CDPSession) {
  const types = new Map<string, string>();
  const load = { requests: 0, bytes: 0, bytesByType: {} as Record<string, number>, encodings: {} as Record<string, number>, revalidated: 0, fromCache: 0 };
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type);
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const enc = headers['content-encoding'] ?? 'none';
    load.encodings[enc] = (load.encodings[enc] ?? 0) + 1;
    if (e.response.status === 304) load.revalidated++;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache) load.fromCache++;
  });
  cdp.on('Network.requestServedFromCache', () => { load.fromCache++; });
  cdp.on('Network.loadingFinished', (e) => {
    load.requests++;
    load.bytes += e.encodedDataLength;
    const type = types.get(e.requestId) ?? 'Other';
    load.bytesByType[type] = (load.bytesByType[type] ?? 0) + e.encodedDataLength;
  });
  return load;
}

/** The first row with a record link in the Customer list grid: what a user waits for. */
const firstRow = (page: Page) => page.getByRole('table', { name: 'Customer list' }).getByRole('row').filter({ has: page.getByRole('link') }).first();

async function open(context: BrowserContext, page: Page, url: string): Promise<Load> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: RTT_MS, downloadThroughput: (MBIT * 1e6) / 8, uploadThroughput: (MBIT * 1e6) / 8,
  });
  const net = watchNetwork(cdp);
  await page.goto(url, { waitUntil: 'commit' });
  await firstRow(page).waitFor({ state: 'visible', timeout: 30_000 });
  // The page's clock, read right after: navigation start is its zero.
  const firstRowMs = await page.evaluate(() => performance.now());
  const domContentLoadedMs = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd ?? -1);
  // Requests still running (the total count, icons) finish before their bytes are read.
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { firstRowMs: Math.round(firstRowMs), domContentLoadedMs: Math.round(domContentLoadedMs), ...net };
}

async function seeded(dir: string): Promise<string> {
  const url = `sqlite:${path.join(dir, 'first-rows.db')}`;
  const db = openDatabase(url);
  try {
    await migrate(db);
    await seedDemo(db, { customers: CUSTOMERS });
  } finally {
    await db.close();
  }
  return url;
}

/** The entry script and what index.html loads with it: the bytes a cold visit cannot avoid. */
function builtAssets(): { file: string; bytes: number }[] {
  const html = fs.readFileSync(path.join(WEB_ROOT, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => ({ file: m[1], bytes: fs.statSync(path.join(WEB_ROOT, m[1])).size }));
}

const gitCommit = () => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: HERE }).toString().trim(); } catch { return null; } };

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) throw new Error('no dist/web: run `npx vite build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-first-rows-'));
  const before = uptime();
  const app = await buildApp({ databaseUrl: await seeded(dir), webRoot: WEB_ROOT });
  const browser = await launchBrowser();
  const cold: Load[] = [];
  const warm: Load[] = [];
  try {
    const setup = await app.inject({ method: 'PATCH', url: '/api/v1/settings', payload: { setupDone: true } });
    if (setup.statusCode !== 200) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('server did not report a port');
    const url = `http://127.0.0.1:${address.port}/customers`;
    // One unmeasured visit first: the server's statement caches and the browser's process start are not the link.
    for (let i = 0; i <= RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
      const page = await context.newPage();
      const c = await open(context, page, url);
      const w = await open(context, page, url);
      await context.close();
      if (i === 0) continue;
      cold.push(c);
      warm.push(w);
      log(`run ${i}: cold ${c.firstRowMs} ms (${c.bytes} B in ${c.requests} requests), warm ${w.firstRowMs} ms (${w.bytes} B)`);
    }
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const summary = (loads: Load[]) => ({
    firstRowMs: stats(loads.map((l) => l.firstRowMs)),
    domContentLoadedMs: stats(loads.map((l) => l.domContentLoadedMs)),
    bytes: loads[0]?.bytes, requests: loads[0]?.requests, bytesByType: loads[0]?.bytesByType, encodings: loads[0]?.encodings,
    revalidated: loads[0]?.revalidated, fromCache: loads[0]?.fromCache,
  });
  const coldSummary = summary(cold);
  const result = {
    bench: 'first-rows',
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(),
    load: { before, after: uptime() },
    options: { customers: CUSTOMERS, runs: RUNS, link: { mbitPerSecond: MBIT, rttMs: RTT_MS }, page: '/customers', browser: 'Chromium, fresh context per run' },
    assets: builtAssets(),
    target: `cold first row p50 ≤ ${TARGET_MS} ms`,
    met: coldSummary.firstRowMs.p50 <= TARGET_MS,
    cold: coldSummary,
    warm: summary(warm),
    runs: { cold, warm },
  };
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `first-rows-${result.date.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`cold first row p50 ${coldSummary.firstRowMs.p50} ms (max ${coldSummary.firstRowMs.max}), ${coldSummary.bytes} B; warm p50 ${result.warm.firstRowMs.p50} ms; ${result.met ? 'met' : 'MISSED'} → ${path.relative(process.cwd(), file)}`);
}

await main();
