/**
 * `npm run bench` — the list, search and group-by paths at 100k and 1M customers, on
 * SQLite and PostgreSQL, through the app (`app.inject`: routing, validation, JSON) and as
 * the bare SQL that does the same work, on the same database in the same run.
 *
 *   npm run bench -- [--sizes 100000,1000000] [--dbs sqlite,postgres] [--ms 1500] [--max-iterations 300] [--no-activities]
 *                    [--sqlite-pragmas mmap_size=2147483648,cache_size=-131072]
 *
 * Data sets are generated once (deterministic demo seed) into bench/.data/ (SQLite files)
 * and databases rapport_bench_<size> (PostgreSQL: BENCH_DATABASE_URL or 127.0.0.1:5432),
 * then reused. Prints JSON and writes bench/results/<date>.json. Never part of `npm test`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { groupQuery, totalCap } from '../src/server/core/list-service.js';
import { seedDemo, type SeedResult } from '../src/server/seed/demo.js';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { arg, log, machine, measure as measureWithin, pgAnswers, pgBase, pgUrl, runnerFor, sizesArg, stats, type Raw, type Stats } from './support.js';
import { fullAccess } from '../src/server/auth/access.js';

/** Bump when the generator changes so cached data sets are rebuilt. */
const DATASET = 'demo-v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, '.data');
const RESULTS_DIR = path.join(HERE, 'results');

const SIZES = sizesArg();
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const BUDGET_MS = Number(arg('ms', '1500'));
const MAX_IT = Number(arg('max-iterations', '300'));
const MIN_IT = 15;
/** Extra pragmas for the app's SQLite connection, e.g. `mmap_size=2147483648,cache_size=-131072`, to measure a proposed setting. */
const SQLITE_PRAGMAS = arg('sqlite-pragmas', '').split(',').filter(Boolean);
const TIMING = { budgetMs: BUDGET_MS, minIterations: MIN_IT, maxIterations: MAX_IT };
const measure = (fn: () => unknown) => measureWithin(fn, TIMING);

// ---------------------------------------------------------------- data sets

interface Generation extends SeedResult { dialect: string; size: number; cached: boolean }

async function ensureSqlite(size: number): Promise<{ url: string; generation: Generation }> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const file = path.join(DATA_DIR, `sqlite-${size}-${DATASET}.db`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    return { url: `sqlite:${file}`, generation: { ...JSON.parse(fs.readFileSync(meta, 'utf8')), cached: true } };
  }
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  log(`generating SQLite ${size} customers …`);
  const db = openDatabase(`sqlite:${tmp}`);
  let r: SeedResult;
  try {
    await migrate(db);
    r = await seedDemo(db, { customers: size, onProgress: progress(size) });
    db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await db.close();
  }
  fs.renameSync(tmp, file);
  const generation = { ...r, dialect: 'sqlite', size, cached: false };
  fs.writeFileSync(meta, JSON.stringify(generation));
  log(`  ${r.rowsPerSecond} rows/s (${(r.ms / 1000).toFixed(1)} s incl. index/FTS rebuild)`);
  return { url: `sqlite:${file}`, generation };
}

function progress(size: number) {
  let last = 0;
  return (done: number) => {
    if (done - last >= size / 10 || done === size) { last = done; process.stderr.write(`  ${done}/${size}\n`); }
  };
}




async function ensurePg(size: number): Promise<{ url: string; generation: Generation }> {
  const name = `rapport_bench_${size}`;
  const admin = new pg.Client({ connectionString: pgBase() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [name]);
    const comment = rows[0]?.c as string | undefined;
    if (comment?.startsWith(`${DATASET} `)) {
      return { url: pgUrl(name), generation: { ...JSON.parse(comment.slice(DATASET.length + 1)), cached: true } };
    }
    log(`generating PostgreSQL ${size} customers …`);
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const db = openDatabase(pgUrl(name));
    let r: SeedResult;
    try {
      await migrate(db);
      r = await seedDemo(db, { customers: size, onProgress: progress(size) });
    } finally {
      await db.close();
    }
    const generation = { ...r, dialect: 'postgres', size, cached: false };
    // The comment marks a complete data set; an interrupted load has none and is rebuilt.
    await admin.query(`COMMENT ON DATABASE ${name} IS '${DATASET} ${JSON.stringify(generation).replace(/'/g, "''")}'`);
    log(`  ${r.rowsPerSecond} rows/s (${(r.ms / 1000).toFixed(1)} s incl. index rebuild)`);
    return { url: pgUrl(name), generation };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- measuring



async function measureFew(fn: () => Promise<unknown> | unknown): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); await fn(); samples.push(performance.now() - t); }
  return stats(samples);
}


