import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createDictionaryValue, createGroup, createOpportunity, createProduct, createSale, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

interface DrillFilter { field: string; op: string; value: string | number | boolean }
interface Drill { entity: string; filters: DrillFilter[] }
interface Point { bucket: string; value: number; count: number; drill: Drill; compare?: { bucket: string; value: number; count: number; drill: Drill; diff: number; pct: number | null } }
interface Series { key: string | number | null; label: string | null; other: boolean; points: Point[]; total: { value: number; count: number; drill: Drill } }
interface Trend { buckets: string[]; unit: string; entity: string; total: Series; series: Series[]; empty: boolean; period: { from: string; to: string }; comparePeriod: { from: string; to: string } | null }
interface Stage { id: number; label: string; entered: number; amount: number; weighted: number; toNext: number | null; fromFirst: number | null; dropOff: number | null; medianSeconds: number | null; drill: Drill }
interface Funnel {
  stages: Stage[]; summary: { created: number; open: number; won: number; lost: number; winRate: number | null };
  cohorts: { month: string; created: number; entered: number[]; cells: Drill[] }[];
  lostReasons: { reason: string | null; count: number; amount: number; drill: Drill }[];
  forecast: { month: string | null; count: number; amount: number; weighted: number; drill: Drill }[];
}
interface Item { key: string | number | null; label: string | null; other: boolean; value: number; count: number; share: number | null; drill: Drill; compare?: { value: number; diff: number } }
interface Composition { items: Item[]; pareto: (Item & { abc: string; cumulativeShare: number })[]; total: { value: number; count: number; drill: Drill } }

const DAY = 86_400_000;

/**
 * Lab manual M11 (issue 12): every analysis against numbers computed here, independently, from a
 * small hand-made data set: a cancelled sale, a sale without lines, a discounted line, a sale
 * created across a month boundary in Asia/Seoul, opportunities that skip stages, move backwards and
 * are reopened after being lost. Every number's drill-down list holds exactly that many records.
 */
