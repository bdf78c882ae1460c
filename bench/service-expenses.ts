/**
 * Expenses (M10) and service feedback (M9) at 100k and 1M rows each, on SQLite and PostgreSQL
 * (issue 11): expense group-bys with amount sums, a customer's expenses with their totals, the
 * overdue and due-today service requests sorted by due, grouped by their due state, and the
 * customer's Service tab — each request as the web app makes it, through the app (`app.inject`),
 * next to the bare SQL for the same result on the same database in the same run, with the plans
 * of the app's own SQL and of the bare queries.
 *
 * Not part of `npm run bench` (bench/run.ts): run it on its own,
 *
 *   npx tsx bench/service-expenses.ts [--sizes 100000,1000000] [--dbs sqlite,postgres] [--ms 1500] [--max-iterations 300] [--generate-only]
 *
 * Data sets (10,000 demo customers, 50 owners, N expenses and N service requests;
 * seed/service-expenses.ts) are generated once into bench/.data/ and databases
 * rapport_bench_service_expenses_<size> (BENCH_DATABASE_URL or 127.0.0.1:5432), then reused; new
 * migrations apply when the app opens them. The service clocks were set against the generation's
 * time: "overdue" and "due today" are asked at the time of the run, and their counts go into the
 * results. Writes bench/results/service-expenses-<date>.json, with the machine's load (`uptime`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app.js';
import type { Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { installationTimeZone } from '../src/server/core/installation.js';
import { addDays, localDate, zonedMidnight } from '../src/server/core/time-zones.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedServiceExpenses, type ServiceExpenseSeedResult } from '../src/server/seed/service-expenses.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { expenseEntity } from '../src/shared/entities/expense.entity.js';
import { serviceFeedbackEntity } from '../src/shared/entities/service-feedback.entity.js';
import {
  analyzeNewIndexes, arg, cachedDataset, log, measure as measureWithin, runBenchAndWrite, runCase, runnerFor, sizesArg, uptime,
  type Case, type Raw, type RawWork, type Runner, type Stats,
} from './support.js';

/** Bump when the generator changes so cached data sets are rebuilt. */
const DATASET = 'service-expenses-v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, '.data');
const SIZES = sizesArg();
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const BUDGET_MS = Number(arg('ms', '1500'));
const MAX_IT = Number(arg('max-iterations', '300'));
const TIMING = { budgetMs: BUDGET_MS, minIterations: 15, maxIterations: MAX_IT };
const measure = (fn: () => unknown) => measureWithin(fn, TIMING);
const PAGE = 100; // the web app's page size (records.ts PAGE_SIZE)
const LOCALE = 'en'; // the web always sends its language
/** `--generate-only`: make the data sets (e.g. two databases at once in two processes) and stop. */
const GENERATE_ONLY = process.argv.includes('--generate-only');

// ---------------------------------------------------------------- data sets

type Generation = ServiceExpenseSeedResult & { customers: number };

async function generate(db: Database, size: number): Promise<Generation> {
  await migrate(db);
  const c = await seedDemo(db, { customers: 10_000 });
  let last = 0;
  const g = await seedServiceExpenses(db, {
    expenses: size, feedback: size, owners: 50,
    onProgress: (d, t) => { if (d - last >= t / 10 || d === t) { last = d; log(`  ${d}/${t}`); } },
  });
  log(`  ${g.rows} rows in ${(g.ms / 1000).toFixed(1)} s: ${g.rowsPerSecond} rows/s (index rebuild ${(g.indexRebuildMs / 1000).toFixed(1)} s)`);
  return { ...g, customers: c.customers };
}

// ---------------------------------------------------------------- cases

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

interface Customer { id: number; n: number }
interface Picks {
  expenseCustomers: { biggest: Customer; typical: Customer };
  serviceCustomers: { biggest: Customer; typical: Customer };
  /** "Now" and the end of today in the installation's zone, as the app computes them for a due filter. */
  now: string;
  endOfToday: string;
  timeZone: string;
}

