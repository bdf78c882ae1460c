import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity, dictId } from './support/builders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call } from './support/http.js';

const LONG_KO = '삼성전자 본사 방문 – 차세대 반도체 공급 계약 조건 협의 및 일정 확정 회의 (담당: 김철수 과장)';

describe.each(DATABASES)('activities iCalendar and feeds on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const parse = (text: string) => new ICAL.Component(ICAL.parse(text));

  it('export?format=ics: parsed back by ical.js with Korean intact, UTC instants, VALUE=DATE all-day with an exclusive end, VALARM, CATEGORIES; an ended task is a COMPLETED VTODO', async () => {
    const meeting = await createActivity(t.app, { subject: LONG_KO, typeId: await dictId(t.app, 'activity-type', 'meeting'), startAt: '2030-06-01T01:00:00Z', endAt: '2030-06-01T02:30:00Z', location: '서울 서초구', reminderMinutes: 15, description: '준비물: 견적서' });
    const allDay = await createActivity(t.app, { subject: '전시회', allDay: true, startAt: null, endAt: null, startDate: '2030-06-03', endDate: '2030-06-04' });
    const task = await createActivity(t.app, { subject: '견적서 발송', typeId: await dictId(t.app, 'activity-type', 'task'), startAt: '2030-06-02T00:00:00Z', endAt: null });
    await call(t.app, 'POST', `/api/v1/activities/${task.id}/end`, { outcome: '메일로 발송함' });
    const res = await t.app.inject({ url: `/api/v1/activities/export?format=ics&locale=ko&filter[id][in]=${meeting.id},${allDay.id},${task.id}&sort=id` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
    expect(res.body).toContain('DTSTART;VALUE=DATE:20300603');
    expect(res.body).toContain('DTEND;VALUE=DATE:20300605');
    const cal = parse(res.body);
    const [event, day] = cal.getAllSubcomponents('vevent');
    expect(event.getFirstPropertyValue('summary')).toBe(LONG_KO);
    expect(event.getFirstPropertyValue('uid')).toBe(`activity-${meeting.id}@rapport`);
    expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2030-06-01T01:00:00Z');
    expect(String(event.getFirstPropertyValue('dtend'))).toBe('2030-06-01T02:30:00Z');
    expect(event.getFirstPropertyValue('location')).toBe('서울 서초구');
    expect(event.getFirstPropertyValue('categories')).toBe('회의');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('sequence')).toBe(meeting.version);
    expect(String(event.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger'))).toBe('-PT15M');
    const start = day.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2030-06-03');
    const todo = cal.getFirstSubcomponent('vtodo');
    expect(todo?.getFirstPropertyValue('status')).toBe('COMPLETED');
    expect(String(todo?.getFirstPropertyValue('description'))).toMatch(/^\[종료됨 .*\]\n결과: 메일로 발송함$/);
    expect(todo?.getFirstPropertyValue('completed')).toBeTruthy();

    const one = await t.app.inject({ url: `/api/v1/activities/${meeting.id}/ics` });
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(parse(one.body).getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary')).toBe(LONG_KO);
    expect((await t.app.inject({ url: '/api/v1/activities/999999/ics' })).statusCode).toBe(404);
  });

  it('feeds: a long random token (stored hashed) serves the user\'s activities without a session; listing shows no token; a revoked or unknown token is 404', async () => {
    const a = await createActivity(t.app, { subject: '구독 피드 확인' });
    const created = await call<{ id: number; url: string; token: string; path: string }>(t.app, 'POST', '/api/v1/calendar-feeds', {});
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(created.body.url).toMatch(new RegExp(`/feeds/${created.body.token}\\.ics$`));
    const { rows } = await sql<{ token_hash: string }>`SELECT token_hash FROM calendar_feeds WHERE id = ${created.body.id}`.execute(t.app.database.kysely);
    expect(rows[0].token_hash).not.toContain(created.body.token);
    const listed = await call<{ items: Record<string, unknown>[] }>(t.app, 'GET', '/api/v1/calendar-feeds');
    expect(listed.body.items.map((i) => i.id)).toContain(created.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const feed = await t.app.inject({ url: created.body.path });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain(`UID:activity-${a.id}@rapport`);
    expect(parse(feed.body).getAllSubcomponents('vevent').length).toBeGreaterThan(0);
    for (const bad of ['/feeds/nothing.ics', `/feeds/${'A'.repeat(43)}.ics`, `/feeds/${created.body.token}`, `/feeds/${created.body.token}.ics.ics`]) {
      expect((await t.app.inject({ url: bad })).statusCode, bad).toBe(404);
    }
    expect((await call(t.app, 'DELETE', `/api/v1/calendar-feeds/${created.body.id}`)).status).toBe(204);
    expect((await t.app.inject({ url: created.body.path })).statusCode).toBe(404);
    expect((await call(t.app, 'DELETE', `/api/v1/calendar-feeds/${created.body.id}`)).status).toBe(404);
    expect((await call<{ items: { id: number }[] }>(t.app, 'GET', '/api/v1/calendar-feeds')).body.items.map((i) => i.id)).not.toContain(created.body.id);
  });
});