// ---------------------------------------------------------------- cases

interface Case {
  name: string;
  kind: 'list' | 'search' | 'group';
  query: Record<string, string>;
  /** The bare SQL doing the same work as the app's main query. */
  raw: Raw;
  /** For search: the same bare query in name order (what a search cost before it was read newest first). */
  rawByName?: Raw;
  /** For search: the bare index lookup alone (no sort, no table). */
  lookup?: Raw;
  /** Counted toward the issue's search target (a Korean/Chinese term). */
  cjk?: boolean;
}

const P = (dialect: string) => (i: number) => (dialect === 'postgres' ? `$${i}` : '?');

function buildCases(dialect: 'sqlite' | 'postgres', dict: Map<string, number>, mid: { name: string; id: number }, deep: Record<string, string>): Case[] {
  const p = P(dialect);
  const live = 'deleted_at IS NULL';
  const cols = '*';
  const page = (where: string, order: string, params: unknown[]): Raw => ({
    sql: `SELECT ${cols} FROM customers WHERE ${live}${where ? ` AND ${where}` : ''} ORDER BY ${order} LIMIT 51`, params,
  });
  const partner = dict.get('customer-type:partner') ?? 2;
  const competitor = dict.get('customer-type:competitor') ?? 5;
  const searchRaw = (term: string): Pick<Case, 'raw' | 'lookup' | 'rawByName'> => {
    const short = Array.from(term).length < 3;
    if (dialect === 'sqlite') {
      const fts = short ? 'customers_grams' : 'customers_fts';
      const phrase = `"${term}"`;
      // Same work as the app: newest first, read outward from the FTS index (list-query.ts searchDriven).
      return {
        raw: { sql: `SELECT t.* FROM ${fts} CROSS JOIN customers AS t ON t.id = ${fts}.rowid WHERE ${fts} MATCH ? AND t.${live} ORDER BY ${fts}.rowid DESC LIMIT 51`, params: [phrase] },
        rawByName: page(`id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`, 'name, id', [phrase]),
        lookup: { sql: `SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? LIMIT 51`, params: [phrase] },
      };
    }
    const cond = short ? `string_to_array(search_grams, ' ') @> ARRAY[${p(1)}]::text[]` : `search_text LIKE ${p(1)}`;
    const param = short ? term : `%${term}%`;
    return { raw: page(cond, 'id DESC', [param]), rawByName: page(cond, 'name, id', [param]), lookup: { sql: `SELECT id FROM customers WHERE ${cond} LIMIT 51`, params: [param] } };
  };
  const search = (name: string, term: string, cjk: boolean): Case => ({ name, kind: 'search', query: { q: term, limit: '50' }, cjk, ...searchRaw(term) });
  const group = (field: string, col: string): Case => ({
    name: `groupBy=${field}`, kind: 'group', query: { groupBy: field },
    raw: { sql: `SELECT ${col}, count(*) AS n FROM customers WHERE ${live} GROUP BY ${col}`, params: [] },
  });
  return [
    { name: 'list: first page (sort name)', kind: 'list', query: { limit: '50' }, raw: page('', 'name, id', []) },
    { name: 'list: 6th page via nextCursor', kind: 'list', query: { limit: '50', cursor: deep.cursor }, raw: page(`(name, id) > (${p(1)}, ${p(2)})`, 'name, id', [deep.name, Number(deep.id)]) },
    { name: 'list: middle of the list (cursor at row N/2)', kind: 'list', query: { limit: '50', cursor: Buffer.from(JSON.stringify([mid.name, mid.id])).toString('base64url') }, raw: page(`(name, id) > (${p(1)}, ${p(2)})`, 'name, id', [mid.name, mid.id]) },
    { name: 'list: sort -updatedAt', kind: 'list', query: { limit: '50', sort: '-updatedAt' }, raw: page('', 'updated_at DESC, id DESC', []) },
    { name: 'list: filter typeId=partner (12%)', kind: 'list', query: { limit: '50', 'filter[typeId]': String(partner) }, raw: page(`type_id = ${p(1)}`, 'name, id', [partner]) },
    { name: 'list: filter typeId=competitor (3%)', kind: 'list', query: { limit: '50', 'filter[typeId]': String(competitor) }, raw: page(`type_id = ${p(1)}`, 'name, id', [competitor]) },
    search('search: 삼성 (2-char Korean, common)', '삼성', true),
    search('search: 华信 (2-char Chinese, common)', '华信', true),
    search('search: 삼성전자 (4-char Korean, found)', '삼성전자', true),
    search('search: 华信科技 (4-char Chinese, found)', '华信科技', true),
    search('search: 콩쥐 (2-char Korean, not found)', '콩쥐', true),
    search('search: 麒麟 (2-char Chinese, not found)', '麒麟', true),
    search('search: 없는회사 (4-char Korean, not found)', '없는회사', true),
    search('search: 有限公司 (4-char Chinese, very common: stress)', '有限公司', true),
    search('search: acme (4-char Latin, found)', 'acme', false),
    search('search: trading (7-char Latin, common)', 'trading', false),
    group('typeId', 'type_id'),
    group('regionId', 'region_id'),
    group('city', 'city'),
  ];
}