function buildCases(dialect: 'sqlite' | 'postgres', k: Picks): Case[] {
  const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
  const live = 'deleted_at IS NULL';
  const sum = dialect === 'sqlite' ? 'total' : 'sum';
  const where = (w: string) => `${live}${w ? ` AND ${w}` : ''}`;
  const page = (table: string, w: string, order: string, params: unknown[]): Raw => ({ sql: `SELECT * FROM ${table} AS t WHERE ${where(w)} ORDER BY ${order} LIMIT ${PAGE + 1}`, params });
  const count = (table: string, w: string, params: unknown[]): Raw => ({ sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} AS t WHERE ${where(w)} LIMIT 10001) AS s`, params });
  const list = (e: EntityDef, name: string, query: Record<string, string>, raw: RawWork, rawCount?: RawWork): Case => {
    const base = `/api/v1/${e.path}`;
    const q = { ...query, locale: LOCALE };
    const pageQ = { ...q, limit: String(PAGE), total: 'none' };
    // The grid asks its page without the total and the total beside it (records.ts page + count).
    return { name, kind: 'page', entity: e, query: pageQ, urls: [`${base}?${qs(pageQ)}`], countUrl: `${base}/count?${qs(q)}`, raw, rawCount };
  };
  const group = (e: EntityDef, name: string, query: Record<string, string>, raw: Raw[]): Case => {
    const q = { ...query, locale: LOCALE };
    return { name, kind: 'group', entity: e, query: q, urls: [`/api/v1/${e.path}?${qs(q)}`], raw: { steps: raw } };
  };
  const expenseGroup = (cols: string[], w: string, params: unknown[]): Raw => ({
    sql: `SELECT ${cols.map((c, i) => `${c} AS g${i}`).join(', ')}, ${sum}(amount) AS s0, count(*) AS n FROM expenses WHERE ${where(w)} GROUP BY ${cols.join(', ')} ORDER BY ${cols.join(', ')}`, params,
  });
  const E = expenseEntity;
  const S = serviceFeedbackEntity;

  // A customer's Expenses tab (ExpensesTab.tsx): its newest expenses with their total (RelatedList) and the totals by status, in parallel.
  const expenseTab = (label: string, c: Customer): Case[] => {
    const listQ = { sort: '-date', locale: LOCALE, 'filter[customerId]': String(c.id), limit: String(PAGE) };
    const totalsQ = { locale: LOCALE, 'filter[customerId]': String(c.id), groupBy: 'status', sum: 'amount' };
    const rawPage = page('expenses', `customer_id = ${p(1)}`, 'date DESC, id DESC', [c.id]);
    const rawCount = count('expenses', `customer_id = ${p(1)}`, [c.id]);
    const rawTotals = expenseGroup(['status'], `customer_id = ${p(1)}`, [c.id]);
    return [
      { name: `customer tab: ${label} customer's expenses (${c.n}), -date, with total`, kind: 'page', entity: E, query: listQ, urls: [`/api/v1/expenses?${qs(listQ)}`], raw: { steps: [rawPage], after: [rawCount] } },
      group(E, `customer tab: ${label} customer's totals by status, sum amount (${c.n})`, { 'filter[customerId]': String(c.id), groupBy: 'status', sum: 'amount' }, [rawTotals]),
      { name: `customer tab opens: ${label} customer's expenses + totals, in parallel`, kind: 'board', urls: [`/api/v1/expenses?${qs(listQ)}`, `/api/v1/expenses?${qs(totalsQ)}`], raw: { steps: [rawPage, rawCount, rawTotals] } },
    ];
  };

  // A customer's Service tab (ServiceTab.tsx): counts by status, the overdue count and the newest requests with their total, in parallel.
  const serviceTab = (label: string, c: Customer): Case[] => {
    const listQ = { sort: '-receivedAt', locale: LOCALE, 'filter[customerId]': String(c.id), limit: String(PAGE) };
    const byStatusQ = { locale: LOCALE, 'filter[customerId]': String(c.id), groupBy: 'statusId' };
    const overdueQ = { 'filter[customerId]': String(c.id), 'filter[resolutionDueAt][due]': 'overdue' };
    const rawByStatus: Raw = { sql: `SELECT status_id AS g0, count(*) AS n FROM service_feedback WHERE ${where(`customer_id = ${p(1)}`)} GROUP BY status_id ORDER BY status_id`, params: [c.id] };
    const rawOverdue = count('service_feedback', `customer_id = ${p(1)} AND resolution_due_at < ${p(2)}`, [c.id, k.now]);
    const rawPage = page('service_feedback', `customer_id = ${p(1)}`, 'received_at DESC, id DESC', [c.id]);
    const rawPageCount = count('service_feedback', `customer_id = ${p(1)}`, [c.id]);
    return [
      group(S, `service tab: ${label} customer's open counts by status (${c.n})`, { 'filter[customerId]': String(c.id), groupBy: 'statusId' }, [rawByStatus]),
      {
        name: `service tab opens: ${label} customer (${c.n}): counts by status, overdue count, newest requests with total, in parallel`, kind: 'board',
        urls: [`/api/v1/service-feedback?${qs(byStatusQ)}`, `/api/v1/service-feedback/count?${qs(overdueQ)}`, `/api/v1/service-feedback?${qs(listQ)}`],
        raw: { steps: [rawByStatus, rawOverdue, rawPage, rawPageCount] },
      },
    ];
  };

  const overdue = `resolution_due_at < ${p(1)}`;
  const today = `resolution_due_at >= ${p(1)} AND resolution_due_at < ${p(2)}`;
  const byDue = 'resolution_due_at, id';
  // The best bare SQL for the due-state groups: one index range count per state, the empty group from the live count.
  const dueStates: Raw = {
    sql: `SELECT 'overdue' AS g0, count(*) AS n FROM service_feedback WHERE ${where(`resolution_due_at < ${p(1)}`)}
      UNION ALL SELECT 'today', count(*) FROM service_feedback WHERE ${where(`resolution_due_at >= ${p(2)} AND resolution_due_at < ${p(3)}`)}
      UNION ALL SELECT 'later', count(*) FROM service_feedback WHERE ${where(`resolution_due_at >= ${p(4)}`)}
      UNION ALL SELECT NULL, (SELECT count(*) FROM service_feedback WHERE ${live}) - (SELECT count(*) FROM service_feedback WHERE ${where('resolution_due_at IS NOT NULL')})`,
    params: [k.now, k.now, k.endOfToday, k.endOfToday],
  };
  const dueByPriority: Raw = {
    sql: `SELECT priority_id AS g0, count(*) AS n FROM service_feedback WHERE ${where(overdue)} GROUP BY priority_id ORDER BY priority_id`, params: [k.now],
  };

  return [
    // ------------------------------------------------ expenses
    list(E, 'expenses: first page (default sort -date)', {}, { steps: [page('expenses', '', 'date DESC, id DESC', [])] }, { steps: [count('expenses', '', [])] }),
    group(E, 'expenses by category, sum amount', { groupBy: 'categoryId', sum: 'amount' }, [expenseGroup(['category_id'], '', [])]),
    group(E, 'expenses by subcategory, sum amount', { groupBy: 'subcategoryId', sum: 'amount' }, [expenseGroup(['subcategory_id'], '', [])]),
    group(E, 'expenses by status, sum amount', { groupBy: 'status', sum: 'amount' }, [expenseGroup(['status'], '', [])]),
    group(E, 'approved expenses by category, sum amount', { 'filter[status]': 'approved', groupBy: 'categoryId', sum: 'amount' }, [expenseGroup(['category_id'], `status = ${p(1)}`, ['approved'])]),
    group(E, 'two levels: by category, then status, sum amount', { groupBy: 'categoryId,status', sum: 'amount' }, [expenseGroup(['category_id', 'status'], '', [])]),
    group(E, 'two levels: by category, then subcategory, sum amount', { groupBy: 'categoryId,subcategoryId', sum: 'amount' }, [expenseGroup(['category_id', 'subcategory_id'], '', [])]),
    list(E, 'approved expenses, -date', { 'filter[status]': 'approved' }, { steps: [page('expenses', `status = ${p(1)}`, 'date DESC, id DESC', ['approved'])] },
      { steps: [count('expenses', `status = ${p(1)}`, ['approved'])] }),
    ...expenseTab('biggest', k.expenseCustomers.biggest),
    ...expenseTab('typical', k.expenseCustomers.typical),
    // ------------------------------------------------ service feedback
    list(S, 'service: first page (default sort -receivedAt)', {}, { steps: [page('service_feedback', '', 'received_at DESC, id DESC', [])] }, { steps: [count('service_feedback', '', [])] }),
    list(S, 'service: overdue, sorted by due', { 'filter[resolutionDueAt][due]': 'overdue', sort: 'resolutionDueAt' },
      { steps: [page('service_feedback', overdue, byDue, [k.now])] }, { steps: [count('service_feedback', overdue, [k.now])] }),
    list(S, 'service: due today, sorted by due', { 'filter[resolutionDueAt][due]': 'today', sort: 'resolutionDueAt' },
      { steps: [page('service_feedback', today, byDue, [k.now, k.endOfToday])] }, { steps: [count('service_feedback', today, [k.now, k.endOfToday])] }),
    group(S, 'service: grouped by due state (overdue, today, later, none)', { groupBy: 'resolutionDueAt', sort: 'resolutionDueAt' }, [dueStates]),
    group(S, 'service: overdue grouped by priority', { 'filter[resolutionDueAt][due]': 'overdue', groupBy: 'priorityId' }, [dueByPriority]),
    ...serviceTab('biggest', k.serviceCustomers.biggest),
    ...serviceTab('typical', k.serviceCustomers.typical),
  ];
}

