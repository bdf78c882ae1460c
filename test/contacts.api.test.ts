import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactEntity } from '../src/shared/entities/contact.entity.js';
import { uniqueViolationField } from '../src/server/core/unique-violation.js';
import { createContact, createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

type Contact = Record<string, unknown> & { id: number; version: number; isPrimary: boolean };

describe.each(DATABASES)('contacts API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const get = async (id: number) => (await call<Contact>(t.app, 'GET', `/api/v1/contacts/${id}`)).body;
  const primaries = async (customerId: number) => (await call<Page>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${customerId}&filter[isPrimary]=true`)).body.items.map((i) => i.id);

  it('M4.a: a contact names its customer; records carry _labels for the customer, gender and owner in the request locale', async () => {
    const customer = await createCustomer(t.app, { name: '삼성전자' });
    const male = await dictId(t.app, 'gender', 'male');
    const res = await call<Contact>(t.app, 'POST', '/api/v1/contacts?locale=ko', {
      name: '김철수', familyName: '김', givenName: '철수', customerId: customer.id, title: '과장', department: '영업팀',
      mobile: '010-1234-5678', email: 'kim@example.com', birthday: '1985-04-12', genderId: male,
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ customerId: customer.id, isPrimary: true, _labels: { customerId: '삼성전자', genderId: '남성', ownerId: '로컬 사용자' } });
    const list = await call<Page>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${customer.id}`);
    expect(list.body.items.map((i) => i.id)).toEqual([res.body.id]);
    expect(list.body.items[0]._labels).toMatchObject({ customerId: '삼성전자', genderId: 'Male' });
    const missing = await call<Problem>(t.app, 'POST', '/api/v1/contacts', { name: 'No customer' });
    expect(missing.body.errors?.map((e) => e.field)).toEqual(['customerId']);
    const unknown = await call<Problem>(t.app, 'POST', '/api/v1/contacts', { name: 'X', customerId: 999999 });
    expect(unknown.body.errors?.map((e) => e.field)).toEqual(['customerId']);
  });

  it('M4.c: the first contact becomes primary unless told otherwise; marking another primary unmarks the previous one', async () => {
    const c = await createCustomer(t.app);
    const first = await createContact(t.app, c.id);
    const second = await createContact(t.app, c.id);
    expect([first.isPrimary, second.isPrimary]).toEqual([true, false]);
    const made = await call<Contact>(t.app, 'PATCH', `/api/v1/contacts/${second.id}`, { isPrimary: true, version: second.version });
    expect(made.body.isPrimary).toBe(true);
    expect(await get(first.id)).toMatchObject({ isPrimary: false, version: first.version + 1 });
    expect(await primaries(c.id)).toEqual([second.id]);
    const byClick = await call<Contact>(t.app, 'POST', `/api/v1/contacts/${first.id}/make-primary`, {});
    expect(byClick.status, byClick.raw).toBe(200);
    expect(await primaries(c.id)).toEqual([first.id]);
    expect((await call(t.app, 'POST', `/api/v1/contacts/${first.id}/make-primary`, { version: 1 })).status).toBe(409);
    const other = await createCustomer(t.app);
    const notPrimary = await createContact(t.app, other.id, { isPrimary: false });
    expect(notPrimary.isPrimary).toBe(false);
    expect(await primaries(other.id)).toEqual([]);
    const unmarked = await call<Contact>(t.app, 'PATCH', `/api/v1/contacts/${first.id}`, { isPrimary: null, version: (await get(first.id)).version });
    expect(unmarked.body.isPrimary).toBe(false);
  });

  it('M4.c: moving a contact to another customer keeps the rule on both sides', async () => {
    const [a, b] = [await createCustomer(t.app), await createCustomer(t.app)];
    const aPrimary = await createContact(t.app, a.id);
    const bPrimary = await createContact(t.app, b.id);
    const moved = await call<Contact>(t.app, 'PATCH', `/api/v1/contacts/${aPrimary.id}`, { customerId: b.id, version: aPrimary.version });
    expect(moved.body.isPrimary).toBe(false);
    expect(await primaries(a.id)).toEqual([]);
    expect(await primaries(b.id)).toEqual([bPrimary.id]);
    const back = await call<Contact>(t.app, 'PATCH', `/api/v1/contacts/${aPrimary.id}`, { customerId: a.id, version: moved.body.version });
    expect(back.body.isPrimary).toBe(true); // the only contact of a
    const taking = await call<Contact>(t.app, 'PATCH', `/api/v1/contacts/${aPrimary.id}`, { customerId: b.id, isPrimary: true, version: back.body.version });
    expect(taking.body.isPrimary).toBe(true);
    expect(await primaries(b.id)).toEqual([aPrimary.id]);
  });

  it('M4.c: a primary contact restored from Trash beside a newer primary comes back not primary', async () => {
    const c = await createCustomer(t.app);
    const old = await createContact(t.app, c.id);
    await call(t.app, 'DELETE', `/api/v1/contacts/${old.id}`);
    const newer = await createContact(t.app, c.id);
    expect(newer.isPrimary).toBe(true);
    const restored = await call<Contact>(t.app, 'POST', `/api/v1/contacts/${old.id}/restore`);
    expect(restored.status, restored.raw).toBe(200);
    expect(restored.body.isPrimary).toBe(false);
    expect(await primaries(c.id)).toEqual([newer.id]);
  });

  it('M4.c: the database itself refuses a second primary, and the violation names isPrimary', async () => {
    const c = await createCustomer(t.app);
    const a = await createContact(t.app, c.id);
    const b = await createContact(t.app, c.id);
    const db = t.app.database;
    const yes = db.dialect === 'sqlite' ? 1 : true;
    let field: string | null = null;
    await db.kysely.transaction().execute(async (trx) => {
      try {
        await sql`UPDATE contacts SET is_primary = ${yes} WHERE id = ${b.id}`.execute(trx);
      } catch (e) {
        field = await uniqueViolationField(db, trx, contactEntity, e);
      }
    }).catch(() => undefined);
    expect(field).toBe('isPrimary');
    expect(await primaries(c.id)).toEqual([a.id]);
  });

  it('M4.c: concurrent requests making different contacts primary: no 500, exactly one primary afterwards', async () => {
    const c = await createCustomer(t.app);
    const contacts = [];
    for (let i = 0; i < 4; i++) contacts.push(await createContact(t.app, c.id));
    for (let round = 0; round < 3; round++) {
      const current = await Promise.all(contacts.map((x) => get(x.id)));
      const results = await Promise.all([
        ...current.map((x) => call(t.app, 'PATCH', `/api/v1/contacts/${x.id}`, { isPrimary: true, version: x.version })),
        ...current.map((x) => call(t.app, 'POST', `/api/v1/contacts/${x.id}/make-primary`, {})),
      ]);
      for (const r of results) expect(r.status, r.raw).toBeLessThan(500);
      expect(results.some((r) => r.status === 200)).toBe(true);
      expect(await primaries(c.id)).toHaveLength(1);
    }
    // New contacts created at once for a customer with none: exactly one becomes primary.
    const fresh = await createCustomer(t.app);
    const created = await Promise.all([1, 2, 3].map(() => call<Contact>(t.app, 'POST', '/api/v1/contacts', { name: 'Concurrent', customerId: fresh.id })));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(created.filter((r) => r.body.isPrimary)).toHaveLength(1);
    expect(await primaries(fresh.id)).toHaveLength(1);
  });

  it('M5.a: the contact list searches, filters, sorts and groups like the customer list', async () => {
    const c = await createCustomer(t.app, { name: '华信科技' });
    await createContact(t.app, c.id, { name: '王小明', email: 'wang@example.cn', title: '经理' });
    await createContact(t.app, c.id, { name: '李华', title: '经理' });
    const found = await call<Page>(t.app, 'GET', `/api/v1/contacts?q=${encodeURIComponent('小明')}`);
    expect(found.body.items.map((i) => i.name)).toEqual(['王小明']);
    const grouped = await call<{ groups: { label: string | null; count: number }[] }>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${c.id}&groupBy=customerId`);
    expect(grouped.body.groups).toEqual([{ value: c.id, label: '华信科技', count: 2 }]);
    const sorted = await call<Page>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${c.id}&sort=-isPrimary,name`);
    expect(sorted.body.items[0].isPrimary).toBe(true);
  });
});
