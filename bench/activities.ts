/**
 * `npm run bench` (after bench/run.ts) or `tsx bench/activities.ts` — the calendar's month
 * view over 100k and 1M activities, on SQLite and PostgreSQL: the app's route
 * (`app.inject`: validation, both overlap queries, labels, JSON) next to the bare overlap
 * queries it runs, and next to the naive overlap (`start < to AND end > from`, no bound on
 * the start) that reads all history before the window, with their plans.
 *
 *   tsx bench/activities.ts [--sizes 100000,1000000] [--dbs sqlite,postgres] [--ms 1500]
 *
 * Data sets (10,000 demo customers, 50 owners, activities 2020–2030) are generated once into
 * bench/.data/ and databases rapport_bench_activities_<size>, then reused.
 * Writes bench/results/activities-<date>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import type { Database } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { overlapQueries, parseWindow, spanStats } from '../src/server/modules/activities/calendar.js';
import { seedActivities, type ActivitySeedResult } from '../src/server/seed/activities.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { activityEntity } from '../src/shared/entities/activity.entity.js';
import { arg, cachedDataset, log, machine, measure as measureWithin, pgAnswers, sizesArg } from './support.js';
import { fullAccess } from '../src/server/auth/access.js';

const DATASET = 'activities-v2';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = path.join(HERE, '.data');
const RESULTS_DIR = path.join(HERE, 'results');
const SIZES = sizesArg();
const DBS = arg('dbs', 'sqlite,postgres').split(',');
const BUDGET_MS = Number(arg('ms', '1500'));
const measure = (fn: () => unknown) => measureWithin(fn, { budgetMs: BUDGET_MS });
/** Fixed "now" so the data are the same on every run. */
const NOW = Date.parse('2026-03-15T00:00:00Z');

async function generate(db: Database, size: number): Promise<ActivitySeedResult> {
  await migrate(db);
  await seedDemo(db, { customers: 10_000 });
  let last = 0;
  return seedActivities(db, { activities: size, owners: 50, now: NOW, onProgress: (d) => { if (d - last >= size / 10 || d === size) { last = d; log(`  ${d}/${size}`); } } });
}

/** The data set of this size, generated once (bench/support.ts cachedDataset). */
function ensure(dialect: string, size: number) {
  return cachedDataset({ dialect, size, dataset: DATASET, dataDir: DATA_DIR, pgName: `rapport_bench_activities_${size}`, what: 'activities', generate: (db) => generate(db, size) });
}


async function explain(db: Database, q: RawBuilder<unknown>): Promise<string[]> {
  const c = q.compile(db.kysely);
  if (db.sqlite) return (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
  const { rows } = await db.kysely.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) ${c.sql}`, [...c.parameters]));
  return rows.map((r) => r['QUERY PLAN']);
}

/** The overlap with no bound on the start: what the calendar would cost without the span statistics. */
function naive(where: RawBuilder<unknown>, from: string, to: string): RawBuilder<unknown> {
  return sql`SELECT t.* FROM activities AS t WHERE ${where} AND t.start_at < ${to} AND (t.end_at > ${from} OR t.start_at >= ${from}) ORDER BY t.start_at, t.id LIMIT 2001`;
}

const CASES: { name: string; query: Record<string, string> }[] = [
  { name: 'month view, all owners (capped at 2,000)', query: { from: '2026-03-01', to: '2026-04-01', tz: 'Asia/Seoul' } },
  { name: 'month view, one owner', query: { from: '2026-03-01', to: '2026-04-01', tz: 'Asia/Seoul', 'filter[ownerId]': '7' } },
  { name: 'week view, all owners', query: { from: '2026-03-08', to: '2026-03-15', tz: 'America/Los_Angeles' } },
  { name: 'month view, one customer', query: { from: '2026-03-01', to: '2026-04-01', tz: 'Asia/Seoul', 'filter[customerId]': '42' } },
];

async function benchOne(dialect: string, size: number) {
  const { url, generation } = await ensure(dialect, size);
  const app = await buildApp({ databaseUrl: url });
  const db = app.database;
  const lq = new ListQuery(db, activityEntity);
  const cases = [];
  try {
    for (const c of CASES) {
      const qs = new URLSearchParams(c.query).toString();
      const p = parseListParams(activityEntity, c.query, { now: Date.now(), timeZone: 'UTC' }, fullAccess(), undefined, ['from', 'to', 'tz']);
      const w = parseWindow(c.query);
      const where = lq.where(p);
      const q = overlapQueries(where, w, await spanStats(db), 2001);
      const first = await app.inject({ url: `/api/v1/activities/calendar?${qs}` });
      const body = JSON.parse(first.body) as { items: unknown[]; capped: boolean };
      const appStats = await measure(() => app.inject({ url: `/api/v1/activities/calendar?${qs}` }));
      const rawStats = await measure(async () => { await Promise.all([q.timed.execute(db.kysely), q.allDay.execute(db.kysely)]); });
      const naiveQ = naive(where, w.from, w.to);
      const naiveStats = await measure(() => naiveQ.execute(db.kysely));
      cases.push({
        name: c.name, url: `/api/v1/activities/calendar?${qs}`, items: body.items.length, capped: body.capped,
        app: appStats, raw: rawStats, naiveOverlap: naiveStats, ratioP50: Math.round((appStats.p50 / rawStats.p50) * 100) / 100,
        plans: { timed: await explain(db, q.timed), allDay: await explain(db, q.allDay), naive: await explain(db, naiveQ) },
      });
      log(`${dialect} ${size} ${c.name}: ${body.items.length} items, app p50 ${appStats.p50} p95 ${appStats.p95} | raw p50 ${rawStats.p50} p95 ${rawStats.p95} | naive p50 ${naiveStats.p50}`);
    }
  } finally {
    await app.close();
  }
  return { dialect, size, generation, cases };
}


const startedAt = new Date();
const runs = [];
const pgOk = DBS.includes('postgres') && await pgAnswers();
for (const size of SIZES) {
  if (DBS.includes('sqlite')) runs.push(await benchOne('sqlite', size));
  if (pgOk) runs.push(await benchOne('postgres', size));
}
const result = {
  startedAt: startedAt.toISOString(),
  seconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  machine: machine(),
  options: { sizes: SIZES, dbs: DBS, budgetMsPerMeasurement: BUDGET_MS, dataset: DATASET },
  summary: runs.map((r) => ({ dialect: r.dialect, size: r.size, table: r.cases.map((c) => `${c.name} | ${c.items} items | app p50 ${c.app.p50} p95 ${c.app.p95} | raw p50 ${c.raw.p50} p95 ${c.raw.p95} | naive overlap p50 ${c.naiveOverlap.p50}`) })),
  runs,
};
fs.mkdirSync(RESULTS_DIR, { recursive: true });
const file = path.join(RESULTS_DIR, `activities-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result.summary, null, 2));
log(`written ${path.relative(process.cwd(), file)}`);