/**
 * Targets (issue 11, at 1M; shown at every size): a group-by answers in ≤ 300 ms, a filtered
 * page in ≤ 20 ms, a tab opening (its requests in parallel) in ≤ 50 ms.
 */
function target(c: Case, app: Stats): { target: string; met: boolean } {
  if (c.kind === 'group') return { target: 'p50 ≤ 300 ms', met: app.p50 <= 300 };
  if (c.kind === 'board') return { target: 'p50 ≤ 50 ms', met: app.p50 <= 50 };
  return { target: 'p50 ≤ 20 ms', met: app.p50 <= 20 };
}

// ---------------------------------------------------------------- one database

async function customers(runner: Runner, table: string): Promise<{ biggest: Customer; typical: Customer }> {
  const counts = (await runner.run({ sql: `SELECT customer_id AS id, count(*) AS n FROM ${table} WHERE deleted_at IS NULL AND customer_id IS NOT NULL GROUP BY customer_id ORDER BY count(*), customer_id`, params: [] }))
    .map((r) => ({ id: Number(r.id), n: Number(r.n) }));
  return { biggest: counts[counts.length - 1], typical: counts[Math.floor(counts.length / 2)] };
}

async function benchOne(dialect: 'sqlite' | 'postgres', size: number) {
  const { url, generation } = await cachedDataset({
    dialect, size, dataset: DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_service_expenses_${size}`, what: 'expenses and service requests', generate: (db) => generate(db, size),
  });
  const load = uptime();
  const t0 = performance.now();
  const app = await buildApp({ databaseUrl: url }); // also applies new migrations to the cached data
  const migrateMs = Math.round(performance.now() - t0);
  const runner = await runnerFor(app, url);
  const analyzed = await analyzeNewIndexes(app, runner);
  // Statistics and visibility map as autovacuum keeps them on a live server (new indexes from a migration need them too).
  if (dialect === 'postgres') for (const t of ['expenses', 'service_feedback']) await runner.run({ sql: `VACUUM (ANALYZE) ${t}`, params: [] });
  const timeZone = (await installationTimeZone(app.database.kysely)).zone;
  const nowMs = Date.now();
  const endOfToday = zonedMidnight(addDays(localDate(nowMs, timeZone), 1), timeZone);
  const picks: Picks = {
    expenseCustomers: await customers(runner, 'expenses'), serviceCustomers: await customers(runner, 'service_feedback'),
    now: new Date(nowMs).toISOString(), endOfToday: new Date(endOfToday).toISOString(), timeZone,
  };
  const dueCounts = await runner.run({ sql: `SELECT CASE WHEN resolution_due_at IS NULL THEN 'none' WHEN resolution_due_at < ${dialect === 'postgres' ? '$1' : '?'} THEN 'overdue'
    WHEN resolution_due_at < ${dialect === 'postgres' ? '$2' : '?'} THEN 'today' ELSE 'later' END AS state, count(*) AS n FROM service_feedback WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
  params: [picks.now, picks.endOfToday] });
  const cases = buildCases(dialect, picks);
  const out = [];
  try {
    for (const c of cases) out.push(await runCase(app, runner, c, measure, target, `${dialect} ${size}`));
  } finally {
    await runner.close();
    await app.close();
  }
  return {
    dialect, size, generation, migrateMsOnOpen: migrateMs, analyzedOnOpen: analyzed, loadBefore: load, loadAfter: uptime(), picks,
    dueStatesAtRun: Object.fromEntries(dueCounts.map((r) => [String(r.state), Number(r.n)])), cases: out,
  };
}

