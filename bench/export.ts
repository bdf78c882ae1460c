/**
 * Export of 1M customers over real HTTP (issue 14): the app in its own process, CSV and XLSX read
 * as a stream by this process, with rows per second and the app's peak resident memory above its
 * idle level (sampled from /proc every 50 ms), beside the raw scan rate of the same rows in the
 * same run (`SELECT * … ORDER BY name, id` iterated through better-sqlite3, or a PostgreSQL cursor).
 *
 *   npx tsx bench/export.ts [--size 1000000] [--dbs sqlite,postgres] [--formats csv,xlsx]
 *
 * Writes bench/results/export-<date>.json.
 */
import http from 'node:http';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { startAppProcess, type AppProcess } from './app-process.js';
import { customersDataset } from './customers-dataset.js';
import { arg, log, runBenchAndWrite, type BenchDialect } from './support.js';

const SIZE = Number(arg('size', '1000000'));
const DBS = arg('dbs', 'sqlite').split(',');
const FORMATS = arg('formats', 'csv,xlsx').split(',');
const RAW_SQL = 'SELECT * FROM customers WHERE deleted_at IS NULL ORDER BY name, id';

interface Scan { rows: number; seconds: number; rowsPerSecond: number }
interface ExportRun extends Scan {
  format: string; bytes: number; firstByteMs: number; status: number; totalHeader: string | null;
  idleRssMb: number; peakRssMb: number; peakAboveIdleMb: number; ratioToRaw: number;
}
interface Run { dialect: BenchDialect; size: number; raw: Scan; exports: ExportRun[] }

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawScan(dialect: BenchDialect, url: string): Promise<Scan> {
  const t = performance.now();
  let rows = 0;
  if (dialect === 'sqlite') {
    const db = new BetterSqlite3(url.replace(/^sqlite:/, ''), { readonly: true });
    for (const _row of db.prepare(RAW_SQL).iterate()) rows++;
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('BEGIN');
    await client.query(`DECLARE scan NO SCROLL CURSOR FOR ${RAW_SQL}`);
    for (;;) {
      const { rowCount } = await client.query('FETCH 5000 FROM scan');
      if (!rowCount) break;
      rows += rowCount;
    }
    await client.query('COMMIT');
    await client.end();
  }
  const seconds = (performance.now() - t) / 1000;
  return { rows, seconds: round(seconds, 2), rowsPerSecond: Math.round(rows / seconds) };
}

/** Streams one export to nowhere, counting its bytes (and CSV lines), while sampling the app's memory. */
async function streamExport(app: AppProcess, format: string, expectedRows: number, raw: Scan): Promise<ExportRun> {
  await sleep(1500);
  const idle = app.rssMb();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, app.rssMb()); }, 50);
  const t = performance.now();
  let firstByte = 0;
  let bytes = 0;
  let newlines = 0;
  const { status, totalHeader } = await new Promise<{ status: number; totalHeader: string | null }>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: app.port, path: `/api/v1/customers/export?format=${format}&locale=en` }, (res) => {
      res.on('data', (chunk: Buffer) => {
        if (!firstByte) firstByte = performance.now() - t;
        bytes += chunk.length;
        if (format === 'csv') for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) newlines++;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, totalHeader: (res.headers['x-total-count'] as string | undefined) ?? null }));
      res.on('error', reject);
    }).on('error', reject);
  });
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, app.rssMb());
  // CSV: its lines less the header (no customer's text has a line break in this data set); XLSX: the rows asked for.
  const rows = format === 'csv' ? newlines - 1 : expectedRows;
  const rowsPerSecond = Math.round(rows / seconds);
  const r: ExportRun = {
    format, status, totalHeader, rows, bytes, seconds: round(seconds, 2), firstByteMs: Math.round(firstByte), rowsPerSecond,
    idleRssMb: idle, peakRssMb: peak, peakAboveIdleMb: peak - idle, ratioToRaw: round(rowsPerSecond / raw.rowsPerSecond, 3),
  };
  log(`${format}: ${rows} rows in ${r.seconds} s = ${rowsPerSecond} rows/s (${r.ratioToRaw}× raw), ${round(bytes / 2 ** 20)} MB, RSS ${idle} → ${peak} MB (+${r.peakAboveIdleMb})`);
  return r;
}

async function benchOne(dialect: BenchDialect, size: number): Promise<Run> {
  const data = await customersDataset(dialect, size);
  const raw = await rawScan(dialect, data.url);
  log(`${dialect} raw scan: ${raw.rows} rows in ${raw.seconds} s = ${raw.rowsPerSecond} rows/s`);
  const app = await startAppProcess(data.url);
  try {
    // The app warmed as a user would find it: the list has been opened once.
    await fetch(`http://127.0.0.1:${app.port}/api/v1/customers?limit=50&locale=en`);
    const exports: ExportRun[] = [];
    for (const format of FORMATS) exports.push(await streamExport(app, format, raw.rows, raw));
    return { dialect, size, raw, exports };
  } finally {
    await app.stop();
  }
}

await runBenchAndWrite<Run>({
  name: 'export',
  sizes: [SIZE],
  dbs: DBS,
  options: { formats: FORMATS, rawSql: RAW_SQL },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect,
    size: r.size,
    rawRowsPerSecond: r.raw.rowsPerSecond,
    ...Object.fromEntries(r.exports.map((e) => [e.format, {
      rowsPerSecond: e.rowsPerSecond, ratioToRaw: e.ratioToRaw, peakAboveIdleMb: e.peakAboveIdleMb, idleRssMb: e.idleRssMb, peakRssMb: e.peakRssMb,
      target: '≥ 0.7× raw, ≤ 50 MB above idle', met: e.ratioToRaw >= 0.7 && e.peakAboveIdleMb <= 50,
    }])),
  }),
});
