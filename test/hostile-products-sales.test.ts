import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productEntity } from '../src/shared/entities/product.entity.js';
import { saleEntity } from '../src/shared/entities/sale.entity.js';
import { createCustomer, createProduct, createSale } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { expectIntact } from './support/integrity.js';
import { call, type Page } from './support/http.js';

/** The hostile-input properties of hostile-input.test.ts, at products (M7), sales with lines (M8.f) and the settings that price them. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 30 }), fc.string({ minLength: 300, maxLength: 6000 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('=HYPERLINK("x")', '\u0000', '-1', 'on-sale', 'discontinued', 'KRW', 'XXX', 1e16, -5, 100.5, '2026-02-30', 'SO-2026-00001'),
  fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);
const bodyOf = (keys: readonly string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', 'margin', 'deletedAt'), fc.string({ maxLength: 10 })), anyValue, { maxKeys: 6 });

describe.each(DATABASES)('hostile input to products, sales and settings on $name', (database) => {
  let t: TestApp;
  let product: { id: number; version: number };
  let sale: { id: number; version: number };
  let customer: { id: number };
  beforeAll(async () => {
    t = await startApp(database);
    customer = await createCustomer(t.app);
    product = await createProduct(t.app, { name: 'Victim product', listPrice: 1000 });
    sale = await createSale(t.app, customer.id, { lines: [{ productId: product.id, quantity: 2 }] });
  });
  afterAll(async () => { await t?.close(); });

  const problem = (res: { status: number; headers: Record<string, unknown>; raw: string }) => {
    expect(res.status, res.raw.slice(0, 300)).toBeLessThan(500);
    if (res.status >= 400) expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  };
  const count = async (path: string) => (await call<Page>(t.app, 'GET', `/api/v1/${path}?total=exact`)).body.total;

  it('M7: POST and PATCH products with hostile bodies: 4xx problem+json, nothing written', async () => {
    await fc.assert(fc.asyncProperty(bodyOf(Object.keys(productEntity.allFields)), fc.boolean(), async (b, patch) => {
      const before = patch ? (await call(t.app, 'GET', `/api/v1/products/${product.id}`)).body : await count('products');
      const res = patch
        ? await call(t.app, 'PATCH', `/api/v1/products/${product.id}`, { ...b, version: (before as { version: number }).version })
        : await call(t.app, 'POST', '/api/v1/products', b);
      problem(res);
      if (res.status >= 400) expect(patch ? (await call(t.app, 'GET', `/api/v1/products/${product.id}`)).body : await count('products')).toEqual(before);
    }), { numRuns: 100 });
  });

  it('M8.f: POST and PATCH sales with hostile bodies and lines: 4xx writes nothing (sale, lines, number)', async () => {
    const line = fc.record({ productId: fc.oneof(fc.constant(product.id), anyValue), quantity: anyValue, unitPrice: anyValue, discountPercent: anyValue, description: anyValue }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(bodyOf(Object.keys(saleEntity.allFields)), fc.oneof(fc.constant(undefined), fc.array(line, { maxLength: 3 }), anyValue), fc.boolean(), async (b, lines, patch) => {
      const payload = { ...b, ...(lines === undefined ? {} : { lines }) };
      const before = patch ? (await call(t.app, 'GET', `/api/v1/sales/${sale.id}`)).body : await count('sales');
      const res = patch
        ? await call(t.app, 'PATCH', `/api/v1/sales/${sale.id}`, { ...payload, version: (before as { version: number }).version })
        : await call(t.app, 'POST', '/api/v1/sales', { customerId: customer.id, ...payload });
      problem(res);
      if (res.status >= 400) expect(patch ? (await call(t.app, 'GET', `/api/v1/sales/${sale.id}`)).body : await count('sales')).toEqual(before);
    }), { numRuns: 100 });
  });

  it('settings: hostile currency, locale and company values are 4xx or saved within limits; never a 5xx', async () => {
    const settings = fc.record({ currency: anyValue, locale: anyValue, company: fc.oneof(anyValue, fc.dictionary(fc.constantFrom('name', 'address', 'phone', 'email', 'x'), anyValue, { maxKeys: 3 })), timeZone: anyValue }, { requiredKeys: [] });
    await fc.assert(fc.asyncProperty(settings, async (b) => problem(await call(t.app, 'PATCH', '/api/v1/settings', b))), { numRuns: 60 });
    expect((await call(t.app, 'GET', '/api/v1/settings')).status).toBe(200);
  });

  it('export of one record and of the list with garbage parameters: 200 or 400', async () => {
    const params = fc.oneof(fc.string({ maxLength: 20 }).map((v) => `format=${encodeURIComponent(v)}`), fc.string({ maxLength: 10 }).map((v) => `${encodeURIComponent(v)}=1`), fc.constantFrom('format=xlsx', 'format=csv', 'locale=ko', 'sum=total'));
    await fc.assert(fc.asyncProperty(fc.constantFrom(`sales/${sale.id}/export`, 'sales/export', `products/${product.id}/export`, 'sales/999999/export'), params, async (path, q) => {
      const res = await t.app.inject({ url: `/api/v1/${path}?${q}` });
      expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
    }), { numRuns: 60 });
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ['products', 'sales']);
  });
});
