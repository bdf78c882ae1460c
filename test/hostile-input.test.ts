import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerEntity } from '../src/shared/entities/customer.entity.js';
import { createCustomer } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page } from './support/http.js';

const FIELD_NAMES = [...Object.keys(customerEntity.allFields), 'deletedAt', 'search_text', 'nope'];
const NASTY_NAMES = ['name;DROP TABLE customers', 'name--', "name'", 'name"', '__proto__', 'constructor', 'prototype', 'id) OR (1=1', 't.name', 'search_text', 'deleted_at', '../etc', '%00', 'ＮＡＭＥ', 'name ', 'a'.repeat(300)];
const nastyValue = fc.oneof(
  fc.string(), fc.string({ minLength: 500, maxLength: 20_000 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom("'; DROP TABLE customers; --", '=cmd|/C calc', '<script>alert(1)</script>', '\u0000', '9'.repeat(40), '-1e309', '2026-02-30'),
  fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const body = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES, ...NASTY_NAMES), fc.string({ maxLength: 20 })), nastyValue, { maxKeys: 8 });

describe.each(DATABASES)('hostile input on $name', (database) => {
  let t: TestApp;
  let victim: { id: number; version: number };
  beforeAll(async () => {
    t = await startApp(database);
    victim = await createCustomer(t.app, { name: 'Victim Co', city: 'Seoul' });
  });
  afterAll(async () => { await t?.close(); });

  const count = async () => (await call<Page>(t.app, 'GET', '/api/v1/customers?total=exact&trash=0')).body.total;
  const expectProblem = (res: { status: number; headers: Record<string, unknown>; raw: string }) => {
    expect(res.status, res.raw).toBeLessThan(500);
    if (res.status >= 400) {
      expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
      expect(res.raw).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces
    }
  };

  it('POST with wrong types, huge strings, unknown and prototype keys: 4xx problem+json, nothing written', async () => {
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const before = await count();
      const res = await call(t.app, 'POST', '/api/v1/customers', b);
      expectProblem(res);
      if (res.status !== 201) expect(await count()).toBe(before);
    }), { numRuns: 120 });
  });

  it('PATCH with hostile bodies never half-writes the record', async () => {
    const original = (await call(t.app, 'GET', `/api/v1/customers/${victim.id}`)).body;
    await fc.assert(fc.asyncProperty(body, async (b) => {
      const current = (await call<{ version: number }>(t.app, 'GET', `/api/v1/customers/${victim.id}`)).body;
      const res = await call(t.app, 'PATCH', `/api/v1/customers/${victim.id}`, { ...b, version: current.version });
      expectProblem(res);
      if (res.status >= 400) expect((await call(t.app, 'GET', `/api/v1/customers/${victim.id}`)).body).toEqual(current);
    }), { numRuns: 120 });
    expect(original.id).toBe(victim.id);
  });

  it('NUL characters are refused naming the field, on both databases (PostgreSQL text cannot hold them)', async () => {
    const res = await call<{ errors?: { field: string }[] }>(t.app, 'PATCH', `/api/v1/customers/${victim.id}`, { name: 'a\u0000b', version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].field).toBe('name');
    expect((await call(t.app, 'GET', '/api/v1/customers?q=%00')).status).toBe(400);
  });

  it('raw JSON with __proto__ and constructor.prototype is refused', async () => {
    for (const payload of ['{"name":"P","__proto__":{"isAdmin":true}}', '{"name":"P","constructor":{"prototype":{"x":1}}}']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('SQL and garbage in sort, groupBy, filter names and values: 200 or 400, never SQL', async () => {
    const name = fc.oneof(fc.constantFrom(...FIELD_NAMES, ...NASTY_NAMES), fc.string({ maxLength: 30 }));
    const param = fc.oneof(
      name.map((n) => `sort=${encodeURIComponent(n)}`),
      name.map((n) => `sort=-${encodeURIComponent(n)}`),
      name.map((n) => `groupBy=${encodeURIComponent(n)}`),
      fc.tuple(name, fc.constantFrom('', '[eq]', '[gte]', '[in]', '[contains]', '[empty]', '[x]', '[]]'), fc.string({ maxLength: 40 }))
        .map(([n, op, v]) => `${encodeURIComponent(`filter[${n}]${op}`)}=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 300 }).map((v) => `q=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 100 }).map((v) => `cursor=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 10 }).map((v) => `limit=${encodeURIComponent(v)}`),
    );
    await fc.assert(fc.asyncProperty(fc.array(param, { minLength: 1, maxLength: 4 }), async (params) => {
      const res = await call(t.app, 'GET', `/api/v1/customers?${params.join('&')}`);
      expectProblem(res);
      expect([200, 400]).toContain(res.status);
      const exp = await t.app.inject({ url: `/api/v1/customers/export?${params.join('&')}` });
      expect(exp.statusCode).toBeLessThan(500);
    }), { numRuns: 150 });
  });

  it('the database is intact afterwards', async () => {
    expect((await call(t.app, 'GET', `/api/v1/customers/${victim.id}`)).status).toBe(200);
    const db = t.app.database;
    if (db.dialect === 'sqlite') {
      const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
      expect(rows[0].integrity_check).toBe('ok');
      await sql`INSERT INTO customers_fts(customers_fts) VALUES ('integrity-check')`.execute(db.kysely);
      await sql`INSERT INTO customers_grams(customers_grams) VALUES ('integrity-check')`.execute(db.kysely);
    } else {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM customers`.execute(db.kysely);
      expect(rows[0].n).toBeGreaterThan(0);
    }
  });
});
