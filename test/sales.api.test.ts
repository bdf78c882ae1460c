import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, createOpportunity, createProduct, createSale, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { expectIntact } from './support/integrity.js';
import { call, type Page, type Problem } from './support/http.js';

interface Line { productId: number | null; description: string | null; quantity: number; unitPrice: number; discountPercent: number; amount: number }
type Sale = Record<string, unknown> & { id: number; version: number; number: string; total: number | null; opportunityId: number | null; lines: Line[]; _labels: Record<string, string | null> };
interface Settings { timeZone: string | null; locale: string; currency: { code: string; digits: number; chosen: boolean }; company: Record<string, string | null> }

const year = new Date().getUTCFullYear();
const today = () => new Date().toISOString().slice(0, 10);

describe.each(DATABASES)('sales API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const get = async (id: number, locale = 'en') => (await call<Sale>(t.app, 'GET', `/api/v1/sales/${id}?locale=${locale}`)).body;
  const opp = async (id: number) => (await call<Record<string, unknown> & { version: number; saleId: number | null }>(t.app, 'GET', `/api/v1/opportunities/${id}`)).body;
  const count = async () => (await call<Page>(t.app, 'GET', '/api/v1/sales?total=exact')).body.total;
  const settings = (body: Record<string, unknown>) => call<Settings & Problem>(t.app, 'PATCH', '/api/v1/settings', body);

  it(`M8.e: sales are numbered SO-${year}-00001, then 00002; a given number is kept, a used one is a 400 naming number`, async () => {
    const c = await createCustomer(t.app);
    expect((await call<{ code: string }>(t.app, 'GET', '/api/v1/sales/next-code')).body.code).toBe(`SO-${year}-00001`);
    const first = await call<Sale>(t.app, 'POST', '/api/v1/sales', { customerId: c.id });
    expect(first.status, first.raw).toBe(201);
    expect(first.headers.location).toBe(`/api/v1/sales/${first.body.id}`);
    expect(first.body.number).toBe(`SO-${year}-00001`);
    expect((await createSale(t.app, c.id)).number).toBe(`SO-${year}-00002`);

    const given = await createSale(t.app, c.id, { number: '  INV-2026/042  ' });
    expect(given.number).toBe('INV-2026/042');
    expect((await createSale(t.app, c.id)).number).toBe(`SO-${year}-00003`);
    const before = await count();
    const dup = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, number: 'INV-2026/042' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ field: 'number', message: 'is already used by another record' }]);
    const dupAuto = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, number: `SO-${year}-00001` });
    expect(dupAuto.body.errors?.map((e) => e.field)).toEqual(['number']);
    const patchDup = await call<Problem>(t.app, 'PATCH', `/api/v1/sales/${first.body.id}`, { number: 'INV-2026/042', version: first.body.version });
    expect(patchDup.status).toBe(400);
    expect(patchDup.body.errors?.map((e) => e.field)).toEqual(['number']);
    expect(await count()).toBe(before);
    expect((await get(first.body.id)).number).toBe(`SO-${year}-00001`);

    // A number typed in the series moves it on; a number in Trash is free again.
    await createSale(t.app, c.id, { number: `SO-${year}-00010` });
    expect((await createSale(t.app, c.id)).number).toBe(`SO-${year}-00011`);
    await call(t.app, 'DELETE', `/api/v1/sales/${given.id}`);
    expect((await createSale(t.app, c.id, { number: 'INV-2026/042' })).number).toBe('INV-2026/042');
    // Restoring the old one beside it would make two: a 400 naming number, not a 500.
    const restore = await call<Problem>(t.app, 'POST', `/api/v1/sales/${given.id}/restore`);
    expect(restore.status).toBe(400);
    expect(restore.body.errors?.map((e) => e.field)).toEqual(['number']);
  });

  it('M8.e: ten sales created at once get ten distinct numbers in the series', async () => {
    const c = await createCustomer(t.app);
    const results = await Promise.all(Array.from({ length: 10 }, () => call<Sale>(t.app, 'POST', '/api/v1/sales', { customerId: c.id })));
    for (const r of results) expect(r.status, r.raw).toBe(201);
    const numbers = results.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(10);
    for (const n of numbers) expect(n).toMatch(new RegExp(`^SO-${year}-\\d{5}$`));
    const sorted = [...numbers].sort();
    const seq = sorted.map((n) => Number(n.slice(-5)));
    expect(seq.at(-1)! - seq[0]).toBe(9);
  });

  it('M8.e: the order date defaults to today and the status to the first active one (confirmed)', async () => {
    const c = await createCustomer(t.app);
    const confirmed = await dictId(t.app, 'sale-status', 'confirmed');
    const s = await call<Sale>(t.app, 'POST', '/api/v1/sales?locale=ko', { customerId: c.id });
    expect(s.body).toMatchObject({ orderDate: today(), statusId: confirmed, _labels: { statusId: '확정' }, total: null, lines: [], opportunityId: null });
    const shipped = await dictId(t.app, 'sale-status', 'shipped');
    const given = await createSale(t.app, c.id, { orderDate: '2026-01-15', statusId: shipped, paymentTermsId: await dictId(t.app, 'payment-terms', 'net-30') });
    expect(given).toMatchObject({ orderDate: '2026-01-15', statusId: shipped, _labels: { paymentTermsId: 'Net 30 days' } });
    // A deactivated first status is no longer the default.
    const value = (await call<{ version: number }>(t.app, 'GET', `/api/v1/dictionaries/sale-status/values/${confirmed}`)).body;
    const off = await call<{ version: number }>(t.app, 'PATCH', `/api/v1/dictionaries/sale-status/values/${confirmed}`, { active: false, version: value.version });
    try {
      expect((await createSale(t.app, c.id)).statusId).toBe(shipped);
    } finally {
      await call(t.app, 'PATCH', `/api/v1/dictionaries/sale-status/values/${confirmed}`, { active: true, version: off.body.version });
    }
    const bad = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, orderDate: '2026-02-30', statusId: await dictId(t.app, 'payment-terms', 'net-30') });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['orderDate']);
    const badStatus = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, statusId: await dictId(t.app, 'payment-terms', 'net-30') });
    expect(badStatus.body.errors?.map((e) => e.field)).toEqual(['statusId']);
    expect((await call<Problem>(t.app, 'POST', '/api/v1/sales', {})).body.errors?.map((e) => e.field)).toEqual(['customerId']);
  });

  it('M8.f: settings: the currency may change decimals only while no amount is stored (then 409, nothing changed); company settings round trip', async () => {
    // Sales exist by now, but none has an amount yet.
    expect((await settings({ currency: 'JPY' })).body.currency).toEqual({ code: 'JPY', digits: 0, chosen: true, amountsStored: false });
    expect((await settings({ currency: 'USD' })).body.currency).toEqual({ code: 'USD', digits: 2, chosen: true, amountsStored: false });
    const c = await createCustomer(t.app);
    await createSale(t.app, c.id, { total: 12_345 });
    const refused = await settings({ currency: 'JPY' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.errors?.map((e) => e.field)).toEqual(['currency']);
    expect(refused.body.detail).toMatch(/USD/);
    // One transaction: the time zone given with it is not saved either.
    expect((await settings({ currency: 'KRW', timeZone: 'Asia/Seoul' })).status).toBe(409);
    const now = (await call<Settings>(t.app, 'GET', '/api/v1/settings')).body;
    expect(now.currency).toEqual({ code: 'USD', digits: 2, chosen: true, amountsStored: true });
    expect(now.timeZone).toBeNull();
    // The same decimals are fine.
    expect((await settings({ currency: 'EUR' })).body.currency.code).toBe('EUR');
    expect((await settings({ currency: 'USD' })).body.currency.code).toBe('USD');
    for (const currency of ['XYZ', 'usd', 'DOLLARS', 5, null]) {
      const bad = await settings({ currency });
      expect(bad.status, String(currency)).toBe(400);
      expect(new Set(bad.body.errors?.map((e) => e.field)), String(currency)).toEqual(new Set(['currency']));
    }

    const company = { name: '주식회사 라포르', address: '서울특별시 강남구 테헤란로 1', phone: '02-555-0100', email: 'sales@rapport.example', registrationNumber: '123-45-67890' };
    const saved = await settings({ company });
    expect(saved.status, saved.raw).toBe(200);
    expect(saved.body.company).toEqual(company);
    expect((await call<Settings>(t.app, 'GET', '/api/v1/settings')).body.company).toEqual(company);
    const partial = await settings({ company: { phone: null, address: '' } });
    expect(partial.body.company).toEqual({ ...company, phone: null, address: null });
    const badCompany = await settings({ company: { fax: '02-555-0101', name: 'x'.repeat(201) } });
    expect(badCompany.status).toBe(400);
    expect(badCompany.body.errors?.map((e) => e.field).sort()).toEqual(['company.fax', 'company.name']);
    expect((await call<Settings>(t.app, 'GET', '/api/v1/settings')).body.company).toEqual({ ...company, phone: null, address: null });
  });

  it('M8.f: the total is the sum of the lines (a client total is ignored); without lines it is typed by hand', async () => {
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: '프린터', listPrice: 250_000 });
    const s = await createSale(t.app, c.id, { total: 1, lines: [{ productId: p.id, quantity: 3, discountPercent: 10 }, { description: '배송비', quantity: 1, unitPrice: 5_000 }] });
    expect(s.total).toBe(675_000 + 5_000);
    expect((s.lines as Line[]).map((l) => [l.description, l.unitPrice, l.amount])).toEqual([['프린터', 250_000, 675_000], ['배송비', 5_000, 5_000]]);
    const ignored = await call<Sale>(t.app, 'PATCH', `/api/v1/sales/${s.id}`, { total: 99, version: s.version });
    expect(ignored.body.total).toBe(680_000);
    const relined = await call<Sale>(t.app, 'PATCH', `/api/v1/sales/${s.id}`, { lines: [{ productId: p.id, quantity: 1 }], version: ignored.body.version });
    expect(relined.body.total).toBe(250_000);
    const manual = await createSale(t.app, c.id, { total: 42_000 });
    expect(manual).toMatchObject({ total: 42_000, lines: [] });
    const changed = await call<Sale>(t.app, 'PATCH', `/api/v1/sales/${manual.id}`, { total: 43_000, version: manual.version });
    expect(changed.body.total).toBe(43_000);
    const bad = await call<Problem>(t.app, 'PATCH', `/api/v1/sales/${manual.id}`, { lines: [{ productId: p.id, quantity: 1 }, { productId: p.id, quantity: 0 }], version: changed.body.version });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['lines.1.quantity']);
    expect(await get(manual.id)).toEqual(changed.body);
    expect((await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: c.id, total: -1 })).body.errors?.map((e) => e.field)).toEqual(['total']);
  });

  it('M8.g: a sale\'s opportunity must be of its customer; linking sets the opportunity\'s saleId, relinking and unlinking move it', async () => {
    const [a, b] = [await createCustomer(t.app), await createCustomer(t.app)];
    const oa = await createOpportunity(t.app, a.id, { amount: 10_000 });
    const ob = await createOpportunity(t.app, b.id);
    const before = await count();
    const foreign = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: a.id, opportunityId: ob.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors?.map((e) => e.field)).toEqual(['opportunityId']);
    expect(await count()).toBe(before);
    expect((await opp(ob.id)).saleId).toBeNull();
    const missing = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: a.id, opportunityId: 99_999_999 });
    expect(missing.body.errors?.map((e) => e.field)).toEqual(['opportunityId']);

    const s = await createSale(t.app, a.id, { opportunityId: oa.id });
    expect(s).toMatchObject({ opportunityId: oa.id, _labels: { opportunityId: oa.name } });
    expect(await opp(oa.id)).toMatchObject({ saleId: s.id, version: oa.version + 1 });
    // One live sale per opportunity.
    const second = await call<Problem>(t.app, 'POST', '/api/v1/sales', { customerId: a.id, opportunityId: oa.id });
    expect(second.status, second.raw).toBe(400);
    expect(second.body.errors?.map((e) => e.field)).toEqual(['opportunityId']);

    const oa2 = await createOpportunity(t.app, a.id);
    const moved = await call<Sale>(t.app, 'PATCH', `/api/v1/sales/${s.id}`, { opportunityId: oa2.id, version: s.version });
    expect(moved.status, moved.raw).toBe(200);
    expect((await opp(oa.id)).saleId).toBeNull();
    expect((await opp(oa2.id)).saleId).toBe(s.id);
    const toB = await call<Problem>(t.app, 'PATCH', `/api/v1/sales/${s.id}`, { customerId: b.id, version: moved.body.version });
    expect(toB.status).toBe(400);
    expect(toB.body.errors?.map((e) => e.field)).toEqual(['opportunityId']);
    const unlinked = await call<Sale>(t.app, 'PATCH', `/api/v1/sales/${s.id}`, { opportunityId: null, version: moved.body.version });
    expect(unlinked.body.opportunityId).toBeNull();
    expect((await opp(oa2.id)).saleId).toBeNull();
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ['sales']);
  });
});
