/**
 * Issue 15: what record access and the audit trail cost, at 1M customers on SQLite and PostgreSQL.
 *
 * a) A signed-in sales representative (built-in role: read team, edit own) in a team of their own,
 *    who owns a random 1% of the customers: the customer list page as the grid asks for it
 *    (`total=none`, 100 rows) and its total (`/count`), through the app over its HTTP routes (session
 *    cookie, access rules, JSON), with the default sort and a few sorts and filters drawn from the
 *    registry's list columns; next to the statements the app ran for that page (captured through its
 *    onQuery hook) run bare, and the best of two hand-written queries for the same rows with the same
 *    owner condition (the planner's choice; the owner's rows gathered from the owner index, then
 *    sorted), in the same run.
 *    Target (issue 15): page p95 ≤ 10 ms on SQLite.
 * b) The audit trail's cost on a write: PATCH of one of the representative's customers through the
 *    app. Two honest measures in the same run, on the same data:
 *    - inside: every statement the app sends is timed where it is executed (the app's own `onQuery`
 *      hook, Kysely's timing of each statement: on PostgreSQL it includes the round trip); the audit
 *      INSERT's own time is set against the rest of the same PATCH. This needs no switch in the
 *      server: the audit trail cannot be turned off by anyone.
 *    - A/B: the same PATCHes with the audit INSERT made a no-op by the database (SQLite: a BEFORE INSERT
 *      trigger that RAISE(IGNORE)s; PostgreSQL: a rule DO INSTEAD NOTHING), against the PATCHes with it.
 *      The statement is still sent and parsed, and the change's diff still computed: this measures the
 *      row and its three indexes, not the whole trail, so it is the lower bound beside `inside`.
 *    The audit log is filled first with one entry per customer (1M rows), as a database this size
 *    would have. Target (issue 15): the audit trail costs a write ≤ 30%.
 *
 *   npx tsx bench/access.ts [--size 1000000] [--dbs sqlite,postgres] [--runs 9] [--writes 400] [--share 0.01]
 *
 * The cached data set (bench/.data/sqlite-<size>-demo-v1.db, PostgreSQL rapport_bench_<size>, made by
 * bench/customers-dataset.ts) is never changed: SQLite runs on a copy in the temp directory, PostgreSQL on
 * a database made from it as a template, dropped afterwards. Writes bench/results/access-<date>.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp, type RapportApp } from '../src/server/app.js';
import type { QueryEvent } from '../src/server/db/database.js';
import { diffRecord } from '../src/server/core/audit.js';
import { prng } from '../src/server/seed/demo.js';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { customersDataset } from './customers-dataset.js';
import { arg, log, pgBase, pgUrl, runBenchAndWrite, runnerFor, stats, type BenchDialect, type Raw, type Runner, type Stats } from './support.js';

const SIZE = Number(arg('size', '1000000'));
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const RUNS = Number(arg('runs', '9'));
const WRITES = Number(arg('writes', '400'));
const SHARE = Number(arg('share', '0.01'));
const PAGE = 100;
const TARGET_PAGE_P95 = 10;
const TARGET_AUDIT_SHARE = 0.3;
const E = customerEntity;
const PASSWORD = 'a long enough bench password';

/** Median of a few runs after one warm-up: one user's click, measured as such. */
async function timeIt(fn: () => Promise<unknown>, runs = RUNS): Promise<number> {
  await fn();
  const s: number[] = [];
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  return stats(s).p50;
}

// ---------------------------------------------------------------- the copy the bench may change

interface Copy { url: string; drop(): Promise<void> }

