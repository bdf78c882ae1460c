/**
 * What every benchmark in bench/ shares: its command-line options, where PostgreSQL is, how a
 * measurement is taken and summarised, the bare-SQL runner that the app is compared with, and
 * what the results record about the machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { RapportApp } from '../src/server/app.js';
import { openDatabase, type Database } from '../src/server/db/database.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { groupQuery, totalCap } from '../src/server/core/list-service.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { fullAccess } from '../src/server/auth/access.js';

/** `--name value` from the command line, else the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** `--sizes 100000,1000000` as numbers. */
export const sizesArg = (fallback = '100000,1000000') => arg('sizes', fallback).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);

export function pgBase(): string {
  return process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function pgUrl(dbName: string): string {
  const u = new URL(pgBase());
  u.pathname = `/${dbName}`;
  return u.toString();
}

export async function pgAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: pgBase(), connectionTimeoutMillis: 2000 });
  try { await c.connect(); await c.query('SELECT 1'); return true; } catch { return false; } finally { await c.end().catch(() => {}); }
}

/** Other work may share the machine: its load goes into the results. */
export const uptime = () => { try { return execFileSync('uptime').toString().trim(); } catch { return `loadavg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`; } };

const sqliteVersion = (() => { try { return execFileSync('node', ['-e', "console.log(require('better-sqlite3')(':memory:').prepare('select sqlite_version() v').get().v)"]).toString().trim(); } catch { return null; } })();

/** The machine a result was measured on. */
export const machine = () => ({ cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, sqlite: sqliteVersion });

export interface Stats { n: number; p50: number; p95: number; max: number; mean: number }

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(s[s.length - 1]), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

export interface Timing { budgetMs: number; minIterations?: number; maxIterations?: number }

