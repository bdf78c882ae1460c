/**
 * Import of 1M customers from CSV over real HTTP (issue 16, "Done means"): the compiled server
 * (`node dist/server/cli.js serve`, built when missing or stale) in its own process on an EMPTY,
 * freshly migrated database; the CSV streamed from disk as multipart to
 * `POST /api/v1/customers/import` (a dry run first, then the real run), the job polled at
 * `GET /api/v1/import-jobs/:id` until it ends; wall time, rows/s and the server's peak resident
 * memory (VmHWM, reset between the runs, and VmRSS sampled every 200 ms); a run ends when the job
 * says done AND every index of the fresh schema is back (the job reports done before it rebuilds
 * the indexes it dropped for the load). Then: the table holds
 * every row, search answers (a Korean 2- and 3-character term, and the last row's code), and every
 * index and trigger of the freshly migrated database is still there.
 *
 *   npx tsx bench/import.ts [--rows 1000000] [--dbs sqlite,postgres] [--skip-dry] [--cpu-prof dir] [--poll-ms 1000]
 *   npx tsx bench/import.ts --rows 1000000 --csv-only     (only writes the CSV)
 *
 * The CSV (bench/.data/customers-<rows>.csv: name, code, type, industry, region — English labels —
 * phone, email, city, address) is written once by the demo generator (src/server/seed/demo.ts's
 * demoCustomer, the data set of the other benches) and reused. Targets: SQLite ≤ 180 s with
 * RSS ≤ 300 MB; PostgreSQL ≤ 1.5× SQLite; each dry run ≤ its real run.
 * Writes bench/results/import-<date>.json; the server's output goes to bench/.data/import-server-<db>.log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import { buildServerIfNeeded, SERVER_OUTPUT } from '../bin/build-server.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { demoCustomer, prng, weighted } from '../src/server/seed/demo.js';
import { DICT_WEIGHTS } from '../src/server/seed/demo-data.js';
import type { ImportJob, ImportOptions, ImportStatus } from '../src/shared/import.js';
import { arg, log, pgBase, pgUrl, runBenchAndWrite, type BenchDialect } from './support.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DATA_DIR = path.join(HERE, '.data');
const ROWS = Number(arg('rows', '1000000'));
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const SKIP_DRY = process.argv.includes('--skip-dry');
const CPU_PROF = arg('cpu-prof', '');
const POLL_MS = Number(arg('poll-ms', '1000'));
const PG_DB = 'rapport_bench_import';

/** The targets of issue 16. */
const TARGET = { sqliteSeconds: 180, sqliteRssMb: 300, postgresRatio: 1.5 } as const;
const FINISHED: readonly ImportStatus[] = ['done', 'failed', 'cancelled', 'interrupted', 'reverted'];

const HEADERS = ['Name', 'Code', 'Type', 'Industry', 'Region', 'Phone', 'Email', 'City', 'Address'] as const;
/** The mapping is given, not guessed: the bench measures the import, not the header matching. */
const MAPPING: Record<string, string> = {
  Name: 'name', Code: 'code', Type: 'typeId', Industry: 'industryId', Region: 'regionId',
  Phone: 'phone', Email: 'email', City: 'city', Address: 'address',
};

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- the CSV

interface CsvInfo { file: string; rows: number; bytes: number; lastCode: string; koTerm2: string; koTerm3: string; koName: string; seconds: number }

const NEEDS_QUOTES = /[",\r\n]|^ | $/;
const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The seeded dictionaries' English labels by `<key>:<code>` (read from a freshly migrated SQLite database). */
async function dictionaryLabels(): Promise<Map<string, string>> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `import-labels-${process.pid}.db`);
  const db = openDatabase(`sqlite:${file}`);
  try {
    await migrate(db, undefined, { backup: false });
    const { rows } = await sql<{ dictionary_key: string; code: string; label: string }>`SELECT dictionary_key, code, label FROM dictionary_values`.execute(db.kysely);
    return new Map(rows.map((r) => [`${r.dictionary_key}:${r.code}`, r.label]));
  } finally {
    await db.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
}

/**
 * bench/.data/customers-<rows>.csv, written once (UTF-8, no BOM, CRLF, comma) from the demo
 * generator with dictionary values as their English labels; its facts in a .json beside it.
 */
