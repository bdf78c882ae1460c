import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { createActivity, createContact, createCustomer, createGroup } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { answerOf, expectWellFormed, type Answer } from './support/hostile.js';
import { call, type Page } from './support/http.js';
import { expectIntact } from './support/integrity.js';

/**
 * Hostile input to the routes modules add, each with the invariant of its own (a group's
 * membership, one primary contact, an activity's event log). The generic routes of every entity
 * are driven by hostile-registry.test.ts, and every route of the app by hostile-routes.test.ts.
 */
const ids = fc.oneof(fc.array(fc.integer({ min: -5, max: 3_000_000_000 }), { maxLength: 5 }), fc.array(fc.oneof(fc.string(), fc.double(), fc.constant(null)), { maxLength: 3 }), fc.string(), fc.constant(null));
const matching = fc.oneof(fc.constant(undefined), fc.record({ q: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()), filter: fc.dictionary(fc.oneof(fc.constantFrom('typeId', 'id[in]', 'group', 'name[contains]', '__proto__', 'filter[x]', 'a]b[c'), fc.string({ maxLength: 12 })), fc.string({ maxLength: 40 }), { maxKeys: 3 }) }, { requiredKeys: [] }));
const membersBody = fc.oneof(
  fc.record({ customerIds: ids }, { requiredKeys: [] }),
  fc.record({ add: ids, remove: ids, addMatching: matching, removeMatching: matching }, { requiredKeys: [] }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything(), { maxKeys: 3 }),
);
/** Bodies of one-click actions (make primary, end, reopen): their own keys, a record's keys, anything. */
const actionBody = fc.dictionary(
  fc.oneof(fc.constantFrom('version', 'outcome', 'status', 'endedAt', 'isPrimary', 'deletedAt', '__proto__', 'constructor'), fc.string({ maxLength: 12 })),
  fc.oneof(fc.string(), fc.string({ minLength: 300, maxLength: 12_000 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()), fc.constantFrom('ended', 'planned', '-1', '\u0000')),
  { maxKeys: 4 },
);
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('2030-03-01', '2030-03-01T00:00:00Z', '2030-03-01T00:00:00+09:00', '0000-01-01', '0001-01-01', '2030-13-45', "'; DROP TABLE activities; --"));
const zone = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Asia/Seoul', 'UTC', 'America/Los_Angeles', '../../etc/passwd', "UTC' OR 1=1 --", 'Etc/GMT+14'));
const anyValue = fc.oneof(
  fc.string({ maxLength: 30 }), fc.string({ minLength: 300, maxLength: 6000 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
  fc.constantFrom('=HYPERLINK("x")', '\u0000', '-1', 'KRW', 'XTS', 1e16, -5, 100.5, '2026-02-30'),
  fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 2 }),
);

