/**
 * Opportunities, the pipeline board and products at 100k and 1M opportunities, on SQLite and
 * PostgreSQL: each request as the web app makes it, through the app (`app.inject`: routing,
 * validation, labels, JSON), next to the bare SQL doing the same work on the same database in
 * the same run, with the plans of the app's own SQL (compiled from the same ListQuery the routes
 * use) and of the bare queries.
 *
 * Not part of `npm run bench` (bench/run.ts): run it on its own,
 *
 *   npx tsx bench/opportunities.ts [--sizes 100000,1000000] [--dbs sqlite,postgres] [--ms 1500] [--max-iterations 300]
 *
 * Data sets (10,000 demo customers, 2,000 products, 50 owners, N opportunities with 1–5 lines
 * and 1–4 stage history rows each, a sale for ~30% of the won ones; seed/opportunities.ts) are
 * generated once into bench/.data/ and databases rapport_bench_opportunities_<size>
 * (BENCH_DATABASE_URL or 127.0.0.1:5432), then reused; new migrations apply when the app opens
 * them. Writes bench/results/opportunities-<date>.json, with the machine's load (`uptime`).
 */
import { buildApp } from '../src/server/app.js';
import { pgSearchWindowRows } from '../src/server/core/list-query.js';
import type { EntityDef } from '../src/shared/entity/define.js';
import { opportunityEntity } from '../src/shared/entities/opportunity.entity.js';
import { productEntity } from '../src/shared/entities/product.entity.js';
import { OPPORTUNITIES_DATASET, OPPORTUNITIES_NOW, opportunitiesDataset } from './opportunities-dataset.js';
import { analyzeNewIndexes, arg, measure as measureWithin, runCase, runnerFor, sizesArg, uptime, type Case, type Raw, type RawWork, type Stats, runBenchAndWrite } from './support.js';

const SIZES = sizesArg();
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const BUDGET_MS = Number(arg('ms', '1500'));
const MAX_IT = Number(arg('max-iterations', '300'));
const MIN_IT = 15;
const TIMING = { budgetMs: BUDGET_MS, minIterations: MIN_IT, maxIterations: MAX_IT };
const measure = (fn: () => unknown) => measureWithin(fn, TIMING);
const NOW = OPPORTUNITIES_NOW;
const PAGE = 100; // the web app's page size (records.ts PAGE_SIZE)
const PICK = 20; // a reference picker's page (ReferenceSelect)

// ---------------------------------------------------------------- measuring


// ---------------------------------------------------------------- cases

const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

interface Picks { bigCustomer: { id: number; n: number }; typicalCustomer: { id: number; n: number }; stages: { id: number; code: string }[]; oneId: number; stageIds: number[] }