describe.each(DATABASES)('sales analysis API on $name', (database) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  /** The stage history as written, per opportunity: stage codes with the instant each was entered. */
  const histories: Record<string, [string, string][]> = {};
  const amounts: Record<string, number> = { O1: 100_000, O2: 50_000, O3: 30_000, O4: 20_000, O5: 40_000 };

  const q = (path: string, params: Record<string, string | number | boolean>) => `${path}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()}`;
  const get = async <T>(path: string, params: Record<string, string | number | boolean> = {}) => {
    const res = await call<T & Problem>(t.app, 'GET', q(path, params));
    expect(res.status, res.raw.slice(0, 500)).toBe(200);
    return res.body as T;
  };
  /** The drill-down list, exactly counted, and the records on it. */
  const open = async (d: Drill) => {
    const params: Record<string, string> = { total: 'exact', limit: '500' };
    for (const f of d.filters) params[f.op === 'eq' ? `filter[${f.field}]` : `filter[${f.field}][${f.op}]`] = String(f.value);
    // Two filters on one field and operator cannot both be query keys: none of ours repeat one.
    expect(Object.keys(params).length).toBe(d.filters.length + 2);
    const res = await call<Page & Problem>(t.app, 'GET', q(`/api/v1/${d.entity}`, params));
    expect(res.status, res.raw.slice(0, 500)).toBe(200);
    return res.body;
  };
  const sumOf = (items: Record<string, unknown>[], field: string) => items.reduce((a, r) => a + Number(r[field] ?? 0), 0);

  beforeAll(async () => {
    t = await startApp(database);
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { currency: 'KRW', installationTimeZone: 'Asia/Seoul' })).status).toBe(200);
    const db = t.app.database.kysely;
    for (const [key, code] of [['customer-type', 'tx'], ['customer-type', 'ty'], ['region', 'r1'], ['region', 'r2'], ['product-category', 'c1'], ['product-category', 'c2']] as const) {
      ids[code] = (await createDictionaryValue(t.app, key, { code: `an-${code}`, label: `An ${code}` })).id;
    }
    ids.cancelled = await dictId(t.app, 'sale-status', 'cancelled');
    for (const s of ['initial-contact', 'needs-analysis', 'proposal', 'negotiation', 'won', 'lost']) ids[s] = await dictId(t.app, 'opportunity-stage', s);
    ids.G1 = (await createGroup(t.app, { name: 'Analysis group 1' })).id;
    ids.G2 = (await createGroup(t.app, { name: 'Analysis group 2' })).id;
    ids.A = (await createCustomer(t.app, { name: 'Alpha', typeId: ids.tx, regionId: ids.r1, groupIds: [ids.G1] })).id;
    ids.B = (await createCustomer(t.app, { name: 'Beta', typeId: ids.ty, regionId: ids.r2, groupIds: [ids.G1, ids.G2] })).id;
    ids.C = (await createCustomer(t.app, { name: '=HYPERLINK("x")' })).id;
    ids.P1 = (await createProduct(t.app, { name: 'P1', categoryId: ids.c1, listPrice: 10_000 })).id;
    ids.P2 = (await createProduct(t.app, { name: 'P2', categoryId: ids.c2, listPrice: 5_000 })).id;
    ids.P3 = (await createProduct(t.app, { name: 'P3', listPrice: 1_000 })).id;

    // Sales (KRW): S1 Oct with a 10% discounted line; S2 Nov, created 00:30 on 1 Nov in Seoul (still 31 Oct in UTC);
    // S3 Nov without lines; S4 Nov cancelled; S5 Dec.
    ids.S1 = (await createSale(t.app, ids.A, { orderDate: '2026-10-15', lines: [{ productId: ids.P1, quantity: 2 }, { productId: ids.P2, quantity: 1, discountPercent: 10 }] })).id;
    ids.S2 = (await createSale(t.app, ids.B, { orderDate: '2026-11-01', lines: [{ productId: ids.P1, quantity: 1 }] })).id;
    ids.S3 = (await createSale(t.app, ids.C, { orderDate: '2026-11-30', total: 7_000 })).id;
    ids.S4 = (await createSale(t.app, ids.A, { orderDate: '2026-11-20', statusId: ids.cancelled, lines: [{ productId: ids.P3, quantity: 3 }] })).id;
    ids.S5 = (await createSale(t.app, ids.B, { orderDate: '2026-12-01', lines: [{ productId: ids.P2, quantity: 2 }, { productId: ids.P3, quantity: 1 }] })).id;
    const created: Record<string, string> = { S1: '2026-10-15T01:00:00Z', S2: '2026-10-31T15:30:00Z', S3: '2026-11-30T02:00:00Z', S4: '2026-11-20T02:00:00Z', S5: '2026-12-01T02:00:00Z' };
    for (const [s, at] of Object.entries(created)) await sql`UPDATE sales SET created_at = ${new Date(at).toISOString()} WHERE id = ${ids[s]}`.execute(db);

    // Opportunities and their paths through the stages (a PATCH per move), then the history's instants set by hand.
    const paths: Record<string, string[]> = {
      O1: ['initial-contact', 'needs-analysis', 'proposal', 'won'],
      O2: ['initial-contact', 'proposal', 'lost'],
      O3: ['initial-contact', 'needs-analysis', 'lost', 'needs-analysis', 'proposal', 'negotiation', 'won'],
      O4: ['initial-contact'],
      O5: ['initial-contact', 'proposal', 'needs-analysis', 'proposal', 'negotiation'],
    };
    const owner: Record<string, number> = { O1: 1, O2: 1, O3: 1, O4: 1, O5: 1 };
    const start: Record<string, string> = { O1: '2026-09-10T00:00:00Z', O2: '2026-09-30T16:00:00Z', O3: '2026-10-02T00:00:00Z', O4: '2026-10-20T00:00:00Z', O5: '2026-11-03T00:00:00Z' };
    for (const [o, path] of Object.entries(paths)) {
      const cust = o === 'O2' || o === 'O5' ? ids.B : ids.A;
      const rec = await createOpportunity(t.app, cust, { name: o, amount: amounts[o], ownerId: owner[o], expectedCloseDate: o === 'O4' ? '2027-01-15' : '2026-12-20' });
      ids[o] = rec.id;
      let version = rec.version;
      for (const stage of path.slice(1)) {
        const body: Record<string, unknown> = { version, stageId: ids[stage] };
        if (stage === 'lost') body.lostReason = o === 'O2' ? 'Price' : 'Timing';
        const res = await call<{ version: number }>(t.app, 'PATCH', `/api/v1/opportunities/${rec.id}`, body);
        expect(res.status, res.raw).toBe(200);
        version = res.body.version;
      }
      // Entered each stage k days after the start, with k the square of its place (so every stay differs).
      const { rows } = await sql<{ id: number }>`SELECT id FROM opportunity_stage_history WHERE opportunity_id = ${rec.id} ORDER BY id`.execute(db);
      expect(rows.length).toBe(path.length);
      histories[o] = [];
      for (const [i, r] of rows.entries()) {
        const at = new Date(Date.parse(start[o]) + i * i * DAY + (o === 'O5' ? 3_600_000 : 0)).toISOString();
        await sql`UPDATE opportunity_stage_history SET changed_at = ${at} WHERE id = ${r.id}`.execute(db);
        histories[o].push([path[i], at]);
      }
      const last = histories[o][histories[o].length - 1];
      await sql`UPDATE opportunities SET created_at = ${new Date(start[o]).toISOString()}, closed_at = ${['won', 'lost'].includes(last[0]) ? last[1] : null} WHERE id = ${rec.id}`.execute(db);
    }
    // Expenses charged to O1 (approved 10,000) and O3 (approved 5,000; a draft 1,000 does not count).
    const travel = await dictId(t.app, 'expense-category', 'travel');
    for (const [o, amount, approve] of [['O1', 10_000, true], ['O3', 5_000, true], ['O3', 1_000, false]] as const) {
      const e = await call<{ id: number }>(t.app, 'POST', '/api/v1/expenses', { description: `Trip ${o}`, amount, categoryId: travel, opportunityId: ids[o], customerId: ids.A });
      expect(e.status, e.raw).toBe(201);
      if (approve) {
        expect((await call(t.app, 'POST', `/api/v1/expenses/${e.body.id}/submit`, {})).status).toBe(200);
        expect((await call(t.app, 'POST', `/api/v1/expenses/${e.body.id}/approve`, {})).status).toBe(200);
      }
    }
  });
  afterAll(async () => { await t?.close(); });

  it('M11.a: list filters follow paths: a sale\'s customer\'s type, its lines\' products and categories, and no lines at all', async () => {
    const count = async (params: Record<string, string>) => (await open({ entity: 'sales', filters: Object.entries(params).map(([k, v]) => {
      const m = /^([^[]+)(?:\[(\w+)\])?$/.exec(k) as RegExpExecArray;
      return { field: m[1], op: m[2] ?? 'eq', value: v };
    }) })).total;
    expect(await count({ 'customerId.typeId': String(ids.tx) })).toBe(2); // S1, S4
    expect(await count({ 'customerId.typeId[empty]': 'true' })).toBe(1); // S3
    expect(await count({ 'customerId.typeId[ne]': String(ids.tx) })).toBe(3); // S2, S3, S5
    expect(await count({ 'customerId.groupIds': String(ids.G2) })).toBe(2); // S2, S5
    expect(await count({ 'lines.productId': String(ids.P1) })).toBe(2); // S1, S2
    expect(await count({ 'lines.productId.categoryId': String(ids.c2) })).toBe(2); // S1, S5
    // A line without a category (P3) or a sale without lines (S3).
    expect(await count({ 'lines.productId.categoryId[empty]': 'true' })).toBe(3); // S3, S4, S5
    expect(await count({ 'lines.productId.categoryId[nin]': `${ids.c1},${ids.c2}` })).toBe(3);
    const bad = await call<Problem>(t.app, 'GET', '/api/v1/sales?filter[customerId.nope]=1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('filter[customerId.nope]');
    const notHistory = await call<Problem>(t.app, 'GET', '/api/v1/sales?filter[statusId][reached]=1');
    expect(notHistory.body.errors?.[0].field).toBe('filter[statusId][reached]');
  });

  it('M11.a: sales amount by month leaves the cancelled sale out (unless asked), and each month opens exactly its sales', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-10-01', to: '2026-12-31', granularity: 'month' });
    expect(r.unit).toBe('money');
    expect(r.buckets).toEqual(['2026-10-01', '2026-11-01', '2026-12-01']);
    // Oct: S1 = 2 × 10,000 + 5,000 × 90% = 24,500; Nov: S2 10,000 + S3 7,000; Dec: S5 2 × 5,000 + 1,000.
    expect(r.total.points.map((p) => [p.value, p.count])).toEqual([[24_500, 1], [17_000, 2], [11_000, 1]]);
    expect(r.total.total).toMatchObject({ value: 52_500, count: 4 });
    for (const p of r.total.points) {
      const list = await open(p.drill);
      expect(list.total).toBe(p.count);
      expect(sumOf(list.items, 'total')).toBe(p.value);
    }
    const all = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-10-01', to: '2026-12-31', includeCancelled: true });
    expect(all.total.points[1]).toMatchObject({ value: 20_000, count: 3 });
    const count = await get<Trend>('/api/v1/analysis/trend', { measure: 'salesCount', period: 'custom', from: '2026-10-01', to: '2026-12-31' });
    expect(count.unit).toBe('count');
    expect(count.total.points.map((p) => p.value)).toEqual([1, 2, 1]);
  });

  it('M11.a: weeks start on Monday and a partial first bucket opens only the days in the period', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-11-25', to: '2026-12-06', granularity: 'week' });
    expect(r.buckets).toEqual(['2026-11-23', '2026-11-30']);
    // S3 (30 Nov, a Monday) and S5 (1 Dec) in the second week; nothing from 25 to 29 Nov.
    expect(r.total.points.map((p) => p.count)).toEqual([0, 2]);
    expect(r.total.points[0].drill.filters).toContainEqual({ field: 'orderDate', op: 'gte', value: '2026-11-25' });
    for (const p of r.total.points) expect((await open(p.drill)).total).toBe(p.count);
  });

  it('M11.a: by created date, a sale created at 00:30 on 1 November in Seoul is November\'s', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { basis: 'createdDate', period: 'custom', from: '2026-10-01', to: '2026-11-30' });
    expect(r.total.points.map((p) => p.count)).toEqual([1, 2]); // Oct: S1; Nov: S2, S3
    for (const p of r.total.points) expect((await open(p.drill)).total).toBe(p.count);
  });

  it('M11.a: split by product category: amounts from the lines (a sale without lines under None), counts exact, every cell drills to its count', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-10-01', to: '2026-12-31', series: 'productCategory' });
    const by = (key: number | null) => r.series.find((s) => s.key === key) as Series;
    expect(by(ids.c1).points.map((p) => p.value)).toEqual([20_000, 10_000, 0]);
    expect(by(ids.c2).points.map((p) => p.value)).toEqual([4_500, 0, 10_000]);
    expect(by(null).points.map((p) => p.value)).toEqual([0, 7_000, 1_000]);
    expect(by(null).other).toBe(false);
    expect(by(ids.c1).label).toBe('An c1');
    // The series add up to the total; S1 has lines in two categories and counts once in the total.
    r.total.points.forEach((p, i) => expect(r.series.reduce((a, s) => a + s.points[i].value, 0)).toBe(p.value));
    expect(r.total.points[0].count).toBe(1);
    for (const s of r.series) for (const p of s.points) expect((await open(p.drill)).total, `${s.label} ${p.bucket}`).toBe(p.count);
  });

  it('M11.a: compared with the previous period and the same period last year: difference and %', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-11-01', to: '2026-11-30', compare: 'previous' });
    expect(r.comparePeriod).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(r.total.points[0].compare).toMatchObject({ value: 24_500, diff: 17_000 - 24_500, pct: Math.round(((17_000 - 24_500) / 24_500) * 10_000) / 10_000 });
    expect((await open(r.total.points[0].compare?.drill as Drill)).total).toBe(1);
    const ly = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2026-11-01', to: '2026-11-30', compare: 'lastYear' });
    expect(ly.comparePeriod).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(ly.total.points[0].compare).toMatchObject({ value: 0, diff: 17_000, pct: null });
  });

  it('M11.a: won amount and margin after approved expenses, by close date', async () => {
    const won = await get<Trend>('/api/v1/analysis/trend', { measure: 'wonAmount', basis: 'closeDate', period: 'custom', from: '2026-09-01', to: '2026-12-31' });
    // O1 won on 10 Sep + 9 days = 19 Sep; O3 won 2 Oct + 36 days = 7 Nov.
    expect(won.total.points.map((p) => p.value)).toEqual([100_000, 0, 30_000, 0]);
    for (const p of won.total.points) expect((await open(p.drill)).total).toBe(p.count);
    const margin = await get<Trend>('/api/v1/analysis/trend', { measure: 'margin', basis: 'closeDate', period: 'custom', from: '2026-09-01', to: '2026-12-31' });
    expect(margin.total.points.map((p) => p.value)).toEqual([90_000, 0, 25_000, 0]);
    expect(margin.total.total.value).toBe(115_000);
  });

  it('M11.b: composition by product category from the lines, with shares, the Pareto/ABC table and a top with Other counted exactly', async () => {
    const r = await get<Composition>('/api/v1/analysis/composition', { by: 'productCategory', period: 'custom', from: '2026-10-01', to: '2026-12-31' });
    // c1: 20,000 + 10,000; c2: 4,500 + 10,000; none: S3 7,000 + P3 1,000 (S4 is cancelled).
    expect(r.total).toMatchObject({ value: 52_500, count: 4 });
    expect(r.pareto.map((p) => [p.key, p.value, p.count, p.abc])).toEqual([[ids.c1, 30_000, 2, 'A'], [ids.c2, 14_500, 2, 'A'], [null, 8_000, 2, 'B']]);
    expect(r.pareto[0].share).toBe(Math.round((30_000 / 52_500) * 10_000) / 10_000);
    for (const p of r.pareto) expect((await open(p.drill)).total).toBe(p.count);
    const top1 = await get<Composition>('/api/v1/analysis/composition', { by: 'productCategory', top: 1, period: 'custom', from: '2026-10-01', to: '2026-12-31' });
    expect(top1.items.map((i) => [i.key, i.other, i.value, i.count])).toEqual([[ids.c1, false, 30_000, 2], [null, true, 22_500, 3]]);
    for (const i of top1.items) expect((await open(i.drill)).total).toBe(i.count);
  });

  it('M11.b: composition by customer group counts a customer in two groups in both; by customer, its name is a label', async () => {
    const r = await get<Composition>('/api/v1/analysis/composition', { by: 'customerGroup', period: 'custom', from: '2026-10-01', to: '2026-12-31' });
    const v = (k: number | null) => r.pareto.find((p) => p.key === k);
    expect(v(ids.G1)).toMatchObject({ value: 24_500 + 10_000 + 11_000, count: 3 });
    expect(v(ids.G2)).toMatchObject({ value: 21_000, count: 2 });
    expect(v(null)).toMatchObject({ value: 7_000, count: 1 });
    for (const p of r.pareto) expect((await open(p.drill)).total).toBe(p.count);
    const c = await get<Composition>('/api/v1/analysis/composition', { by: 'customer', period: 'custom', from: '2026-11-01', to: '2026-11-30', compare: 'previous' });
    // In October, Alpha (not among November's customers) is the rest: Other, 0 now and 24,500 then.
    expect(c.items.map((i) => [i.label, i.value, i.compare?.value])).toEqual([['Beta', 10_000, 0], ['=HYPERLINK("x")', 7_000, 0], [null, 0, 24_500]]);
  });

  /** What the funnel should say, computed here from the histories: first entries, in order or not. */
  function expected(mode: 'strict' | 'reached', order: string[]) {
    return order.map((stage, i) => {
      const counted = Object.entries(histories).filter(([, h]) => {
        const first = (s: string) => h.findIndex(([x]) => x === s);
        if (mode === 'reached') return first(stage) >= 0;
        return order.slice(0, i + 1).every((s, j) => first(s) >= 0 && (j === 0 || first(order[j - 1]) < first(s)));
      }).map(([o]) => o);
      return { stage, count: counted.length, amount: counted.reduce((a, o) => a + amounts[o], 0) };
    });
  }

  /** Median of each stage's stays (a visit lasts until the next change), in seconds. */
  function medians(): Record<string, number> {
    const stays: Record<string, number[]> = {};
    for (const h of Object.values(histories)) {
      for (let i = 0; i + 1 < h.length; i++) (stays[h[i][0]] ??= []).push((Date.parse(h[i + 1][1]) - Date.parse(h[i][1])) / 1000);
    }
    return Object.fromEntries(Object.entries(stays).map(([s, xs]) => {
      const v = [...xs].sort((a, b) => a - b);
      const m = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      return [s, m];
    }));
  }

  it('M11.b: the funnel from the stage history, strict and reached, with conversion, drop-off, median time, amounts and drill-downs', async () => {
    const order = ['initial-contact', 'needs-analysis', 'proposal', 'negotiation', 'won'];
    const m = medians();
    for (const mode of ['strict', 'reached'] as const) {
      const r = await get<Funnel>('/api/v1/analysis/funnel', { mode, period: 'custom', from: '2026-09-01', to: '2026-11-30' });
      const want = expected(mode, order);
      expect(r.stages.map((s) => s.id)).toEqual(order.map((s) => ids[s]));
      expect(r.stages.map((s) => s.entered), mode).toEqual(want.map((w) => w.count));
      expect(r.stages.map((s) => s.amount), mode).toEqual(want.map((w) => w.amount));
      r.stages.forEach((s, i) => {
        const next = want[i + 1]?.count;
        expect(s.toNext).toBe(next === undefined ? null : Math.round((next / want[i].count) * 10_000) / 10_000);
        expect(s.dropOff).toBe(next === undefined ? null : want[i].count - next);
        expect(s.medianSeconds, order[i]).toBe(m[order[i]] === undefined ? null : Math.round(m[order[i]]));
      });
      for (const s of r.stages) {
        const list = await open(s.drill);
        expect(list.total, `${mode} ${s.label}`).toBe(s.entered);
        expect(sumOf(list.items, 'amount')).toBe(s.amount);
      }
    }
    const r = await get<Funnel>('/api/v1/analysis/funnel', { period: 'custom', from: '2026-09-01', to: '2026-11-30' });
    expect(r.summary).toMatchObject({ created: 5, won: 2, lost: 1, open: 2, winRate: Math.round((2 / 3) * 10_000) / 10_000 });
    // Cohorts by created month in Seoul: O1 Sep; O2 (1 Oct 01:00 in Seoul), O3, O4 Oct; O5 Nov.
    expect(r.cohorts.map((c) => [c.month, c.created])).toEqual([['2026-09-01', 1], ['2026-10-01', 3], ['2026-11-01', 1]]);
    for (const c of r.cohorts) for (const [i, d] of c.cells.entries()) expect((await open(d)).total).toBe(c.entered[i]);
    expect(r.lostReasons.map((l) => [l.reason, l.count, l.amount])).toEqual([['Price', 1, 50_000]]);
    expect((await open(r.lostReasons[0].drill)).total).toBe(1);
    // Open: O4 (Jan 2027, first stage 10%) and O5 (Dec 2026, negotiation 75%).
    expect(r.forecast.map((f) => [f.month, f.count, f.amount, f.weighted])).toEqual([['2026-12-01', 1, 40_000, 30_000], ['2027-01-01', 1, 20_000, 2_000]]);
    for (const f of r.forecast) expect((await open(f.drill)).total).toBe(f.count);
  });

  it('M11: an empty period says so', async () => {
    const r = await get<Trend>('/api/v1/analysis/trend', { period: 'custom', from: '2020-01-01', to: '2020-03-31' });
    expect(r.empty).toBe(true);
    expect(r.total.points.every((p) => p.value === 0)).toBe(true);
    expect((await get<Composition & { empty: boolean }>('/api/v1/analysis/composition', { period: 'custom', from: '2020-01-01', to: '2020-03-31' })).empty).toBe(true);
  });

  it('M11: a bad option is a 400 naming its parameter', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['trend', { measure: 'profit' }, 'measure'],
      ['trend', { measure: 'salesAmount', basis: 'closeDate' }, 'basis'],
      ['trend', { measure: 'margin', basis: 'closeDate', series: 'product' }, 'series'],
      ['trend', { period: 'custom', from: '2026-01-01' }, 'to'],
      ['trend', { period: 'custom', from: '2026-02-01', to: '2026-01-01' }, 'to'],
      ['trend', { period: 'lastMonths', months: '120', granularity: 'day' }, 'granularity'],
      ['trend', { owner: '1,x' }, 'owner'],
      ['trend', { bogus: '1' }, 'bogus'],
      ['funnel', { mode: 'loose' }, 'mode'],
      ['composition', { by: 'color' }, 'by'],
      ['composition', { top: '0' }, 'top'],
      ['composition', { format: 'pdf' }, 'format'],
    ];
    for (const [name, params, field] of cases) {
      const res = await call<Problem>(t.app, 'GET', q(`/api/v1/analysis/${name}`, params));
      expect(res.status, `${name} ${JSON.stringify(params)}`).toBe(400);
      expect(res.body.errors?.map((e) => e.field), `${name} ${JSON.stringify(params)}`).toContain(field);
    }
  });

  it('M11: the tables as CSV and XLSX: the same numbers in major units, text that looks like a formula neutralised, in the reader\'s language', async () => {
    const params = { by: 'customer', period: 'custom', from: '2026-10-01', to: '2026-12-31', locale: 'ko' };
    const csv = await call(t.app, 'GET', q('/api/v1/analysis/composition', { ...params, format: 'csv' }));
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-disposition'])).toMatch(/composition-2026-10-01-2026-12-31-.*\.csv/);
    const rows = Papa.parse<string[]>(csv.raw.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
    expect(rows.some((r) => r[0] === '\'=HYPERLINK("x")' && r[1] === '7000')).toBe(true);
    expect(rows.some((r) => r.includes('고객'))).toBe(true);
    const xlsx = await t.app.inject({ method: 'GET', url: q('/api/v1/analysis/composition', { ...params, format: 'xlsx' }) });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const found = sheet.getSheetValues().find((r) => Array.isArray(r) && r[1] === 'Alpha') as unknown[] | undefined;
    expect(found?.[2]).toBe(24_500);
    const funnel = await call(t.app, 'GET', q('/api/v1/analysis/funnel', { period: 'custom', from: '2026-09-01', to: '2026-11-30', format: 'xlsx' }));
    expect(funnel.status).toBe(200);
  });

  it('home dashboard: activities due today and overdue, the open pipeline by stage, this month against last, open service feedback; every number opens its list', async () => {
    const d = await get<{
      activities: { dueToday: { count: number; drill: Drill }; overdue: { count: number; drill: Drill } };
      pipeline: { stages: { id: number; count: number; amount: number; weighted: number; drill: Drill }[]; total: { count: number; amount: number; weighted: number } };
      sales: { thisMonth: { value: number; count: number; drill: Drill }; lastMonth: { value: number; count: number; drill: Drill } };
      service: { open: { count: number; drill: Drill }; byPriority: { count: number; drill: Drill }[] };
    }>('/api/v1/dashboard', { locale: 'ko' });
    expect(d.pipeline.total).toMatchObject({ count: 2, amount: 60_000, weighted: 32_000 });
    expect(d.pipeline.stages.map((s) => s.id)).toEqual([ids['initial-contact'], ids.negotiation]);
    for (const s of d.pipeline.stages) expect((await open(s.drill)).total).toBe(s.count);
    for (const x of [d.activities.dueToday, d.activities.overdue, d.sales.thisMonth, d.sales.lastMonth, d.service.open, ...d.service.byPriority]) {
      expect((await open(x.drill)).total).toBe(x.count);
    }
  });
});
