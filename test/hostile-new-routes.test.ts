import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactEntity } from '../src/shared/entities/contact.entity.js';
import { createContact, createCustomer, createGroup } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page } from './support/http.js';

/** The hostile-input properties of hostile-input.test.ts, driven at the routes of customer groups and contacts. */
const ids = fc.oneof(fc.array(fc.integer({ min: -5, max: 3_000_000_000 }), { maxLength: 5 }), fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxLength: 3 }), fc.string(), fc.constant(null));
const matching = fc.oneof(fc.constant(undefined), fc.record({ q: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), filter: fc.dictionary(fc.oneof(fc.constantFrom('typeId', 'id[in]', 'group', 'name[contains]', '__proto__', 'filter[x]', 'a]b[c'), fc.string({ maxLength: 12 })), fc.string({ maxLength: 40 }), { maxKeys: 3 }) }, { requiredKeys: [] }));
const membersBody = fc.oneof(
  fc.record({ customerIds: ids }, { requiredKeys: [] }),
  fc.record({ add: ids, remove: ids, addMatching: matching, removeMatching: matching }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything(), { maxKeys: 3 }),
);
const contactKeys = [...Object.keys(contactEntity.allFields), 'deletedAt', '_labels', '__proto__'];
const contactBody = fc.dictionary(fc.oneof(fc.constantFrom(...contactKeys), fc.string({ maxLength: 12 })), fc.oneof(fc.string(), fc.string({ minLength: 300, maxLength: 5000 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer())), { maxKeys: 6 });

describe.each(DATABASES)('hostile input to groups and contacts on $name', (database) => {
  let t: TestApp;
  let group: { id: number };
  let customer: { id: number };
  let contact: { id: number };
  beforeAll(async () => {
    t = await startApp(database);
    group = await createGroup(t.app);
    customer = await createCustomer(t.app);
    contact = await createContact(t.app, customer.id);
    await call(t.app, 'POST', `/api/v1/customer-groups/${group.id}/members`, { customerIds: [customer.id] });
  });
  afterAll(async () => { await t?.close(); });

  const noServerError = (res: { status: number; headers: Record<string, unknown>; raw: string }) => {
    expect(res.status, res.raw).toBeLessThan(500);
    if (res.status >= 400) expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  };
  const membersOf = async () => (await call<Page>(t.app, 'GET', `/api/v1/customer-groups/${group.id}/members?limit=500`)).body.items.map((i) => i.id);
  const contactCount = async () => (await call<Page>(t.app, 'GET', '/api/v1/contacts?total=exact')).body.total;

  it('POST, DELETE and PATCH members with hostile bodies: 4xx problem+json and the membership unchanged', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('POST', 'DELETE', 'PATCH'), membersBody, async (method, body) => {
      const before = await membersOf();
      const res = await t.app.inject({ method, url: `/api/v1/customer-groups/${group.id}/members`, payload: body as Record<string, unknown> });
      noServerError({ status: res.statusCode, headers: res.headers, raw: res.body });
      if (res.statusCode >= 400) expect(await membersOf()).toEqual(before);
    }), { numRuns: 80 });
  });

  it('members and non-members lists with garbage parameters: 200 or 400', async () => {
    const param = fc.oneof(
      fc.string({ maxLength: 30 }).map((v) => `sort=${encodeURIComponent(v)}`),
      fc.tuple(fc.constantFrom('group', 'groupIds', 'name', 'x', '__proto__'), fc.constantFrom('', '[in]', '[empty]', '[ne]', '[gte]'), fc.string({ maxLength: 20 })).map(([n, op, v]) => `${encodeURIComponent(`filter[${n}]${op}`)}=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 100 }).map((v) => `q=${encodeURIComponent(v)}`),
      fc.string({ maxLength: 60 }).map((v) => `cursor=${encodeURIComponent(v)}`),
    );
    await fc.assert(fc.asyncProperty(fc.constantFrom('members', 'non-members'), fc.array(param, { minLength: 1, maxLength: 3 }), async (which, params) => {
      const res = await call(t.app, 'GET', `/api/v1/customer-groups/${group.id}/${which}?${params.join('&')}`);
      noServerError(res);
      expect([200, 400]).toContain(res.status);
    }), { numRuns: 60 });
  });

  it('contacts: hostile create, patch and make-primary bodies write nothing and keep one primary', async () => {
    await fc.assert(fc.asyncProperty(contactBody, fc.constantFrom('POST', 'PATCH', 'PRIMARY'), async (body, how) => {
      const before = await contactCount();
      const current = (await call<{ version: number }>(t.app, 'GET', `/api/v1/contacts/${contact.id}`)).body;
      const res = how === 'POST' ? await call(t.app, 'POST', '/api/v1/contacts', body)
        : how === 'PATCH' ? await call(t.app, 'PATCH', `/api/v1/contacts/${contact.id}`, { ...body, version: current.version })
          : await call(t.app, 'POST', `/api/v1/contacts/${contact.id}/make-primary`, body);
      noServerError(res);
      if (res.status >= 400) {
        expect(await contactCount()).toBe(before);
        expect((await call(t.app, 'GET', `/api/v1/contacts/${contact.id}`)).body).toEqual(current);
      }
    }), { numRuns: 80 });
    const primaries = await call<Page>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${customer.id}&filter[isPrimary]=1`);
    expect(primaries.body.items.length).toBeLessThanOrEqual(1);
  });

  it('vCard import of arbitrary text and bytes: never a 5xx; a 4xx writes nothing', async () => {
    const card = fc.tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }))
      .map(([a, b, c]) => `BEGIN:VCARD\r\nVERSION:${a}\r\nFN${b}\r\nORG:${c}\r\nN;ENCODING=QUOTED-PRINTABLE:${b}=\r\n${c}\r\nEND:VCARD\r\n`);
    const payload = fc.oneof(fc.string({ maxLength: 2000 }), card, fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)));
    await fc.assert(fc.asyncProperty(payload, fc.constantFrom('', '?createCustomers=1', '?dryRun=1&createCustomers=1'), async (body, qs) => {
      const before = await contactCount();
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/contacts/import${qs}`, headers: { 'content-type': 'text/vcard' }, payload: body });
      noServerError({ status: res.statusCode, headers: res.headers, raw: res.body });
      if (res.statusCode >= 400 || qs.includes('dryRun')) expect(await contactCount()).toBe(before);
    }), { numRuns: 80 });
  });

  it('the database is intact afterwards', async () => {
    const db = t.app.database;
    if (db.dialect !== 'sqlite') return;
    const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
    expect(rows[0].integrity_check).toBe('ok');
    for (const fts of ['contacts_fts', 'contacts_grams', 'customer_groups_fts', 'customer_groups_grams']) {
      await sql`INSERT INTO ${sql.table(fts)} (${sql.ref(fts)}) VALUES ('integrity-check')`.execute(db.kysely);
    }
  });
});
