/**
 * Sales analysis and the home dashboard (issue 12) at 100k and 1M opportunities and sale lines, on
 * SQLite and PostgreSQL: each analysis as the web app asks for it, through the app (`app.inject`:
 * options, labels, drill-down filters, JSON), next to the best hand-written SQL computing the same
 * aggregates on the same database in the same run, with the plans of the app's own SQL (every
 * statement the request ran, logged through the database's query hook) and of the bare queries.
 *
 * Not part of `npm run bench` (bench/run.ts): run it on its own,
 *
 *   npx tsx bench/analysis.ts [--sizes 100000,1000000] [--dbs sqlite,postgres] [--ms 1500] [--min-iterations 10]
 *
 * Data sets (10,000 demo customers, 2,000 products, 50 owners, N opportunities with 1–5 lines and
 * 1–4 stage history rows, a sale for ~30% of the won ones, and 0.26·N direct sales with 1–5 lines,
 * so ~N sale lines in all; seed/opportunities.ts; installation zone Asia/Seoul, "now" 2026-12-01)
 * are generated once into bench/.data/ and databases rapport_bench_analysis_<size>
 * (BENCH_DATABASE_URL or 127.0.0.1:5432), ANALYZEd, then reused; new migrations apply when the app
 * opens them. Writes bench/results/analysis-<date>.json, with the machine's load (`uptime`).
 *
 * The bare side runs the same aggregates as the app (the same numbers: the same groups, the top-N
 * kept from its own ranking), each written the fastest way we know for that database.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app.js';
import type { Database, QueryEvent } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { requestClock, setInstallationTimeZone } from '../src/server/core/installation.js';
import { addDays, localDate, zonedMidnight } from '../src/server/core/time-zones.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedOpportunities, type OpportunitySeedResult } from '../src/server/seed/opportunities.js';
import { arg, cachedDataset, log, runnerFor, sizesArg, stats, uptime, type Raw, type Runner, type Stats, runBenchAndWrite } from './support.js';

/** Bump when the generator changes so cached data sets are rebuilt. */
const DATASET = 'analysis-v1';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, '.data');
const SIZES = sizesArg();
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const BUDGET_MS = Number(arg('ms', '1500'));
const MAX_IT = Number(arg('max-iterations', '300'));
const MIN_IT = Number(arg('min-iterations', '10'));
const ONLY = arg('cases', '');
/**
 * The app, its SQL and the bare SQL measured in turns (one run of each, then again), so load from other
 * work on the machine falls on all three alike and the ratio holds; after a warm-up run of each, at
 * least MIN_IT rounds, then as many as the budget (per measurement, so ×3) allows.
 */
