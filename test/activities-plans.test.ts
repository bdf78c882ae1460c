import type { RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityEntity } from '../src/shared/entities/activity.entity.js';
import { parseListParams } from '../src/server/core/list-params.js';
import { ListQuery } from '../src/server/core/list-query.js';
import { overlapQueries, parseWindow } from '../src/server/modules/activities/calendar.js';
import { dueQuery } from '../src/server/modules/activities/reminders.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { planOf } from './support/plans.js';
import { fullAccess } from '../src/server/auth/access.js';

const CLOCK = { now: Date.now(), timeZone: 'UTC' };

/** The calendar, history and reminder queries read one index range (DESIGN.md §8: check the plans; support/plans.ts). */
describe.each(DATABASES)('activity query plans on $name', (database) => {
  let t: TestApp;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  const plan = (query: RawBuilder<unknown>) => planOf(t.app, query);
  const noFullScan = (p: string) => {
    expect(p).not.toMatch(/SCAN t\b(?! USING)|Seq Scan|TEMP B-TREE/);
  };

  it('calendar: timed by the start_at range, all-day by the start_date range', async () => {
    const lq = new ListQuery(t.app.database, activityEntity);
    const raw = { from: '2030-03-01', to: '2030-04-01', tz: 'Asia/Seoul' };
    const p = parseListParams(activityEntity, raw, CLOCK, fullAccess(), undefined, ['from', 'to', 'tz']);
    const q = overlapQueries(lq.where(p), parseWindow(raw), { seconds: 86_400, days: 3 }, 2001);
    const timed = await plan(q.timed);
    expect(timed).toContain('activities_live_start_at');
    noFullScan(timed);
    const allDay = await plan(q.allDay);
    expect(allDay).toContain('activities_live_start_date');
    noFullScan(allDay);
  });

  it('calendar for one owner ("my calendar"): the owner\'s start range', async () => {
    const lq = new ListQuery(t.app.database, activityEntity);
    const raw = { from: '2030-03-01', to: '2030-04-01', tz: 'Asia/Seoul', 'filter[ownerId]': '1' };
    const p = parseListParams(activityEntity, raw, CLOCK, fullAccess(), undefined, ['from', 'to', 'tz']);
    const q = overlapQueries(lq.where(p), parseWindow(raw), { seconds: 86_400, days: 3 }, 2001);
    expect(await plan(q.timed)).toContain('activities_live_owner_start_at');
    expect(await plan(q.allDay)).toContain('activities_live_owner_start_date');
  });

  it('history: filter[status]=ended&sort=-endedAt (alone and with a customer) reads an index in order', async () => {
    const lq = new ListQuery(t.app.database, activityEntity);
    const history = await plan((await lq.firstPageQuery(parseListParams(activityEntity, { 'filter[status]': 'ended', sort: '-endedAt' }, CLOCK, fullAccess()))).query);
    expect(history).toContain('activities_live_status_ended');
    noFullScan(history);
    const byCustomer = await plan((await lq.firstPageQuery(parseListParams(activityEntity, { 'filter[status]': 'ended', 'filter[customerId]': '7', sort: '-endedAt' }, CLOCK, fullAccess()))).query);
    expect(byCustomer).toContain('activities_live_customer_id_status_ended');
    noFullScan(byCustomer);
  });

  it('reminders: the partial reminders index', async () => {
    const p = await plan(dueQuery(t.app.database, 1, new Date()));
    expect(p).toContain('activities_reminders');
    noFullScan(p);
  });
});