async function customersCsv(rows: number): Promise<CsvInfo> {
  const file = path.join(DATA_DIR, `customers-${rows}.csv`);
  const infoFile = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(infoFile)) return JSON.parse(fs.readFileSync(infoFile, 'utf8')) as CsvInfo;
  log(`writing ${path.relative(ROOT, file)} (${rows} rows) …`);
  const t = performance.now();
  const labels = await dictionaryLabels();
  // The demo seed's dictionary draws (the same PRNG stream), but kept as codes: ids stand for them here.
  const codes: string[] = [];
  const idOf = (key: string) => { codes.push(key); return codes.length - 1; };
  const pickers = new Map<string, (r: () => number) => number>();
  for (const [key, values] of Object.entries(DICT_WEIGHTS)) {
    const w = weighted(values, (x) => x[1]);
    const ids = new Map(values.map(([code]) => [code, idOf(`${key}:${code}`)]));
    pickers.set(key, (r) => ids.get(w(r)[0]) ?? -1);
  }
  const regionIds = new Map<string, number>();
  const dict = (key: string, r: () => number): number | null => {
    if (key.startsWith('region:')) {
      const k = `region:${key.slice('region:'.length)}`;
      let id = regionIds.get(k);
      if (id === undefined) { id = idOf(k); regionIds.set(k, id); }
      return id;
    }
    const p = pickers.get(key);
    return p ? p(r) : (r(), null);
  };
  const label = (id: unknown): string => (typeof id === 'number' && id >= 0 ? labels.get(codes[id]) ?? '' : '');
  const r = prng(20251114);
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  let bytes = 0;
  let lastCode = '';
  let koName = '';
  try {
    let chunk = `${HEADERS.join(',')}\r\n`;
    for (let i = 1; i <= rows; i++) {
      const c = demoCustomer(r, dict);
      lastCode = `C-${String(i).padStart(7, '0')}`;
      const name = String(c.name);
      if (/[가-힣]/.test(name)) koName = name;
      chunk += `${[name, lastCode, label(c.typeId), label(c.industryId), label(c.regionId), c.phone, c.email, c.city, c.address].map(csvField).join(',')}\r\n`;
      if (i % 10_000 === 0 || i === rows) {
        bytes += fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  // Search terms from the last Korean name written: its Hangul without the company form ((주), 주식회사).
  const hangul = koName.replace(/\(주\)|주식회사/g, '').replace(/[^가-힣]/g, '');
  const info: CsvInfo = { file, rows, bytes, lastCode, koName, koTerm2: hangul.slice(0, 2), koTerm3: hangul.slice(0, 3), seconds: round((performance.now() - t) / 1000) };
  fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
  log(`  ${round(bytes / 2 ** 20)} MB in ${info.seconds} s`);
  return info;
}

// ---------------------------------------------------------------- the server

interface Server { port: number; pid: number; child: ChildProcess; logFile: string; stop(): Promise<void> }

async function startServer(dialect: BenchDialect, env: NodeJS.ProcessEnv): Promise<Server> {
  const logFile = path.join(DATA_DIR, `import-server-${dialect}.log`);
  const out = fs.openSync(logFile, 'w');
  const nodeArgs = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : [];
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: '0' };
  if (!env.DATABASE_URL) delete full.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, SERVER_OUTPUT), 'serve'], { cwd: ROOT, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (d: Buffer) => fs.writeSync(out, d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 120 s: ${seen.slice(0, 500)}`)), 120_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}) before listening; see ${logFile}`)); });
    child.stdout?.on('data', (d: Buffer) => {
      fs.writeSync(out, d);
      seen += d.toString();
      const m = /running at http:\/\/[^:]+:(\d+)/.exec(seen);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
  });
  return {
    port, pid: child.pid ?? 0, child, logFile,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.closeSync(out);
    },
  };
}

interface Memory { rssMb: number; hwmMb: number }

function memoryOf(pid: number): Memory {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0);
    return { rssMb: Math.round(kb('VmRSS') / 1024), hwmMb: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return { rssMb: 0, hwmMb: 0 };
  }
}

/** Resets the kernel's peak RSS (VmHWM) of a process we started (Linux: `5` to clear_refs); false when refused. */
function resetPeak(pid: number): boolean {
  try { fs.writeFileSync(`/proc/${pid}/clear_refs`, '5'); return true; } catch { return false; }
}