// ---------------------------------------------------------------- one database

async function benchOne(dialect: 'sqlite' | 'postgres', size: number) {
  const { url, generation } = dialect === 'sqlite' ? await ensureSqlite(size) : await ensurePg(size);
  const t0 = performance.now();
  const app = await buildApp({ databaseUrl: url }); // also applies new migrations to the cached data
  const migrateMs = Math.round(performance.now() - t0);
  for (const pragma of SQLITE_PRAGMAS) app.database.sqlite?.pragma(pragma);
  const runner = await runnerFor(app, url);
  // Statistics and visibility map as autovacuum keeps them on a live server (new indexes from a migration need them too).
  if (dialect === 'postgres') await runner.run({ sql: 'VACUUM (ANALYZE) customers', params: [] });
  const dictRows = await runner.run({ sql: 'SELECT id, dictionary_key, code FROM dictionary_values', params: [] }) as { id: number; dictionary_key: string; code: string }[];
  const dict = new Map(dictRows.map((r) => [`${r.dictionary_key}:${r.code}`, Number(r.id)]));
  const midRow = (await runner.run({ sql: `SELECT name, id FROM customers WHERE deleted_at IS NULL ORDER BY name, id LIMIT 1 OFFSET ${Math.floor(size / 2)}`, params: [] }))[0] as { name: string; id: number };
  // Follow nextCursor five times to reach the 6th page.
  let cursor = '';
  for (let i = 0; i < 5; i++) {
    const res = await app.inject({ url: `/api/v1/customers?limit=50${cursor ? `&cursor=${cursor}` : ''}` });
    cursor = (res.json() as { nextCursor: string }).nextCursor;
  }
  const [deepName, deepId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
  const cases = buildCases(dialect, dict, { name: midRow.name, id: Number(midRow.id) }, { cursor, name: deepName, id: String(deepId) });

  const out = [];
  for (const c of cases) {
    // Pages are measured as the web app asks for them: the total comes from /count, in parallel.
    const query = c.kind === 'group' ? c.query : { ...c.query, total: 'none' };
    const url = `/api/v1/customers?${new URLSearchParams(query)}`;
    const countUrl = `/api/v1/customers/count?${new URLSearchParams(c.query)}`;
    const first = await app.inject({ url });
    if (first.statusCode !== 200) throw new Error(`${url} answered ${first.statusCode}: ${first.body.slice(0, 300)}`);
    const body = first.json() as { items?: unknown[]; total?: number; totalCapped?: boolean; groups?: unknown[] };
    const appStats = await measure(() => app.inject({ url }));
    const countBody = c.kind === 'group' ? undefined : ((await app.inject({ url: countUrl })).json() as { total: number; totalCapped: boolean });
    const countStats = c.kind === 'group' ? undefined : await measure(() => app.inject({ url: countUrl }));
    const rawStats = await measure(() => runner.run(c.raw));
    const lookupStats = c.lookup ? await measure(() => runner.run(c.lookup!)) : undefined;
    // In name order a common term sorts every match (seconds on PostgreSQL at 1M): a few runs suffice.
    const byNameStats = c.rawByName ? await measureFew(() => runner.run(c.rawByName!)) : undefined;
    // The app's own SQL, compiled from the same ListQuery the routes use, with its plan.
    const p = parseListParams(customerEntity, c.query, { now: Date.now(), timeZone: 'UTC' }, fullAccess());
    const lq = new ListQuery(app.database, customerEntity);
    const main = (c.kind === 'group' ? groupQuery(lq, p) : lq.pageQuery(p)).compile(app.database.kysely);
    const plans: Record<string, { sql: string; params: readonly unknown[]; plan: string[] }> = {
      [c.kind === 'group' ? 'group' : 'page']: { sql: main.sql, params: main.parameters, plan: await runner.explain({ sql: main.sql, params: [...main.parameters] }) },
    };
    if (c.kind !== 'group') {
      const cnt = lq.countQuery(p, totalCap(p)).compile(app.database.kysely);
      plans.count = { sql: cnt.sql, params: cnt.parameters, plan: await runner.explain({ sql: cnt.sql, params: [...cnt.parameters] }) };
    }
    const row = {
      name: c.name,
      kind: c.kind,
      url: decodeURIComponent(url),
      result: c.kind === 'group' ? { groups: body.groups?.length } : { items: body.items?.length, ...countBody },
      app: appStats,
      ...(countStats ? { appCount: countStats, countUrl: decodeURIComponent(countUrl) } : {}),
      raw: rawStats,
      rawSql: c.raw.sql,
      ...(byNameStats ? { rawInNameOrder: byNameStats } : {}),
      ...(lookupStats ? { rawIndexLookup: lookupStats, rawIndexLookupSql: c.lookup!.sql } : {}),
      ratioP50: Math.round((appStats.p50 / rawStats.p50) * 100) / 100,
      ratioP95: Math.round((appStats.p95 / rawStats.p95) * 100) / 100,
      ...target(c, appStats, rawStats, size),
      plans,
    };
    log(`${dialect} ${size} ${c.name}: app p50 ${appStats.p50} p95 ${appStats.p95}${countStats ? ` (count p50 ${countStats.p50} p95 ${countStats.p95})` : ''} | raw p50 ${rawStats.p50} p95 ${rawStats.p95}${row.target ? ` | ${row.target}: ${row.met ? 'met' : 'MISSED'}` : ''}`);
    out.push(row);
  }
  await runner.close();
  await app.close();
  return { dialect, size, generation, migrateMsOnOpen: migrateMs, cases: out };
}

/** The issue's targets (at 1M; shown at every size). */
function target(c: Case, app: Stats, raw: Stats, _size: number): { target?: string; met?: boolean } {
  if (c.kind === 'list') return { target: 'p95 ≤ 10 ms', met: app.p95 <= 10 };
  if (c.kind === 'search' && c.cjk && !c.name.includes('stress')) return { target: 'p95 ≤ 20 ms', met: app.p95 <= 20 };
  if (c.kind === 'group') return { target: 'p50 ≤ 1.3× raw GROUP BY', met: app.p50 <= 1.3 * raw.p50 };
  return {};
}

// ---------------------------------------------------------------- main

const runs = [];
const startedAt = new Date();
const pgOk = DBS.includes('postgres') && await pgAnswers();
if (DBS.includes('postgres') && !pgOk) log(`PostgreSQL does not answer at ${pgBase().replace(/:[^:@/]*@/, ':***@')}: skipped`);
for (const size of SIZES) {
  if (DBS.includes('sqlite')) runs.push(await benchOne('sqlite', size));
  if (pgOk) runs.push(await benchOne('postgres', size));
}
const summary = runs.map((r) => ({
  dialect: r.dialect,
  size: r.size,
  generationRowsPerSecond: r.generation.rowsPerSecond,
  missed: r.cases.filter((c) => c.met === false).map((c) => `${c.name}: app p95 ${c.app.p95} ms, p50 ${c.app.p50} ms (raw p50 ${c.raw.p50} ms)`),
  table: r.cases.map((c) => `${c.name} | app p50 ${c.app.p50} p95 ${c.app.p95} | raw p50 ${c.raw.p50} p95 ${c.raw.p95} | ×${c.ratioP50}${c.target ? ` | ${c.met ? 'met' : 'MISSED'}` : ''}`),
}));
const result = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: machine(),
  options: { sizes: SIZES, dbs: DBS, sqlitePragmas: SQLITE_PRAGMAS, budgetMsPerMeasurement: BUDGET_MS, maxIterations: MAX_IT, dataset: DATASET },
  summary,
  runs,
};
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const file = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
log(`written ${path.relative(process.cwd(), file)}`);

// The activities calendar bench (month view over 100k/1M activities) runs next, with the same --sizes/--dbs/--ms.
if (!process.argv.includes('--no-activities')) await import('./activities.js');
