import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opportunityEntity } from '../src/shared/entities/opportunity.entity.js';
import { createContact, createCustomer, createOpportunity, createProduct, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { expectIntact } from './support/integrity.js';
import { call, type Page, type Problem } from './support/http.js';

interface Line { id: number; position: number; productId: number | null; description: string | null; quantity: number; unitPrice: number; discountPercent: number; amount: number; _labels: { productId: string | null } }
type Opp = Record<string, unknown> & {
  id: number; version: number; stageId: number | null; probability: number | null; amount: number | null; weightedAmount: number | null;
  status: string; closedAt: string | null; saleId: number | null; lines: Line[]; _labels: Record<string, string | null>;
};
type Sale = Record<string, unknown> & { id: number; version: number; number: string; total: number | null; opportunityId: number | null; lines: Line[] };
interface History { id: number; from: number | null; to: number; amount: number | null; changedAt: string; changedBy: number | null; _labels: { from: string | null; to: string; changedBy: string | null } }
interface SumGroups { groups: { value: unknown; label: string | null; count: number; sums?: Record<string, number>; groups?: { value: unknown; count: number; sums?: Record<string, number> }[] }[]; total: number; sums?: Record<string, number> }
type ConvertProblem = Problem & { reason?: string; sale?: Sale };

const errorFields = (body: unknown): string[] => ((body as Problem | null)?.errors ?? []).map((e) => e.field);

describe.each(DATABASES)('opportunities API on $name', (database) => {
  let t: TestApp;
  const stage: Record<string, number> = {};
  beforeAll(async () => {
    t = await startApp(database);
    for (const code of ['initial-contact', 'needs-analysis', 'proposal', 'negotiation', 'won', 'lost']) stage[code] = await dictId(t.app, 'opportunity-stage', code);
  });
  afterAll(async () => { await t?.close(); });

  const get = async (id: number, locale = 'en') => (await call<Opp>(t.app, 'GET', `/api/v1/opportunities/${id}?locale=${locale}`)).body;
  const patch = async (o: { id: number; version: number }, body: Record<string, unknown>) => call<Opp>(t.app, 'PATCH', `/api/v1/opportunities/${o.id}`, { ...body, version: o.version });
  const history = async (id: number, locale = 'en') => (await call<{ items: History[] }>(t.app, 'GET', `/api/v1/opportunities/${id}/stage-history?locale=${locale}`)).body.items;
  const salesOf = async (opportunityId: number) => (await call<Page>(t.app, 'GET', `/api/v1/sales?filter[opportunityId]=${opportunityId}&trash=0&total=exact`)).body;

  it('M8.a: a new opportunity starts at the first stage with its probability, open, and a weighted amount', async () => {
    const c = await createCustomer(t.app, { name: '현대자동차' });
    const res = await call<Opp>(t.app, 'POST', '/api/v1/opportunities?locale=ko', { name: '차량 관리 시스템', customerId: c.id, amount: 1_000_000, expectedCloseDate: '2026-12-31' });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      stageId: stage['initial-contact'], probability: 10, status: 'open', amount: 1_000_000, weightedAmount: 100_000, closedAt: null, saleId: null, lines: [],
      _labels: { customerId: '현대자동차', stageId: '초기 접촉', saleId: null },
    });
    expect(await get(res.body.id, 'ko')).toEqual(res.body);
    // A given stage and probability are kept; the weighted amount rounds half up, in integers.
    const given = await createOpportunity(t.app, c.id, { stageId: stage.proposal, probability: 33.33, amount: 999 });
    expect(given).toMatchObject({ stageId: stage.proposal, probability: 33.33, weightedAmount: 333 });
    const half = await createOpportunity(t.app, c.id, { probability: 50, amount: 3 });
    expect(half).toMatchObject({ stageId: stage['initial-contact'], probability: 50, weightedAmount: 2 });
    expect(await createOpportunity(t.app, c.id)).toMatchObject({ amount: null, weightedAmount: null, probability: 10 });
    // What the server derives cannot be written.
    const ro = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'RO', customerId: c.id, status: 'won', weightedAmount: 5, closedAt: '2026-01-01T00:00:00Z', saleId: 1 });
    expect(ro.status).toBe(400);
    expect(errorFields(ro.body).sort()).toEqual(['closedAt', 'saleId', 'status', 'weightedAmount']);
    const bad = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Bad', customerId: c.id, probability: 120, amount: -5 });
    expect(errorFields(bad.body).sort()).toEqual(['amount', 'probability']);
    const foreignStage = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Bad stage', customerId: c.id, stageId: await dictId(t.app, 'product-unit', 'box') });
    expect(errorFields(foreignStage.body)).toEqual(['stageId']);
    const noCustomer = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'No customer', customerId: 99_999_999 });
    expect(errorFields(noCustomer.body)).toEqual(['customerId']);
  });

  it('M8.a / M8.b: a stage change brings its probability (unless given) and outcome; closedAt is set on won/lost and cleared on reopen; each change is in the stage history', async () => {
    const c = await createCustomer(t.app);
    let o: Opp = (await call<Opp>(t.app, 'POST', '/api/v1/opportunities', { name: 'Stage walk', customerId: c.id, amount: 200_000 })).body;
    const step = async (body: Record<string, unknown>) => {
      const res = await patch(o, body);
      expect(res.status, res.raw).toBe(200);
      o = res.body;
      return o;
    };
    expect(await step({ stageId: stage.proposal })).toMatchObject({ probability: 50, weightedAmount: 100_000, status: 'open', closedAt: null });
    expect(await step({ stageId: stage.negotiation, probability: 60 })).toMatchObject({ probability: 60, weightedAmount: 120_000, status: 'open' });
    expect(await step({ probability: 70 })).toMatchObject({ stageId: stage.negotiation, probability: 70, weightedAmount: 140_000 });
    expect(await step({ amount: 300_000 })).toMatchObject({ probability: 70, weightedAmount: 210_000 });
    expect(await step({ name: 'Stage walk (renamed)' })).toMatchObject({ weightedAmount: 210_000 });
    const won = await step({ stageId: stage.won });
    expect(won).toMatchObject({ status: 'won', probability: 100, weightedAmount: 300_000 });
    expect(Date.parse(String(won.closedAt))).not.toBeNaN();
    const closedAt = won.closedAt;
    expect(await step({ nextStep: 'Kick-off' })).toMatchObject({ status: 'won', closedAt });
    expect(await step({ stageId: stage.proposal })).toMatchObject({ status: 'open', closedAt: null, probability: 50 });
    const lost = await step({ stageId: stage.lost, lostReason: 'Price' });
    expect(lost).toMatchObject({ status: 'lost', probability: 0, weightedAmount: 0, lostReason: 'Price' });
    expect(lost.closedAt).not.toBeNull();
    expect((await call<Page>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&filter[status]=lost`)).body.items.map((i) => i.id)).toEqual([o.id]);

    const items = await history(o.id, 'ko');
    expect(items.map((h) => [h.from, h.to])).toEqual([
      [null, stage['initial-contact']], [stage['initial-contact'], stage.proposal], [stage.proposal, stage.negotiation],
      [stage.negotiation, stage.won], [stage.won, stage.proposal], [stage.proposal, stage.lost],
    ]);
    expect(items[0]).toMatchObject({ amount: 200_000, changedBy: 1, _labels: { from: null, to: '초기 접촉', changedBy: '로컬 사용자' } });
    expect(items[3]).toMatchObject({ amount: 300_000, _labels: { from: '협상', to: '수주' } });
    for (const h of items) expect(Date.parse(h.changedAt)).not.toBeNaN();
    expect((await history(o.id, 'zh-CN'))[5]._labels).toMatchObject({ from: '方案报价', to: '输单' });

    // A refused write adds no history and changes nothing.
    const before = await get(o.id);
    const refused = [
      await patch(o, { stageId: stage.negotiation, probability: 150 }),
      await patch(o, { stageId: stage.negotiation, lines: [{ productId: 99_999_999, quantity: 1 }] }),
      await patch(o, { stageId: 99_999_999 }),
      await patch(o, { stageId: stage.negotiation, name: '' }),
    ];
    for (const r of refused) expect(r.status, r.raw).toBe(400);
    expect(await history(o.id)).toHaveLength(6);
    expect(await get(o.id)).toEqual(before);
    const stale = await call<Problem>(t.app, 'PATCH', `/api/v1/opportunities/${o.id}`, { stageId: stage.won, version: o.version - 1 });
    expect(stale.status).toBe(409);
    expect(await history(o.id)).toHaveLength(6);
    expect((await call(t.app, 'GET', '/api/v1/opportunities/99999999/stage-history')).status).toBe(404);
  });

  it('M8.c: lines are priced on the server from the products; a client amount is ignored while there are lines, typed by hand without', async () => {
    const c = await createCustomer(t.app);
    const book = await createProduct(t.app, { name: '갤럭시 북', model: 'NT950', listPrice: 1_200_000 });
    const mouse = await createProduct(t.app, { name: 'Mouse', listPrice: 50_000 });
    const res = await call<Opp>(t.app, 'POST', '/api/v1/opportunities', {
      name: 'Laptops', customerId: c.id, amount: 1,
      lines: [
        { productId: book.id, quantity: 2, discountPercent: 10, amount: 5 },
        { productId: mouse.id, quantity: 1.5, unitPrice: 40_000, description: 'Wireless mouse' },
        { description: 'Setup fee', quantity: 1, unitPrice: 99_999 },
        { description: 'Rounding', quantity: 0.333, unitPrice: 1000 },
        { description: 'Half up', quantity: 1, unitPrice: 1, discountPercent: 50 },
      ],
    });
    expect(res.status, res.raw).toBe(201);
    const o = res.body;
    expect(o.lines.map((l) => [l.position, l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount])).toEqual([
      [0, book.id, '갤럭시 북 · NT950', 2, 1_200_000, 10, 2_160_000],
      [1, mouse.id, 'Wireless mouse', 1.5, 40_000, 0, 60_000],
      [2, null, 'Setup fee', 1, 99_999, 0, 99_999],
      [3, null, 'Rounding', 0.333, 1000, 0, 333],
      [4, null, 'Half up', 1, 1, 50, 1],
    ]);
    expect(o.lines[0]._labels.productId).toBe('갤럭시 북');
    expect(o.amount).toBe(2_160_000 + 60_000 + 99_999 + 333 + 1);
    expect(o.weightedAmount).toBe(232_033); // 10 % of 2,320,333, half up
    // Lists leave lines out; the record has them.
    const listed = (await call<Page>(t.app, 'GET', `/api/v1/opportunities?filter[id]=${o.id}`)).body.items[0];
    expect(listed.amount).toBe(o.amount);
    expect(listed).not.toHaveProperty('lines');

    // An amount alone while lines exist is ignored.
    const amountOnly = await patch(o, { amount: 5 });
    expect(amountOnly.status).toBe(200);
    expect(amountOnly.body).toMatchObject({ amount: o.amount, weightedAmount: o.weightedAmount });
    expect(amountOnly.body.lines).toEqual(o.lines);
    // Lines sent back as read (ids, amounts, positions) are replaced by what the server computes.
    const echoed = await patch(amountOnly.body, { lines: amountOnly.body.lines.map((l) => ({ id: l.id, position: l.position, productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent, amount: 1 })) });
    expect(echoed.status, echoed.raw).toBe(200);
    expect(echoed.body.amount).toBe(o.amount);
    // One line changed: the total follows, and so does the weighted amount.
    const fewer = await patch(echoed.body, { lines: [{ productId: book.id, quantity: 1 }] });
    expect(fewer.body).toMatchObject({ amount: 1_200_000, weightedAmount: 120_000 });
    expect(fewer.body.lines).toHaveLength(1);
    // No lines: the amount is typed by hand.
    const none = await patch(fewer.body, { lines: [], amount: 500 });
    expect(none.body).toMatchObject({ lines: [], amount: 500, weightedAmount: 50 });
    const manual = await patch(none.body, { amount: 700 });
    expect(manual.body).toMatchObject({ amount: 700, weightedAmount: 70 });
    // A product's later price change does not reprice existing lines.
    const withLine = await patch(manual.body, { lines: [{ productId: mouse.id, quantity: 1 }] });
    await call(t.app, 'PATCH', `/api/v1/products/${mouse.id}`, { listPrice: 99_000, version: mouse.version });
    expect((await get(o.id)).lines[0]).toMatchObject({ unitPrice: 50_000, amount: 50_000 });
    expect(withLine.body.amount).toBe(50_000);
  });

  it('M8.c: lines are replaced as a whole: one bad line is a 400 naming it, and the opportunity, its lines and its version stay as they were', async () => {
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: 'Good', listPrice: 1000 });
    const unpriced = await createProduct(t.app, { name: 'Unpriced', listPrice: null });
    const o = await createOpportunity(t.app, c.id, { lines: [{ productId: p.id, quantity: 1 }, { productId: p.id, quantity: 2 }] });
    const before = await get(o.id);
    const good = { productId: p.id, quantity: 5 };
    const cases: [Record<string, unknown>, string][] = [
      [{ productId: 99_999_999, quantity: 1 }, 'lines.1.productId'],
      [{ productId: p.id, quantity: 0 }, 'lines.1.quantity'],
      [{ productId: p.id, quantity: -1 }, 'lines.1.quantity'],
      [{ productId: p.id, quantity: 1.1234567 }, 'lines.1.quantity'],
      [{ productId: p.id, quantity: 1, discountPercent: 150 }, 'lines.1.discountPercent'],
      [{ productId: p.id, quantity: 1, discountPercent: 12.345 }, 'lines.1.discountPercent'],
      [{ productId: p.id, quantity: 1, unitPrice: 1.5 }, 'lines.1.unitPrice'],
      [{ productId: p.id, quantity: 1, unitPrice: -1 }, 'lines.1.unitPrice'],
      [{ productId: unpriced.id, quantity: 1 }, 'lines.1.unitPrice'],
      [{ quantity: 1, unitPrice: 100 }, 'lines.1.description'],
      [{ productId: p.id }, 'lines.1.quantity'],
      [{ productId: 'one', quantity: 1 }, 'lines.1.productId'],
      [{ productId: p.id, quantity: 1, colour: 'red' }, 'lines.1.colour'],
      [{ description: 'Huge', quantity: 1_000_000, unitPrice: 10_000_000_000_000 }, 'lines.1.amount'],
    ];
    for (const [line, field] of cases) {
      const res = await patch(before, { name: 'Changed too', lines: [good, line] });
      expect(res.status, JSON.stringify(line)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(errorFields(res.body), JSON.stringify(line)).toEqual([field]);
    }
    const overflow = await patch(before, { lines: [{ description: 'A', quantity: 5, unitPrice: 1_000_000_000_000_000 }, { description: 'B', quantity: 5, unitPrice: 1_000_000_000_000_000 }] });
    expect(overflow.status).toBe(400);
    expect(errorFields(overflow.body)).toEqual(['lines']);
    for (const lines of ['x', [1], { productId: p.id }, [good, null]]) {
      const res = await patch(before, { lines });
      expect(res.status, JSON.stringify(lines)).toBe(400);
      expect(errorFields(res.body)[0]).toMatch(/^lines/);
    }
    expect(await get(o.id)).toEqual(before);
    const create = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Bad lines', customerId: c.id, lines: [good, { productId: p.id, quantity: 0 }] });
    expect(errorFields(create.body)).toEqual(['lines.1.quantity']);
    expect((await call<Page>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&total=exact`)).body.total).toBe(1);
  });

  it('M8.c: money sums are exact: 10,000 lines of 0.1 × 10 total exactly 10,000 (a float sum would drift), and group-by sums add them up', async () => {
    const floatSum = Array.from({ length: 10_000 }, () => 0.1).reduce((s, q) => s + q, 0) * 10;
    expect(floatSum).not.toBe(10_000);
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: 'Ten', listPrice: 10 });
    const lines = Array.from({ length: 10_000 }, () => ({ productId: p.id, quantity: 0.1 }));
    const res = await call<Opp>(t.app, 'POST', '/api/v1/opportunities', { name: 'Ten thousand lines', customerId: c.id, lines, probability: 33.3 });
    expect(res.status, res.raw.slice(0, 500)).toBe(201);
    expect(res.body.amount).toBe(10_000);
    expect(res.body.weightedAmount).toBe(3330);
    expect(res.body.lines).toHaveLength(10_000);
    expect(res.body.lines.every((l) => l.amount === 1 && l.unitPrice === 10 && l.quantity === 0.1)).toBe(true);
    expect(res.body.lines.at(-1)?.position).toBe(9_999);
    const tooMany = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Too many', customerId: c.id, lines: [...lines, { productId: p.id, quantity: 0.1 }] });
    expect(tooMany.status).toBe(400);
    expect(errorFields(tooMany.body)).toEqual(['lines']);

    await createOpportunity(t.app, c.id, { amount: 2_500_001 });
    await createOpportunity(t.app, c.id, { lines: [{ description: 'Third', quantity: 3, unitPrice: 333_333 }] });
    const sums = await call<SumGroups>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&groupBy=customerId&sum=amount`);
    expect(sums.status, sums.raw).toBe(200);
    expect(sums.body.groups).toEqual([{ value: c.id, label: expect.stringContaining(''), count: 3, sums: { amount: 10_000 + 2_500_001 + 999_999 } }]);
    expect(sums.body.sums).toEqual({ amount: 3_510_000 });
  });

  it('M8.b: groupBy=stageId&sum=amount,weightedAmount gives sums per stage and in total; sum needs groupBy and a number field', async () => {
    const c = await createCustomer(t.app);
    await createOpportunity(t.app, c.id, { stageId: stage.proposal, amount: 100_000 });
    await createOpportunity(t.app, c.id, { stageId: stage.proposal, amount: 300_000 });
    await createOpportunity(t.app, c.id, { stageId: stage.negotiation, amount: 200_000 });
    await createOpportunity(t.app, c.id);
    const res = await call<SumGroups>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&groupBy=stageId&sum=amount,weightedAmount&locale=ko`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body.groups).toEqual([
      { value: stage['initial-contact'], label: '초기 접촉', count: 1, sums: { amount: 0, weightedAmount: 0 } },
      { value: stage.proposal, label: '제안', count: 2, sums: { amount: 400_000, weightedAmount: 200_000 } },
      { value: stage.negotiation, label: '협상', count: 1, sums: { amount: 200_000, weightedAmount: 150_000 } },
    ]);
    expect(res.body.total).toBe(4);
    expect(res.body.sums).toEqual({ amount: 600_000, weightedAmount: 350_000 });
    const two = await call<SumGroups>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&groupBy=status,stageId&sum=amount`);
    expect(two.body.groups).toEqual([{ value: 'open', label: expect.stringContaining(''), count: 4, sums: { amount: 600_000 }, groups: [
      { value: stage['initial-contact'], label: expect.stringContaining(''), count: 1, sums: { amount: 0 } },
      { value: stage.proposal, label: expect.stringContaining(''), count: 2, sums: { amount: 400_000 } },
      { value: stage.negotiation, label: expect.stringContaining(''), count: 1, sums: { amount: 200_000 } },
    ] }]);
    for (const qs of ['sum=amount', 'groupBy=stageId&sum=name', 'groupBy=stageId&sum=stageId', 'groupBy=stageId&sum=lines', 'groupBy=stageId&sum=nope', 'groupBy=stageId&sum=amount&sum=weightedAmount']) {
      const bad = await call<Problem>(t.app, 'GET', `/api/v1/opportunities?${qs}`);
      expect(bad.status, qs).toBe(400);
      expect(errorFields(bad.body), qs).toEqual(['sum']);
    }
  });

  it('M8.d: exports the list (CSV, XLSX) and one opportunity with its lines and total, numbers as numbers and Korean intact', async () => {
    const c = await createCustomer(t.app, { name: '삼성전자' });
    const p = await createProduct(t.app, { name: '갤럭시 탭', listPrice: 1_234_567 });
    const o = await createOpportunity(t.app, c.id, { name: '태블릿 도입', stageId: stage.proposal, expectedCloseDate: '2027-01-31', lines: [
      { productId: p.id, quantity: 3, discountPercent: 5 },
      { description: '=cmd|calc', quantity: 1, unitPrice: 10_050 },
    ] });
    const amount = 3_518_516 + 10_050; // 3 × 1,234,567 × 0.95 = 3,518,515.95 → 3,518,516
    expect(o.amount).toBe(amount);

    const xlsx = await t.app.inject({ url: `/api/v1/opportunities/export?format=xlsx&filter[customerId]=${c.id}&locale=ko` });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const col = (f: string) => opportunityEntity.exportColumns.indexOf(f) + 1;
    expect(ws.rowCount).toBe(2);
    expect(String(ws.getRow(1).getCell(col('amount')).value)).toMatch(/\(USD\)$/);
    expect(ws.getRow(2).getCell(col('amount')).value).toBe(amount / 100);
    expect(ws.getRow(2).getCell(col('weightedAmount')).value).toBe((o.weightedAmount as number) / 100);
    expect(ws.getRow(2).getCell(col('probability')).value).toBe(50);
    expect(ws.getRow(2).getCell(col('name')).value).toBe('태블릿 도입');
    expect(ws.getRow(2).getCell(col('customerId')).value).toBe('삼성전자');
    expect(ws.getRow(2).getCell(col('stageId')).value).toBe('제안');
    // Dates are dates: a spreadsheet sorts and filters them as days.
    const close = ws.getRow(2).getCell(col('expectedCloseDate')).value;
    expect(close).toBeInstanceOf(Date);
    expect((close as Date).toISOString().slice(0, 10)).toBe('2027-01-31');
    expect(ws.getRow(2).getCell(col('createdAt')).value).toBeInstanceOf(Date);
    const csv = await t.app.inject({ url: `/api/v1/opportunities/export?format=csv&filter[customerId]=${c.id}&columns=name,customerId,amount` });
    const csvRows = csv.body.slice(1).trim().split('\r\n');
    expect(csvRows).toHaveLength(2);
    expect(csvRows[0]).toMatch(/^[^,]+,[^,]+,[^,]+ \(USD\)$/);
    expect(csvRows[1]).toBe(`태블릿 도입,삼성전자,${amount / 100}`);

    const one = await t.app.inject({ url: `/api/v1/opportunities/${o.id}/export?format=xlsx&locale=ko` });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.headers['content-type']).toMatch(/spreadsheetml/);
    expect(String(one.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('opportunity-태블릿-도입.xlsx')}`);
    const wb1 = new ExcelJS.Workbook();
    await wb1.xlsx.load(one.rawPayload as unknown as ArrayBuffer);
    const sheet = wb1.worksheets[0];
    const rows = Array.from({ length: sheet.rowCount }, (_, i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
    const field = (f: string) => rows[opportunityEntity.exportColumns.indexOf(f)];
    expect(field('name')[1]).toBe('태블릿 도입');
    expect(field('customerId')[1]).toBe('삼성전자');
    expect(field('amount')[1]).toBe(amount / 100);
    expect(String(field('amount')[0])).toMatch(/\(USD\)$/);
    const lineRows = rows.filter((r) => typeof r[0] === 'number' && typeof r[3] === 'number');
    expect(lineRows).toEqual([
      [1, '갤럭시 탭', '갤럭시 탭', 3, 12_345.67, 5, 35_185.16],
      [2, undefined, "'=cmd|calc", 1, 100.5, 0, 100.5],
    ]);
    const totalRow = rows.at(-1) ?? [];
    expect(totalRow[6]).toBe(amount / 100);
    expect(typeof totalRow[6]).toBe('number');
    const headerRow = rows[rows.indexOf(lineRows[0]) - 1];
    expect(headerRow.filter((h) => typeof h === 'string' && /\(USD\)$/.test(h))).toHaveLength(2);

    const oneCsv = await t.app.inject({ url: `/api/v1/opportunities/${o.id}/export?format=csv&locale=ko` });
    expect(oneCsv.statusCode).toBe(200);
    expect(oneCsv.headers['content-type']).toMatch(/text\/csv/);
    expect(oneCsv.body.startsWith('\uFEFF')).toBe(true);
    expect(oneCsv.body).toContain('태블릿 도입');
    expect(oneCsv.body).toContain('1,갤럭시 탭,갤럭시 탭,3,12345.67,5,35185.16');
    expect(oneCsv.body).toContain(`2,,'=cmd|calc,1,100.5,0,100.5`);
    expect(oneCsv.body.trim().split('\r\n').at(-1)).toMatch(new RegExp(`,${(amount / 100).toString().replace('.', '\\.')}$`));
    expect((await call(t.app, 'GET', `/api/v1/opportunities/${o.id}/export?format=pdf`)).status).toBe(400);
    expect((await call(t.app, 'GET', `/api/v1/opportunities/${o.id}/export?format=csv&x=1`)).status).toBe(400);
    expect((await call(t.app, 'GET', '/api/v1/opportunities/99999999/export?format=csv')).status).toBe(404);
  });

  it('M8.d: convert to sale: not won is a 409 (not-won) with no sale; won makes one sale with the lines, linked both ways; again is a 409 (converted) with that sale', async () => {
    const c = await createCustomer(t.app);
    const contact = await createContact(t.app, c.id);
    const p = await createProduct(t.app, { name: 'Server', listPrice: 5_000_000 });
    const o = await createOpportunity(t.app, c.id, { contactId: contact.id, stageId: stage.negotiation, lines: [{ productId: p.id, quantity: 2, discountPercent: 5 }, { description: 'Support', quantity: 12, unitPrice: 30_000 }] });
    const notWon = await call<ConvertProblem>(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`);
    expect(notWon.status).toBe(409);
    expect(notWon.headers['content-type']).toMatch(/problem\+json/);
    expect(notWon.body.reason).toBe('not-won');
    expect((await salesOf(o.id)).total).toBe(0);
    expect((await get(o.id)).saleId).toBeNull();

    const won = await patch(o, { stageId: stage.won });
    expect(won.body.status).toBe('won');
    const res = await call<Sale>(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`);
    expect(res.status, res.raw).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/sales/${res.body.id}`);
    expect(res.body).toMatchObject({ customerId: c.id, contactId: contact.id, opportunityId: o.id, total: won.body.amount, ownerId: won.body.ownerId });
    expect(res.body.number).toMatch(/^SO-\d{4}-\d{5}$/);
    expect(res.body.lines.map((l) => [l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount]))
      .toEqual(won.body.lines.map((l) => [l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount]));
    const linked = await get(o.id);
    expect(linked).toMatchObject({ saleId: res.body.id, version: won.body.version + 1, _labels: { saleId: res.body.number } });

    const again = await call<ConvertProblem>(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('converted');
    expect(again.body.sale?.id).toBe(res.body.id);
    expect(again.body.detail).toContain(res.body.number);
    expect((await salesOf(o.id)).total).toBe(1);

    // A converted opportunity stays won (other edits are fine).
    const leave = await patch(linked, { stageId: stage.proposal });
    expect(leave.status).toBe(400);
    expect(errorFields(leave.body)).toEqual(['stageId']);
    expect(await get(o.id)).toEqual(linked);
    expect((await patch(linked, { nextStep: 'Invoice' })).status).toBe(200);

    // A sale in Trash still counts: the answer says where it is.
    await call(t.app, 'DELETE', `/api/v1/sales/${res.body.id}`);
    const trashed = await call<ConvertProblem>(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`);
    expect(trashed.status).toBe(409);
    expect(trashed.body.reason).toBe('converted');
    expect(trashed.body.detail).toMatch(/Trash/);
    expect((await call(t.app, 'POST', '/api/v1/opportunities/99999999/convert')).status).toBe(404);
    expect((await call(t.app, 'POST', '/api/v1/opportunities/abc/convert')).status).toBe(404);
  });

  it('M8.d: concurrent converts of one won opportunity make exactly one sale; lines with a product since moved to Trash convert too; no lines: the amount', async () => {
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: 'Retired', listPrice: 800 });
    const o = await createOpportunity(t.app, c.id, { stageId: stage.won, lines: [{ productId: p.id, quantity: 4 }] });
    await call(t.app, 'DELETE', `/api/v1/products/${p.id}`);
    const results = await Promise.all(Array.from({ length: 6 }, () => call<ConvertProblem>(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`)));
    for (const r of results) expect(r.status, r.raw).toBeLessThan(500);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const sale = results.find((r) => r.status === 201)?.body as unknown as Sale;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ reason: 'converted', sale: { id: sale.id } });
    expect(sale.lines).toMatchObject([{ productId: p.id, quantity: 4, amount: 3200 }]);
    expect((await salesOf(o.id)).total).toBe(1);
    expect((await get(o.id)).saleId).toBe(sale.id);

    const plain = await createOpportunity(t.app, c.id, { stageId: stage.won, amount: 777_777 });
    const converted = await call<Sale>(t.app, 'POST', `/api/v1/opportunities/${plain.id}/convert`);
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ total: 777_777, lines: [], opportunityId: plain.id });
  });

  it('M8.a: the stage cannot be emptied: PATCH stageId null is a 400 naming it, and nothing is written to the history', async () => {
    const customer = await createCustomer(t.app);
    const opp = await createOpportunity(t.app, customer.id);
    const res = await call<Problem>(t.app, 'PATCH', `/api/v1/opportunities/${opp.id}`, { stageId: null, version: opp.version });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'stageId', message: 'is required' }]);
    expect((await call<{ items: unknown[] }>(t.app, 'GET', `/api/v1/opportunities/${opp.id}/stage-history`)).body.items).toHaveLength(1);
  });

  it('M8.a: the contact must be one of the opportunity\'s customer; moving to another customer re-checks it', async () => {
    const [a, b] = [await createCustomer(t.app), await createCustomer(t.app)];
    const contactOfB = await createContact(t.app, b.id);
    const contactOfA = await createContact(t.app, a.id);
    const refused = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Wrong contact', customerId: a.id, contactId: contactOfB.id });
    expect(refused.status).toBe(400);
    expect(errorFields(refused.body)).toEqual(['contactId']);
    expect((await call<Page>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${a.id}&total=exact`)).body.total).toBe(0);
    const o = await createOpportunity(t.app, a.id, { contactId: contactOfA.id });
    const move = await patch(o, { customerId: b.id });
    expect(move.status).toBe(400);
    expect(errorFields(move.body)).toEqual(['contactId']);
    const swap = await patch(o, { contactId: contactOfB.id });
    expect(errorFields(swap.body)).toEqual(['contactId']);
    const both = await patch(o, { customerId: b.id, contactId: contactOfB.id });
    expect(both.status, both.raw).toBe(200);
    expect(both.body).toMatchObject({ customerId: b.id, contactId: contactOfB.id });
  });

  it('M8.c: hostile bodies and lines to create, patch and convert: never a 5xx; a 4xx writes nothing (record, lines, history)', async () => {
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: 'Hostile item', listPrice: 1999 });
    const gone = await createProduct(t.app, { name: 'Gone item', listPrice: 5 });
    await call(t.app, 'DELETE', `/api/v1/products/${gone.id}`);
    const o = await createOpportunity(t.app, c.id, { lines: [{ productId: p.id, quantity: 1 }] });
    const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 0.1, 1e-7, 1.0000001, 99.999, 100.001, 1e15, 1e16, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, -1));
    const anyValue = fc.oneof(num, fc.string({ maxLength: 20 }), fc.boolean(), fc.constant(null), fc.constantFrom('\u0000', '1', '=1+1', p.id, gone.id, 99_999_999));
    const line = fc.oneof(
      fc.record({ productId: fc.oneof(fc.constantFrom(p.id, gone.id, 99_999_999, null), anyValue), quantity: fc.oneof(num, anyValue), unitPrice: fc.oneof(num, anyValue), discountPercent: fc.oneof(num, anyValue), description: fc.oneof(fc.string({ maxLength: 600 }), anyValue), amount: anyValue, id: anyValue }, { requiredKeys: [] }),
      anyValue,
    );
    const keys = ['name', 'customerId', 'contactId', 'stageId', 'probability', 'amount', 'weightedAmount', 'status', 'closedAt', 'saleId', 'expectedCloseDate', '__proto__'];
    const body = fc.record({
      fields: fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), anyValue, { maxKeys: 4 }),
      lines: fc.oneof(fc.constant(undefined), fc.array(line, { maxLength: 4 }), anyValue),
    });
    const snapshot = async () => ({ record: await get(o.id), history: await history(o.id), n: (await call<Page>(t.app, 'GET', `/api/v1/opportunities?filter[customerId]=${c.id}&total=exact`)).body.total });
    await fc.assert(fc.asyncProperty(body, fc.constantFrom('POST', 'PATCH', 'CONVERT'), async ({ fields, lines }, how) => {
      const before = await snapshot();
      const payload: Record<string, unknown> = { ...fields, ...(lines === undefined ? {} : { lines }) };
      const res = how === 'POST' ? await call(t.app, 'POST', '/api/v1/opportunities', { name: 'Hostile', customerId: c.id, ...payload })
        : how === 'PATCH' ? await call(t.app, 'PATCH', `/api/v1/opportunities/${o.id}`, { ...payload, version: before.record.version })
          : await call(t.app, 'POST', `/api/v1/opportunities/${o.id}/convert`, payload);
      expect(res.status, res.raw.slice(0, 300)).toBeLessThan(500);
      if (res.status >= 400) {
        expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
        expect(await snapshot()).toEqual(before);
      } else if (how !== 'CONVERT') {
        // Whatever was accepted is priced by the server: the amount is the sum of the lines.
        const saved = how === 'POST' ? (res.body as Opp) : await get(o.id);
        if (saved.lines.length) expect(saved.amount).toBe(saved.lines.reduce((sum, l) => sum + l.amount, 0));
      }
    }), { numRuns: 100 });
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ['opportunities']);
  });
});