async function copyOf(dialect: BenchDialect, size: number): Promise<Copy & { cached: boolean }> {
  const { url, generation } = await customersDataset(dialect, size);
  if (dialect === 'sqlite') {
    const file = url.replace(/^sqlite:/, '');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-access-'));
    const copy = path.join(dir, 'copy.db');
    log(`copying ${file} to ${copy} …`);
    fs.copyFileSync(file, copy);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(file + ext)) fs.copyFileSync(file + ext, copy + ext);
    return { url: `sqlite:${copy}`, cached: generation.cached, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `rapport_bench_access_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgBase() });
  await admin.connect();
  log(`CREATE DATABASE ${name} TEMPLATE rapport_bench_${size} …`);
  try { await admin.query(`CREATE DATABASE ${name} TEMPLATE rapport_bench_${size}`); } finally { await admin.end(); }
  return {
    url: pgUrl(name),
    cached: generation.cached,
    drop: async () => {
      const c = new pg.Client({ connectionString: pgBase() });
      await c.connect();
      try { await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } finally { await c.end(); }
    },
  };
}

// ---------------------------------------------------------------- signed-in users

interface Session { cookie: string; csrf: string; userId: number }

async function post(app: RapportApp, url: string, payload: unknown, who?: Session) {
  const headers: Record<string, string> = who ? { cookie: `rapport_session=${who.cookie}`, 'x-csrf-token': who.csrf } : {};
  const res = await app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
}

function sessionOf(res: { headers: Record<string, unknown>; body: string }): Session {
  const cookie = [res.headers['set-cookie']].flat().map((c) => /rapport_session=([^;]+)/.exec(String(c))?.[1]).find(Boolean);
  const body = JSON.parse(res.body) as { csrfToken: string; user: { id: number } };
  if (!cookie) throw new Error('no session cookie');
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** The administrator (first run), a team of one, and the sales representative in it, signed in. */
async function representative(app: RapportApp): Promise<Session> {
  const admin = sessionOf(await post(app, '/api/v1/auth/setup', { name: 'Bench Admin', email: 'bench-admin@example.com', password: PASSWORD }));
  const roles = await app.inject({ url: '/api/v1/roles', headers: { cookie: `rapport_session=${admin.cookie}` } });
  const rep = (roles.json() as { items: { id: number; builtIn: string | null }[] }).items.find((r) => r.builtIn === 'salesRep');
  if (!rep) throw new Error('no salesRep role');
  const team = (await post(app, '/api/v1/teams', { name: 'Bench team' }, admin)).json() as { id: number };
  await post(app, '/api/v1/users', { name: 'Bench Rep', email: 'bench-rep@example.com', password: PASSWORD, roleIds: [rep.id], teamId: team.id }, admin);
  return sessionOf(await post(app, '/api/v1/auth/sign-in', { email: 'bench-rep@example.com', password: PASSWORD }));
}

/** A random `share` of the live customers now belongs to the representative; the planner's statistics follow (what a scheduled optimize does). */
async function giveShare(app: RapportApp, userId: number, size: number): Promise<number> {
  const n = Math.round(size * SHARE);
  const k = app.database.kysely;
  const t = performance.now();
  await sql`UPDATE customers SET owner_id = ${userId} WHERE id IN (SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY random() LIMIT ${n})`.execute(k);
  await sql`ANALYZE customers`.execute(k);
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM customers WHERE owner_id = ${userId} AND deleted_at IS NULL`.execute(k);
  log(`  ${rows[0].n} customers given to user ${userId} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return Number(rows[0].n);
}

// ---------------------------------------------------------------- a) the list page

interface ListCase { name: string; query: Record<string, string> }

/** Sorts and filters drawn from the registry's list columns, with values the representative's customers have. */
async function listCases(app: RapportApp, who: Session): Promise<ListCase[]> {
  const res = await app.inject({ url: `/api/v1/customers?limit=200&total=none`, headers: { cookie: `rapport_session=${who.cookie}` } });
  const items = (res.json() as { items: Record<string, unknown>[] }).items;
  const r = prng(15);
  const pick = (field: string) => {
    const values = items.map((i) => i[field]).filter((v) => v !== null && v !== undefined);
    return String(values[Math.floor(r() * values.length)]);
  };
  const cols = E.listColumns;
  const dictionaries = cols.filter((c) => E.allFields[c]?.kind === 'dictionary');
  const sorts = cols.filter((c) => ['text', 'datetime', 'date'].includes(E.allFields[c]?.kind ?? '') && E.allFields[c]?.kind !== 'computed');
  const d1 = dictionaries[Math.floor(r() * dictionaries.length)];
  const d2 = dictionaries.filter((d) => d !== d1)[Math.floor(r() * (dictionaries.length - 1))];
  const s1 = sorts.find((s) => s !== E.defaultSort) ?? 'updatedAt';
  return [
    { name: `default sort (${E.defaultSort})`, query: {} },
    { name: '-updatedAt', query: { sort: '-updatedAt' } },
    { name: s1, query: { sort: s1 } },
    { name: `${d1} = one value`, query: { [`filter[${d1}]`]: pick(d1) } },
    { name: `${d2} = one value, -updatedAt`, query: { [`filter[${d2}]`]: pick(d2), sort: '-updatedAt' } },
    { name: `${d1} = one value, ${d2} = one value, ${s1}`, query: { [`filter[${d1}]`]: pick(d1), [`filter[${d2}]`]: pick(d2), sort: s1 } },
  ];
}

/**
 * The same rows in hand-written SQL: the owner condition and the filters, the sort and the id as its tie-break.
 * `planner`: as the planner likes it; `ownerFirst`: the owner's rows gathered from the owner index, then sorted.
 */
function handWritten(c: ListCase, dialect: BenchDialect, ownerId: number, plan: 'planner' | 'ownerFirst' | 'count'): Raw {
  const params: unknown[] = [];
  const p = (v: unknown) => { params.push(v); return dialect === 'postgres' ? `$${params.length}` : '?'; };
  const where = [`t.deleted_at IS NULL`, `t.owner_id IN (${p(ownerId)})`];
  for (const [k, v] of Object.entries(c.query)) {
    const m = /^filter\[(\w+)\]$/.exec(k);
    if (m) where.push(`t.${E.columnOf(m[1])} = ${p(Number(v))}`);
  }
  if (plan === 'count') return { sql: `SELECT count(*) AS n FROM customers AS t WHERE ${where.join(' AND ')}`, params };
  const sort = c.query.sort ?? E.defaultSort;
  const dir = sort.startsWith('-') ? 'DESC' : 'ASC';
  const col = E.columnOf(sort.replace(/^-/, ''));
  if (plan === 'planner') return { sql: `SELECT t.* FROM customers AS t WHERE ${where.join(' AND ')} ORDER BY t.${col} ${dir}, t.id ${dir} LIMIT ${PAGE + 1}`, params };
  if (dialect === 'sqlite') return { sql: `SELECT t.* FROM customers AS t INDEXED BY customers_live_owner_id WHERE ${where.join(' AND ')} ORDER BY +t.${col} ${dir}, +t.id ${dir} LIMIT ${PAGE + 1}`, params };
  return { sql: `WITH m AS MATERIALIZED (SELECT t.* FROM customers AS t WHERE ${where.join(' AND ')}) SELECT * FROM m AS t ORDER BY t.${col} ${dir}, t.id ${dir} LIMIT ${PAGE + 1}`, params };
}

/** The statements one request of the app ran on the customers table, captured through its onQuery hook. */
let captured: Raw[] | null = null;

/** The app's statements for a page, run bare in the same order (what the app's SQL costs without the web layer). */
async function runAll(runner: Runner, steps: readonly Raw[]): Promise<Record<string, unknown>[]> {
  let rows: Record<string, unknown>[] = [];
  for (const q of steps) rows = await runner.run(q);
  return rows;
}

async function listBench(app: RapportApp, runner: Runner, dialect: BenchDialect, who: Session) {
  const headers = { cookie: `rapport_session=${who.cookie}` };
  const rows: Record<string, unknown>[] = [];
  for (const c of await listCases(app, who)) {
    const qs = new URLSearchParams({ ...c.query, limit: String(PAGE) }).toString();
    const pageUrl = `/api/v1/customers?${qs}&total=none`;
    const countUrl = `/api/v1/customers/count?${new URLSearchParams(c.query).toString()}`;
    const first = await app.inject({ url: pageUrl, headers });
    if (first.statusCode !== 200) throw new Error(`${pageUrl}: ${first.statusCode} ${first.body.slice(0, 300)}`);
    const items = (first.json() as { items: { id: number; ownerId: number }[] }).items;
    if (items.some((i) => i.ownerId !== who.userId)) throw new Error(`${pageUrl} showed a customer the representative does not own`);
    const samples: number[] = [];
    const appPage = await timeIt(async () => { const t = performance.now(); await app.inject({ url: pageUrl, headers }); samples.push(performance.now() - t); });
    const appCount = await timeIt(() => app.inject({ url: countUrl, headers }));
    // The statements the app ran on the customers table for this page, run bare in the same order; and the hand-written queries.
    captured = [];
    await app.inject({ url: pageUrl, headers });
    const steps = captured.filter((q) => /\bcustomers\b/.test(q.sql) && !/\bcount\(/i.test(q.sql));
    captured = null;
    const raws: Record<string, { ms: number; sameFirst: boolean; rows: number; sql: string[]; plan: string[][] }> = {};
    const variants: Record<string, Raw[]> = { appStatementsBare: steps, planner: [handWritten(c, dialect, who.userId, 'planner')], ownerFirst: [handWritten(c, dialect, who.userId, 'ownerFirst')] };
    for (const [name, qs] of Object.entries(variants)) {
      const got = await runAll(runner, qs);
      const sameFirst = items.length === 0 ? got.length === 0 : Number(got[0]?.id) === items[0].id;
      const plan: string[][] = [];
      for (const q of qs) plan.push(await runner.explain(q));
      raws[name] = { ms: await timeIt(() => runAll(runner, qs)), sameFirst, rows: got.length, sql: qs.map((q) => q.sql), plan };
    }
    const rawCountQ = handWritten(c, dialect, who.userId, 'count');
    const rawCount = await timeIt(() => runner.run(rawCountQ));
    const hand = Object.entries(raws).filter(([k, x]) => k !== 'appStatementsBare' && x.sameFirst).map(([, x]) => x.ms);
    const best = Math.min(...hand);
    rows.push({ name: c.name, url: decodeURIComponent(pageUrl), items: items.length, appStatements: steps.length, appStatementsBareMs: raws.appStatementsBare.ms, appPageMs: appPage, appPageSpread: stats(samples), appCountMs: appCount, bestRawMs: best, rawCountMs: rawCount, raw: raws });
    log(`${dialect} ${c.name}: page ${appPage.toFixed(2)} ms (count ${appCount.toFixed(2)} ms), its ${steps.length} statement(s) bare ${raws.appStatementsBare.ms.toFixed(2)} ms | best hand-written ${best.toFixed(2)} ms (count ${rawCount.toFixed(2)} ms), ${items.length} rows`);
  }
  const page = stats(rows.map((r) => r.appPageMs as number));
  return { page, count: stats(rows.map((r) => r.appCountMs as number)), bestRaw: stats(rows.map((r) => r.bestRawMs as number)), cases: rows };
}

// ---------------------------------------------------------------- b) the audit trail on a write

/**
 * Every statement the app executes, timed by Kysely where it runs (the app's `onQuery` hook: on SQLite the
 * statement's execution, on PostgreSQL its round trip too); `audit` sums the audit INSERT's, `all` every statement's.
 */
const timings = { on: false, audit: 0, all: 0 };
const isAudit = (text: string) => /^\s*insert\s+into\s+"?audit_log"?/i.test(text);
const onQuery = (q: QueryEvent) => {
  captured?.push({ sql: q.sql, params: [...q.parameters] });
  if (!timings.on) return;
  timings.all += q.ms;
  if (isAudit(q.sql)) timings.audit += q.ms;
};

async function skipAuditRows(app: RapportApp, dialect: BenchDialect, skip: boolean): Promise<void> {
  const k = app.database.kysely;
  if (dialect === 'sqlite') {
    if (skip) await sql`CREATE TRIGGER bench_skip_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(IGNORE); END`.execute(k);
    else await sql`DROP TRIGGER IF EXISTS bench_skip_audit`.execute(k);
  } else if (skip) await sql`CREATE RULE bench_skip_audit AS ON INSERT TO audit_log DO INSTEAD NOTHING`.execute(k);
  else await sql`DROP RULE IF EXISTS bench_skip_audit ON audit_log`.execute(k);
}

async function auditBench(app: RapportApp, dialect: BenchDialect, who: Session) {
  const k = app.database.kysely;
  // A log as large as the data: one entry per customer, as their creation would have left.
  const t0 = performance.now();
  await sql`INSERT INTO audit_log (at, actor_kind, actor_id, token_id, request_id, entity, record_id, action, changes, detail)
    SELECT created_at, 'user', 1, NULL, NULL, 'customer', id, 'create', NULL, NULL FROM customers`.execute(k);
  await sql`ANALYZE audit_log`.execute(k);
  const { rows: logRows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM audit_log`.execute(k);
  log(`  audit log filled: ${logRows[0].n} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const { rows } = await sql<{ id: number; version: number }>`SELECT id, version FROM customers WHERE owner_id = ${who.userId} AND deleted_at IS NULL ORDER BY id LIMIT ${WRITES}`.execute(k);
  const versions = new Map(rows.map((r) => [Number(r.id), Number(r.version)]));
  const ids = [...versions.keys()];
  const headers = { cookie: `rapport_session=${who.cookie}`, 'x-csrf-token': who.csrf };
  let n = 0;
  // Each PATCH changes the customer's notes field (not searched, so the FTS upkeep stays out of both sides).
  const field = Object.entries(E.fields).find(([name, f]) => f.kind === 'longtext' && !E.searchFields.includes(name))?.[0] ?? 'phone';
  const patch = async (id: number) => {
    n += 1;
    const res = await app.inject({ method: 'PATCH', url: `/api/v1/customers/${id}`, headers, payload: { version: versions.get(id), [field]: `Bench change ${n}` } });
    if (res.statusCode !== 200) throw new Error(`PATCH ${id}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    versions.set(id, (res.json() as { version: number }).version);
  };
  const round = async (label: string) => {
    const total: number[] = [];
    const audit: number[] = [];
    const statements: number[] = [];
    for (const id of ids.slice(0, 10)) await patch(id); // warm-up
    for (const id of ids) {
      timings.audit = 0; timings.all = 0; timings.on = true;
      const t = performance.now();
      await patch(id);
      total.push(performance.now() - t);
      timings.on = false;
      audit.push(timings.audit);
      statements.push(timings.all);
    }
    const shares = total.map((x, i) => audit[i] / Math.max(1e-6, x - audit[i]));
    log(`${dialect} PATCH ${label}: p50 ${stats(total).p50} ms p95 ${stats(total).p95} ms | audit INSERT p50 ${stats(audit).p50} ms | statements p50 ${stats(statements).p50} ms`);
    return { patch: stats(total), auditInsert: stats(audit), statements: stats(statements), auditShareOfRest: stats(shares) };
  };
  // Alternate, so drift of the machine falls on both sides: with, without, with, without.
  const withAudit: Stats[] = [];
  const without: Stats[] = [];
  let inside: Awaited<ReturnType<typeof round>> | null = null;
  for (let i = 0; i < 2; i++) {
    const w = await round('with the audit trail');
    inside ??= w;
    withAudit.push(w.patch);
    await skipAuditRows(app, dialect, true);
    without.push((await round('audit INSERT skipped by the database')).patch);
    await skipAuditRows(app, dialect, false);
  }
  // The other half of the trail's work, in JS in both A/B sides: the change's diff (before and after images).
  const got = await app.inject({ url: `/api/v1/customers/${ids[0]}`, headers });
  const before = got.json() as Record<string, unknown>;
  const after = { ...before, [field]: 'A changed value', version: Number(before.version) + 1 };
  const diffSamples: number[] = [];
  for (let i = 0; i < 2000; i++) { const t = performance.now(); diffRecord(E, before, after); diffSamples.push(performance.now() - t); }
  const p50With = Math.min(...withAudit.map((s) => s.p50));
  const p50Without = Math.min(...without.map((s) => s.p50));
  const insideShare = inside ? inside.auditShareOfRest.p50 : NaN;
  const abShare = p50With / p50Without - 1;
  return {
    field, writes: ids.length, auditLogRows: Number(logRows[0].n),
    inside, withAudit, without, diffMs: stats(diffSamples),
    insideShareP50: Math.round(insideShare * 1000) / 1000,
    abShareP50: Math.round(abShare * 1000) / 1000,
    target: `audit trail ≤ ${TARGET_AUDIT_SHARE * 100}% of a write`, met: insideShare <= TARGET_AUDIT_SHARE && abShare <= TARGET_AUDIT_SHARE,
  };
}

// ---------------------------------------------------------------- main

async function benchOne(dialect: BenchDialect, size: number) {
  const copy = await copyOf(dialect, size);
  const app = await buildApp({ databaseUrl: copy.url, onQuery });
  const runner = await runnerFor(app, copy.url);
  try {
    const who = await representative(app);
    const owned = await giveShare(app, who.userId, size);
    const list = await listBench(app, runner, dialect, who);
    const audit = await auditBench(app, dialect, who);
    return {
      dialect, size, owned, datasetCached: copy.cached,
      list: { ...list, target: `page p95 ≤ ${TARGET_PAGE_P95} ms (SQLite)`, met: dialect !== 'sqlite' || list.page.p95 <= TARGET_PAGE_P95 },
      audit,
    };
  } finally {
    await runner.close();
    await app.close();
    await copy.drop();
  }
}

await runBenchAndWrite({
  name: 'access',
  sizes: [SIZE],
  dbs: DBS,
  options: { size: SIZE, dbs: DBS, runs: RUNS, writes: WRITES, share: SHARE, pageSize: PAGE },
  benchOne,
  summarize: (run) => ({
    dialect: run.dialect, size: run.size, ownedByRepresentative: run.owned,
    listPage: run.list.page, listCount: run.list.count, bestRaw: run.list.bestRaw, listTarget: run.list.target, listMet: run.list.met,
    cases: run.list.cases.map((c) => ({ name: c.name, appPageMs: c.appPageMs, appStatements: c.appStatements, appStatementsBareMs: c.appStatementsBareMs, bestRawMs: c.bestRawMs, appCountMs: c.appCountMs, rawCountMs: c.rawCountMs })),
    patchWithAudit: run.audit.withAudit.map((s) => s.p50), patchWithoutAuditRow: run.audit.without.map((s) => s.p50),
    auditInsertP50: run.audit.inside?.auditInsert.p50, auditShareInside: run.audit.insideShareP50, auditShareAB: run.audit.abShareP50,
    auditTarget: run.audit.target, auditMet: run.audit.met,
  }),
});