// ---------------------------------------------------------------- main

await runBenchAndWrite({
  name: 'service-expenses',
  sizes: SIZES,
  dbs: DBS,
  options: { sizes: SIZES, dbs: DBS, budgetMsPerMeasurement: BUDGET_MS, maxIterations: MAX_IT, dataset: DATASET, pageSize: PAGE },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect,
    size: r.size,
    generation: { rowsPerSecond: r.generation.rowsPerSecond, rows: r.generation.rows, seconds: Math.round(r.generation.ms / 1000), clocksSetAt: r.generation.now, cached: r.generation.cached },
    dueStatesAtRun: r.dueStatesAtRun,
    load: r.loadBefore,
    missed: r.cases.filter((c) => !c.met).map((c) => `${c.name}: app p50 ${c.app.p50} ms, p95 ${c.app.p95} ms (raw p50 ${c.raw.p50} ms)`),
    table: r.cases.map((c) => `${c.name} | app p50 ${c.app.p50} p95 ${c.app.p95}${c.appCount ? ` (count p50 ${c.appCount.p50})` : ''} | raw p50 ${c.raw.p50} p95 ${c.raw.p95}${c.rawCount ? ` (count p50 ${c.rawCount.p50})` : ''} | ×${c.ratioP50} | ${c.met ? 'met' : 'MISSED'}`),
  }),
  instead: GENERATE_ONLY
    ? async (dialects) => {
    for (const size of SIZES) for (const dialect of dialects) {
      const { generation } = await cachedDataset({
        dialect, size, dataset: DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_service_expenses_${size}`, what: 'expenses and service requests', generate: (db) => generate(db, size),
      });
      log(`${dialect} ${size}: ${generation.cached ? 'cached' : 'generated'}, ${generation.rows} rows, clocks set at ${generation.now}`);
    }
    }
    : undefined,
});