/** After 3 warm-up runs (caches, statement caches): at least `minIterations`, then as many as the budget allows. */
export async function measure(fn: () => Promise<unknown> | unknown, timing: Timing): Promise<Stats> {
  const { budgetMs, minIterations = 15, maxIterations = 300 } = timing;
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  while (samples.length < minIterations || (samples.length < maxIterations && performance.now() < until)) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

export interface Raw { sql: string; params: unknown[] }

/** Bare SQL on the app's own database: SQLite through its connection (statements cached), PostgreSQL through one client. */
export interface Runner {
  dialect: 'sqlite' | 'postgres';
  run(q: Raw): Promise<Record<string, unknown>[]>;
  explain(q: Raw): Promise<string[]>;
  close(): Promise<void>;
}

export async function runnerFor(app: RapportApp, url: string): Promise<Runner> {
  const sqlite = app.database.sqlite;
  if (sqlite) {
    const cache = new Map<string, ReturnType<typeof sqlite.prepare>>();
    const stmt = (text: string) => { let s = cache.get(text); if (!s) { s = sqlite.prepare(text); cache.set(text, s); } return s; };
    return {
      dialect: 'sqlite',
      run: async (q) => stmt(q.sql).all(q.params) as Record<string, unknown>[],
      explain: async (q) => (sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[]).map((r) => r.detail),
      close: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgres',
    run: async (q) => (await client.query(q.sql, q.params)).rows as Record<string, unknown>[],
    explain: async (q) => (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']),
    close: () => client.end(),
  };
}

// ---------------------------------------------------------------- cached data sets

export interface CachedDataset<G> { url: string; generation: G & { cached: boolean } }

/**
 * A generated data set, made once and then reused: SQLite in `<dataDir>/sqlite-<size>-<dataset>.db`
 * (written under a temporary name, ANALYZEd, renamed when complete), PostgreSQL in database `<pgName>`
 * whose comment (`<dataset> <generation JSON>`) marks a complete load; an interrupted one is rebuilt.
 * Bump `dataset` when the generator changes.
 */
export async function cachedDataset<G extends object>(opts: {
  dialect: string; size: number; dataset: string; dataDir: string; pgName: string; what: string; generate: (db: Database) => Promise<G>;
}): Promise<CachedDataset<G>> {
  const { dialect, size, dataset, generate } = opts;
  if (dialect === 'sqlite') {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const file = path.join(opts.dataDir, `sqlite-${size}-${dataset}.db`);
    if (fs.existsSync(file) && fs.existsSync(`${file}.json`)) return { url: `sqlite:${file}`, generation: { ...JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as G, cached: true } };
    const tmp = `${file}.tmp`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    log(`generating SQLite ${size} ${opts.what} …`);
    const db = openDatabase(`sqlite:${tmp}`);
    let g: G;
    try { g = await generate(db); db.sqlite?.exec('ANALYZE'); db.sqlite?.pragma('wal_checkpoint(TRUNCATE)'); } finally { await db.close(); }
    fs.renameSync(tmp, file);
    fs.writeFileSync(`${file}.json`, JSON.stringify(g));
    return { url: `sqlite:${file}`, generation: { ...g, cached: false } };
  }
  const name = opts.pgName;
  const admin = new pg.Client({ connectionString: pgBase() });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS c FROM pg_database WHERE datname = $1`, [name]);
    const comment = rows[0]?.c as string | undefined;
    if (comment?.startsWith(`${dataset} `)) return { url: pgUrl(name), generation: { ...JSON.parse(comment.slice(dataset.length + 1)) as G, cached: true } };
    log(`generating PostgreSQL ${size} ${opts.what} …`);
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const db = openDatabase(pgUrl(name));
    let g: G;
    try { g = await generate(db); } finally { await db.close(); }
    await admin.query(`COMMENT ON DATABASE ${name} IS '${dataset} ${JSON.stringify(g).replace(/'/g, "''")}'`);
    return { url: pgUrl(name), generation: { ...g, cached: false } };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- cases: the app next to the bare SQL

/**
 * The bare work of a case: its queries in order, returning the last one's rows. `untilRows`: stop
 * after the first query that returns that many rows (PostgreSQL search: the newest-rows window,
 * then the index if it fell short). `after`: run next in any case (the total a page carries).
 */
export interface RawWork { steps: Raw[]; untilRows?: number; after?: Raw[] }

export async function runRaw(runner: Runner, w: RawWork): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  for (const s of w.steps) {
    rows = await runner.run(s);
    if (w.untilRows !== undefined && rows.length >= w.untilRows) break;
  }
  for (const s of w.after ?? []) await runner.run(s);
  return rows;
}

export type Kind = 'page' | 'group' | 'record' | 'usage' | 'board';

export interface Case {
  name: string;
  kind: Kind;
  entity?: EntityDef;
  /** The request(s) the web app makes; several run in parallel (a board or a tab opening). */
  urls: string[];
  /** The query of the app's list route, for its compiled SQL and plan (list and group cases). */
  query?: Record<string, string>;
  /** The page's total, asked separately (`/count`) beside a `total=none` page, as the grid does. */
  countUrl?: string;
  raw: RawWork;
  rawCount?: RawWork;
}

/** The app's own SQL for a list or group case, compiled from the ListQuery the routes use. */
export function appSql(app: RapportApp, c: Case): Record<string, Raw> {
  if (!c.query || !c.entity) return {};
  const p = parseListParams(c.entity, c.query, { now: Date.now(), timeZone: 'UTC' }, fullAccess());
  const lq = new ListQuery(app.database, c.entity);
  const raw = (x: CompiledQuery): Raw => ({ sql: x.sql, params: [...x.parameters] });
  const k = app.database.kysely;
  if (c.kind === 'group') return { group: raw(groupQuery(lq, p).compile(k)) };
  const out: Record<string, Raw> = { page: raw(lq.pageQuery(p).compile(k)) };
  if (p.totalMode !== 'none' || c.countUrl) out.count = raw(lq.countQuery(p, totalCap(p)).compile(k));
  return out;
}

type Measure = (fn: () => unknown) => Promise<Stats>;
export type Target = (c: Case, app: Stats, raw: Stats) => { target: string; met: boolean };

/**
 * One case: the app's answer checked against the bare SQL's (or the comparison means nothing),
 * both measured, with the plans of the app's SQL and of the bare queries.
 */
export async function runCase(app: RapportApp, runner: Runner, c: Case, measure: Measure, target: Target, label: string) {
  const responses = await Promise.all(c.urls.map((u) => app.inject({ url: u })));
  for (const [i, res] of responses.entries()) if (res.statusCode !== 200) throw new Error(`${c.urls[i]} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const body = responses[0].json() as { items?: { id: number }[]; total?: number | null; groups?: { count: number }[]; lines?: unknown[]; counts?: Record<string, number> };
  const appStats = await measure(() => Promise.all(c.urls.map((u) => app.inject({ url: u }))));
  const countStats = c.countUrl ? await measure(() => app.inject({ url: c.countUrl! })) : undefined;
  const countBody = c.countUrl ? ((await app.inject({ url: c.countUrl })).json() as { total: number; totalCapped: boolean }) : undefined;
  const rawRows = await runRaw(runner, c.raw);
  const rawStats = await measure(() => runRaw(runner, c.raw));
  const rawCountStats = c.rawCount ? await measure(() => runRaw(runner, c.rawCount!)) : undefined;
  const check = c.kind === 'page' && body.items
    ? { appItems: body.items.length, rawRows: rawRows.length, sameFirstId: body.items.length === 0 ? rawRows.length === 0 : Number(rawRows[0]?.id) === body.items[0].id }
    : c.kind === 'group' ? { appGroups: body.groups?.length, rawGroups: rawRows.length, sameCount: body.groups?.reduce((a, g) => a + g.count, 0) === rawRows.reduce((a, r) => a + Number(r.n), 0) }
      : c.kind === 'record' ? { appLines: body.lines?.length, rawLines: rawRows.length } : undefined;
  const plans: Record<string, { sql: string; params: unknown[]; plan: string[] }> = {};
  for (const [k, q] of Object.entries(appSql(app, c))) plans[`app ${k}`] = { ...q, plan: await runner.explain(q) };
  for (const [i, q] of [...c.raw.steps, ...(c.raw.after ?? [])].entries()) plans[`raw ${i + 1}`] = { ...q, plan: await runner.explain(q) };
  for (const [i, q] of (c.rawCount?.steps ?? []).entries()) plans[`raw count ${i + 1}`] = { ...q, plan: await runner.explain(q) };
  const row = {
    name: c.name,
    kind: c.kind,
    urls: c.urls.map((u) => decodeURIComponent(u)),
    result: c.kind === 'page' ? { items: body.items?.length, total: body.total, ...countBody } : c.kind === 'group' ? { groups: body.groups?.length }
      : c.kind === 'record' ? { lines: body.lines?.length } : c.kind === 'usage' ? { counts: body.counts } : { requests: c.urls.length },
    check,
    app: appStats,
    ...(countStats ? { appCount: countStats, countUrl: decodeURIComponent(c.countUrl!) } : {}),
    raw: rawStats,
    ...(rawCountStats ? { rawCount: rawCountStats } : {}),
    ratioP50: Math.round((appStats.p50 / rawStats.p50) * 100) / 100,
    ratioP95: Math.round((appStats.p95 / rawStats.p95) * 100) / 100,
    ...target(c, appStats, rawStats),
    plans,
  };
  log(`${label} ${c.name}: app p50 ${appStats.p50} p95 ${appStats.p95}${countStats ? ` (count p50 ${countStats.p50})` : ''} | raw p50 ${rawStats.p50} p95 ${rawStats.p95}${rawCountStats ? ` (count p50 ${rawCountStats.p50})` : ''} | ${row.met ? 'met' : 'MISSED'}${check ? ` ${JSON.stringify(check)}` : ''}`);
  return row;
}

/**
 * SQLite: the data sets are ANALYZEd when generated; an index a new migration added has no statistics
 * beside the others' (which misleads the planner): analyze its table. Returns the tables analyzed.
 */
export async function analyzeNewIndexes(app: RapportApp, runner: Runner): Promise<string[]> {
  const analyzed: string[] = [];
  if (runner.dialect !== 'sqlite' || !(await runner.run({ sql: `SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`, params: [] })).length) return analyzed;
  const missing = await runner.run({ sql: `SELECT DISTINCT tbl_name AS t FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)`, params: [] });
  for (const r of missing) { app.database.sqlite?.exec(`ANALYZE "${String(r.t)}"`); analyzed.push(String(r.t)); }
  return analyzed;
}

export type BenchDialect = 'sqlite' | 'postgres';

/**
 * A bench's main: each size on each database asked for (PostgreSQL skipped, and said so, when it
 * does not answer), then `bench/results/<name>-<date>.json` with the machine, the load around the
 * run, the options, a summary per run and the runs themselves; the summary is printed too.
 */
export async function runBenchAndWrite<R>(opts: {
  name: string;
  sizes: readonly number[];
  dbs: readonly string[];
  options: Record<string, unknown>;
  benchOne: (dialect: BenchDialect, size: number) => Promise<R>;
  summarize: (run: R) => Record<string, unknown>;
  /** Instead of measuring (e.g. only generating data sets): runs with the databases that answer, then exits. */
  instead?: (dialects: BenchDialect[]) => Promise<void>;
}): Promise<void> {
  const startedAt = new Date();
  const loadAtStart = uptime();
  const pgOk = opts.dbs.includes('postgres') && await pgAnswers();
  if (opts.dbs.includes('postgres') && !pgOk) log(`PostgreSQL does not answer at ${pgBase().replace(/:[^:@/]*@/, ':***@')}: skipped`);
  const dialects: BenchDialect[] = [...(opts.dbs.includes('sqlite') ? ['sqlite' as const] : []), ...(pgOk ? ['postgres' as const] : [])];
  if (opts.instead) {
    await opts.instead(dialects);
    return;
  }
  const runs: R[] = [];
  for (const size of opts.sizes) for (const dialect of dialects) runs.push(await opts.benchOne(dialect, size));
  const result = {
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: machine(),
    load: { start: loadAtStart, end: uptime() },
    options: opts.options,
    summary: runs.map(opts.summarize),
    runs,
  };
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${opts.name}-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result.summary, null, 2));
  log(`written ${path.relative(process.cwd(), file)}`);
}
