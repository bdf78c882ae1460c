import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, dictionaryValues } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { grid } from './support/ui.js';

const host = { host: '127.0.0.1' };
const ZONE = 'Asia/Seoul';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A calendar day (`YYYY-MM-DD`) in Seoul, `days` from now. */
const seoulDay = (days = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * DAY));

/**
 * Issue 12: the app opens on a dashboard — today's and overdue contact activities, the open pipeline
 * by stage with weighted amounts, this month's sales against last month's, open service feedback by
 * priority with what is overdue — and every number opens the list of exactly its records, its filters
 * shown as chips. In English, 한국어 and 中文.
 */
describe('home dashboard', () => {
  let s: Story;
  const today = seoulDay();
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastMonthDay = month === 1 ? `${year - 1}-12-15` : `${year}-${String(month - 1).padStart(2, '0')}-15`;
  const monthName = (date: string, locale: string) => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  // A timed activity later today only while today has two more hours in Seoul, so the count never depends on the hour the story runs.
  const laterToday = seoulDay() === new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 2 * HOUR));
  const dueToday = laterToday ? 2 : 1;
  let weighted = { initial: 0, negotiation: 0 };

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> => {
    const res = await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const idOf = async (key: string, code: string) => {
    const v = (await dictionaryValues(s.server.app, key)).find((x) => x.code === code);
    if (!v) throw new Error(`no ${code} in ${key}`);
    return v.id;
  };
  const tile = (page: Page, name: string): Locator => page.getByRole('region', { name });
  const won = (n: number) => `₩${n.toLocaleString('en-US')}`;

  beforeAll(async () => {
    s = await openStory('dashboard');
    await api('PATCH', '/api/v1/settings', { installationTimeZone: ZONE, currency: 'KRW' });
    const acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    const harbor = await createCustomer(s.server.app, { name: '블루하버 식품' });

    // Contact activities: three overdue (two timed in the past, one all-day last week), due today (all day, and timed later today), one tomorrow.
    const now = Date.now();
    await api('POST', '/api/v1/activities', { subject: 'Call back about the invoice', customerId: acme.id, startAt: new Date(now - 26 * HOUR).toISOString(), endAt: new Date(now - 25 * HOUR).toISOString() });
    await api('POST', '/api/v1/activities', { subject: 'Send the signed contract', customerId: harbor.id, startAt: new Date(now - 3 * DAY).toISOString(), endAt: new Date(now - 3 * DAY + HOUR).toISOString() });
    await api('POST', '/api/v1/activities', { subject: 'Trade fair follow-up', allDay: true, startDate: seoulDay(-7) });
    await api('POST', '/api/v1/activities', { subject: 'Prepare the quarterly review', customerId: acme.id, allDay: true, startDate: today });
    if (laterToday) await api('POST', '/api/v1/activities', { subject: 'Demo for Blue Harbor', customerId: harbor.id, startAt: new Date(now + HOUR).toISOString(), endAt: new Date(now + 90 * 60_000).toISOString() });
    await api('POST', '/api/v1/activities', { subject: 'Visit next week', allDay: true, startDate: seoulDay(2) });

    // Open opportunities at two stages.
    const initial = await idOf('opportunity-stage', 'initial-contact');
    const negotiation = await idOf('opportunity-stage', 'negotiation');
    const opp = (name: string, stageId: number, amount: number, probability: number) =>
      api<{ weightedAmount: number }>('POST', '/api/v1/opportunities', { name, customerId: acme.id, stageId, amount, probability });
    const o1 = await opp('Printers for the Busan office', initial, 3_000_000, 10);
    const o2 = await opp('Toner subscription', initial, 2_000_000, 10);
    const o3 = await opp('Fleet renewal 2027', negotiation, 10_000_000, 80);
    weighted = { initial: o1.weightedAmount + o2.weightedAmount, negotiation: o3.weightedAmount };

    // Sales: two this month, a cancelled one (left out), one last month.
    const cancelled = await idOf('sale-status', 'cancelled');
    await api('POST', '/api/v1/sales', { customerId: acme.id, orderDate: today, total: 1_500_000 });
    await api('POST', '/api/v1/sales', { customerId: harbor.id, orderDate: today, total: 700_000 });
    await api('POST', '/api/v1/sales', { customerId: acme.id, orderDate: today, total: 900_000, statusId: cancelled });
    await api('POST', '/api/v1/sales', { customerId: acme.id, orderDate: lastMonthDay, total: 1_000_000 });

    // Open service feedback: two High (one received a month ago, past both due times), one Normal.
    const high = await idOf('service-priority', 'high');
    const normal = await idOf('service-priority', 'normal');
    await api('POST', '/api/v1/service-feedback', { subject: 'Printer jams on every page', customerId: acme.id, priorityId: high, receivedAt: new Date(now - 30 * DAY).toISOString() });
    await api('POST', '/api/v1/service-feedback', { subject: 'Toner arrived damaged', customerId: harbor.id, priorityId: high });
    await api('POST', '/api/v1/service-feedback', { subject: 'Question about the warranty', customerId: acme.id, priorityId: normal });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('opens on the dashboard: four tiles in two rows of two, every number a link that says what it opens', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
    const folders = page.getByRole('navigation', { name: 'Folders' });
    expect(await folders.getByRole('link', { name: 'Home', exact: true }).getAttribute('aria-current')).toBe('page');

    const activities = tile(page, 'Contact activities');
    await activities.getByRole('link', { name: '3 activities overdue', exact: true }).waitFor();
    await activities.getByRole('link', { name: `${dueToday} ${dueToday === 1 ? 'activity' : 'activities'} due today`, exact: true }).waitFor();
    // The next few: overdue first, each opening its record; tomorrow's is not among them.
    await activities.getByRole('link', { name: 'Send the signed contract', exact: true }).waitFor();
    await activities.getByRole('link', { name: 'Prepare the quarterly review', exact: true }).waitFor();
    expect(await activities.getByRole('link', { name: 'Visit next week' }).count()).toBe(0);
    expect(await activities.getByRole('listitem').filter({ hasText: 'Send the signed contract' }).getByText('Overdue').count()).toBe(1);

    const pipeline = tile(page, 'Open sales opportunities');
    await pipeline.getByRole('link', { name: '3 open opportunities', exact: true }).waitFor();
    await pipeline.getByRole('link', { name: `Amount of the 3 open opportunities: ${won(15_000_000)}`, exact: true }).waitFor();
    await pipeline.getByRole('link', { name: `Weighted amount of the 3 open opportunities: ${won(weighted.initial + weighted.negotiation)}`, exact: true }).waitFor();
    // The stages in their order, each a link that says its numbers.
    const stageLinks = pipeline.getByRole('list', { name: 'Open sales opportunities by stage' }).getByRole('link');
    expect(await stageLinks.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label')))).toEqual([
      `Initial contact: 2 open opportunities, ${won(5_000_000)}, weighted ${won(weighted.initial)}`,
      `Negotiation: 1 open opportunity, ${won(10_000_000)}, weighted ${won(weighted.negotiation)}`,
    ]);

    const sales = tile(page, 'Sales this month');
    await sales.getByRole('link', { name: `2 sales in ${monthName(today, 'en-US')}: ${won(2_200_000)}`, exact: true }).waitFor();
    await sales.getByRole('link', { name: `1 sale in ${monthName(lastMonthDay, 'en-US')}: ${won(1_000_000)}`, exact: true }).waitFor();
    await sales.getByText(`Up ${won(1_200_000)} (+120%) on last month`, { exact: true }).waitFor();

    const service = tile(page, 'Open service feedback');
    await service.getByRole('link', { name: '3 open service feedback requests', exact: true }).waitFor();
    await service.getByRole('link', { name: '1 request past its response due time', exact: true }).waitFor();
    await service.getByRole('link', { name: '1 request past its resolution due time', exact: true }).waitFor();
    await service.getByRole('link', { name: 'Normal: 1 open request', exact: true }).waitFor();
    await service.getByRole('link', { name: 'High: 2 open requests', exact: true }).waitFor();

    // 2×2 at 1440 and at 1366 px, nothing spilling out of a tile or the page.
    for (const width of [1440, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      const boxes = await Promise.all([activities, pipeline, sales, service].map(async (t) => (await t.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 }));
      const [a, p, sa, se] = boxes as [typeof boxes[0], typeof boxes[0], typeof boxes[0], typeof boxes[0]];
      expect(Math.abs(a.y - p.y)).toBeLessThan(2);
      expect(Math.abs(sa.y - se.y)).toBeLessThan(2);
      expect(sa.y).toBeGreaterThan(a.y + a.height - 2);
      expect(p.x).toBeGreaterThan(a.x + a.width - 2);
      expect(await overflowing(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await s.shot('en');
    await page.setViewportSize({ width: 1366, height: 768 });
    await s.shot('en-1366');
    // A narrow window: one tile a row, still nothing spilling out.
    await page.setViewportSize({ width: 900, height: 1400 });
    await expect.poll(async () => ((await sales.boundingBox())?.x ?? 0) === ((await activities.boundingBox())?.x ?? 1)).toBe(true);
    expect(await overflowing(page)).toEqual([]);
    await s.shot('en-900');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a number opens its list with the filter as a chip and exactly that many rows; Back returns to the dashboard', async () => {
    const { page } = s;
    const filteredBy = page.getByRole('group', { name: 'Filtered by' });

    await tile(page, 'Contact activities').getByRole('link', { name: '3 activities overdue' }).click();
    await page.getByRole('heading', { name: 'Contact activities' }).waitFor();
    await filteredBy.getByText('Due: Overdue', { exact: true }).waitFor();
    await page.getByText('3 activities', { exact: true }).waitFor();
    await expect.poll(() => grid(page, 'Contact activities').getByRole('row').count()).toBe(4);
    for (const subject of ['Call back about the invoice', 'Send the signed contract', 'Trade fair follow-up']) await grid(page, 'Contact activities').getByRole('link', { name: subject }).waitFor();
    await s.shot('overdue-activities');
    await page.goBack();

    await tile(page, 'Open sales opportunities').getByRole('link', { name: /^Initial contact: 2 open opportunities/ }).click();
    await filteredBy.getByText('Stage: Initial contact', { exact: true }).waitFor();
    await filteredBy.getByText('Status: Open', { exact: true }).waitFor();
    await page.getByText('2 opportunities', { exact: true }).waitFor();
    await expect.poll(() => grid(page, 'Opportunity management').getByRole('row').count()).toBe(3);
    await s.shot('stage-opportunities');
    await page.goBack();

    await tile(page, 'Sales this month').getByRole('link', { name: /^2 sales in / }).click();
    await filteredBy.getByText(/^Order date: .+ – .+$/).waitFor();
    await filteredBy.getByText('Status is none of Cancelled', { exact: true }).waitFor();
    await page.getByText('2 sales', { exact: true }).waitFor();
    await expect.poll(() => grid(page, 'Sales').getByRole('row').count()).toBe(3);
    await s.shot('month-sales');
    await page.goBack();

    await tile(page, 'Open service feedback').getByRole('link', { name: 'High: 2 open requests' }).click();
    await filteredBy.getByText('Priority: High', { exact: true }).waitFor();
    await page.getByText('2 requests', { exact: true }).waitFor();
    await expect.poll(() => grid(page, 'Service feedback list').getByRole('row').count()).toBe(3);
    await page.goBack();

    // An activity of the next few opens its record.
    await tile(page, 'Contact activities').getByRole('link', { name: 'Prepare the quarterly review' }).click();
    await page.getByRole('heading', { name: 'Prepare the quarterly review' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Dashboard', level: 2 }).waitFor();
    expect(s.problems).toEqual([]);
  });

  it('loading shows the tiles with skeletons; with nothing to show each tile says so; an error is an alert with Retry', async () => {
    const { page } = s;
    const DASHBOARD = /\/api\/v1\/dashboard\b/;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(DASHBOARD, async (route) => { await held; await route.continue(); });
    await page.goto('/');
    await page.locator('section[aria-busy="true"]').first().waitFor();
    expect(await page.getByRole('heading', { level: 3 }).allInnerTexts()).toEqual(['Contact activities', 'Open sales opportunities', 'Sales this month', 'Open service feedback']);
    await s.shot('loading');
    release();
    await tile(page, 'Contact activities').getByRole('link', { name: '3 activities overdue' }).waitFor();
    await page.unroute(DASHBOARD);

    const none = { count: 0, drill: { entity: 'activities', filters: [] } };
    const month = (from: string, to: string) => ({ period: { from, to }, value: 0, count: 0, drill: { entity: 'sales', filters: [] } });
    const empty = {
      today,
      activities: { dueToday: none, overdue: none, next: [] },
      pipeline: { stages: [], total: { count: 0, amount: 0, weighted: 0, drill: { entity: 'opportunities', filters: [] } } },
      sales: { thisMonth: month(`${today.slice(0, 8)}01`, today), lastMonth: month(`${lastMonthDay.slice(0, 8)}01`, lastMonthDay), diff: 0, pct: null },
      service: { open: none, byPriority: [], responseOverdue: none, resolutionOverdue: none },
    };
    await page.route(DASHBOARD, (route) => route.fulfill({ json: empty }));
    await page.reload();
    await tile(page, 'Contact activities').getByText('No activities due today or overdue.').waitFor();
    await tile(page, 'Open sales opportunities').getByText('No open opportunities.').waitFor();
    await tile(page, 'Sales this month').getByText('No sales this month or last month.').waitFor();
    await tile(page, 'Open service feedback').getByText('No open service feedback.').waitFor();
    await s.shot('empty');
    await page.unroute(DASHBOARD);

    await page.route(DASHBOARD, (route) => route.fulfill({ status: 400, contentType: 'application/problem+json', body: JSON.stringify({ status: 400, title: 'Bad Request', detail: 'The database is busy.' }) }));
    await page.reload();
    const alert = page.getByRole('alert').filter({ hasText: 'The dashboard could not be loaded' });
    await alert.getByText('The database is busy.').waitFor();
    await s.shot('error');
    await page.unroute(DASHBOARD);
    await alert.getByRole('button', { name: 'Retry' }).click();
    await tile(page, 'Contact activities').getByRole('link', { name: '3 activities overdue' }).waitFor();
    expect(s.problems).toEqual([]);
  });

  it('대시보드 and 仪表板: the same numbers in Korean and Chinese, nothing overflowing', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('heading', { name: '대시보드', level: 2 }).waitFor();
    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '홈', exact: true }).waitFor();
    await tile(page, '연락처 활동').getByRole('link', { name: '기한 지난 연락처 활동 3건', exact: true }).waitFor();
    await tile(page, '진행 중인 판매 기회').getByRole('link', { name: /^협상: 진행 중인 판매 기회 1건/ }).waitFor();
    await tile(page, '이번 달 판매').getByRole('link', { name: `${monthName(today, 'ko')} 판매 2건: ${won(2_200_000)}`, exact: true }).waitFor();
    await tile(page, '이번 달 판매').getByText(`지난달보다 ${won(1_200_000)} (+120%) 증가`, { exact: true }).waitFor();
    await tile(page, '미해결 서비스 피드백').getByRole('link', { name: '높음: 미해결 서비스 피드백 2건', exact: true }).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await s.shot('ko');
    await tile(page, '미해결 서비스 피드백').getByRole('link', { name: '응답 기한이 지난 서비스 피드백 1건', exact: true }).click();
    await page.getByRole('group', { name: '필터' }).getByText('응답 기한: 기한 지남', { exact: true }).waitFor();
    await expect.poll(() => grid(page, '서비스 피드백 목록').getByRole('row').count()).toBe(2);
    await grid(page, '서비스 피드백 목록').getByRole('link', { name: 'Printer jams on every page' }).waitFor();
    await s.shot('ko-response-overdue');
    await page.goBack();

    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '仪表板', level: 2 }).waitFor();
    await tile(page, '联系活动').getByRole('link', { name: '已逾期的联系活动 3 个', exact: true }).waitFor();
    await tile(page, '进行中的销售机会').getByRole('link', { name: '进行中的销售机会 3 个', exact: true }).waitFor();
    await tile(page, '本月销售').getByText(`比上月增加 ${won(1_200_000)}（+120%）`, { exact: true }).waitFor();
    await tile(page, '未解决的服务反馈').getByRole('link', { name: '未解决的服务反馈 3 条', exact: true }).waitFor();
    expect(await overflowing(page)).toEqual([]);
    await s.shot('zh');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await overflowing(page)).toEqual([]);
    await s.shot('zh-1366');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    expect(s.problems).toEqual([]);
  });
});

/** Elements of the dashboard whose content is wider than they are (text spilling out of a tile), and the page itself. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('page');
    for (const el of document.querySelectorAll('main section, main section *')) {
      if (!(el instanceof HTMLElement) || el.clientWidth === 0) continue;
      const style = getComputedStyle(el);
      if (style.overflowX === 'hidden' || style.overflowX === 'clip') continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 60) ?? ''}`);
    }
    return out;
  });
}
