import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createOpportunity, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Problem } from './support/http.js';
import { snapshot } from './support/snapshot.js';

type Expense = Record<string, unknown> & { id: number; version: number; status: string; amount: number | null; unitPrice: number | null; approvedBy: number | null };
interface Change { from: string | null; to: string; changedBy: number; rejectionReason: string | null; _labels: { from: string | null; to: string } }

/** Lab manual M10: expenses, their pricing, the approval state machine, sums and the opportunity's margin (issue 11). */
describe.each(DATABASES)('expenses API on $name', (database) => {
  let t: TestApp;
  let travel: number;
  let taxi: number;
  let mileage: number;
  let meals: number;
  beforeAll(async () => {
    t = await startApp(database);
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { currency: 'KRW' })).status).toBe(200);
    [travel, taxi, mileage, meals] = await Promise.all([dictId(t.app, 'expense-category', 'travel'), dictId(t.app, 'expense-category', 'taxi'),
      dictId(t.app, 'expense-category', 'mileage'), dictId(t.app, 'expense-category', 'meals')]);
  });
  afterAll(async () => { await t?.close(); });

  const create = (body: Record<string, unknown>) => call<Expense & Problem>(t.app, 'POST', '/api/v1/expenses', { description: '택시비', categoryId: travel, subcategoryId: taxi, amount: 15_000, ...body });
  const act = (e: { id: number }, action: string, body: Record<string, unknown> = {}) => call<Expense & Problem>(t.app, 'POST', `/api/v1/expenses/${e.id}/${action}`, body);
  const history = async (id: number) => (await call<{ items: Change[] }>(t.app, 'GET', `/api/v1/expenses/${id}/status-history?locale=ko`)).body.items;

  it('M10: a new expense is a draft dated today; a category priced per unit prices it exactly (quantity × unit price), else the amount is required', async () => {
    const e = await create({});
    expect(e.status, e.raw).toBe(201);
    expect(e.body).toMatchObject({ status: 'draft', amount: 15_000, unitPrice: null, paidBy: 'employee' });
    expect(e.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const noAmount = await create({ amount: null });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.errors?.map((x) => x.field)).toEqual(['amount']);
    // Car mileage at ₩310 per km: 123.4 km → ₩38,254 (exact, half up), whatever amount is sent.
    const m = (await call<{ version: number }>(t.app, 'GET', `/api/v1/dictionaries/expense-category/values/${mileage}`)).body;
    expect((await call(t.app, 'PATCH', `/api/v1/dictionaries/expense-category/values/${mileage}`, { version: m.version, attributes: { unitPrice: 310 } })).status).toBe(200);
    const km = await create({ subcategoryId: mileage, quantity: 123.4, amount: 1, description: '고객 방문 주행' });
    expect(km.body).toMatchObject({ unitPrice: 310, amount: 38_254 });
    const noQuantity = await create({ subcategoryId: mileage, quantity: null });
    expect(noQuantity.body.errors?.map((x) => x.field)).toEqual(['quantity']);
    const changed = await call<Expense>(t.app, 'PATCH', `/api/v1/expenses/${km.body.id}`, { version: km.body.version, quantity: 10 });
    expect(changed.body).toMatchObject({ unitPrice: 310, amount: 3_100 });
  });

  it('M10: submit → approve → reimburse, each with who and when; reject needs a reason; a move the machine refuses is a 409 naming the status and changes nothing', async () => {
    const e = (await create({ description: '고객 식사', categoryId: meals, subcategoryId: null, amount: 84_000 })).body;
    const submitted = await act(e, 'submit');
    expect(submitted.status, submitted.raw).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // A submitted expense is not edited: 409 naming status, nothing written.
    const before = await snapshot(t.app.database);
    const edit = await call<Problem>(t.app, 'PATCH', `/api/v1/expenses/${e.id}`, { version: submitted.body.version, amount: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.errors?.map((x) => x.field)).toEqual(['status']);
    for (const action of ['submit', 'reimburse']) {
      const refused = await act(e, action);
      expect(refused.status, action).toBe(409);
      expect(refused.body.errors).toEqual([{ field: 'status', message: 'is submitted' }]);
      expect(refused.body.current?.status).toBe('submitted');
    }
    const noReason = await act(e, 'reject', { reason: '   ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors?.map((x) => x.field)).toEqual(['reason']);
    const stale = await act(e, 'approve', { version: e.version });
    expect(stale.status).toBe(409);
    expect(await snapshot(t.app.database)).toBe(before);

    const rejected = await act(e, 'reject', { reason: '영수증 누락' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: '영수증 누락' });
    const reset = await act(e, 'reset');
    expect(reset.body.status).toBe('draft');
    const fixed = await call<Expense>(t.app, 'PATCH', `/api/v1/expenses/${e.id}`, { version: reset.body.version, amount: 82_000 });
    expect(fixed.status, fixed.raw).toBe(200);
    await act(e, 'submit');
    const approved = await act(e, 'approve', { version: (await call<Expense>(t.app, 'GET', `/api/v1/expenses/${e.id}`)).body.version });
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 1 });
    expect(Date.now() - Date.parse(String(approved.body.approvedAt))).toBeLessThan(60_000);
    const reimbursed = await act(e, 'reimburse');
    expect(reimbursed.body.status).toBe('reimbursed');
    expect((await act(e, 'reset')).status).toBe(409);
    const steps = await history(e.id);
    expect(steps.map((h) => [h.from, h.to, h.rejectionReason])).toEqual([
      [null, 'draft', null], ['draft', 'submitted', null], ['submitted', 'rejected', '영수증 누락'], ['rejected', 'draft', '영수증 누락'],
      ['draft', 'submitted', null], ['submitted', 'approved', null], ['approved', 'reimbursed', null],
    ]);
    expect(steps[2]._labels).toMatchObject({ from: '제출됨', to: '반려됨' });
    expect(steps.every((h) => h.changedBy === 1)).toBe(true);
    // Paid by the company: nothing to reimburse.
    const company = (await create({ paidBy: 'company' })).body;
    await act(company, 'submit');
    await act(company, 'approve');
    const r = await act(company, 'reimburse');
    expect(r.status).toBe(409);
    expect(r.body.errors?.map((x) => x.field)).toEqual(['paidBy']);
  });

  it('M10: the opportunity\'s margin is its amount less its approved and reimbursed expenses, exactly; totals group by category with sums', async () => {
    const c = await createCustomer(t.app, { name: 'Margin Co' });
    const o = await createOpportunity(t.app, c.id, { amount: 1_000_000 });
    // 30 approved expenses of ₩333 (one of them reimbursed), a draft and a rejected one beside them.
    const approve = async (e: { id: number }) => { await act(e, 'submit'); await act(e, 'approve'); };
    const made: Expense[] = [];
    for (let i = 0; i < 30; i++) made.push((await create({ customerId: c.id, opportunityId: o.id, amount: 333 })).body);
    for (const e of made) await approve(e);
    const draft = (await create({ customerId: c.id, opportunityId: o.id, amount: 50_000 })).body;
    const rejected = (await create({ customerId: c.id, opportunityId: o.id, amount: 70_000 })).body;
    await act(rejected, 'submit');
    await act(rejected, 'reject', { reason: '중복' });
    await act(made[0], 'reimburse');
    const opp = (await call<Record<string, unknown>>(t.app, 'GET', `/api/v1/opportunities/${o.id}`)).body;
    expect(opp).toMatchObject({ approvedExpenses: 9_990, margin: 990_010 });
    // The wrong customer's opportunity is refused.
    const other = await createCustomer(t.app);
    const wrong = await create({ customerId: other.id, opportunityId: o.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors?.map((x) => x.field)).toEqual(['opportunityId']);
    // Choosing the opportunity alone fills its customer.
    const filled = await create({ opportunityId: o.id, amount: 1 });
    expect(filled.body.customerId).toBe(c.id);

    const groups = await call<Groups & { sums: Record<string, number> }>(t.app, 'GET', `/api/v1/expenses?filter[customerId]=${c.id}&groupBy=status&sum=amount`);
    expect(groups.status, groups.raw).toBe(200);
    const byStatus = Object.fromEntries(groups.body.groups.map((g) => [g.value, (g as unknown as { sums: { amount: number } }).sums.amount]));
    expect(byStatus).toEqual({ approved: 29 * 333, reimbursed: 333, draft: 50_000 + 1, rejected: 70_000 });
    expect(groups.body.sums.amount).toBe(9_990 + 50_001 + 70_000);
    expect(draft.status).toBe('draft');
  });

  it('M10: export to CSV and XLSX with money in major units (KRW has none) and Korean intact', async () => {
    const e = (await create({ description: '=HYPERLINK("x") 출장 택시', amount: 12_345 })).body;
    const csv = await t.app.inject({ url: `/api/v1/expenses/export?format=csv&filter[id]=${e.id}&locale=ko` });
    const rows = Papa.parse<string[]>(csv.body.replace(/^\uFEFF/, ''), { delimiter: ',' }).data;
    expect(rows[0]).toContain('금액 (KRW)');
    expect(rows[1][rows[0].indexOf('금액 (KRW)')]).toBe('12345');
    expect(rows[1][rows[0].indexOf('내용')]).toBe('\'=HYPERLINK("x") 출장 택시');
    expect(rows[1][rows[0].indexOf('상태')]).toBe('작성 중');
    const xlsx = await t.app.inject({ url: `/api/v1/expenses/export?format=xlsx&filter[id]=${e.id}` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const header = (wb.worksheets[0].getRow(1).values as unknown[]).map(String);
    expect(wb.worksheets[0].getRow(2).getCell(header.indexOf('Amount (KRW)')).value).toBe(12_345);
  });
});
