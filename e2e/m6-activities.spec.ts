import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field, grid } from './support/ui.js';
import { activityEntity } from '../src/shared/entities/activity.entity.js';
import en from '../src/shared/i18n/en.json' with { type: 'json' };

const host = { host: '127.0.0.1' };
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
/** Days of the current month, so the month view opens on them. */
const day = (d: number) => `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(d)}`;

async function dayCell(page: Page, date: string) {
  const cell = page.locator(`[data-date="${date}"]`).first();
  await cell.waitFor();
  return cell;
}

/** Lab manual M6: Contact activities, New contact activity, Calendar, Edit, End activity, History; two time zones. */
describe('M6 contact activities', () => {
  let s: Story;

  beforeAll(async () => {
    s = await openStory('m6');
    const acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    await createContact(s.server.app, { name: 'Kim Minsu', customerId: acme.id });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M6.a: Contact activities is empty until an activity exists', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Contact activities', exact: true }).click();
    await page.getByRole('heading', { name: 'Contact activities' }).waitFor();
    await page.getByText('No open activities.', { exact: false }).waitFor();
    const folders = await page.getByRole('navigation', { name: 'Folders' }).getByRole('link').allInnerTexts();
    expect(folders.slice(0, 7)).toEqual(['Home', 'Customers', 'Customer groups', 'Contacts', 'Contact activities', 'Calendar', 'History']);
    await s.shot('M6.a-empty');
  });

  it('M6.b: New opens New contact activity; choosing a contact fills its customer; Save record', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact activity' });
    await field(dialog, 'Subject').fill('Quarterly review call');
    await field(dialog, 'Contact').click();
    await page.getByRole('option', { name: 'Kim Minsu', exact: true }).click();
    await expect.poll(() => field(dialog, 'Customer').inputValue()).toBe('ACME Trading');
    await dialog.getByLabel(/^Start\s*\*?$/).fill(`${day(15)}T10:00`);
    await dialog.getByLabel(/^End\s*\*?$/).fill(`${day(15)}T11:00`);
    await field(dialog, 'Location').fill('Seoul office');
    await s.shot('M6.b-dialog');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await grid(page, 'Contact activities').getByRole('link', { name: 'Quarterly review call' }).waitFor();
    await s.shot('M6.b-list');
  });

  it('issue 11: New contact activity is the generic dialog: every field of activity.entity.ts has its input (a field added there appears with no other code)', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact activity' });
    const label = (key: string) => key.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], en) as string;
    const inputs = async () => {
      const missing: string[] = [];
      for (const name of activityEntity.formSections.flatMap((sec) => sec.fields)) {
        const def = activityEntity.allFields[name];
        // Read-only fields wait for a record; `when` fields show in their switch's state (All day off here).
        if (def.readOnly || (def.when && (allDay ? !def.when.equals : def.when.equals))) continue;
        // A required field's label ends with its asterisk.
        const pattern = new RegExp(`^${label(def.label).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\*?$`);
        if ((await dialog.getByLabel(pattern).count()) === 0) missing.push(name);
      }
      return missing;
    };
    let allDay = false;
    expect(await inputs()).toEqual([]);
    await dialog.getByLabel('All day').check();
    allDay = true;
    expect(await inputs()).toEqual([]);
    // A date before the start is refused as it is typed, naming the start.
    await dialog.getByLabel('Start date').fill('2030-05-10');
    await dialog.getByLabel('End date').fill('2030-05-09');
    await dialog.getByText('must not be before Start date').waitFor();
    await s.shot('issue11-generic-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog', { name: 'Save your changes?' }).getByRole('button', { name: "Don't save" }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('M6.c: Calendar shows it; clicking its date lists it beside the calendar', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Calendar', exact: true }).click();
    await page.getByRole('heading', { name: 'Calendar', level: 2 }).waitFor();
    await page.getByText('Quarterly review call').first().waitFor();
    await s.shot('M6.c-month');
    const cell = await dayCell(page, day(15));
    await cell.click({ position: { x: 8, y: 60 } });
    const side = page.getByRole('region', { name: 'Activities on the selected date' });
    const item = side.getByRole('listitem', { name: 'Quarterly review call' });
    await item.waitFor();
    await item.getByText('ACME Trading').waitFor();
    await item.getByText('Planned').waitFor();
    await s.shot('M6.c-side-list');
  });

  it('M6.d–M6.e: Edit, End activity with an outcome; the calendar shows it ended', async () => {
    const { page } = s;
    const side = page.getByRole('region', { name: 'Activities on the selected date' });
    await side.getByRole('listitem', { name: 'Quarterly review call' }).getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit contact activity' });
    await expect.poll(() => field(dialog, 'Subject').inputValue()).toBe('Quarterly review call');
    await s.shot('M6.d-edit');
    await dialog.getByRole('button', { name: 'End activity' }).click();
    const prompt = page.getByRole('dialog', { name: 'End activity' });
    await prompt.getByRole('textbox', { name: 'Outcome' }).fill('Agreed on the Q3 order; send the quote by Friday.');
    await s.shot('M6.e-end-prompt');
    await prompt.getByRole('button', { name: 'End activity' }).click();
    await prompt.waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: 'Reopen' }).waitFor();
    await dialog.getByRole('list', { name: 'Activity history' }).getByText(/^Ended /).waitFor();
    await s.shot('M6.e-ended-dialog');
    // Every title a dialog shows while this one closes: it must stay "Edit contact activity" (issue 10: it flipped to "New …").
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { dialogTitles: seen });
      new MutationObserver(() => document.querySelectorAll('.mantine-Modal-title').forEach((e) => seen.push(e.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => (window as unknown as { dialogTitles: string[] }).dialogTitles)).not.toContain('New contact activity');
    await page.getByRole('img', { name: 'Ended' }).first().waitFor();
    await page.getByRole('region', { name: 'Activities on the selected date' }).getByText('Ended', { exact: true }).waitFor();
    await s.shot('M6.e-calendar-ended');
  });

  it('M6.f: History lists the ended activity, newest first, with the iCalendar export', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'History', exact: true }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await grid(page, 'History').getByRole('link', { name: 'Quarterly review call' }).waitFor();
    await page.getByRole('button', { name: 'Export' }).click();
    const ics = page.getByRole('menuitem', { name: 'iCalendar (.ics)' });
    expect(await ics.getAttribute('href')).toMatch(/\/api\/v1\/activities\/export\?.*filter%5Bstatus%5D=ended.*format=ics|format=ics/);
    await s.shot('M6.f-history');
    await page.keyboard.press('Escape');
    expect(s.problems).toEqual([]);
  });

  it('time zones: Seoul and Los Angeles see the same activities at their own hours; all-day stays on its date', async () => {
    const post = async (payload: Record<string, unknown>) => {
      const res = await s.server.app.inject({ method: 'POST', url: '/api/v1/activities', payload, headers: host });
      expect(res.statusCode, res.body).toBe(201);
    };
    // 01:00 UTC is 10:00 in Seoul (same day) and 18:00 the day before in Los Angeles.
    await post({ subject: 'Morning call with Busan', startAt: `${day(20)}T01:00:00Z`, endAt: `${day(20)}T02:00:00Z` });
    await post({ subject: 'Trade fair', allDay: true, startDate: day(20) });
    const open = async (timezoneId: string, locale: string): Promise<{ context: BrowserContext; page: Page }> => {
      const context = await s.browser.newContext({ baseURL: s.server.baseUrl, viewport: { width: 1440, height: 900 }, timezoneId, locale });
      const page = await context.newPage();
      await page.goto('/calendar');
      await page.getByText('Trade fair').first().waitFor();
      return { context, page };
    };
    const seoul = await open('Asia/Seoul', 'ko-KR');
    try {
      await (await dayCell(seoul.page, day(20))).click({ position: { x: 8, y: 90 } });
      const side = seoul.page.getByRole('region', { name: '선택한 날짜의 활동' });
      await side.getByRole('listitem', { name: 'Trade fair' }).getByText('종일').waitFor();
      await side.getByRole('listitem', { name: 'Morning call with Busan' }).getByText(/10:00/).waitFor();
      await seoul.page.screenshot({ path: 'test-results/screenshots/m6-M6-tz-seoul-ko.png' });
    } finally {
      await seoul.context.close();
    }
    const la = await open('America/Los_Angeles', 'en-US');
    try {
      await (await dayCell(la.page, day(20))).click({ position: { x: 8, y: 90 } });
      const side = la.page.getByRole('region', { name: 'Activities on the selected date' });
      await side.getByRole('listitem', { name: 'Trade fair' }).getByText('All day').waitFor();
      expect(await side.getByRole('listitem', { name: 'Morning call with Busan' }).count()).toBe(0);
      await (await dayCell(la.page, day(19))).click({ position: { x: 8, y: 90 } });
      await side.getByRole('listitem', { name: 'Morning call with Busan' }).getByText(/6:00\sPM/).waitFor();
      await la.page.screenshot({ path: 'test-results/screenshots/m6-M6-tz-los-angeles.png' });
    } finally {
      await la.context.close();
    }
  });
});