async function measureTogether(fns: (() => Promise<unknown>)[]): Promise<Stats[]> {
  for (const fn of fns) await fn();
  const samples: number[][] = fns.map(() => []);
  const until = performance.now() + BUDGET_MS * fns.length;
  for (let round = 0; round < MIN_IT || (round < MAX_IT && performance.now() < until); round++) {
    for (const [i, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      samples[i].push(performance.now() - t);
    }
  }
  return samples.map((x) => stats(x));
}
/** Fixed "now" of the data, so they are the same on every run. */
const NOW = Date.parse('2026-12-01T00:00:00Z');
/** A zone east of UTC: local days and months differ from UTC ones, as in most installations. */
const ZONE = 'Asia/Seoul';
/** "This year" of the data, named as a custom period so a run next year reads the same rows. */
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const PREV_YEAR = { from: '2025-01-01', to: '2025-12-31' };
const DIRECT_SALES_SHARE = 0.26;

// ---------------------------------------------------------------- data sets

type Generation = OpportunitySeedResult & { customers: number; cached: boolean };

async function generate(db: Database, size: number): Promise<Omit<Generation, 'cached'>> {
  await migrate(db);
  await setInstallationTimeZone(db.kysely, ZONE);
  const c = await seedDemo(db, { customers: 10_000 });
  let last = 0;
  const g = await seedOpportunities(db, {
    opportunities: size, products: 2000, owners: 50, now: NOW, directSales: Math.round(size * DIRECT_SALES_SHARE),
    onProgress: (d) => { if (d - last >= size / 10 || d === size) { last = d; log(`  ${d}/${size}`); } },
  });
  log(`  ${g.rows} rows (${g.opportunities} opportunities, ${g.saleLines} sale lines) in ${(g.ms / 1000).toFixed(1)} s (index rebuild ${(g.indexRebuildMs / 1000).toFixed(1)} s)`);
  return { ...g, customers: c.customers };
}

/** The data set of this size, generated once (bench/support.ts cachedDataset). */
function ensure(dialect: string, size: number) {
  return cachedDataset({ dialect, size, dataset: DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_analysis_${size}`, what: 'opportunities and sales', generate: (db) => generate(db, size) });
}

// ---------------------------------------------------------------- bare SQL

type Rows = Record<string, unknown>[];
type Q = (r: Raw) => Promise<Rows>;
/** A check both sides must agree on: the headline numbers of the result. */
type Check = Record<string, number>;

interface Case {
  name: string;
  url: string;
  /** The bare work: the same aggregates, in order (a top-N needs its ranking first). */
  raw: (q: Q) => Promise<Check>;
  /** The same numbers read from the app's answer. */
  check: (body: Record<string, unknown>) => Check;
  dashboard?: boolean;
}

const n = (v: unknown) => Math.round(Number(v ?? 0));
const sumRows = (rows: Rows, k: string) => rows.reduce((a, r) => a + n(r[k]), 0);

interface Ctx { dialect: 'sqlite' | 'postgres'; cancelled: number[]; stages: number[]; openService: number[]; now: number }

/** SQL text with its parameters, numbered for PostgreSQL. */
function builder(dialect: 'sqlite' | 'postgres') {
  return () => {
    const params: unknown[] = [];
    const v = (x: unknown) => { params.push(x); return dialect === 'postgres' ? `$${params.length}` : '?'; };
    const list = (xs: readonly unknown[]) => xs.map(v).join(', ');
    return { params, v, list, raw: (text: string): Raw => ({ sql: text, params }) };
  };
}

function buildCases(c: Ctx): Case[] {
  const pgsql = c.dialect === 'postgres';
  const B = builder(c.dialect);
  const SUM = pgsql ? 'sum' : 'total';
  // SQLite: a unary + on a group column keeps the planner on the period's range (see aggregate.ts).
  const plus = pgsql ? '' : '+';
  const month = (col: string) => (pgsql ? `date_trunc('month', ${col})::date` : `substr(${col}, 1, 7)`);
  const localMonth = (col: string) => (pgsql ? `date_trunc('month', ${col} AT TIME ZONE '${ZONE}')::date` : `substr(rapport_local_date(${col}, '${ZONE}'), 1, 7)`);
  const instant = (date: string) => new Date(zonedMidnight(date, ZONE)).toISOString();
  /** Live sales in a period, not cancelled (a sale without a status counts). */
  const salesWhere = (b: ReturnType<ReturnType<typeof builder>>, p: { from: string; to: string }) => {
    // Parameters in the order of the text (SQLite's are positional).
    const range = `t.deleted_at IS NULL AND t.order_date >= ${b.v(p.from)} AND t.order_date <= ${b.v(p.to)}`;
    return c.cancelled.length ? `${range} AND (t.status_id IS NULL OR t.status_id NOT IN (${b.list(c.cancelled)}))` : range;
  };
  const keepExpr = (b: ReturnType<ReturnType<typeof builder>>, col: string, keep: readonly unknown[]) => (keep.length ? `CASE WHEN ${col} IN (${b.list(keep)}) THEN ${col} END` : 'NULL');
  const ranked = (rows: Rows, valueKey = 's') => rows.filter((r) => r.g !== null).sort((a, b) => n(b[valueKey]) - n(a[valueKey]) || n(b.n) - n(a.n)).map((r) => r.g);

  const q = (o: Record<string, string>) => new URLSearchParams({ period: 'custom', ...YEAR, ...o }).toString();

  /** Sales by month (and owner kept), summing totals: one row per sale. */
  const salesGrid = async (qq: Q, p: { from: string; to: string }, keep: readonly unknown[] | null) => {
    const b = B();
    const series = keep ? `, ${plus}${keepExpr(b, 't.owner_id', keep)}` : '';
    const w = salesWhere(b, p);
    return qq(b.raw(`SELECT ${month('t.order_date')} AS m${series ? `${series} AS g` : ''}, count(*) AS n, ${SUM}(t.total) AS s FROM sales AS t WHERE ${w} GROUP BY 1${series ? ', 2' : ''}`));
  };
  /**
   * Sales over their lines (a sale without lines counts its total): first per sale and group (a sale
   * once per group however many of its lines fall there), then per group; `g` the line's product
   * category (or its kept values) or none, `m` the month or none.
   */
  const lineGrid = async (qq: Q, p: { from: string; to: string }, opts: { byMonth: boolean; category: 'none' | 'all' | readonly unknown[] }) => {
    const b = B();
    const m = opts.byMonth ? `${month('t.order_date')}` : null;
    if (!pgsql && opts.category === 'none') {
      // SQLite: each sale's lines summed through the covering (sale_id, product_id, amount) index.
      const w = salesWhere(b, p);
      return qq(b.raw(`SELECT ${m ? `${m} AS m, ` : ''}count(*) AS n, total(COALESCE((SELECT sum(l.amount) FROM sale_lines AS l WHERE l.sale_id = t.id), t.total)) AS s
        FROM sales AS t WHERE ${w}${m ? ' GROUP BY 1' : ''}`));
    }
    const g = opts.category === 'none' ? null : opts.category === 'all' ? 'p.category_id' : keepExpr(b, 'p.category_id', opts.category);
    const w = salesWhere(b, p);
    const join = g ? ' LEFT JOIN products AS p ON p.id = l.product_id' : '';
    const keys = [...(m ? [`${m} AS m`] : []), ...(g ? [`${g} AS g`] : [])];
    const outer = [...(m ? ['m'] : []), ...(g ? ['g'] : [])];
    // By position: an expression with bound values is not the same expression twice to PostgreSQL.
    const inner = ['t.id AS id', ...keys].map((_, i) => i + 1).join(', ');
    return qq(b.raw(`SELECT ${[...outer.map((k) => `x.${k} AS ${k}`), 'count(*) AS n', `${SUM}(x.s) AS s`].join(', ')} FROM (
      SELECT ${['t.id AS id', ...keys, `${SUM}(COALESCE(l.amount, t.total)) AS s`].join(', ')} FROM sales AS t LEFT JOIN sale_lines AS l ON l.sale_id = t.id${join}
      WHERE ${w} GROUP BY ${inner}) AS x${outer.length ? ` GROUP BY ${outer.map((k) => `x.${k}`).join(', ')}` : ''}`));
  };
  /** Sales by customer type (or its kept values), over lines: a sale's lines summed first, then its customer's type. */
  const typeGrid = async (qq: Q, p: { from: string; to: string }, keep: readonly unknown[] | null) => {
    const b = B();
    const g = keep ? keepExpr(b, 'cu.type_id', keep) : 'cu.type_id';
    if (!pgsql) {
      const w = salesWhere(b, p);
      return qq(b.raw(`SELECT ${g} AS g, count(*) AS n, total(COALESCE((SELECT sum(l.amount) FROM sale_lines AS l WHERE l.sale_id = t.id), t.total)) AS s
        FROM sales AS t LEFT JOIN customers AS cu ON cu.id = t.customer_id WHERE ${w} GROUP BY 1`));
    }
    const w = salesWhere(b, p);
    return qq(b.raw(`SELECT ${g} AS g, count(*) AS n, ${SUM}(x.s) AS s FROM (
      SELECT t.customer_id AS c, ${SUM}(COALESCE(l.amount, t.total)) AS s FROM sales AS t LEFT JOIN sale_lines AS l ON l.sale_id = t.id WHERE ${w} GROUP BY t.id, t.customer_id) AS x
      LEFT JOIN customers AS cu ON cu.id = x.c GROUP BY 1`));
  };

  const trendCheck = (body: Record<string, unknown>) => {
    const t = body.total as { total: { value: number; count: number; compare?: { value: number } } };
    const series = body.series as { total: { value: number } }[];
    return { value: t.total.value, count: t.total.count, previous: t.total.compare?.value ?? 0, seriesValue: series.reduce((a, s) => a + s.total.value, 0) };
  };
  const compositionCheck = (body: Record<string, unknown>) => {
    const t = body.total as { value: number; count: number };
    const items = body.items as { value: number; count: number }[];
    return { value: t.value, count: t.count, items: items.length, itemsValue: items.reduce((a, x) => a + x.value, 0) };
  };

  // The funnel: opportunities created this year (local days), their first reach of each stage, by created month.
  const created = { from: instant(YEAR.from), to: instant(addDays(YEAR.to, 1)) };
  const funnelRaw = async (qq: Q): Promise<Check> => {
    await qq({ sql: `SELECT id, label, labels, attributes, parent_id FROM dictionary_values WHERE dictionary_key = 'opportunity-stage' AND active = ${pgsql ? 'TRUE' : '1'} ORDER BY position, id`, params: [] });
    let b = B();
    const seq = c.stages;
    const firsts = seq.map((s, i) => `MIN(CASE WHEN h.to_stage_id = ${b.v(s)} THEN h.id END) AS f${i}`).join(', ');
    const period = `t.deleted_at IS NULL AND t.created_at >= ${b.v(created.from)} AND t.created_at < ${b.v(created.to)}`;
    const passed = (i: number) => ['x.f0 IS NOT NULL', ...seq.slice(1, i + 1).map((_, j) => `x.f${j} < x.f${j + 1}`)].join(' AND ');
    const cols = seq.map((_, i) => `sum(CASE WHEN x.f${i} IS NOT NULL THEN 1 ELSE 0 END) AS r${i}, sum(CASE WHEN ${passed(i)} THEN 1 ELSE 0 END) AS p${i},
      ${SUM}(CASE WHEN x.f${i} IS NOT NULL THEN x.amt ELSE 0 END) AS ra${i}, ${SUM}(CASE WHEN ${passed(i)} THEN x.amt ELSE 0 END) AS pa${i}`).join(', ');
    const progress = await qq(b.raw(`SELECT x.g AS g, count(*) AS n, ${cols} FROM (
      SELECT t.id, ${localMonth('t.created_at')} AS g, t.amount AS amt, ${firsts} FROM opportunities AS t JOIN opportunity_stage_history AS h ON h.opportunity_id = t.id
      WHERE ${period} GROUP BY ${plus}t.id) AS x GROUP BY x.g ORDER BY x.g`));
    b = B();
    const stay = pgsql ? 'EXTRACT(EPOCH FROM (LEAD(h.changed_at) OVER w - h.changed_at))' : '(julianday(LEAD(h.changed_at) OVER w) - julianday(h.changed_at)) * 86400.0';
    const median = pgsql ? 'percentile_cont(0.5) WITHIN GROUP (ORDER BY v.stay)' : 'rapport_median(v.stay)';
    await qq(b.raw(`SELECT v.s AS s, ${median} AS m, count(*) AS n FROM (
      SELECT h.to_stage_id AS s, ${stay} AS stay FROM opportunity_stage_history AS h
      WHERE h.opportunity_id IN (SELECT t.id FROM opportunities AS t WHERE t.deleted_at IS NULL AND t.created_at >= ${b.v(created.from)} AND t.created_at < ${b.v(created.to)})
      WINDOW w AS (PARTITION BY h.opportunity_id ORDER BY h.id)) AS v WHERE v.stay IS NOT NULL GROUP BY v.s`));
    b = B();
    const byStatus = await qq(b.raw(`SELECT ${plus}t.status AS g, count(*) AS n FROM opportunities AS t WHERE t.deleted_at IS NULL AND t.created_at >= ${b.v(created.from)} AND t.created_at < ${b.v(created.to)} GROUP BY 1`));
    b = B();
    await qq(b.raw(`SELECT ${plus}t.lost_reason AS g, count(*) AS n, ${SUM}(t.amount) AS s FROM opportunities AS t WHERE t.deleted_at IS NULL AND t.created_at >= ${b.v(created.from)} AND t.created_at < ${b.v(created.to)} AND t.status = 'lost' GROUP BY 1`));
    b = B();
    const forecast = await qq(b.raw(`SELECT ${month('t.expected_close_date')} AS m, count(*) AS n, ${SUM}(t.amount) AS s, ${SUM}(t.weighted_amount) AS w FROM opportunities AS t WHERE t.deleted_at IS NULL AND t.status = 'open' GROUP BY 1`));
    return { created: sumRows(byStatus, 'n'), firstStage: sumRows(progress, 'r0'), passedLast: sumRows(progress, `p${seq.length - 1}`), forecastCount: sumRows(forecast, 'n'), forecastWeighted: sumRows(forecast, 'w') };
  };
  const funnelCheck = (body: Record<string, unknown>) => {
    const s = body.summary as { created: number };
    const stages = body.stages as { entered: number }[];
    const forecast = body.forecast as { count: number; weighted: number }[];
    return { created: s.created, forecastCount: forecast.reduce((a, f) => a + f.count, 0), forecastWeighted: forecast.reduce((a, f) => a + f.weighted, 0), stages: stages.length };
  };

  // The dashboard, on the real clock (as the app reads it): today in the zone, this and last month.
  const today = localDate(c.now, ZONE);
  const thisMonth = { from: `${today.slice(0, 8)}01`, to: addDays(`${addDays(`${today.slice(0, 8)}01`, 32).slice(0, 8)}01`, -1) };
  const lastFrom = `${addDays(thisMonth.from, -1).slice(0, 8)}01`;
  const lastMonth = { from: lastFrom, to: addDays(thisMonth.from, -1) };
  const dashboardRaw = async (qq: Q): Promise<Check> => {
    const nowIso = new Date(c.now).toISOString();
    const endOfToday = instant(addDays(today, 1));
    let b = B();
    await qq(b.raw(`SELECT * FROM activities AS t WHERE t.deleted_at IS NULL AND t.due_at < ${b.v(endOfToday)} ORDER BY t.due_at, t.id LIMIT 7`));
    b = B();
    const pipeline = await qq(b.raw(`SELECT t.stage_id AS g, count(*) AS n, ${SUM}(t.amount) AS s, ${SUM}(t.weighted_amount) AS w FROM opportunities AS t WHERE t.deleted_at IS NULL AND t.status = 'open' GROUP BY t.stage_id`));
    const sales = [];
    for (const p of [thisMonth, lastMonth]) { b = B(); sales.push(await qq(b.raw(`SELECT count(*) AS n, ${SUM}(t.total) AS s FROM sales AS t WHERE ${salesWhere(b, p)}`))); }
    const openService = (bb: ReturnType<ReturnType<typeof builder>>) => (c.openService.length ? `t.status_id IN (${bb.list(c.openService)})` : '1=0');
    b = B();
    await qq(b.raw(`SELECT t.priority_id AS g, count(*) AS n FROM service_feedback AS t WHERE t.deleted_at IS NULL AND ${openService(b)} GROUP BY t.priority_id`));
    b = B();
    await qq(b.raw(`SELECT count(*) AS n FROM activities AS t WHERE t.deleted_at IS NULL AND t.due_at >= ${b.v(nowIso)} AND t.due_at < ${b.v(endOfToday)}`));
    b = B();
    await qq(b.raw(`SELECT count(*) AS n FROM activities AS t WHERE t.deleted_at IS NULL AND t.due_at < ${b.v(nowIso)}`));
    b = B();
    await qq(b.raw(`SELECT count(*) AS n, sum(CASE WHEN t.response_due_at < ${b.v(nowIso)} THEN 1 ELSE 0 END) AS ro, sum(CASE WHEN t.resolution_due_at < ${b.v(nowIso)} THEN 1 ELSE 0 END) AS so
      FROM service_feedback AS t WHERE t.deleted_at IS NULL AND ${openService(b)}`));
    return { pipelineCount: sumRows(pipeline, 'n'), pipelineWeighted: sumRows(pipeline, 'w'), thisMonth: n(sales[0][0].s), lastMonth: n(sales[1][0].s) };
  };
  const dashboardCheck = (body: Record<string, unknown>) => {
    const p = (body.pipeline as { total: { count: number; weighted: number } }).total;
    const s = body.sales as { thisMonth: { value: number }; lastMonth: { value: number } };
    return { pipelineCount: p.count, pipelineWeighted: p.weighted, thisMonth: s.thisMonth.value, lastMonth: s.lastMonth.value };
  };

  const cases: Case[] = [
    {
      name: 'trend: sales amount by month this year, series owner, compare previous year',
      url: `/api/v1/analysis/trend?${q({ measure: 'salesAmount', granularity: 'month', series: 'owner', compare: 'previous' })}`,
      raw: async (qq) => {
        const cur = await salesGrid(qq, YEAR, null);
        const prev = await salesGrid(qq, PREV_YEAR, null);
        const b = B();
        const rank = await qq(b.raw(`SELECT ${plus}t.owner_id AS g, count(*) AS n, ${SUM}(t.total) AS s FROM sales AS t WHERE ${salesWhere(b, YEAR)} GROUP BY 1`));
        const r = ranked(rank);
        const keep = r.slice(0, r.length > 10 ? 9 : r.length);
        const grid = await salesGrid(qq, YEAR, keep);
        await salesGrid(qq, PREV_YEAR, keep);
        return { value: sumRows(cur, 's'), count: sumRows(cur, 'n'), previous: sumRows(prev, 's'), seriesValue: sumRows(grid, 's') };
      },
      check: trendCheck,
    },
    {
      name: 'trend: sales amount by month this year, series product category (lines), compare previous year',
      url: `/api/v1/analysis/trend?${q({ measure: 'salesAmount', granularity: 'month', series: 'productCategory', compare: 'previous' })}`,
      raw: async (qq) => {
        const cur = await lineGrid(qq, YEAR, { byMonth: true, category: 'none' });
        const prev = await lineGrid(qq, PREV_YEAR, { byMonth: true, category: 'none' });
        const rank = await lineGrid(qq, YEAR, { byMonth: false, category: 'all' });
        const r = ranked(rank);
        const keep = r.slice(0, r.length > 10 ? 9 : r.length);
        const grid = await lineGrid(qq, YEAR, { byMonth: true, category: keep });
        await lineGrid(qq, PREV_YEAR, { byMonth: true, category: keep });
        return { value: sumRows(cur, 's'), count: sumRows(cur, 'n'), previous: sumRows(prev, 's'), seriesValue: sumRows(grid, 's') };
      },
      check: trendCheck,
    },
    { name: 'funnel: strict, created this year', url: `/api/v1/analysis/funnel?${q({ mode: 'strict' })}`, raw: funnelRaw, check: funnelCheck },
    { name: 'funnel: reached, created this year', url: `/api/v1/analysis/funnel?${q({ mode: 'reached' })}`, raw: funnelRaw, check: funnelCheck },
    {
      name: 'composition: by product category, top 10, this year',
      url: `/api/v1/analysis/composition?${q({ by: 'productCategory', top: '10' })}`,
      raw: async (qq) => {
        const total = await lineGrid(qq, YEAR, { byMonth: false, category: 'none' });
        const rank = await lineGrid(qq, YEAR, { byMonth: false, category: 'all' });
        const keep = ranked(rank).slice(0, 10);
        const items = await lineGrid(qq, YEAR, { byMonth: false, category: keep });
        return { value: n(total[0].s), count: n(total[0].n), items: items.length, itemsValue: sumRows(items, 's') };
      },
      check: compositionCheck,
    },
    {
      name: 'composition: by customer type, top 5, this year',
      url: `/api/v1/analysis/composition?${q({ by: 'customerType', top: '5' })}`,
      raw: async (qq) => {
        const total = await lineGrid(qq, YEAR, { byMonth: false, category: 'none' });
        const rank = await typeGrid(qq, YEAR, null);
        const keep = ranked(rank).slice(0, 5);
        const items = await typeGrid(qq, YEAR, keep);
        return { value: n(total[0].s), count: n(total[0].n), items: items.length, itemsValue: sumRows(items, 's') };
      },
      check: compositionCheck,
    },
    { name: 'dashboard: the home page (activities, pipeline by stage, sales this and last month, service)', url: '/api/v1/dashboard', raw: dashboardRaw, check: dashboardCheck, dashboard: true },
  ];
  return cases.filter((x) => !ONLY || ONLY.split(',').some((o) => x.name.startsWith(o)));
}

// ---------------------------------------------------------------- one database

interface Plan { sql: string; params: unknown[]; plan: string[] }

/** Target: p50 within 1.2× the bare SQL's; the dashboard also answers within 1 s. */
function target(c: Case, app: Stats, raw: Stats): { target: string; met: boolean } {
  const ratio = app.p50 <= 1.2 * raw.p50;
  return c.dashboard ? { target: 'p50 ≤ 1.2× raw and ≤ 1000 ms', met: ratio && app.p50 <= 1000 } : { target: 'p50 ≤ 1.2× raw', met: ratio };
}

async function benchOne(dialect: 'sqlite' | 'postgres', size: number) {
  const { url, generation } = await ensure(dialect, size);
  const load = uptime();
  let capture: QueryEvent[] | null = null;
  const t0 = performance.now();
  const app = await buildApp({ databaseUrl: url, onQuery: (e) => { capture?.push(e); } }); // also applies new migrations to the cached data
  const migrateMs = Math.round(performance.now() - t0);
  const runner: Runner = await runnerFor(app, url);
  // New indexes from a migration need statistics beside the others' (SQLite: ANALYZE their tables; PostgreSQL: as autovacuum would).
  const analyzed: string[] = [];
  if (dialect === 'sqlite' && (await runner.run({ sql: `SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`, params: [] })).length) {
    const missing = await runner.run({ sql: `SELECT DISTINCT tbl_name AS t FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)`, params: [] });
    for (const r of missing) { app.database.sqlite?.exec(`ANALYZE "${String(r.t)}"`); analyzed.push(String(r.t)); }
  }
  if (dialect === 'postgres') {
    for (const t of ['opportunities', 'opportunity_lines', 'opportunity_stage_history', 'products', 'sales', 'sale_lines', 'customers']) await runner.run({ sql: `VACUUM (ANALYZE) ${t}`, params: [] });
  }
  const ids = async (text: string) => (await runner.run({ sql: text, params: [] })).map((r) => Number(r.id));
  const ctx: Ctx = {
    dialect,
    cancelled: await ids(`SELECT id FROM dictionary_values WHERE dictionary_key = 'sale-status' AND code = 'cancelled'`),
    // The funnel's sequence: the active stages in order but the lost ones (funnel.ts).
    stages: (await runner.run({ sql: `SELECT id, attributes FROM dictionary_values WHERE dictionary_key = 'opportunity-stage' AND parent_id IS NULL AND active = ${dialect === 'postgres' ? 'TRUE' : '1'} ORDER BY position, id`, params: [] }))
      .filter((r) => !/"outcome"\s*:\s*"lost"/.test(typeof r.attributes === 'string' ? r.attributes : JSON.stringify(r.attributes))).map((r) => Number(r.id)),
    openService: (await runner.run({ sql: `SELECT id, attributes FROM dictionary_values WHERE dictionary_key = 'service-status'`, params: [] }))
      .filter((r) => /"meaning"\s*:\s*"(open|waiting)"/.test(typeof r.attributes === 'string' ? r.attributes : JSON.stringify(r.attributes))).map((r) => Number(r.id)),
    now: (await requestClock(app.database.kysely)).now,
  };
  const counts = (await runner.run({ sql: `SELECT (SELECT count(*) FROM opportunities) AS opportunities, (SELECT count(*) FROM sales) AS sales, (SELECT count(*) FROM sale_lines) AS sale_lines,
    (SELECT count(*) FROM opportunity_stage_history) AS stage_history`, params: [] }))[0];
  const out = [];
  try {
    for (const c of buildCases(ctx)) {
      capture = [];
      const first = await app.inject({ url: c.url });
      // What the request reads: its one write (the usage note an analysis run leaves, issue 13) is not replayed.
      const appQueries = capture.filter((e) => /^\s*(SELECT|WITH)\b/i.test(e.sql));
      capture = null;
      if (first.statusCode !== 200) throw new Error(`${c.url} answered ${first.statusCode}: ${first.body.slice(0, 300)}`);
      const appCheck = c.check(first.json() as Record<string, unknown>);
      const [appStats, appSqlStats, rawStats] = await measureTogether([
        async () => { const r = await app.inject({ url: c.url }); if (r.statusCode !== 200) throw new Error(`${c.url}: ${r.statusCode}`); },
        // The app's statements alone, replayed on the bare connection: what the request costs beyond its SQL.
        async () => { for (const e of appQueries) await runner.run({ sql: e.sql, params: [...e.parameters] }); },
        () => c.raw((r) => runner.run(r)),
      ]);
      const rawQueries: Raw[] = [];
      const rawCheck = await c.raw(async (r) => { rawQueries.push(r); const rows = await runner.run(r); if (process.env.BENCH_DEBUG) log(`${r.sql} ${JSON.stringify(r.params)} → ${JSON.stringify(rows.slice(0, 3))}`); return rows; });
      // The app and the bare SQL must agree, or the comparison means nothing.
      const same = Object.entries(rawCheck).every(([k, v]) => !(k in appCheck) || appCheck[k] === v);
      const plans: Record<string, Plan> = {};
      for (const [i, e] of appQueries.entries()) plans[`app ${i + 1}`] = { sql: e.sql, params: [...e.parameters], plan: await runner.explain({ sql: e.sql, params: [...e.parameters] }) };
      for (const [i, r] of rawQueries.entries()) plans[`raw ${i + 1}`] = { ...r, plan: await runner.explain(r) };
      const row = {
        name: c.name,
        url: decodeURIComponent(c.url),
        check: { same, app: appCheck, raw: rawCheck },
        appStatements: appQueries.length,
        rawStatements: rawQueries.length,
        app: appStats,
        appSql: appSqlStats,
        raw: rawStats,
        ratioP50: Math.round((appStats.p50 / rawStats.p50) * 100) / 100,
        ratioP95: Math.round((appStats.p95 / rawStats.p95) * 100) / 100,
        ...target(c, appStats, rawStats),
        plans,
      };
      log(`${dialect} ${size} ${c.name}: app p50 ${appStats.p50} p95 ${appStats.p95} (its SQL p50 ${appSqlStats.p50}, ${appQueries.length} statements) | raw p50 ${rawStats.p50} p95 ${rawStats.p95} (${rawQueries.length}) | ×${row.ratioP50} | ${row.met ? 'met' : 'MISSED'}${same ? '' : ` DIFFERENT ${JSON.stringify(row.check)}`}`);
      out.push(row);
    }
  } finally {
    await runner.close();
    await app.close();
  }
  return { dialect, size, generation, counts, migrateMsOnOpen: migrateMs, analyzedOnOpen: analyzed, loadBefore: load, loadAfter: uptime(), cases: out };
}

// ---------------------------------------------------------------- main

await runBenchAndWrite({
  name: 'analysis',
  sizes: SIZES,
  dbs: DBS,
  options: { sizes: SIZES, dbs: DBS, budgetMsPerMeasurement: BUDGET_MS, minIterations: MIN_IT, maxIterations: MAX_IT, dataset: DATASET, zone: ZONE, year: YEAR },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect,
    size: r.size,
    counts: r.counts,
    generation: { rows: r.generation.rows, seconds: Math.round(r.generation.ms / 1000), rowsPerSecond: r.generation.rowsPerSecond, cached: r.generation.cached },
    load: r.loadBefore,
    missed: r.cases.filter((c) => !c.met).map((c) => `${c.name}: app p50 ${c.app.p50} ms (raw ${c.raw.p50} ms, ×${c.ratioP50})`),
    table: r.cases.map((c) => `${c.name} | app p50 ${c.app.p50} p95 ${c.app.p95} | its SQL p50 ${c.appSql.p50} | raw p50 ${c.raw.p50} p95 ${c.raw.p95} | ×${c.ratioP50} (p95 ×${c.ratioP95}) | ${c.met ? 'met' : 'MISSED'}${c.check.same ? '' : ' | RESULTS DIFFER'}`),
  }),
});
