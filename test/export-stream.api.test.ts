import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLines, type Cell } from '../src/server/core/export.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

/** Issue 14: what the throughput and export work cached or rewrote still answers as before. */
describe('csvLines', () => {
  it('quotes and escapes exactly as Papa.unparse did', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\r', '\n', '\uFEFF', '=', '한', "'") }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows: Cell[][]) => {
      expect(csvLines(rows)).toBe(`${Papa.unparse(rows, { delimiter: ',', newline: '\r\n' })}\r\n`);
    }));
  });
});

describe.each(DATABASES)('cached paths and streamed exports on $name', (database) => {
  let t: TestApp;
  const ROWS = 2_600; // more than ten export pages
  beforeAll(async () => {
    t = await startApp(database);
    await seedDemo(t.app.database, { customers: ROWS, seed: 14 });
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('a list item carries every field of the entity, empty ones as null', async () => {
    const c = await createCustomer(t.app, { name: 'Every Field', fax: null, notes: null });
    const page = await call<Page>(t.app, 'GET', `/api/v1/customers?filter[id]=${c.id}&total=none`);
    const item = page.body.items[0];
    const expected = Object.entries(customerEntity.allFields).filter(([, f]) => f.kind !== 'lines').map(([name]) => name);
    for (const name of [...expected, 'deletedAt', '_labels']) expect(item, name).toHaveProperty(name);
    expect(item.fax).toBeNull();
    expect(item.notes).toBeNull();
    expect(item.deletedAt).toBeNull();
    expect(item).toEqual((await call(t.app, 'GET', `/api/v1/customers/${c.id}`)).body);
  });

  it('a PATCH validation error names the field, the first time and every time after (the schema is built once)', async () => {
    const c = await createCustomer(t.app);
    for (let i = 0; i < 3; i++) {
      const res = await call<Problem>(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { email: 'not-mail', version: c.version });
      expect(res.status).toBe(400);
      expect(res.body.errors?.map((e) => e.field)).toEqual(['email']);
    }
    const bad = await call<Problem>(t.app, 'POST', '/api/v1/customers', { name: '' });
    expect(bad.body.errors?.map((e) => e.field)).toEqual(['name']);
    const ok = await call(t.app, 'PATCH', `/api/v1/customers/${c.id}`, { email: 'ok@example.com', version: c.version });
    expect(ok.status).toBe(200);
  });

  it('a renamed dictionary value shows its new label in the next list and the next export', async () => {
    const typeId = await dictId(t.app, 'customer-type', 'customer');
    const c = await createCustomer(t.app, { name: 'Renamed Type Co', typeId });
    const list = async () => (await call<Page>(t.app, 'GET', `/api/v1/customers?filter[id]=${c.id}&locale=en`)).body.items[0]._labels as Record<string, unknown>;
    const csv = async () => (await t.app.inject({ url: `/api/v1/customers/export?format=csv&filter[id]=${c.id}&locale=en` })).body;
    const before = (await list()).typeId as string;
    expect(await csv()).toContain(before);
    const value = await call<{ version: number }>(t.app, 'GET', `/api/v1/dictionaries/customer-type/values/${typeId}`);
    const renamed = await call(t.app, 'PATCH', `/api/v1/dictionaries/customer-type/values/${typeId}`, { label: 'Client renamed', labels: { en: 'Client renamed' }, version: value.body.version });
    expect(renamed.status).toBe(200);
    expect((await list()).typeId).toBe('Client renamed');
    const after = await csv();
    expect(after).toContain('Client renamed');
    expect(after).not.toContain(`,${before},`);
  });

  it('streams thousands of rows as CSV with the row count announced, formulas neutralised', async () => {
    await createCustomer(t.app, { name: '=1+2' });
    await createCustomer(t.app, { name: '@SUM(A1)' });
    const live = (await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact&limit=1')).body.total;
    const res = await t.app.inject({ url: '/api/v1/customers/export?format=csv&locale=en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe(String(live));
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const rows = Papa.parse<string[]>(res.body.replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows.length).toBe(live + 1);
    expect(rows[0][1]).toBe('Name');
    const names = new Set(rows.map((r) => r[1]));
    expect(names.has("'=1+2")).toBe(true);
    expect(names.has("'@SUM(A1)")).toBe(true);
    expect(names.has('=1+2')).toBe(false);
    // Sorted by name as the list is, every record once.
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(live);
  });

  it('the row count follows the filters', async () => {
    const typeId = await dictId(t.app, 'customer-type', 'customer');
    const filtered = (await call<Page>(t.app, 'GET', `/api/v1/customers?total=exact&limit=1&filter[typeId]=${typeId}`)).body.total;
    const res = await t.app.inject({ url: `/api/v1/customers/export?format=xlsx&filter[typeId]=${typeId}` });
    expect(res.headers['x-total-count']).toBe(String(filtered));
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(ROWS);
  });

  it('streams thousands of rows as XLSX that Excel readers open: header in bold, numbers, dates, neutralised formulas', async () => {
    const live = (await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact&limit=1')).body.total;
    const res = await t.app.inject({ url: '/api/v1/customers/export?format=xlsx&locale=ko' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe(String(live));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('고객');
    expect(ws.rowCount).toBe(live + 1);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('고객명');
    const col = (title: string) => header.indexOf(title) + 1;
    expect(typeof ws.getRow(2).getCell(1).value).toBe('number');
    expect(ws.getRow(2).getCell(col('생성일')).value).toBeInstanceOf(Date);
    const names = new Set<unknown>();
    ws.eachRow((row, n) => { if (n > 1) names.add(row.getCell(col('고객명')).value); });
    expect(names.has("'=1+2")).toBe(true);
    expect(names.has('=1+2')).toBe(false);
  });
});
