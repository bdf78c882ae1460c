import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityEntity } from '../src/shared/entities/activity.entity.js';
import { createActivity } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';

/** The hostile-input properties of hostile-input.test.ts, driven at the activity routes (M6). */
const keys = [...Object.keys(activityEntity.allFields), 'outcome', 'version', 'deletedAt', '__proto__'];
const value = fc.oneof(fc.string(), fc.string({ minLength: 300, maxLength: 12_000 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer()),
  fc.constantFrom('2030-02-30', '2030-03-01T25:00:00Z', '9999-12-31T23:59:59Z', 'ended', 'planned', '-1'));
const body = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })), value, { maxKeys: 6 });
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('2030-03-01', '2030-03-01T00:00:00Z', '2030-03-01T00:00:00+09:00', '0000-01-01', '2030-13-45', "'; DROP TABLE activities; --"));
const zone = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Asia/Seoul', 'UTC', 'America/Los_Angeles', '../../etc/passwd', "UTC' OR 1=1 --", 'Etc/GMT+14'));

describe.each(DATABASES)('hostile input to activities on $name', (database) => {
  let t: TestApp;
  let activity: { id: number };
  beforeAll(async () => {
    t = await startApp(database);
    activity = await createActivity(t.app);
  });
  afterAll(async () => { await t?.close(); });

  const noServerError = (res: { status: number; headers: Record<string, unknown>; raw: string }) => {
    expect(res.status, res.raw).toBeLessThan(500);
    if (res.status >= 400) expect(String(res.headers['content-type'])).toMatch(/application\/problem\+json/);
  };
  const count = async () => (await call<{ total: number }>(t.app, 'GET', '/api/v1/activities?total=exact')).body.total;
  const events = async () => (await call<{ items: unknown[] }>(t.app, 'GET', `/api/v1/activities/${activity.id}/events`)).body.items.length;

  it('create, patch, end and reopen with hostile bodies: 4xx problem+json, nothing written', async () => {
    await fc.assert(fc.asyncProperty(body, fc.constantFrom('POST', 'PATCH', 'END', 'REOPEN'), async (b, how) => {
      const before = { n: await count(), e: await events(), record: (await call(t.app, 'GET', `/api/v1/activities/${activity.id}`)).body };
      const version = (before.record as { version: number }).version;
      const res = how === 'POST' ? await call(t.app, 'POST', '/api/v1/activities', b)
        : how === 'PATCH' ? await call(t.app, 'PATCH', `/api/v1/activities/${activity.id}`, { ...b, version })
          : await call(t.app, 'POST', `/api/v1/activities/${activity.id}/${how === 'END' ? 'end' : 'reopen'}`, b);
      noServerError(res);
      if (res.status >= 400) {
        expect(await count()).toBe(before.n);
        expect(await events()).toBe(before.e);
        expect((await call(t.app, 'GET', `/api/v1/activities/${activity.id}`)).body).toEqual(before.record);
      } else if (how === 'END' || how === 'REOPEN') {
        await call(t.app, 'POST', `/api/v1/activities/${activity.id}/${how === 'END' ? 'reopen' : 'end'}`, {}); // back to where it was, for the next run
      }
    }), { numRuns: 80 });
  });

  it('calendar, export and reminders with garbage parameters: 200 or 400, never 5xx', async () => {
    const extra = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('status', 'startAt', 'startDate', 'customerId', 'x', '__proto__'), fc.constantFrom('', '[in]', '[gte]', '[empty]'), fc.string({ maxLength: 20 }))
      .map(([n, op, v]) => `&${encodeURIComponent(`filter[${n}]${op}`)}=${encodeURIComponent(v)}`));
    await fc.assert(fc.asyncProperty(text, text, zone, extra, fc.constantFrom('calendar', 'export', 'reminders'), async (from, to, tz, more, route) => {
      const qs = route === 'export' ? `format=ics${more}` : route === 'reminders' ? '' : `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&tz=${encodeURIComponent(tz)}${more}`;
      const res = await call(t.app, 'GET', `/api/v1/activities/${route}?${qs}`);
      noServerError(res);
      expect([200, 400]).toContain(res.status);
    }), { numRuns: 80 });
  });

  it('feeds, dismiss and events with hostile ids and tokens: 404 or 4xx, never 5xx', async () => {
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
    const settings = fc.dictionary(fc.oneof(fc.constant('timeZone'), fc.string({ maxLength: 10 })), fc.oneof(zone, fc.integer(), fc.constant(null)), { maxKeys: 3 });
    await fc.assert(fc.asyncProperty(settings, async (b) => noServerError(await call(t.app, 'PATCH', '/api/v1/settings', b))), { numRuns: 40 });
  });

  it('the database is intact afterwards', async () => {
    const db = t.app.database;
    if (db.dialect !== 'sqlite') return;
    const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
    expect(rows[0].integrity_check).toBe('ok');
    for (const fts of ['activities_fts', 'activities_grams']) await sql`INSERT INTO ${sql.table(fts)} (${sql.ref(fts)}) VALUES ('integrity-check')`.execute(db.kysely);
  });
});
