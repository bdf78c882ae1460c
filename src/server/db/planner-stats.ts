import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * The planners choose between a filter's index and the sort's by how many rows each value holds;
 * without statistics SQLite guesses (two filters sorted by date: 125–150 ms at 1M customers instead
 * of a few ms; issue 14). SQLite's statistics are made by ANALYZE, which at 1M rows reads every index
 * for ~10 s: too long to block a request or the start, so a worker thread with its own connection
 * runs `PRAGMA optimize` (which analyses only tables never analysed, with unanalysed indexes, or grown
 * or shrunk tenfold) and this connection then reloads them. PostgreSQL's autovacuum analyses after
 * bulk changes; a table never analysed (restored, or loaded before autovacuum came by) is analysed here.
 */
const EVERY_MS = 6 * 3_600_000;

const requireHere = createRequire(import.meta.url);

/** The worker: plain JavaScript (no TypeScript loader in a worker, bundled or not), given the driver's path and the file. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
try {
  db.pragma('busy_timeout = 30000');
  db.pragma('optimize = 0x10002');
} finally { db.close(); }
parentPort.postMessage('done');
`;

/** Runs `PRAGMA optimize` for the SQLite file in a worker thread; resolves when the statistics are reloaded here. */
function optimizeInWorker(db: Database): Promise<void> {
  const file = db.sqliteFile;
  const conn = db.sqlite;
  if (!file || !conn) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { driver: requireHere.resolve('better-sqlite3'), file } });
    worker.unref();
    worker.once('message', () => {
      // The new statistics take effect on this connection when it reloads them.
      if (conn.open) conn.exec('ANALYZE sqlite_schema');
      resolve();
    });
    worker.once('error', reject);
  });
}

/** Tables of this SQLite database whose indexes have no statistics yet. */
export function tablesWithoutStats(db: Database): string[] {
  const conn = db.sqlite;
  if (!conn) return [];
  const hasStats = conn.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'`).get();
  const rows = conn.prepare(hasStats
    ? `SELECT DISTINCT tbl_name AS t FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)`
    : `SELECT DISTINCT tbl_name AS t FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`).all() as { t: string }[];
  return rows.map((r) => r.t);
}

/** PostgreSQL tables with rows that no ANALYZE (manual or automatic) has seen. */
async function pgTablesNeverAnalysed(db: Database): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`SELECT relname AS t FROM pg_stat_user_tables
    WHERE last_analyze IS NULL AND last_autoanalyze IS NULL AND n_live_tup + n_dead_tup > 1000`.execute(db.kysely);
  return rows.map((r) => r.t);
}

/**
 * Keeps the statistics current while the server runs: once at start (in the background: the first
 * requests do not wait) and every 6 hours. Returns a stop function for the server's close.
 */
export function keepPlannerStatsCurrent(db: Database, onError: (e: unknown) => void): () => void {
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    const work = db.sqlite
      ? optimizeInWorker(db)
      : pgTablesNeverAnalysed(db).then(async (tables) => {
        for (const t of tables) await sql`ANALYZE ${sql.table(t)}`.execute(db.kysely);
      });
    running = work.catch(onError).finally(() => { running = null; });
  };
  run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