function buildCases(dialect: 'sqlite' | 'postgres', k: Picks): Case[] {
  const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
  const live = 'deleted_at IS NULL';
  const sum = dialect === 'sqlite' ? 'total' : 'sum';
  const page = (table: string, where: string, order: string, limit: number, params: unknown[]): Raw => ({
    sql: `SELECT * FROM ${table} AS t WHERE ${live}${where ? ` AND ${where}` : ''} ORDER BY ${order} LIMIT ${limit + 1}`, params,
  });
  const count = (table: string, where: string, cap: number, params: unknown[]): Raw => ({
    sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} AS t WHERE ${live}${where ? ` AND ${where}` : ''} LIMIT ${cap + 1}) AS s`, params,
  });
  const newest = 'updated_at DESC, id DESC';
  const O = opportunityEntity;
  const list = (name: string, query: Record<string, string>, raw: RawWork, opts: { separateCount?: boolean; entity?: EntityDef; rawCount?: RawWork } = {}): Case => {
    const e = opts.entity ?? O;
    const base = `/api/v1/${e.path}`;
    return {
      name, kind: 'page', entity: e, query,
      urls: [`${base}?${qs(opts.separateCount ? { ...query, total: 'none' } : query)}`],
      ...(opts.separateCount ? { countUrl: `${base}/count?${qs(query)}` } : {}), raw, rawCount: opts.rawCount,
    };
  };
  /** A search read newest first from the search index, as list-query.ts does it (no sort chosen). */
  const search = (table: string, term: string, extra: { where: string; params: unknown[] }, limit: number, cap: number): { raw: RawWork; rawCount: RawWork } => {
    const short = Array.from(term).length < 3;
    const and = extra.where ? ` AND ${extra.where}` : '';
    if (dialect === 'sqlite') {
      const fts = `${table}_${short ? 'grams' : 'fts'}`;
      const from = `${fts} CROSS JOIN ${table} AS t ON t.id = ${fts}.rowid WHERE ${fts} MATCH ? AND t.${live}${and}`;
      return {
        raw: { steps: [{ sql: `SELECT t.* FROM ${from} ORDER BY ${fts}.rowid DESC LIMIT ${limit + 1}`, params: [`"${term}"`, ...extra.params] }] },
        rawCount: { steps: [{ sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${from} LIMIT ${cap + 1}) AS s`, params: [`"${term}"`, ...extra.params] }] },
      };
    }
    const n = extra.params.length;
    const cond = short ? `string_to_array(search_grams, ' ') @> ARRAY[${p(n + 1)}]::text[]` : `search_text LIKE ${p(n + 1)}`;
    const params = [...extra.params, short ? term : `%${term}%`];
    return {
      raw: {
        steps: [
          { sql: `SELECT * FROM (SELECT * FROM ${table} WHERE ${live} ORDER BY id DESC LIMIT ${pgSearchWindowRows(limit)}) AS t WHERE ${live}${and} AND ${cond} ORDER BY id DESC LIMIT ${limit + 1}`, params },
          { sql: `SELECT * FROM ${table} AS t WHERE ${live}${and} AND ${cond} ORDER BY id + 0 DESC LIMIT ${limit + 1}`, params },
        ],
        untilRows: limit + 1,
      },
      rawCount: { steps: [count(table, `${extra.where ? `${extra.where} AND ` : ''}${cond}`, cap, params)] },
    };
  };
  const opportunitySearch = (name: string, term: string): Case => {
    const s = search('opportunities', term, { where: '', params: [] }, PAGE, 1000);
    return list(name, { q: term, limit: String(PAGE) }, s.raw, { separateCount: true, rawCount: s.rawCount });
  };
  const customerPage = (label: string, c: { id: number; n: number }): Case => list(`customer tab: ${label} customer's opportunities (${c.n}), -updatedAt`,
    { 'filter[customerId]': String(c.id), sort: '-updatedAt', limit: String(PAGE) },
    { steps: [page('opportunities', `customer_id = ${p(1)}`, newest, PAGE, [c.id])], after: [count('opportunities', `customer_id = ${p(1)}`, 10_000, [c.id])] });
  const groupRaw = (where: string, col: string, params: unknown[]): Raw => ({
    sql: `SELECT ${col} AS g0, ${sum}(amount) AS s0, ${sum}(weighted_amount) AS s1, count(*) AS n FROM opportunities WHERE ${live}${where ? ` AND ${where}` : ''} GROUP BY ${col} ORDER BY ${col}`, params,
  });
  const group = (name: string, query: Record<string, string>, raw: Raw): Case => ({ name, kind: 'group', entity: O, query, urls: [`/api/v1/opportunities?${qs(query)}`], raw: { steps: [raw] } });
  const customerTotals = (label: string, c: { id: number; n: number }): Case => group(`customer tab: ${label} customer's totals by status (${c.n})`,
    { 'filter[customerId]': String(c.id), groupBy: 'status', sum: 'amount,weightedAmount' }, groupRaw(`customer_id = ${p(1)}`, 'status', [c.id]));
  const column = k.stages[0];
  const columnQuery = (id: number) => ({ 'filter[stageId]': String(id), sort: '-updatedAt', limit: String(PAGE), total: 'none' });
  const totalsQuery = { groupBy: 'stageId', sum: 'amount,weightedAmount' };
  const inIds = (ids: number[], from: number) => ids.map((_, i) => p(from + i)).join(', ');
  const picker = search('products', 'monitor', { where: `t.status = ${p(dialect === 'sqlite' ? 2 : 1)}`, params: ['on-sale'] }, PICK, 1000);

  return [
    list('list: first page (default sort -updatedAt)', { limit: String(PAGE) }, { steps: [page('opportunities', '', newest, PAGE, [])] },
      { separateCount: true, rawCount: { steps: [count('opportunities', '', 10_000, [])] } }),
    customerPage('biggest', k.bigCustomer),
    customerPage('typical', k.typicalCustomer),
    list(`pipeline: one column (stage ${column.code}), -updatedAt, limit ${PAGE}`, columnQuery(column.id),
      { steps: [page('opportunities', `stage_id = ${p(1)}`, newest, PAGE, [column.id])] }),
    group('pipeline: totals by stage, sum amount and weightedAmount (all opportunities)', totalsQuery, groupRaw('', 'stage_id', [])),
    {
      name: `pipeline board opens: ${k.stages.length} columns + totals, in parallel`, kind: 'board',
      urls: [...k.stages.map((s) => `/api/v1/opportunities?${qs(columnQuery(s.id))}`), `/api/v1/opportunities?${qs(totalsQuery)}`],
      raw: { steps: [...k.stages.map((s) => page('opportunities', `stage_id = ${p(1)}`, newest, PAGE, [s.id])), groupRaw('', 'stage_id', [])] },
    },
    customerTotals('biggest', k.bigCustomer),
    customerTotals('typical', k.typicalCustomer),
    opportunitySearch('search: maintenance (Latin, common)', 'maintenance'),
    opportunitySearch('search: 서버 (2-char Korean, common)', '서버'),
    opportunitySearch('search: quantum (Latin, rare)', 'quantum'),
    opportunitySearch('search: 양자 (2-char Korean, rare)', '양자'),
    {
      name: 'GET one opportunity with its lines', kind: 'record', urls: [`/api/v1/opportunities/${k.oneId}`],
      raw: {
        steps: [
          { sql: `SELECT * FROM opportunities WHERE id = ${p(1)} AND ${live}`, params: [k.oneId] },
          { sql: `SELECT l.id, l.opportunity_id AS parent, l.position, l.product_id, l.description, l.quantity, l.unit_price, l.discount_percent, l.amount, p.name AS product
            FROM opportunity_lines AS l LEFT JOIN products AS p ON p.id = l.product_id WHERE l.opportunity_id IN (${p(1)}) ORDER BY l.opportunity_id, l.position`, params: [k.oneId] },
        ],
      },
    },
    {
      name: 'dictionary usage: opportunity-stage (the editor opening)', kind: 'usage', urls: ['/api/v1/dictionaries/opportunity-stage/usage'],
      raw: {
        steps: [
          { sql: `SELECT id FROM dictionary_values WHERE dictionary_key = ${p(1)}`, params: ['opportunity-stage'] },
          { sql: `SELECT stage_id AS v, count(*) AS n FROM opportunities WHERE deleted_at IS NULL AND stage_id IN (${inIds(k.stageIds, 1)}) GROUP BY stage_id`, params: k.stageIds },
          { sql: `SELECT stage_id AS v, count(*) AS n FROM opportunities WHERE deleted_at IS NOT NULL AND stage_id IN (${inIds(k.stageIds, 1)}) GROUP BY stage_id`, params: k.stageIds },
          { sql: `SELECT from_stage_id AS v, count(*) AS n FROM opportunity_stage_history WHERE from_stage_id IN (${inIds(k.stageIds, 1)}) GROUP BY from_stage_id`, params: k.stageIds },
          { sql: `SELECT to_stage_id AS v, count(*) AS n FROM opportunity_stage_history WHERE to_stage_id IN (${inIds(k.stageIds, 1)}) GROUP BY to_stage_id`, params: k.stageIds },
        ],
      },
    },
    // The picker asks with its total (ReferenceSelect): the bare work counts too.
    list(`product picker: q=monitor, on sale, limit ${PICK}`, { q: 'monitor', 'filter[status]': 'on-sale', limit: String(PICK) },
      { ...picker.raw, after: picker.rawCount.steps }, { entity: productEntity }),
  ];
}

