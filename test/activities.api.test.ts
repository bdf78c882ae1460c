import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, createContact, createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Page, type Problem } from './support/http.js';

type Activity = Record<string, unknown> & { id: number; version: number; status: string; endedAt: string | null };

describe.each(DATABASES)('activities API on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const fields = (p: { body: Problem }) => p.body.errors?.map((e) => e.field);

  it('M6.b: timed and all-day rules name the field; a contact fills its customer and a contact of another customer is refused', async () => {
    const allDay = await call<Activity>(t.app, 'POST', '/api/v1/activities?locale=ko', { subject: '삼성전자 방문', allDay: true, startDate: '2026-03-01', typeId: await dictId(t.app, 'activity-type', 'visit') });
    expect(allDay.status, allDay.raw).toBe(201);
    expect(allDay.body).toMatchObject({ allDay: true, startDate: '2026-03-01', startAt: null, status: 'planned', endedAt: null, _labels: { typeId: '방문' } });
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x' }))).toEqual(['startAt']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', allDay: true }))).toEqual(['startDate']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', allDay: true, startDate: '2026-03-01', startAt: '2026-03-01T00:00:00Z' }))).toEqual(['startAt']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', startAt: '2026-03-01T10:00:00Z', endAt: '2026-03-01T09:00:00Z' }))).toEqual(['endAt']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', allDay: true, startDate: '2026-03-02', endDate: '2026-03-01' }))).toEqual(['endDate']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', startAt: '2026-03-01T10:00:00Z', status: 'ended' }))).toEqual(['status']);
    expect(fields(await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', startAt: '2026-03-01T10:00:00Z', reminderMinutes: -1 }))).toEqual(['reminderMinutes']);
    // Switching a timed activity to all day: the instants go, the date comes, in one PATCH.
    const timed = await createActivity(t.app);
    const switched = await call<Activity>(t.app, 'PATCH', `/api/v1/activities/${timed.id}`, { version: timed.version, allDay: true, startAt: null, endAt: null, startDate: '2026-05-05' });
    expect(switched.status, switched.raw).toBe(200);
    expect(fields(await call<Problem>(t.app, 'PATCH', `/api/v1/activities/${timed.id}`, { version: switched.body.version, allDay: false }))).toEqual(['startAt', 'startDate']);

    const [a, b] = [await createCustomer(t.app, { name: '현대' }), await createCustomer(t.app)];
    const contact = await createContact(t.app, a.id);
    const filled = await createActivity(t.app, { contactId: contact.id });
    expect(filled).toMatchObject({ customerId: a.id, contactId: contact.id, _labels: { customerId: '현대' } });
    const wrong = await call<Problem>(t.app, 'POST', '/api/v1/activities', { subject: 'x', startAt: '2026-03-01T10:00:00Z', customerId: b.id, contactId: contact.id });
    expect(fields(wrong)).toEqual(['contactId']);
    const moved = await call<Problem>(t.app, 'PATCH', `/api/v1/activities/${filled.id}`, { version: filled.version, customerId: b.id });
    expect(fields(moved)).toEqual(['contactId']);
  });

  it('M6.e: End activity sets status, endedAt and outcome in one write; stale version 409, already ended 400; Reopen keeps the outcome; both recorded', async () => {
    const a = await createActivity(t.app, { subject: '견적 회의' });
    const stale = await call<Problem>(t.app, 'POST', `/api/v1/activities/${a.id}/end`, { outcome: 'x', version: a.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.current?.status).toBe('planned');
    const ended = await call<Activity>(t.app, 'POST', `/api/v1/activities/${a.id}/end`, { outcome: '계약 체결', version: a.version });
    expect(ended.status, ended.raw).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', outcome: '계약 체결', version: a.version + 1 });
    expect(Date.now() - Date.parse(String(ended.body.endedAt))).toBeLessThan(60_000);
    expect((await call<Problem>(t.app, 'POST', `/api/v1/activities/${a.id}/end`, { outcome: 'again' })).status).toBe(400);
    expect(fields(await call<Problem>(t.app, 'PATCH', `/api/v1/activities/${a.id}`, { version: ended.body.version, status: 'planned' }))).toEqual(['status']);
    const reopened = await call<Activity>(t.app, 'POST', `/api/v1/activities/${a.id}/reopen`, {});
    expect(reopened.body).toMatchObject({ status: 'planned', endedAt: null, outcome: '계약 체결', version: a.version + 2 });
    expect((await call(t.app, 'POST', `/api/v1/activities/${a.id}/reopen`, {})).status).toBe(400);
    expect((await call(t.app, 'POST', '/api/v1/activities/999999/end', {})).status).toBe(404);
    const events = await call<{ items: { action: string; at: string; by: number; byLabel: string; outcome: string | null }[] }>(t.app, 'GET', `/api/v1/activities/${a.id}/events`);
    expect(events.body.items.map((e) => [e.action, e.outcome, e.by, e.byLabel])).toEqual([['end', '계약 체결', 1, 'Local user'], ['reopen', null, 1, 'Local user']]);
  });

  it('M6.f: History is filter[status]=ended&sort=-endedAt, newest first, and filters by customer', async () => {
    const c = await createCustomer(t.app);
    const made = [await createActivity(t.app, { customerId: c.id }), await createActivity(t.app, { customerId: c.id }), await createActivity(t.app, { customerId: c.id })];
    for (const a of [made[1], made[0], made[2]]) {
      await call(t.app, 'POST', `/api/v1/activities/${a.id}/end`, { outcome: 'done' });
      await new Promise((r) => setTimeout(r, 5));
    }
    const history = await call<Page>(t.app, 'GET', `/api/v1/activities?filter[status]=ended&filter[customerId]=${c.id}&sort=-endedAt`);
    expect(history.body.items.map((i) => i.id)).toEqual([made[2].id, made[0].id, made[1].id]);
    const groups = await call<{ groups: { value: string; label: string; count: number }[] }>(t.app, 'GET', `/api/v1/activities?groupBy=status&filter[customerId]=${c.id}&locale=ko`);
    expect(groups.body.groups).toEqual([{ value: 'ended', label: '종료', count: 3 }]);
    const csv = await t.app.inject({ url: `/api/v1/activities/export?format=csv&filter[customerId]=${c.id}&locale=ko&columns=subject,status` });
    expect(csv.body.trim().split('\r\n').slice(1).map((line) => line.split(',')[1])).toEqual(['종료', '종료', '종료']);
    expect((await call<Problem>(t.app, 'GET', '/api/v1/activities?filter[status]=done')).status).toBe(400);
  });

  it('M6.c: the calendar returns what overlaps the window: timed by instant across its edges, all-day by date in the zone, ended ones too', async () => {
    const c = await createCustomer(t.app);
    const mk = (o: Record<string, unknown>) => createActivity(t.app, { customerId: c.id, ...o });
    const crossEnd = await mk({ subject: 'crosses the end', startAt: '2030-03-31T23:00:00Z', endAt: '2030-04-01T01:00:00Z' });
    const crossStart = await mk({ subject: 'crosses the start', startAt: '2030-02-28T22:00:00Z', endAt: '2030-03-01T00:30:00Z' });
    const long = await mk({ subject: 'ten days', startAt: '2030-02-20T00:00:00Z', endAt: '2030-03-02T00:00:00Z' });
    const before = await mk({ subject: 'ends at from', startAt: '2030-02-28T10:00:00Z', endAt: '2030-03-01T00:00:00Z' });
    const first = await mk({ subject: 'first day', allDay: true, startAt: null, endAt: null, startDate: '2030-03-01' });
    const last = await mk({ subject: 'last day', allDay: true, startAt: null, endAt: null, startDate: '2030-03-31' });
    const multi = await mk({ subject: 'three days', allDay: true, startAt: null, endAt: null, startDate: '2030-02-27', endDate: '2030-03-01' });
    const ended = await mk({ subject: 'ended', startAt: '2030-03-10T01:00:00Z', endAt: '2030-03-10T02:00:00Z' });
    await call(t.app, 'POST', `/api/v1/activities/${ended.id}/end`, { outcome: 'ok' });
    const ids = async (qs: string) => {
      const res = await call<{ items: { id: number }[]; capped: boolean }>(t.app, 'GET', `/api/v1/activities/calendar?${qs}&filter[customerId]=${c.id}`);
      expect(res.status, res.raw).toBe(200);
      expect(res.body.capped).toBe(false);
      return res.body.items.map((i) => i.id).sort((x, y) => x - y);
    };
    const sorted = (xs: { id: number }[]) => xs.map((x) => x.id).sort((p, q) => p - q);
    expect(await ids('from=2030-03-01T00:00:00Z&to=2030-04-01T00:00:00Z')).toEqual(sorted([crossEnd, crossStart, long, first, last, multi, ended]));
    expect(await ids('from=2030-04-01T00:00:00Z&to=2030-04-02T00:00:00Z')).toEqual(sorted([crossEnd]));
    expect(await ids('from=2030-02-28T00:00:00Z&to=2030-03-01T00:00:00Z')).toEqual(sorted([crossStart, long, before, multi]));
    // The same instants, two zones: 2030-03-02 00:00 in Seoul is 2030-03-01 15:00 UTC, still 1 March in Los Angeles.
    const window = `from=${encodeURIComponent('2030-03-02T00:00:00+09:00')}&to=${encodeURIComponent('2030-03-03T00:00:00+09:00')}`;
    expect(await ids(`${window}&tz=Asia/Seoul`)).toEqual(sorted([long]));
    expect(await ids(`${window}&tz=America/Los_Angeles`)).toEqual(sorted([long, first, multi]));
    // Dates mean that day's start in the zone; the end date is exclusive.
    // 31 March in Seoul ends at 15:00 UTC, before "crosses the end" starts; in Los Angeles it runs to 07:00 UTC on 1 April.
    expect(await ids('from=2030-03-31&to=2030-04-01&tz=Asia/Seoul')).toEqual(sorted([last]));
    expect(await ids('from=2030-03-31&to=2030-04-01&tz=America/Los_Angeles')).toEqual(sorted([crossEnd, last]));
    expect(await ids('from=2030-03-01&to=2030-04-01&tz=America/Los_Angeles&q=three')).toEqual(sorted([multi]));
    for (const bad of ['from=2030-03-01&to=2030-04-01&tz=Mars/Base', 'from=2030-03-01&to=2030-02-01', 'to=2030-04-01', 'from=yesterday&to=2030-04-01', 'from=2030-03-01&to=2032-04-01', `from=2030-03-01&to=2030-04-01&tz=${encodeURIComponent("UTC'; DROP TABLE activities; --")}`]) {
      const res = await call<Problem>(t.app, 'GET', `/api/v1/activities/calendar?${bad}`);
      expect(res.status, bad).toBe(400);
    }
    // Moving by drag is a PATCH with the version.
    const moved = await call<Activity>(t.app, 'PATCH', `/api/v1/activities/${first.id}`, { version: first.version, startDate: '2030-03-05' });
    expect(moved.status).toBe(200);
    expect((await call(t.app, 'PATCH', `/api/v1/activities/${first.id}`, { version: first.version, startDate: '2030-03-06' })).status).toBe(409);
  });

  it('a yes/no field sent as null is false, never a NULL the database refuses', async () => {
    const a = await createActivity(t.app);
    const res = await call(t.app, 'PATCH', `/api/v1/activities/${a.id}`, { allDay: null, version: a.version });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.allDay).toBe(false);
  });

  it('settings: the time zone is an IANA zone or null', async () => {
    expect((await call(t.app, 'GET', '/api/v1/settings')).body).toMatchObject({ timeZone: null });
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { timeZone: 'Asia/Seoul' })).body).toMatchObject({ timeZone: 'Asia/Seoul' });
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { timeZone: 'Asia/Nowhere' })).status).toBe(400);
    expect((await call(t.app, 'GET', '/api/v1/settings')).body).toMatchObject({ timeZone: 'Asia/Seoul' });
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { timeZone: null })).body).toMatchObject({ timeZone: null });
  });

  it('reminders: due when start − minutes has passed, gone when dismissed, due again when the start moves', async () => {
    const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
    const due = await createActivity(t.app, { startAt: at(10), endAt: at(40), reminderMinutes: 15 });
    const later = await createActivity(t.app, { startAt: at(60), endAt: at(90), reminderMinutes: 15 });
    const old = await createActivity(t.app, { startAt: at(-3000), endAt: at(-2990), reminderMinutes: 5 });
    const none = await createActivity(t.app, { startAt: at(1), endAt: at(2) });
    const reminders = async () => (await call<{ items: { id: number }[]; count: number }>(t.app, 'GET', '/api/v1/activities/reminders')).body;
    const r1 = await reminders();
    expect(r1.items.map((i) => i.id)).toContain(due.id);
    for (const x of [later, old, none]) expect(r1.items.map((i) => i.id)).not.toContain(x.id);
    expect(r1.count).toBe(r1.items.length);
    expect((await call(t.app, 'POST', `/api/v1/activities/${due.id}/dismiss-reminder`, {})).status).toBe(204);
    expect((await reminders()).items.map((i) => i.id)).not.toContain(due.id);
    await call(t.app, 'PATCH', `/api/v1/activities/${due.id}`, { version: due.version, startAt: at(5), endAt: at(40) });
    expect((await reminders()).items.map((i) => i.id)).toContain(due.id);
    await call(t.app, 'POST', `/api/v1/activities/${due.id}/end`, {});
    expect((await reminders()).items.map((i) => i.id)).not.toContain(due.id);
    expect((await call(t.app, 'POST', '/api/v1/activities/999999/dismiss-reminder', {})).status).toBe(404);
  });
});