// ---------------------------------------------------------------- HTTP

interface JsonAnswer<T> { status: number; body: T; raw: string }

function request<T>(port: number, method: string, urlPath: string, body?: unknown): Promise<JsonAnswer<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // A fresh connection each time (agent: false): a kept-alive socket the server closed would fail the next ask.
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, agent: false, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try { parsed = raw ? JSON.parse(raw) : null; } catch { parsed = null; }
        resolve({ status: res.statusCode ?? 0, body: parsed as T, raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/**
 * `POST /api/v1/customers/import` as multipart/form-data: the `options` part (JSON) first, then
 * the `file` part streamed from disk (never read into memory), with its Content-Length known.
 */
function uploadImport(port: number, file: string, options: ImportOptions): Promise<JsonAnswer<{ job: ImportJob }>> {
  const boundary = `----rapport-bench-${Date.now().toString(16)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="options"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(options)}\r\n`
    + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method: 'POST', path: '/api/v1/customers/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = null;
        try { parsed = JSON.parse(raw); } catch { parsed = null; }
        resolve({ status: res.statusCode ?? 0, body: parsed as { job: ImportJob }, raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.write(head);
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('error', reject);
    stream.on('end', () => req.end(tail));
    stream.pipe(req, { end: false });
  });
}

// ---------------------------------------------------------------- one import

interface ImportRun {
  dryRun: boolean; status: ImportStatus | 'no-job'; httpStatus: number; jobId: number | null;
  uploadSeconds: number;
  /** Upload start → the job seen finished. */
  doneSeconds: number;
  /** Upload start → finished and every index and trigger of the fresh schema back (the job's status says done before its index rebuild ends). */
  seconds: number;
  jobSeconds: number | null; rowsPerSecond: number;
  /** The slowest answer to GET /import-jobs/:id while the job ran: how long the server kept everyone else waiting. */
  maxPollMs: number;
  /** Polls the server closed unanswered (its request timeout passed while it was busy). */
  pollFailures?: number;
  counts: ImportJob['counts'] | null; landedThroughRow: number | null; message: string | null;
  rssBeforeMb: number; peakRssMb: number; sampledPeakRssMb: number; peakReset: boolean;
  progress: { at: number; rows: number; bytes: number; rowsPerSecond: number | null; rssMb: number }[];
  error?: string;
}

async function runImport(server: Server, csv: CsvInfo, dryRun: boolean, indexesBack: () => Promise<boolean>): Promise<ImportRun> {
  const options: ImportOptions = { mode: 'create', dryRun, mapping: MAPPING, encoding: 'utf-8', delimiter: ',', locale: 'en' };
  const before = memoryOf(server.pid);
  const peakReset = resetPeak(server.pid);
  let sampled = before.rssMb;
  const sampler = setInterval(() => { sampled = Math.max(sampled, memoryOf(server.pid).rssMb); }, 200);
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  const progress: ImportRun['progress'] = [];
  try {
    const up = await uploadImport(server.port, csv.file, options);
    const uploadSeconds = round(elapsed(), 2);
    const job0 = up.body?.job;
    if (up.status !== 202 || !job0) {
      log(`  ${dryRun ? 'dry run' : 'import'}: POST answered ${up.status}: ${up.raw.slice(0, 400)}`);
      return {
        dryRun, status: 'no-job', httpStatus: up.status, jobId: null, uploadSeconds, doneSeconds: round(elapsed(), 2), seconds: round(elapsed(), 2), jobSeconds: null, rowsPerSecond: 0, maxPollMs: 0,
        counts: null, landedThroughRow: null, message: up.raw.slice(0, 1000), rssBeforeMb: before.rssMb, peakRssMb: memoryOf(server.pid).hwmMb,
        sampledPeakRssMb: sampled, peakReset, progress, error: `POST /customers/import answered ${up.status}`,
      };
    }
    log(`  ${dryRun ? 'dry run' : 'import'}: uploaded in ${uploadSeconds} s, job ${job0.id} ${job0.status}`);
    let job = job0;
    let lastLog = 0;
    let maxPollMs = 0;
    let pollFailures = 0;
    while (!FINISHED.includes(job.status)) {
      await sleep(POLL_MS);
      const asked = performance.now();
      let res: JsonAnswer<ImportJob>;
      try {
        res = await request<ImportJob>(server.port, 'GET', `/api/v1/import-jobs/${job0.id}`);
      } catch (e) {
        // A server busy past its request timeout closes the connection unanswered: counted, and asked again.
        maxPollMs = Math.max(maxPollMs, Math.round(performance.now() - asked));
        pollFailures++;
        log(`    ${round(elapsed())} s: GET /import-jobs/${job0.id} failed after ${Math.round(performance.now() - asked)} ms (${e instanceof Error ? e.message : String(e)})`);
        if (pollFailures > 50) throw e;
        continue;
      }
      maxPollMs = Math.max(maxPollMs, Math.round(performance.now() - asked));
      if (res.status !== 200) throw new Error(`GET /import-jobs/${job0.id} answered ${res.status}: ${res.raw.slice(0, 300)}`);
      job = res.body;
      const mem = memoryOf(server.pid);
      progress.push({ at: round(elapsed()), rows: job.counts.rows, bytes: job.progress.bytes, rowsPerSecond: job.progress.rowsPerSecond, rssMb: mem.rssMb });
      if (elapsed() - lastLog >= 10) {
        lastLog = elapsed();
        log(`    ${round(elapsed())} s: ${job.status} ${job.counts.rows} rows (${job.progress.rowsPerSecond ?? '?'} rows/s, ${round(job.progress.bytes / 2 ** 20)}/${round(job.progress.totalBytes / 2 ** 20)} MB), RSS ${mem.rssMb} MB`);
      }
    }
    const doneSeconds = round(elapsed(), 2);
    let back = await indexesBack();
    while (!back && elapsed() < 3600) { await sleep(250); back = await indexesBack(); }
    const seconds = round(elapsed(), 2);
    if (seconds > doneSeconds) log(`  the indexes were back ${round(seconds - doneSeconds)} s after the job said ${job.status}`);
    clearInterval(sampler);
    const after = memoryOf(server.pid);
    sampled = Math.max(sampled, after.rssMb);
    const jobSeconds = job.startedAt && job.finishedAt ? round((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000, 2) : null;
    const r: ImportRun = {
      dryRun, status: job.status, httpStatus: up.status, jobId: job.id, uploadSeconds, doneSeconds, seconds, jobSeconds, maxPollMs, pollFailures,
      rowsPerSecond: Math.round(job.counts.rows / seconds), counts: job.counts, landedThroughRow: job.landedThroughRow, message: job.message,
      rssBeforeMb: before.rssMb, peakRssMb: peakReset ? after.hwmMb : Math.max(after.hwmMb, sampled), sampledPeakRssMb: sampled, peakReset, progress,
    };
    log(`  ${dryRun ? 'dry run' : 'import'}: ${job.status} in ${seconds} s (said done at ${doneSeconds} s; job ${jobSeconds ?? '?'} s; slowest poll ${maxPollMs} ms) = ${r.rowsPerSecond} rows/s, counts ${JSON.stringify(job.counts)}, RSS ${before.rssMb} → peak ${r.peakRssMb} MB (sampled ${sampled})${job.message ? `, message: ${job.message}` : ''}`);
    return r;
  } finally {
    clearInterval(sampler);
  }
}

// ---------------------------------------------------------------- what the database holds afterwards

/** Indexes and triggers (SQLite: also virtual tables such as FTS), as `kind name: definition`. */
async function schemaObjects(dialect: BenchDialect, url: string): Promise<string[]> {
  if (dialect === 'sqlite') {
    const db = new BetterSqlite3(url.slice('sqlite:'.length), { readonly: true });
    try {
      const rows = db.prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%') ORDER BY type, name`).all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
      return rows.map((r) => `${r.type} ${r.name} on ${r.tbl_name}: ${r.sql ?? '(automatic)'}`);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const idx = await client.query<{ tablename: string; indexname: string; indexdef: string }>(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`);
    const trg = await client.query<{ tgname: string; relname: string; enabled: string }>(`SELECT t.tgname, c.relname, t.tgenabled AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = 'public' ORDER BY t.tgname`);
    // An index left INVALID (a failed CREATE INDEX CONCURRENTLY) is listed but not used.
    const invalid = await client.query<{ relname: string }>(`SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE NOT i.indisvalid OR NOT i.indisready`);
    return [
      ...idx.rows.map((r) => `index ${r.indexname} on ${r.tablename}: ${r.indexdef}`),
      ...trg.rows.map((r) => `trigger ${r.tgname} on ${r.relname}: enabled=${r.enabled}`),
      ...invalid.rows.map((r) => `INVALID index ${r.relname}`),
    ];
  } finally {
    await client.end();
  }
}

async function countCustomers(dialect: BenchDialect, url: string): Promise<number> {
  const q = 'SELECT COUNT(*) AS n FROM customers WHERE deleted_at IS NULL';
  if (dialect === 'sqlite') {
    const db = new BetterSqlite3(url.slice('sqlite:'.length), { readonly: true });
    try { return Number((db.prepare(q).get() as { n: number }).n); } finally { db.close(); }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return Number((await client.query<{ n: string }>(q)).rows[0].n); } finally { await client.end(); }
}

interface SearchCheck { q: string; status: number; items: number; ms: number; found?: boolean }

async function searchChecks(port: number, csv: CsvInfo): Promise<SearchCheck[]> {
  const out: SearchCheck[] = [];
  for (const q of [csv.koTerm2, csv.koTerm3, csv.lastCode]) {
    const url = `/api/v1/customers?q=${encodeURIComponent(q)}&limit=50&locale=en`;
    await request(port, 'GET', url); // the first asks warm the caches
    const t = performance.now();
    const res = await request<{ items?: { code?: string; name?: string }[] }>(port, 'GET', url);
    const ms = round(performance.now() - t, 1);
    const items = res.body?.items ?? [];
    const check: SearchCheck = { q, status: res.status, items: items.length, ms };
    if (q === csv.lastCode) check.found = items.some((i) => i.code === q);
    log(`  search ${JSON.stringify(q)}: ${res.status}, ${items.length} items in ${ms} ms${check.found === undefined ? '' : check.found ? ' (the last row is there)' : ' (the last row is MISSING)'}`);
    out.push(check);
  }
  return out;
}

// ---------------------------------------------------------------- one database

interface Run {
  dialect: BenchDialect; rows: number; csv: CsvInfo; idleRssMb: number;
  dry: ImportRun | null; real: ImportRun;
  customers: number; search: SearchCheck[];
  indexes: { fresh: number; after: number; missing: string[]; added: string[] };
  serverLog: string; cpuProfDir: string | null;
}

async function freshDatabase(dialect: BenchDialect): Promise<{ url: string; env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = path.join(DATA_DIR, 'import-sqlite');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    return { url: `sqlite:${path.join(dir, 'rapport.db')}`, env: { RAPPORT_DATA_DIR: dir }, cleanup: async () => { fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = new pg.Client({ connectionString: pgBase() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${PG_DB}`);
    await admin.query(`CREATE DATABASE ${PG_DB}`);
  } finally {
    await admin.end();
  }
  const url = pgUrl(PG_DB);
  return {
    url, env: { DATABASE_URL: url },
    cleanup: async () => {
      const a = new pg.Client({ connectionString: pgBase() });
      await a.connect();
      try { await a.query(`DROP DATABASE IF EXISTS ${PG_DB}`); } finally { await a.end(); }
    },
  };
}

async function benchOne(dialect: BenchDialect, rows: number): Promise<Run> {
  const csv = await customersCsv(rows);
  const db = await freshDatabase(dialect);
  log(`${dialect}: empty database ${db.url.replace(/:[^:@/]*@/, ':***@')}`);
  const server = await startServer(dialect, db.env);
  try {
    // The server migrated the empty database as it started: its indexes are the fresh schema's.
    const fresh = await schemaObjects(dialect, db.url);
    await request(server.port, 'GET', '/api/v1/customers?limit=50&locale=en');
    await sleep(1000);
    const idleRssMb = memoryOf(server.pid).rssMb;
    log(`${dialect}: server pid ${server.pid} on port ${server.port}, idle RSS ${idleRssMb} MB, ${fresh.length} indexes/triggers`);
    const indexesBack = async () => { const now = await schemaObjects(dialect, db.url); return fresh.every((x) => now.includes(x)); };
    const dry = SKIP_DRY ? null : await runImport(server, csv, true, indexesBack);
    if (dry && dry.status === 'done') {
      const left = await countCustomers(dialect, db.url);
      if (left !== 0) log(`  the dry run left ${left} customers behind (it must roll back)`);
    }
    const real = await runImport(server, csv, false, indexesBack);
    const customers = await countCustomers(dialect, db.url);
    log(`  customers in the table: ${customers}`);
    const search = await searchChecks(server.port, csv);
    const after = await schemaObjects(dialect, db.url);
    const missing = fresh.filter((x) => !after.includes(x));
    const added = after.filter((x) => !fresh.includes(x));
    log(`  indexes/triggers: ${fresh.length} fresh, ${after.length} after${missing.length ? `; MISSING: ${missing.join(' | ')}` : ''}${added.length ? `; added: ${added.join(' | ')}` : ''}`);
    return {
      dialect, rows, csv, idleRssMb, dry, real, customers, search,
      indexes: { fresh: fresh.length, after: after.length, missing, added },
      serverLog: path.relative(ROOT, server.logFile), cpuProfDir: CPU_PROF ? path.resolve(CPU_PROF) : null,
    };
  } finally {
    await server.stop();
    await db.cleanup();
  }
}

/** The real run of SQLite, for PostgreSQL's ratio (the runs come in order: SQLite first). */
let sqliteSeconds: number | null = null;

function summarize(r: Run): Record<string, unknown> {
  const ok = r.real.status === 'done' && r.customers === r.rows && r.indexes.missing.length === 0
    && r.search.every((s) => s.status === 200 && s.items > 0) && r.search.every((s) => s.found !== false);
  const dryOk = r.dry === null ? null : r.dry.status === 'done' && r.dry.seconds <= r.real.seconds;
  let target: string;
  let met: boolean;
  if (r.dialect === 'sqlite') {
    sqliteSeconds = r.real.seconds;
    target = `≤ ${TARGET.sqliteSeconds} s, peak RSS ≤ ${TARGET.sqliteRssMb} MB, dry run ≤ real run`;
    met = ok && r.real.seconds <= TARGET.sqliteSeconds && r.real.peakRssMb <= TARGET.sqliteRssMb && (r.dry === null || r.dry.peakRssMb <= TARGET.sqliteRssMb) && dryOk !== false;
  } else {
    const limit = sqliteSeconds === null ? TARGET.sqliteSeconds * TARGET.postgresRatio : sqliteSeconds * TARGET.postgresRatio;
    target = `≤ ${TARGET.postgresRatio}× SQLite (${round(limit)} s${sqliteSeconds === null ? ', SQLite not run: 1.5 × 180 s' : ''}), dry run ≤ real run`;
    met = ok && r.real.seconds <= limit && dryOk !== false;
  }
  return {
    dialect: r.dialect, rows: r.rows,
    real: { status: r.real.status, seconds: r.real.seconds, doneSeconds: r.real.doneSeconds, maxPollMs: r.real.maxPollMs, rowsPerSecond: r.real.rowsPerSecond, peakRssMb: r.real.peakRssMb, counts: r.real.counts },
    dry: r.dry && { status: r.dry.status, seconds: r.dry.seconds, maxPollMs: r.dry.maxPollMs, rowsPerSecond: r.dry.rowsPerSecond, peakRssMb: r.dry.peakRssMb, counts: r.dry.counts },
    idleRssMb: r.idleRssMb, customers: r.customers,
    search: r.search.map((s) => ({ q: s.q, items: s.items, ms: s.ms, ...(s.found === undefined ? {} : { found: s.found }) })),
    indexesMissing: r.indexes.missing.length, checksPassed: ok, dryNotSlower: dryOk,
    target, met,
  };
}

await customersCsv(ROWS);
if (!process.argv.includes('--csv-only')) await buildServerIfNeeded(ROOT);
await runBenchAndWrite<Run>({
  name: 'import',
  sizes: [ROWS],
  dbs: DBS,
  options: {
    rows: ROWS, skipDry: SKIP_DRY, pollMs: POLL_MS, mapping: MAPPING, mode: 'create', server: `node ${SERVER_OUTPUT} serve${CPU_PROF ? ' (--cpu-prof)' : ''}`,
    csv: 'demo generator (src/server/seed/demo.ts demoCustomer, seed 20251114), English labels, UTF-8, CRLF',
    targets: TARGET,
  },
  benchOne,
  summarize,
  instead: process.argv.includes('--csv-only') ? async () => {} : undefined,
});
