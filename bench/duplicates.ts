/**
 * Issue 16: what finding duplicates costs at 1M customers, on SQLite and PostgreSQL.
 *
 * a) The backfill: every customer keyed (normalised email, phone, fax, mobile, website domain and
 *    name) into duplicate_keys, set-based in chunks, as the first start after the upgrade does it
 *    (keys.ts rebuildKeys), timed alone.
 * b) The scan's first page (GET /customers/duplicates?limit=20, through the app over its HTTP route)
 *    and the page after it (its cursor), median of a few runs after a warm-up.
 * c) The check of one draft record (POST /customers/duplicates/check: what the form's warning calls),
 *    and likelyDuplicates itself (what the import pipeline calls per row), over drafts made from
 *    existing customers' values (which match) and fresh ones (which do not).
 *
 *   npx tsx bench/duplicates.ts [--size 1000000] [--dbs sqlite,postgres] [--runs 7] [--drafts 200]
 *
 * The cached data set (bench/customers-dataset.ts) is never changed: SQLite runs on a copy in the temp
 * directory, PostgreSQL on a database made from it as a template, dropped afterwards.
 * Writes bench/results/duplicates-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { systemActor } from '../src/server/auth/actor.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { likelyDuplicates } from '../src/server/core/duplicates/check.js';
import { rebuildKeys } from '../src/server/core/duplicates/keys.js';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { customersDataset } from './customers-dataset.js';
import { arg, log, pgBase, pgUrl, runBenchAndWrite, stats, type BenchDialect, type Stats } from './support.js';

const SIZE = Number(arg('size', '1000000'));
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const RUNS = Number(arg('runs', '7'));
const DRAFTS = Number(arg('drafts', '200'));

interface Copy { url: string; cached: boolean; drop(): Promise<void> }

async function copyOf(dialect: BenchDialect, size: number): Promise<Copy> {
  const { url, generation } = await customersDataset(dialect, size);
  if (dialect === 'sqlite') {
    const file = url.replace(/^sqlite:/, '');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-dups-'));
    const copy = path.join(dir, 'copy.db');
    log(`copying ${file} to ${copy} …`);
    fs.copyFileSync(file, copy);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(file + ext)) fs.copyFileSync(file + ext, copy + ext);
    return { url: `sqlite:${copy}`, cached: generation.cached, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rapport_bench_dups_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgBase() });
  await admin.connect();
  log(`CREATE DATABASE ${name} TEMPLATE rapport_bench_${size} …`);
  try { await admin.query(`CREATE DATABASE ${name} TEMPLATE rapport_bench_${size}`); } finally { await admin.end(); }
  return {
    url: pgUrl(name), cached: generation.cached,
    drop: async () => {
      const c = new pg.Client({ connectionString: pgBase() });
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    },
  };
}

/** Median of a few runs after one warm-up. */
async function timeIt(fn: () => Promise<unknown>, runs = RUNS): Promise<Stats> {
  await fn();
  const s: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  return stats(s);
}

interface Run {
  dialect: BenchDialect; size: number; datasetCached: boolean;
  backfill: { records: number; keys: number; seconds: number; recordsPerSecond: number };
  scan: { firstPage: Stats; firstPageGroups: number; secondPage: Stats; secondPageGroups: number; sampleGroup: unknown };
  check: { http: Stats; fn: Stats; matching: Stats; fresh: Stats; meanMatches: number };
}

