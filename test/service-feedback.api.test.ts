import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContact, createCustomer, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Groups, type Page, type Problem } from './support/http.js';
import { snapshot } from './support/snapshot.js';

interface Feedback {
  id: number; version: number; number: string; statusId: number; priorityId: number; receivedAt: string;
  firstRespondedAt: string | null; resolvedAt: string | null; responseDueAt: string | null; resolutionDueAt: string | null;
  clockPausedAt: string | null; pausedMinutes: number; _labels: Record<string, string | null>;
}
interface Change { from: number | null; to: number; changedAt: string; changedBy: number; _labels: { from: string | null; to: string; changedBy: string } }

const seoul = (local: string) => new Date(`${local}+09:00`).toISOString();

/** Runs with the clock at `iso` (Date only; the database keeps real time). */
async function at<T>(iso: string, body: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  try { return await body(); } finally { vi.useRealTimers(); }
}

/** Lab manual M9: service feedback with its number, status history and service clock (issue 11). */
describe.each(DATABASES)('service feedback API on $name', (database) => {
  let t: TestApp;
  let customer: { id: number };
  const status: Record<string, number> = {};
  const priority: Record<string, number> = {};
  beforeAll(async () => {
    t = await startApp(database);
    // Seoul, working 09:00–18:00 Monday to Friday (the defaults).
    expect((await call(t.app, 'PATCH', '/api/v1/settings', { installationTimeZone: 'Asia/Seoul' })).status).toBe(200);
    customer = await createCustomer(t.app, { name: '삼성전자' });
    for (const code of ['open', 'in-progress', 'waiting', 'resolved', 'closed']) status[code] = await dictId(t.app, 'service-status', code);
    for (const code of ['normal', 'high', 'urgent']) priority[code] = await dictId(t.app, 'service-priority', code);
  });
  afterAll(async () => { await t?.close(); });
  afterEach(() => { vi.useRealTimers(); });

  const create = (body: Record<string, unknown>) => call<Feedback & Problem>(t.app, 'POST', '/api/v1/service-feedback', { subject: 'Printer jams', customerId: customer.id, ...body });
  const get = async (id: number) => (await call<Feedback>(t.app, 'GET', `/api/v1/service-feedback/${id}`)).body;
  const patch = (f: { id: number; version: number }, body: Record<string, unknown>) => call<Feedback & Problem>(t.app, 'PATCH', `/api/v1/service-feedback/${f.id}`, { version: f.version, ...body });
  const history = async (id: number) => (await call<{ items: Change[] }>(t.app, 'GET', `/api/v1/service-feedback/${id}/status-history`)).body.items;

  it('M9: a new request is numbered SF-<year>-n, starts Open at Normal priority, received now; ten at once get ten numbers', async () => {
    const first = await create({});
    expect(first.status, first.raw).toBe(201);
    expect(first.body.number).toMatch(/^SF-\d{4}-\d{5}$/);
    expect(first.body._labels).toMatchObject({ statusId: 'Open', priorityId: 'Normal', customerId: '삼성전자' });
    expect(Math.abs(Date.parse(first.body.receivedAt) - Date.now())).toBeLessThan(60_000);
    const many = await Promise.all(Array.from({ length: 10 }, () => create({})));
    expect(many.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(many.map((r) => r.body.number)).size).toBe(10);
  });

  it('M9: the due times are the priority\'s targets in working hours: received Friday 17:00 in Seoul, High (4 h / 16 h) → Monday 12:00 and Tuesday 15:00', async () => {
    const r = await create({ priorityId: priority.high, receivedAt: seoul('2026-12-04T17:00:00') });
    expect(r.body.responseDueAt).toBe(seoul('2026-12-07T12:00:00'));
    expect(r.body.resolutionDueAt).toBe(seoul('2026-12-08T15:00:00'));
    // A new working time re-times the running clock at once: Saturday mornings count.
    const w = await call(t.app, 'PUT', '/api/v1/settings/working-time', { days: [1, 2, 3, 4, 5, 6], start: '09:00', end: '18:00' });
    expect(w.status, w.raw).toBe(200);
    expect((await get(r.body.id)).responseDueAt).toBe(seoul('2026-12-05T12:00:00'));
    for (const bad of [{ days: [], start: '09:00', end: '18:00' }, { days: [1], start: '18:00', end: '09:00' }, { days: [9], start: '09:00', end: '18:00' }, { days: [1], start: '9', end: '18:00' }]) {
      const res = await call<Problem>(t.app, 'PUT', '/api/v1/settings/working-time', bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.errors?.length).toBeGreaterThan(0);
    }
    await call(t.app, 'PUT', '/api/v1/settings/working-time', { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' });
    expect((await get(r.body.id)).responseDueAt).toBe(seoul('2026-12-07T12:00:00'));
    // Editing the priority's targets re-times it too.
    const high = (await call<{ version: number }>(t.app, 'GET', `/api/v1/dictionaries/service-priority/values/${priority.high}`)).body;
    expect((await call(t.app, 'PATCH', `/api/v1/dictionaries/service-priority/values/${priority.high}`, { version: high.version, attributes: { responseHours: 2 } })).status).toBe(200);
    expect((await get(r.body.id)).responseDueAt).toBe(seoul('2026-12-07T10:00:00'));
    await call(t.app, 'PATCH', `/api/v1/dictionaries/service-priority/values/${priority.high}`, { version: high.version + 1, attributes: { responseHours: 4 } });
  });

  it('M9: the first status change is the first response; waiting on the customer pauses the clock across a weekend; resolved stops it; reopening starts it again', async () => {
    const r = await at(seoul('2026-12-04T10:00:00'), () => create({ priorityId: priority.normal, receivedAt: seoul('2026-12-04T10:00:00') }));
    // Normal: 8 h response, 40 h resolution → Friday 10:00 + 40 working hours = Thursday 14:00.
    expect(r.body.resolutionDueAt).toBe(seoul('2026-12-10T14:00:00'));
    const working = await at(seoul('2026-12-04T11:00:00'), () => patch(r.body, { statusId: status['in-progress'] }));
    expect(working.body.firstRespondedAt).toBe(seoul('2026-12-04T11:00:00'));
    expect(working.body.responseDueAt).toBeNull();
    // Waiting from Friday 16:00 to Tuesday 10:00: 2 + 9 + 1 = 12 working hours paused.
    const waiting = await at(seoul('2026-12-04T16:00:00'), () => patch(working.body, { statusId: status.waiting }));
    expect(waiting.body).toMatchObject({ clockPausedAt: seoul('2026-12-04T16:00:00'), resolutionDueAt: null, responseDueAt: null });
    const overdueWhilePaused = await at(seoul('2026-12-20T10:00:00'), () => call<Page>(t.app, 'GET', `/api/v1/service-feedback?filter[resolutionDueAt][due]=overdue&filter[id]=${r.body.id}`));
    expect(overdueWhilePaused.body.items).toEqual([]);
    const back = await at(seoul('2026-12-08T10:00:00'), () => patch(waiting.body, { statusId: status['in-progress'] }));
    expect(back.body).toMatchObject({ clockPausedAt: null, pausedMinutes: 12 * 60 });
    expect(back.body.resolutionDueAt).toBe(seoul('2026-12-11T17:00:00'));
    const resolved = await at(seoul('2026-12-09T09:30:00'), () => patch(back.body, { statusId: status.resolved, resolution: '토너 교체' }));
    expect(resolved.body).toMatchObject({ resolvedAt: seoul('2026-12-09T09:30:00'), resolutionDueAt: null, firstRespondedAt: seoul('2026-12-04T11:00:00') });
    const reopened = await at(seoul('2026-12-10T09:00:00'), () => patch(resolved.body, { statusId: status.open }));
    expect(reopened.body.resolvedAt).toBeNull();
    expect(reopened.body.resolutionDueAt).toBe(seoul('2026-12-11T17:00:00'));
    // Every change is in the history, in order, with who; a refused write adds nothing.
    const before = await history(r.body.id);
    expect(before.map((h) => [h._labels.from, h._labels.to])).toEqual([[null, 'Open'], ['Open', 'In progress'], ['In progress', 'Waiting on customer'],
      ['Waiting on customer', 'In progress'], ['In progress', 'Resolved'], ['Resolved', 'Open']]);
    expect(before.every((h) => h.changedBy === 1 && h._labels.changedBy === 'Local user')).toBe(true);
    const refused = await patch(reopened.body, { statusId: status.closed, satisfaction: 6 });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.field)).toEqual(['satisfaction']);
    expect(await history(r.body.id)).toEqual(before);
    expect((await get(r.body.id)).version).toBe(reopened.body.version);
  });

  it('M9: lists filter and group by overdue / due today / later, relative to now in Seoul', async () => {
    const ids: number[] = [];
    // At 10:00 on Wednesday 2026-12-09 in Seoul: one due yesterday, one due at 16:00 today, one next week.
    for (const [received, p] of [['2026-12-07T09:00:00', 'urgent'], ['2026-12-09T08:00:00', 'urgent'], ['2026-12-09T08:00:00', 'normal']] as const) {
      ids.push((await create({ priorityId: priority[p], receivedAt: seoul(received), subject: `Clock ${received} ${p}` })).body.id);
    }
    const only = `filter[id][in]=${ids.join(',')}`;
    const states = await at(seoul('2026-12-09T10:00:00'), async () => ({
      overdue: (await call<Page>(t.app, 'GET', `/api/v1/service-feedback?${only}&filter[resolutionDueAt][due]=overdue`)).body.items.map((i) => i.id),
      today: (await call<Page>(t.app, 'GET', `/api/v1/service-feedback?${only}&filter[resolutionDueAt][due]=today`)).body.items.map((i) => i.id),
      later: (await call<Page>(t.app, 'GET', `/api/v1/service-feedback?${only}&filter[resolutionDueAt][due]=later`)).body.items.map((i) => i.id),
      groups: (await call<Groups>(t.app, 'GET', `/api/v1/service-feedback?${only}&groupBy=resolutionDueAt&locale=ko`)).body.groups.map((g) => [g.value, g.label, g.count]),
    }));
    expect(states).toEqual({
      overdue: [ids[0]], today: [ids[1]], later: [ids[2]],
      groups: [['overdue', '기한 지남', 1], ['today', '오늘 마감', 1], ['later', '이후', 1]],
    });
    const bad = await call<Problem>(t.app, 'GET', '/api/v1/service-feedback?filter[receivedAt][due]=overdue');
    expect(bad.status).toBe(400);
    expect((await call<Problem>(t.app, 'GET', '/api/v1/service-feedback?filter[resolutionDueAt][due]=soon')).status).toBe(400);
  });

  it('M9: the contact belongs to the customer; a wrong one is a 400 naming contactId and nothing is written', async () => {
    const other = await createCustomer(t.app, { name: 'Other Co' });
    const stranger = await createContact(t.app, other.id, { name: 'Stranger' });
    const before = await snapshot(t.app.database);
    const res = await create({ contactId: stranger.id });
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field)).toEqual(['contactId']);
    expect(await snapshot(t.app.database)).toBe(before);
    const mine = await createContact(t.app, customer.id, { name: '김철수' });
    const ok = await create({ contactId: mine.id });
    expect(ok.status, ok.raw).toBe(201);
  });
});
