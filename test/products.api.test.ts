import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productEntity } from '../src/shared/entities/product.entity.js';
import { createCustomer, createOpportunity, createProduct, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { expectIntact } from './support/integrity.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';

type Product = Record<string, unknown> & { id: number; version: number; code: string; _labels: Record<string, string | null> };
interface Line { productId: number | null; description: string | null; quantity: number; unitPrice: number; amount: number; _labels: { productId: string | null } }

/** The export's sheet read back, with a cell lookup by field name (columns follow the entity's exportColumns). */
async function readXlsx(payload: Buffer): Promise<{ ws: ExcelJS.Worksheet; header: unknown[]; cell: (row: number, field: string) => ExcelJS.Cell }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1);
  return { ws, header, cell: (row, field) => ws.getRow(row).getCell(productEntity.exportColumns.indexOf(field) + 1) };
}

describe.each(DATABASES)('products API on $name', (database) => {
  let t: TestApp;
  let hardware: number;
  let computers: number;
  let monitors: number;
  let software: number;
  let licences: number;
  beforeAll(async () => {
    t = await startApp(database);
    [hardware, computers, monitors, software, licences] = await Promise.all(['hardware', 'computers', 'monitors', 'software', 'licences'].map((c) => dictId(t.app, 'product-category', c)));
  });
  afterAll(async () => { await t?.close(); });

  const get = async (id: number, locale = 'en') => (await call<Product>(t.app, 'GET', `/api/v1/products/${id}?locale=${locale}`)).body;
  const total = async () => (await call<Page>(t.app, 'GET', '/api/v1/products?total=exact')).body.total;

  it('M7.a: a new product gets the next code P-000001, its prices in minor units and a derived margin', async () => {
    expect((await call<{ code: string }>(t.app, 'GET', '/api/v1/products/next-code')).body.code).toBe('P-000001');
    const each = await dictId(t.app, 'product-unit', 'each');
    const res = await call<Product>(t.app, 'POST', '/api/v1/products?locale=ko', {
      name: '  ThinkPad X1 Carbon  ', categoryId: hardware, subcategoryId: computers, model: 'Gen 12', unitId: each, listPrice: 150_000, costPrice: 100_000, taxRate: 10,
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/products/${res.body.id}`);
    expect(res.body).toMatchObject({
      name: 'ThinkPad X1 Carbon', code: 'P-000001', listPrice: 150_000, costPrice: 100_000, margin: 50_000, marginPercent: 33.3, taxRate: 10, status: 'on-sale',
      version: 1, ownerId: 1, deletedAt: null, _labels: { categoryId: '하드웨어', subcategoryId: '컴퓨터', unitId: '개', ownerId: '로컬 사용자' },
    });
    expect(await get(res.body.id, 'ko')).toEqual(res.body);
    expect((await createProduct(t.app)).code).toBe('P-000002');
    expect((await call<{ code: string }>(t.app, 'GET', '/api/v1/products/next-code')).body.code).toBe('P-000003');

    // No cost price: no margin. A free product: a margin, no percentage.
    expect(await createProduct(t.app, { listPrice: 5000 })).toMatchObject({ margin: null, marginPercent: null });
    expect(await createProduct(t.app, { listPrice: 0, costPrice: 300 })).toMatchObject({ margin: -300, marginPercent: null });
    const p = await createProduct(t.app, { listPrice: 3, costPrice: 1 });
    expect(p).toMatchObject({ margin: 2, marginPercent: 66.7 });
    const patched = await call<Product>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { costPrice: 2, version: p.version });
    expect(patched.body).toMatchObject({ margin: 1, marginPercent: 33.3 });

    // A code given is kept; a used one is refused; money is whole minor units, never negative; the margin is not writable.
    const given = await createProduct(t.app, { code: 'SVC-INSTALL' });
    expect(given.code).toBe('SVC-INSTALL');
    const before = await total();
    const dup = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Dup', code: 'SVC-INSTALL' });
    expect(dup.status).toBe(400);
    expect(dup.body.errors).toEqual([{ field: 'code', message: 'is already used by another record' }]);
    const bad = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Bad', listPrice: 19.99, costPrice: -1, margin: 5, taxRate: 101, status: 'sold-out' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['costPrice', 'listPrice', 'margin', 'status', 'taxRate']);
    expect((await call<Problem>(t.app, 'POST', '/api/v1/products', { listPrice: 1 })).body.errors?.map((e) => e.field)).toEqual(['name']);
    expect(await total()).toBe(before);
  });

  it('M7.b: the subcategory must belong to the category; alone it fills the category; a subcategory is no category', async () => {
    const before = await total();
    const mismatch = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Mismatch', categoryId: hardware, subcategoryId: licences });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors?.map((e) => e.field)).toEqual(['subcategoryId']);
    const asCategory = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Sub as category', categoryId: monitors });
    expect(asCategory.status).toBe(400);
    expect(asCategory.body.errors?.map((e) => e.field)).toEqual(['categoryId']);
    const topAsSub = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Category as sub', subcategoryId: software });
    expect(topAsSub.status).toBe(400);
    expect(topAsSub.body.errors?.map((e) => e.field)).toEqual(['subcategoryId']);
    const foreign = await call<Problem>(t.app, 'POST', '/api/v1/products', { name: 'Unit as sub', categoryId: hardware, subcategoryId: await dictId(t.app, 'product-unit', 'box') });
    expect(foreign.body.errors?.map((e) => e.field)).toEqual(['subcategoryId']);
    expect(await total()).toBe(before);

    const alone = await call<Product>(t.app, 'POST', '/api/v1/products?locale=zh-CN', { name: 'Dell U2723QE', subcategoryId: monitors });
    expect(alone.status, alone.raw).toBe(201);
    expect(alone.body).toMatchObject({ categoryId: hardware, subcategoryId: monitors, _labels: { categoryId: '硬件', subcategoryId: '显示器' } });

    // Same category again: the subcategory stays. Another category without a subcategory: it is cleared.
    const same = await call<Product>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { categoryId: hardware, version: alone.body.version });
    expect(same.body).toMatchObject({ categoryId: hardware, subcategoryId: monitors });
    const moved = await call<Product>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { categoryId: software, version: same.body.version });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body).toMatchObject({ categoryId: software, subcategoryId: null, _labels: { subcategoryId: null } });
    // A subcategory of another category, alone: refused, nothing changed.
    const wrongSub = await call<Problem>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { subcategoryId: monitors, version: moved.body.version });
    expect(wrongSub.status).toBe(400);
    expect(wrongSub.body.errors?.map((e) => e.field)).toEqual(['subcategoryId']);
    expect(await get(alone.body.id)).toEqual(moved.body);
    const both = await call<Product>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { categoryId: hardware, subcategoryId: monitors, version: moved.body.version });
    expect(both.body).toMatchObject({ categoryId: hardware, subcategoryId: monitors });
    const cleared = await call<Product>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { categoryId: null, version: both.body.version });
    expect(cleared.body).toMatchObject({ categoryId: null, subcategoryId: null });
    // A subcategory chosen for a product with no category fills it in on PATCH too.
    const refill = await call<Product>(t.app, 'PATCH', `/api/v1/products/${alone.body.id}`, { subcategoryId: licences, version: cleared.body.version });
    expect(refill.body).toMatchObject({ categoryId: software, subcategoryId: licences });
  });

  it('M7.a: the list finds products by name, code and model, Korean substrings of one or two characters included', async () => {
    const samsung = await createProduct(t.app, { name: '삼성 모니터', code: 'SAM-ODY-27', model: 'Odyssey G7', subcategoryId: monitors });
    const lg = await createProduct(t.app, { name: 'LG 울트라기어 모니터', model: '27GR95QE', subcategoryId: monitors });
    const huawei = await createProduct(t.app, { name: '华为 显示器', model: 'MateView' });
    const ids = async (q: string) => (await call<Page>(t.app, 'GET', `/api/v1/products?q=${encodeURIComponent(q)}&sort=id`)).body.items.map((i) => i.id);
    expect(await ids('삼성')).toEqual([samsung.id]);
    expect(await ids('모니터')).toEqual([samsung.id, lg.id]);
    expect(await ids('성')).toEqual([samsung.id]);
    expect(await ids('울트라')).toEqual([lg.id]);
    expect(await ids('삼성 모니터')).toEqual([samsung.id]);
    expect(await ids('SAM-ODY')).toEqual([samsung.id]);
    expect(await ids('sam-ody-27')).toEqual([samsung.id]);
    expect(await ids(String(samsung.code).slice(-4))).toContain(samsung.id);
    expect(await ids('odyssey')).toEqual([samsung.id]);
    expect(await ids('显示')).toEqual([huawei.id]);
    expect(await ids('华')).toEqual([huawei.id]);
    expect(await ids('없는제품')).toEqual([]);
    const auto = await createProduct(t.app, { name: 'Auto-coded' });
    expect(await ids(String(auto.code))).toEqual([auto.id]);
    // Filters by code and price range, sorted by price.
    const cheap = await call<Page>(t.app, 'GET', `/api/v1/products?filter[code]=SAM-ODY-27`);
    expect(cheap.body.items.map((i) => i.id)).toEqual([samsung.id]);
  });

  it('M7.a: groups by category, subcategory and status with counts and labels from the server', async () => {
    const tag = 'Grouped 그룹';
    await createProduct(t.app, { name: `${tag} 1`, subcategoryId: computers });
    await createProduct(t.app, { name: `${tag} 2`, subcategoryId: computers, status: 'discontinued' });
    await createProduct(t.app, { name: `${tag} 3`, subcategoryId: monitors });
    await createProduct(t.app, { name: `${tag} 4`, subcategoryId: licences });
    await createProduct(t.app, { name: `${tag} 5` });
    const grouped = async (by: string, locale = 'en') => (await call<Groups>(t.app, 'GET', `/api/v1/products?q=${encodeURIComponent(tag)}&groupBy=${by}&locale=${locale}`)).body;
    const byCategory = await grouped('categoryId', 'ko');
    expect(byCategory.groups).toEqual([
      { value: hardware, label: '하드웨어', count: 3 }, { value: software, label: '소프트웨어', count: 1 }, { value: null, label: null, count: 1 },
    ]);
    expect(byCategory.total).toBe(5);
    const bySub = await grouped('subcategoryId');
    const counts = new Map<unknown, number>([[computers, 2], [monitors, 1], [licences, 1]]);
    const labels = new Map<unknown, string>([[computers, 'Computers'], [monitors, 'Monitors'], [licences, 'Licences']]);
    // In the dictionary's order (as GET …/values lists it), the empty group last.
    const order = (await call<{ items: { id: number }[] }>(t.app, 'GET', '/api/v1/dictionaries/product-category/values')).body.items.map((v) => v.id).filter((id) => counts.has(id));
    expect(bySub.groups).toEqual([...order.map((id) => ({ value: id, label: labels.get(id), count: counts.get(id) })), { value: null, label: null, count: 1 }]);
    const byStatus = await grouped('status');
    expect(byStatus.groups.map((g) => [g.value, g.count])).toEqual([['discontinued', 1], ['on-sale', 4]]);
    for (const g of byStatus.groups) expect(typeof g.label).toBe('string');
    const two = await grouped('categoryId,subcategoryId', 'zh-CN');
    expect(two.groups[0]).toEqual({ value: hardware, label: '硬件', count: 3, groups: [{ value: computers, label: '电脑', count: 2 }, { value: monitors, label: '显示器', count: 1 }] });
    expect((await call<Page>(t.app, 'GET', `/api/v1/products?q=${encodeURIComponent(tag)}&filter[status]=discontinued`)).body.items.map((i) => i.name)).toEqual([`${tag} 2`]);
  });

  it('M7.a: inline edits of the price and status carry the version; a stale one is a 409 with the current product', async () => {
    const p = await createProduct(t.app, { name: 'Inline edit', listPrice: 20_000, costPrice: 15_000 });
    const price = await call<Product>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { listPrice: 25_000, version: p.version });
    expect(price.status, price.raw).toBe(200);
    expect(price.body).toMatchObject({ listPrice: 25_000, margin: 10_000, marginPercent: 40, version: p.version + 1 });
    const status = await call<Product>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { status: 'discontinued', version: price.body.version });
    expect(status.body).toMatchObject({ status: 'discontinued', listPrice: 25_000, version: p.version + 2 });
    const stale = await call<Problem>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { listPrice: 1, version: price.body.version });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ listPrice: 25_000, status: 'discontinued', version: p.version + 2 });
    expect(await get(p.id)).toEqual(status.body);
    const bad = await call<Problem>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { listPrice: '25000', status: 'gone', version: status.body.version });
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['listPrice', 'status']);
    const race = await Promise.all([1, 2, 3].map((n) => call(t.app, 'PATCH', `/api/v1/products/${p.id}`, { listPrice: n * 1000, version: status.body.version })));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it('M7.e: CSV and XLSX exports write money as numbers in major units (USD: 1999 → 19.99), name the currency and keep Korean intact', async () => {
    const settings = await call<{ currency: { code: string; digits: number; chosen: boolean } }>(t.app, 'PATCH', '/api/v1/settings', { currency: 'USD' });
    expect(settings.status, settings.raw).toBe(200);
    expect(settings.body.currency).toMatchObject({ code: 'USD', digits: 2, chosen: true });
    const tag = 'Export 수출';
    const p = await createProduct(t.app, { name: `${tag} 키보드`, code: 'EXP-001', subcategoryId: computers, listPrice: 1999, costPrice: 999 });
    await createProduct(t.app, { name: '=HYPERLINK("http://evil.example")', code: 'EXP-002', model: `${tag} +cmd`, listPrice: 100 });
    const qs = `q=${encodeURIComponent('EXP-00')}&sort=code`;

    const xlsx = await t.app.inject({ url: `/api/v1/products/export?format=xlsx&${qs}&locale=ko` });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const { ws, header, cell } = await readXlsx(xlsx.rawPayload);
    expect(ws.rowCount).toBe(3);
    expect(header).toHaveLength(productEntity.exportColumns.length);
    for (const money of ['listPrice', 'costPrice', 'margin']) expect(String(header[productEntity.exportColumns.indexOf(money)]), money).toMatch(/\(USD\)$/);
    expect(String(header[productEntity.exportColumns.indexOf('name')])).not.toMatch(/USD/);
    expect(cell(2, 'listPrice').value).toBe(19.99);
    expect(cell(2, 'costPrice').value).toBe(9.99);
    expect(cell(2, 'margin').value).toBe(10);
    expect(cell(2, 'marginPercent').value).toBe(50);
    expect(cell(2, 'listPrice').numFmt).toBe('#,##0.00');
    expect(cell(2, 'id').value).toBe(p.id);
    expect(cell(2, 'name').value).toBe(`${tag} 키보드`);
    expect(cell(2, 'categoryId').value).toBe('하드웨어');
    expect(cell(2, 'subcategoryId').value).toBe('컴퓨터');
    expect(cell(2, 'createdAt').value).toBeInstanceOf(Date);
    expect(cell(3, 'name').value).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(cell(3, 'model').value).toBe(`${tag} +cmd`);
    expect(cell(3, 'listPrice').value).toBe(1);

    const csv = await t.app.inject({ url: `/api/v1/products/export?format=csv&${qs}&locale=ko` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="products-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const rows = csv.body.slice(1).trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/\(USD\)/);
    expect(rows[1]).toContain(`${tag} 키보드`);
    expect(rows[1]).toContain(',19.99,9.99,10,');
    expect(rows[1]).toContain('하드웨어');
    expect(rows[2]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(rows[2]).toContain(',1,');
    // Only the columns asked for; unknown ones are a 400.
    const some = await t.app.inject({ url: `/api/v1/products/export?format=csv&${qs}&columns=code,listPrice` });
    const someRows = some.body.slice(1).trim().split('\r\n');
    expect(someRows[0]).toMatch(/^[^,]+,[^,]+ \(USD\)$/);
    expect(someRows.slice(1)).toEqual(['EXP-001,19.99', 'EXP-002,1']);
    expect((await call<Problem>(t.app, 'GET', '/api/v1/products/export?format=csv&columns=code,password')).status).toBe(400);
  });

  it('M7.e: with KRW (no minor units) 150000 exports as 150000', async () => {
    const k = await startApp(database);
    try {
      const res = await call<{ currency: { code: string; digits: number } }>(k.app, 'PATCH', '/api/v1/settings', { currency: 'KRW' });
      expect(res.body.currency).toMatchObject({ code: 'KRW', digits: 0 });
      await createProduct(k.app, { name: '삼성 갤럭시 북', listPrice: 150_000, costPrice: 120_000 });
      const xlsx = await k.app.inject({ url: '/api/v1/products/export?format=xlsx&locale=ko' });
      const { header, cell } = await readXlsx(xlsx.rawPayload);
      expect(String(header[productEntity.exportColumns.indexOf('listPrice')])).toMatch(/\(KRW\)$/);
      expect(cell(2, 'listPrice').value).toBe(150_000);
      expect(cell(2, 'margin').value).toBe(30_000);
      expect(cell(2, 'listPrice').numFmt).toBe('#,##0');
      expect(cell(2, 'name').value).toBe('삼성 갤럭시 북');
      const csv = await k.app.inject({ url: '/api/v1/products/export?format=csv&columns=name,listPrice' });
      const rows = csv.body.slice(1).trim().split('\r\n');
      expect(rows[0]).toMatch(/^[^,]+,[^,]+ \(KRW\)$/);
      expect(rows.slice(1)).toEqual(['삼성 갤럭시 북,150000']);
    } finally {
      await k.close();
    }
  });

  it('M7.a: a product on an opportunity line is never hard-deleted: DELETE moves it to Trash, the line keeps it, the foreign key holds', async () => {
    const c = await createCustomer(t.app);
    const p = await createProduct(t.app, { name: '라인 제품 Line product', listPrice: 7000 });
    const o = await createOpportunity(t.app, c.id, { lines: [{ productId: p.id, quantity: 2 }] });
    expect((await call(t.app, 'DELETE', `/api/v1/products/${p.id}`)).status).toBe(204);
    expect((await call(t.app, 'GET', `/api/v1/products/${p.id}`)).status).toBe(404);
    expect((await call<Page>(t.app, 'GET', `/api/v1/products?trash=1&filter[id]=${p.id}`)).body.items).toHaveLength(1);
    const opp = await call<Record<string, unknown> & { lines: Line[]; amount: number }>(t.app, 'GET', `/api/v1/opportunities/${o.id}`);
    expect(opp.body.lines).toMatchObject([{ productId: p.id, quantity: 2, unitPrice: 7000, amount: 14_000, _labels: { productId: '라인 제품 Line product' } }]);
    // The opportunity may keep the product while it is in Trash; a new line may not take it.
    const keep = await call(t.app, 'PATCH', `/api/v1/opportunities/${o.id}`, { lines: [{ productId: p.id, quantity: 3 }], version: o.version });
    expect(keep.status, keep.raw).toBe(200);
    const fresh = await call<Problem>(t.app, 'POST', '/api/v1/opportunities', { name: 'Trash line', customerId: c.id, lines: [{ productId: p.id, quantity: 1 }] });
    expect(fresh.status).toBe(400);
    expect(fresh.body.errors?.map((e) => e.field)).toEqual(['lines.0.productId']);

    const kysely = t.app.database.kysely;
    await expect(sql`DELETE FROM products WHERE id = ${p.id}`.execute(kysely)).rejects.toThrow(/foreign key/i);
    expect((await call<Page>(t.app, 'GET', `/api/v1/products?trash=1&filter[id]=${p.id}`)).body.items).toHaveLength(1);
    // The key is what holds it: a product on no line can be removed by the same statement.
    const loose = await createProduct(t.app, { name: 'Loose' });
    await sql`DELETE FROM products WHERE id = ${loose.id}`.execute(kysely);
    expect((await call(t.app, 'GET', `/api/v1/products/${loose.id}`)).status).toBe(404);
    expect((await call<Product>(t.app, 'POST', `/api/v1/products/${p.id}/restore`)).body.deletedAt).toBeNull();
  });

  it('M7.a: a status cannot be emptied (it has a default): PATCH status null is a 400 naming it and changes nothing', async () => {
    const p = await createProduct(t.app, { name: 'Status kept' });
    const res = await call<Problem>(t.app, 'PATCH', `/api/v1/products/${p.id}`, { status: null, version: p.version });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'status', message: 'is required' }]);
    expect((await call<Product>(t.app, 'GET', `/api/v1/products/${p.id}`)).body).toMatchObject({ status: 'on-sale', version: p.version });
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ['products']);
  });
});