/**
 * Targets (at 1M; shown at every size): a page or one record answers in ≤ 50 ms; counts and sums
 * over many rows cost what their bare queries cost, within 1.3× plus 2 ms (routing, labels, JSON).
 */
function target(c: Case, app: Stats, raw: Stats): { target: string; met: boolean } {
  if (c.kind === 'group' || c.kind === 'usage' || c.kind === 'board') return { target: 'p50 ≤ 1.3× raw + 2 ms', met: app.p50 <= 1.3 * raw.p50 + 2 };
  return { target: 'p50 ≤ 50 ms', met: app.p50 <= 50 };
}

// ---------------------------------------------------------------- one database

async function benchOne(dialect: 'sqlite' | 'postgres', size: number) {
  const { url, generation } = await opportunitiesDataset(dialect, size);
  const load = uptime();
  const t0 = performance.now();
  const app = await buildApp({ databaseUrl: url }); // also applies new migrations to the cached data
  const migrateMs = Math.round(performance.now() - t0);
  const runner = await runnerFor(app, url);
  const analyzed = await analyzeNewIndexes(app, runner);
  // Statistics and visibility map as autovacuum keeps them on a live server (new indexes from a migration need them too).
  if (dialect === 'postgres') {
    for (const t of ['opportunities', 'opportunity_lines', 'opportunity_stage_history', 'products', 'sales', 'sale_lines']) await runner.run({ sql: `VACUUM (ANALYZE) ${t}`, params: [] });
  }
  const counts = (await runner.run({ sql: 'SELECT customer_id AS id, count(*) AS n FROM opportunities WHERE deleted_at IS NULL GROUP BY customer_id ORDER BY count(*), customer_id', params: [] }))
    .map((r) => ({ id: Number(r.id), n: Number(r.n) }));
  const stages = (await runner.run({ sql: `SELECT id, code FROM dictionary_values WHERE dictionary_key = 'opportunity-stage' AND parent_id IS NULL ORDER BY position, id`, params: [] }))
    .map((r) => ({ id: Number(r.id), code: String(r.code) }));
  const one = await runner.run({ sql: `SELECT id FROM opportunities WHERE id >= ${Math.floor(size / 2)} ORDER BY id LIMIT 1`, params: [] });
  const picks: Picks = {
    bigCustomer: counts[counts.length - 1], typicalCustomer: counts[Math.floor(counts.length / 2)], stages, stageIds: stages.map((s) => s.id), oneId: Number(one[0].id),
  };
  const cases = buildCases(dialect, picks);
  const out = [];
  try {
    for (const c of cases) out.push(await runCase(app, runner, c, measure, target, `${dialect} ${size}`));
  } finally {
    await runner.close();
    await app.close();
  }
  return { dialect, size, generation, migrateMsOnOpen: migrateMs, analyzedOnOpen: analyzed, loadBefore: load, loadAfter: uptime(), picks, cases: out };
}

// ---------------------------------------------------------------- main

await runBenchAndWrite({
  name: 'opportunities',
  sizes: SIZES,
  dbs: DBS,
  options: { sizes: SIZES, dbs: DBS, budgetMsPerMeasurement: BUDGET_MS, maxIterations: MAX_IT, dataset: OPPORTUNITIES_DATASET, pageSize: PAGE },
  benchOne,
  summarize: (r) => ({
    dialect: r.dialect,
    size: r.size,
    generation: { rowsPerSecond: r.generation.rowsPerSecond, opportunitiesPerSecond: r.generation.opportunitiesPerSecond, rows: r.generation.rows, seconds: Math.round(r.generation.ms / 1000), cached: r.generation.cached },
    load: r.loadBefore,
    missed: r.cases.filter((c) => !c.met).map((c) => `${c.name}: app p50 ${c.app.p50} ms, p95 ${c.app.p95} ms (raw p50 ${c.raw.p50} ms)`),
    table: r.cases.map((c) => `${c.name} | app p50 ${c.app.p50} p95 ${c.app.p95} | raw p50 ${c.raw.p50} p95 ${c.raw.p95} | ×${c.ratioP50} | ${c.met ? 'met' : 'MISSED'}`),
  }),
});