async function benchOne(dialect: BenchDialect, size: number): Promise<Run> {
  const copy = await copyOf(dialect, size);
  try {
    // a) the backfill alone, on the database as the upgrade finds it.
    const db = openDatabase(copy.url);
    let backfill: Run['backfill'];
    try {
      // A data set cached before migration 019 took its final shape gets the shape of today's 019.
      for (const table of ['duplicate_keys', 'duplicate_key_state', 'duplicate_dismissals', 'merges']) await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db.kysely);
      await sql`DELETE FROM kysely_migration WHERE name = ${'019-duplicates'}`.execute(db.kysely);
      await migrate(db, undefined, { backup: false });
      log(`${dialect} ${size}: keying every customer …`);
      const t = performance.now();
      const records = await rebuildKeys(db, [customerEntity]);
      const seconds = (performance.now() - t) / 1000;
      await sql`ANALYZE duplicate_keys`.execute(db.kysely);
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM duplicate_keys WHERE entity = 'customer'`.execute(db.kysely);
      backfill = { records, keys: Number(rows[0].n), seconds: Math.round(seconds * 10) / 10, recordsPerSecond: Math.round(records / seconds) };
      log(`  ${records} customers, ${backfill.keys} keys in ${backfill.seconds} s`);
    } finally { await db.close(); }

    // The app keys the other entities at start (few records in this data set); customers are built.
    const app = await buildApp({ databaseUrl: copy.url });
    try {
      const get = async (url: string) => {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
        return res.json() as { items: unknown[]; nextCursor: string | null };
      };
      // b) the scan.
      const first = await get('/api/v1/customers/duplicates?limit=20');
      const firstPage = await timeIt(() => get('/api/v1/customers/duplicates?limit=20'));
      const cursor = first.nextCursor ?? '';
      const second = cursor ? await get(`/api/v1/customers/duplicates?limit=20&cursor=${cursor}`) : { items: [] };
      const secondPage = cursor ? await timeIt(() => get(`/api/v1/customers/duplicates?limit=20&cursor=${cursor}`)) : stats([0]);
      log(`  scan: first page p50 ${firstPage.p50} ms (${first.items.length} groups), second ${secondPage.p50} ms`);

      // c) the check: drafts from existing customers (which match), and fresh ones (which do not).
      const { rows: sample } = await sql<Record<string, unknown>>`SELECT name, phone, mobile, fax, email, website FROM customers
        WHERE id IN (SELECT id FROM customers ORDER BY random() LIMIT ${DRAFTS})`.execute(app.database.kysely);
      const drafts = sample.map((r, i) => (i % 2 === 0
        ? { name: r.name, phone: r.phone, mobile: r.mobile, fax: r.fax, email: r.email, website: r.website }
        : { name: `신규 거래처 ${i} 주식회사`, phone: `010-${String(1000 + i).padStart(4, '0')}-${String(9000 - i).padStart(4, '0')}`, email: `new${i}@fresh-${i}.example`, website: `https://fresh-${i}.example` }));
      const actor = systemActor();
      const http: number[] = []; const fn: number[] = []; const matching: number[] = []; const fresh: number[] = [];
      let matches = 0;
      for (const [i, d] of drafts.entries()) {
        let t = performance.now();
        const res = await app.inject({ method: 'POST', url: '/api/v1/customers/duplicates/check', payload: d });
        if (res.statusCode !== 200) throw new Error(`check: ${res.statusCode} ${res.body.slice(0, 300)}`);
        http.push(performance.now() - t);
        t = performance.now();
        const found = await likelyDuplicates(app.database, customerEntity, d, { actor, limit: 5 });
        const ms = performance.now() - t;
        fn.push(ms);
        (i % 2 === 0 ? matching : fresh).push(ms);
        matches += found.length;
      }
      log(`  check: http p50 ${stats(http).p50} ms, likelyDuplicates p50 ${stats(fn).p50} ms p95 ${stats(fn).p95} ms`);
      return {
        dialect, size, datasetCached: copy.cached, backfill,
        scan: { firstPage, firstPageGroups: first.items.length, secondPage, secondPageGroups: second.items.length, sampleGroup: first.items[0] ?? null },
        check: { http: stats(http), fn: stats(fn), matching: stats(matching), fresh: stats(fresh), meanMatches: Math.round((matches / drafts.length) * 10) / 10 },
      };
    } finally { await app.close(); }
  } finally { await copy.drop(); }
}

await runBenchAndWrite<Run>({
  name: 'duplicates',
  sizes: [SIZE],
  dbs: DBS,
  options: { size: SIZE, runs: RUNS, drafts: DRAFTS },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect, size: r.size,
    backfillSeconds: r.backfill.seconds, backfillRecordsPerSecond: r.backfill.recordsPerSecond, keys: r.backfill.keys,
    scanFirstPageMs: r.scan.firstPage.p50, scanFirstPageGroups: r.scan.firstPageGroups, scanSecondPageMs: r.scan.secondPage.p50,
    checkHttpP50Ms: r.check.http.p50, checkHttpP95Ms: r.check.http.p95, likelyDuplicatesP50Ms: r.check.fn.p50, likelyDuplicatesP95Ms: r.check.fn.p95,
  }),
});
