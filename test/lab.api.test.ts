import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAB_STEPS } from '../src/shared/lab/steps.js';
import { createActivity, createContact, createCustomer, createOpportunity, createProduct } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Problem } from './support/http.js';

interface Step { id: string; module: string; done: boolean; doneAt: string | null }
interface Lab { enabled: boolean; steps: Step[] }

/**
 * The guided lab's tick rules (issue 13), one by one: each step is false until its work is done,
 * true right after, and false again when the work is undone. The steps are judged from the data and
 * from usage events, so the test does the work through the API as the pages would.
 */
describe.each(DATABASES)('guided lab API on $name', (database) => {
  let t: TestApp;
  const lab = async () => {
    const res = await call<Lab>(t.app, 'GET', '/api/v1/lab');
    expect(res.status, res.raw.slice(0, 400)).toBe(200);
    return res.body;
  };
  const done = async () => Object.fromEntries((await lab()).steps.map((s) => [s.id, s.done]));
  const use = async (event: string, subject: string) => {
    const res = await call(t.app, 'POST', '/api/v1/usage', { event, subject });
    expect(res.status, res.raw.slice(0, 400)).toBe(204);
  };
  /** Asserts these steps flip from false to true across `work`, and nothing else changes. */
  const ticks = async (ids: string[], work: () => Promise<void>) => {
    const before = await done();
    for (const id of ids) expect(before[id], `${id} before its work`).toBe(false);
    await work();
    const after = await done();
    for (const id of ids) expect(after[id], `${id} after its work`).toBe(true);
    const others = Object.keys(after).filter((k) => !ids.includes(k) && after[k] !== before[k]);
    expect(others, 'steps that changed with this work').toEqual([]);
  };

  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t.close(); });

  it('lists every step of the manual in order; a new installation has only M0.a done', async () => {
    const l = await lab();
    expect(l.enabled).toBe(true);
    expect(l.steps.map((s) => s.id)).toEqual(LAB_STEPS.map((s) => s.id));
    expect(l.steps.filter((s) => s.done).map((s) => s.id)).toEqual(['M0.a']);
    expect(l.steps.find((s) => s.id === 'M1.c')).toMatchObject({ module: 'M1', done: false, doneAt: null });
  });

  it('M0.c / M0.b: opening the app, then three pages', async () => {
    await ticks(['M0.c'], () => use('opened', '/'));
    await use('opened', '/trash/customers');
    expect((await done())['M0.b']).toBe(false);
    await ticks(['M0.b'], () => use('opened', '/settings'));
  });

  it('M1.b, M1.c: a customer saved; Save and New twice in a row', async () => {
    await ticks(['M1.b'], async () => { await createCustomer(t.app, { name: 'Alpha' }); });
    await use('saved-and-new', 'customers');
    expect((await done())['M1.c']).toBe(false);
    await ticks(['M1.c'], () => use('saved-and-new', 'customers'));
    const c = (await lab()).steps.find((s) => s.id === 'M1.c');
    expect(Date.parse(c?.doneAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('M1.d, M2.a–M2.e: edited, list opened, grouped, record viewed, a cell edited in place, a third customer from New', async () => {
    await ticks(['M1.d'], () => use('edited', 'customers'));
    await ticks(['M2.a'], () => use('opened', '/customers'));
    await ticks(['M2.b'], () => use('grouped', 'customers'));
    await ticks(['M2.c'], () => use('viewed', 'customers'));
    await ticks(['M2.d'], () => use('edited-inline', 'customers'));
    await use('new', 'customers');
    await use('new', 'customers');
    await createCustomer(t.app, { name: 'Beta' });
    expect((await done())['M2.e']).toBe(false);
    await ticks(['M2.e'], async () => { await createCustomer(t.app, { name: 'Gamma' }); });
  });

  it('M3.a–M3.c: the groups folder opened, customers in several groups, each of the five groups with members', async () => {
    const groups = (await call<{ items: { id: number; position: number }[] }>(t.app, 'GET', '/api/v1/customer-groups?sort=position')).body.items;
    const customers = (await call<{ items: { id: number; name: string }[] }>(t.app, 'GET', '/api/v1/customers')).body.items;
    const add = async (position: number, customerId: number) => {
      const g = groups.find((x) => x.position === position);
      const res = await call(t.app, 'POST', `/api/v1/customer-groups/${g?.id}/members`, { customerIds: [customerId] });
      expect(res.status, res.raw.slice(0, 300)).toBe(200);
    };
    await use('opened', '/customer-groups');
    await ticks(['M3.b'], () => add(10, customers[0].id));
    expect((await done())['M3.a']).toBe(false);
    await ticks(['M3.a'], () => add(20, customers[1].id));
    await add(30, customers[2].id);
    await add(40, customers[2].id);
    expect((await done())['M3.c']).toBe(false);
    await ticks(['M3.c'], () => add(50, customers[0].id));
  });

  it('M4.a–M4.c, M5: contacts for several customers with a primary one; deleting it un-ticks M4.c', async () => {
    const customers = (await call<{ items: { id: number }[] }>(t.app, 'GET', '/api/v1/customers')).body.items;
    await use('new', 'contacts');
    const first = await createContact(t.app, customers[0].id);
    let d = await done();
    expect([d['M4.a'], d['M4.b'], d['M4.c']]).toEqual([true, true, false]);
    await createContact(t.app, customers[1].id);
    expect((await done())['M4.c']).toBe(false);
    await ticks(['M4.c'], async () => { await createContact(t.app, customers[0].id); });
    // The only primary contact of the customer with several goes: the step is undone.
    const del = await call(t.app, 'DELETE', `/api/v1/contacts/${first.id}`);
    expect(del.status).toBeLessThan(300);
    expect((await done())['M4.c']).toBe(false);
    await createContact(t.app, customers[0].id);
    expect((await done())['M4.c']).toBe(true);
    await ticks(['M5.a', 'M5.d'], () => use('opened', '/contacts'));
    await ticks(['M5.b', 'M5.c'], () => use('viewed', 'contacts'));
    d = await done();
    expect(d['M5.c']).toBe(true);
  });

  it('M6: activities folder, an activity, the calendar, an edit, End activity (undone by reopening), History', async () => {
    await ticks(['M6.a'], () => use('opened', '/activities'));
    let activityId = 0;
    await ticks(['M6.b'], async () => { activityId = (await createActivity(t.app)).id; });
    await ticks(['M6.c'], () => use('opened', '/calendar'));
    await ticks(['M6.d'], () => use('edited', 'activities'));
    await ticks(['M6.e'], async () => { expect((await call(t.app, 'POST', `/api/v1/activities/${activityId}/end`, {})).status).toBe(200); });
    expect((await call(t.app, 'POST', `/api/v1/activities/${activityId}/reopen`, {})).status).toBe(200);
    expect((await done())['M6.e']).toBe(false);
    expect((await call(t.app, 'POST', `/api/v1/activities/${activityId}/end`, {})).status).toBe(200);
    await ticks(['M6.f'], () => use('opened', '/history'));
  });

  it('M7, M8: categories from the editor, a product in one, an opportunity with lines, its export, a sale viewed', async () => {
    await ticks(['M7.a'], () => use('opened', '/products'));
    await ticks(['M7.b'], () => use('new', 'products'));
    await ticks(['M7.c'], () => use('dictionary-value-added', 'product-category'));
    await ticks(['M7.d'], () => use('dictionary-value-added', 'product-category:child'));
    const categories = (await call<{ items: { id: number; parentId: number | null }[] }>(t.app, 'GET', '/api/v1/dictionaries/product-category/values')).body.items;
    let productId = 0;
    await ticks(['M7.e'], async () => { productId = (await createProduct(t.app, { categoryId: categories.find((c) => c.parentId === null)?.id })).id; });
    const customers = (await call<{ items: { id: number }[] }>(t.app, 'GET', '/api/v1/customers')).body.items;
    await ticks(['M8.a'], () => use('opened', '/opportunities'));
    await ticks(['M8.b'], async () => { await createOpportunity(t.app, customers[0].id); });
    await ticks(['M8.c'], async () => { await createOpportunity(t.app, customers[0].id, { lines: [{ productId, quantity: 2, unitPrice: 1000 }] }); });
    await ticks(['M8.d'], async () => { expect((await call(t.app, 'GET', '/api/v1/opportunities/export?format=csv')).status).toBe(200); });
    await ticks(['M8.e'], () => use('opened', '/sales'));
  });

  it('an export asked for by another site\'s page ticks nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/expenses/export?format=csv', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.statusCode).toBe(200);
    const expensesExported = await call<{ items: unknown[] }>(t.app, 'GET', '/api/v1/lab');
    expect(expensesExported.status).toBe(200);
    const rows = await t.app.database.kysely.selectFrom('usage_events').selectAll().where('subject', '=', 'expenses').execute();
    expect(rows).toEqual([]);
  });

  it('M11: each analysis run ticks its step', async () => {
    await ticks(['M11.a'], async () => { expect((await call(t.app, 'GET', '/api/v1/analysis/trend')).status).toBe(200); });
    expect((await call(t.app, 'GET', '/api/v1/analysis/funnel')).status).toBe(200);
    expect((await done())['M11.b']).toBe(false);
    await ticks(['M11.b'], async () => { expect((await call(t.app, 'GET', '/api/v1/analysis/composition')).status).toBe(200); });
  });

  it('refuses an unknown event, a server-side event and a bad subject, naming the field; another site\'s page is refused', async () => {
    for (const [body, field] of [
      [{ event: 'hacked', subject: 'customers' }, 'event'],
      [{ event: 'exported', subject: 'customers' }, 'event'],
      [{ event: 'opened', subject: '<script>' }, 'subject'],
      [{ event: 'opened', subject: 'x'.repeat(101) }, 'subject'],
      [{ event: 'opened', subject: '/', extra: 1 }, ''],
    ] as const) {
      const res = await call<Problem>(t.app, 'POST', '/api/v1/usage', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
    }
    const evil = await t.app.inject({ method: 'POST', url: '/api/v1/usage', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, payload: JSON.stringify({ event: 'opened', subject: '/' }) });
    expect(evil.statusCode).toBe(403);
  });

  it('Settings can turn the lab off and on again', async () => {
    const off = await call<Lab>(t.app, 'PATCH', '/api/v1/lab', { enabled: false });
    expect(off.body).toEqual({ enabled: false, steps: [] });
    expect((await call<Problem>(t.app, 'PATCH', '/api/v1/lab', { enabled: 'no' })).body.errors?.[0]?.field).toBe('enabled');
    const on = await call<Lab>(t.app, 'PATCH', '/api/v1/lab', { enabled: true });
    expect(on.body.steps.length).toBe(LAB_STEPS.length);
  });
});