describe.each(DATABASES)('hostile input to module routes on $name', (database) => {
  let t: TestApp;
  let group: { id: number };
  let customer: { id: number };
  let contact: { id: number };
  let activity: { id: number };
  beforeAll(async () => {
    t = await startApp(database);
    group = await createGroup(t.app);
    customer = await createCustomer(t.app);
    contact = await createContact(t.app, customer.id);
    activity = await createActivity(t.app);
    await call(t.app, 'POST', `/api/v1/customer-groups/${group.id}/members`, { customerIds: [customer.id] });
  });
  afterAll(async () => { await t?.close(); });

  const noServerError = (res: Answer) => expectWellFormed(res, res.raw.slice(0, 200));
  const membersOf = async () => (await call<Page>(t.app, 'GET', `/api/v1/customer-groups/${group.id}/members?limit=500`)).body.items.map((i) => i.id);
  const count = async (path: string) => (await call<{ total: number }>(t.app, 'GET', `/api/v1/${path}?total=exact`)).body.total;
  const events = async () => (await call<{ items: unknown[] }>(t.app, 'GET', `/api/v1/activities/${activity.id}/events`)).body.items.length;

  it('group members: POST, DELETE and PATCH with hostile bodies are 4xx problem+json and leave the membership as it was', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom('POST', 'DELETE', 'PATCH'), membersBody, async (method, body) => {
      const before = await membersOf();
      const res = await t.app.inject({ method, url: `/api/v1/customer-groups/${group.id}/members`, payload: body as Record<string, unknown> });
      noServerError(answerOf(res));
      if (res.statusCode >= 400) expect(await membersOf()).toEqual(before);
    }), { numRuns: 80 });
  });

  it('group members and non-members lists with garbage parameters: 200 or 400', async () => {
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

  it('make primary with hostile bodies: a 4xx writes nothing, and a customer keeps at most one primary contact', async () => {
    await fc.assert(fc.asyncProperty(actionBody, async (body) => {
      const before = { n: await count('contacts'), record: (await call(t.app, 'GET', `/api/v1/contacts/${contact.id}`)).body };
      const res = await call(t.app, 'POST', `/api/v1/contacts/${contact.id}/make-primary`, body);
      noServerError(res);
      if (res.status >= 400) {
        expect(await count('contacts')).toBe(before.n);
        expect((await call(t.app, 'GET', `/api/v1/contacts/${contact.id}`)).body).toEqual(before.record);
      }
    }), { numRuns: 40 });
    const primaries = await call<Page>(t.app, 'GET', `/api/v1/contacts?filter[customerId]=${customer.id}&filter[isPrimary]=1`);
    expect(primaries.body.items.length).toBeLessThanOrEqual(1);
  });

  it('vCard import of arbitrary text and bytes: never a 5xx; a 4xx or a dry run writes nothing', async () => {
    const card = fc.tuple(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }))
      .map(([a, b, c]) => `BEGIN:VCARD\r\nVERSION:${a}\r\nFN${b}\r\nORG:${c}\r\nN;ENCODING=QUOTED-PRINTABLE:${b}=\r\n${c}\r\nEND:VCARD\r\n`);
    const payload = fc.oneof(fc.string({ maxLength: 2000 }), card, fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)));
    await fc.assert(fc.asyncProperty(payload, fc.constantFrom('', '?createCustomers=1', '?dryRun=1&createCustomers=1'), async (body, qs) => {
      const before = await count('contacts');
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/contacts/import${qs}`, headers: { 'content-type': 'text/vcard' }, payload: body });
      noServerError(answerOf(res));
      if (res.statusCode >= 400 || qs.includes('dryRun')) expect(await count('contacts')).toBe(before);
    }), { numRuns: 80 });
  });

  it('end and reopen an activity with hostile bodies: a 4xx changes neither the activity nor its event log', async () => {
    await fc.assert(fc.asyncProperty(actionBody, fc.constantFrom('end', 'reopen'), async (b, action) => {
      const before = { n: await count('activities'), e: await events(), record: (await call(t.app, 'GET', `/api/v1/activities/${activity.id}`)).body };
      const res = await call(t.app, 'POST', `/api/v1/activities/${activity.id}/${action}`, b);
      noServerError(res);
      if (res.status >= 400) {
        expect(await count('activities')).toBe(before.n);
        expect(await events()).toBe(before.e);
        expect((await call(t.app, 'GET', `/api/v1/activities/${activity.id}`)).body).toEqual(before.record);
      } else {
        await call(t.app, 'POST', `/api/v1/activities/${activity.id}/${action === 'end' ? 'reopen' : 'end'}`, {}); // back to where it was, for the next run
      }
    }), { numRuns: 60 });
  });

  it('calendar and reminders with garbage windows, zones and filters: 200 or 400, never 5xx', async () => {
    const extra = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('status', 'startAt', 'startDate', 'customerId', 'x', '__proto__'), fc.constantFrom('', '[in]', '[gte]', '[empty]'), fc.string({ maxLength: 20 }))
      .map(([n, op, v]) => `&${encodeURIComponent(`filter[${n}]${op}`)}=${encodeURIComponent(v)}`));
    await fc.assert(fc.asyncProperty(text, text, zone, extra, fc.constantFrom('calendar', 'reminders'), async (from, to, tz, more, route) => {
      const qs = route === 'reminders' ? '' : `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&tz=${encodeURIComponent(tz)}${more}`;
      const res = await call(t.app, 'GET', `/api/v1/activities/${route}?${qs}`);
      noServerError(res);
      expect([200, 400]).toContain(res.status);
    }), { numRuns: 80 });
    // Windows at the ends of the calendar, in zones whose offset there has seconds (local mean time).
    for (const [from, to, tz] of [['0000-01-01', '0000-06-01', 'UTC'], ['0001-01-01', '0001-01-05', 'Asia/Seoul'], ['0001-01-01', '0001-01-05', 'America/Los_Angeles'],
      ['9999-12-01', '9999-12-31', 'Pacific/Kiritimati'], ['9999-12-31T00:00:00Z', '9999-12-31T23:00:00-14:00', 'UTC'], ['1900-01-01', '1900-02-01', 'Asia/Seoul']]) {
      const res = await call(t.app, 'GET', `/api/v1/activities/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&tz=${encodeURIComponent(tz)}`);
      noServerError(res);
      expect([200, 400], `${from} ${to} ${tz}`).toContain(res.status);
    }
  });

  it('feeds, dismiss, events and iCalendar with hostile ids and tokens: 4xx, never 5xx', async () => {
    const id = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('0', '-1', '99999999999', '1e3', '%00', '..'));
    await fc.assert(fc.asyncProperty(id, fc.constantFrom('feed', 'dismiss', 'events', 'delete-feed', 'ics'), async (raw, what) => {
      const enc = encodeURIComponent(raw);
      const res = what === 'feed' ? await call(t.app, 'GET', `/feeds/${enc}.ics`)
        : what === 'dismiss' ? await call(t.app, 'POST', `/api/v1/activities/${enc}/dismiss-reminder`, {})
          : what === 'events' ? await call(t.app, 'GET', `/api/v1/activities/${enc}/events`)
            : what === 'ics' ? await call(t.app, 'GET', `/api/v1/activities/${enc}/ics`)
              : await call(t.app, 'DELETE', `/api/v1/calendar-feeds/${enc}`);
      noServerError(res);
    }), { numRuns: 60 });
  });

  it('settings: hostile currency, locale, company and time zone are 4xx or saved within limits; never a 5xx', async () => {
    const settings = fc.oneof(
      fc.record({ currency: anyValue, locale: anyValue, company: fc.oneof(anyValue, fc.dictionary(fc.constantFrom('name', 'address', 'phone', 'email', 'x'), anyValue, { maxKeys: 3 })), timeZone: fc.oneof(anyValue, zone) }, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.constant('timeZone'), fc.string({ maxLength: 10 })), fc.oneof(zone, fc.integer(), fc.constant(null)), { maxKeys: 3 }),
    );
    await fc.assert(fc.asyncProperty(settings, async (b) => noServerError(await call(t.app, 'PATCH', '/api/v1/settings', b))), { numRuns: 100 });
    expect((await call(t.app, 'GET', '/api/v1/settings')).status).toBe(200);
  });

  it('the database is intact afterwards', async () => {
    await expectIntact(t.app.database, ENTITIES.filter((e) => e.searchFields.length).map((e) => e.table));
  });
});
