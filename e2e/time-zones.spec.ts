import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';

const host = { host: '127.0.0.1' };

/**
 * Issue 10 items 1, 5 and 10 in three zones: east of UTC (Seoul), west of it (Los Angeles) and UTC.
 * The browser and the installation are in the zone; the server process stays in the machine's (UTC in CI).
 */
describe.each(['Asia/Seoul', 'America/Los_Angeles', 'UTC'])('calendar, defaults and exports in %s', (zone) => {
  let s: Story;
  const today = Temporal.Now.plainDateISO(zone);
  // The 20th of this month at 12:00 there: the middle of the day, whatever the zone.
  const day = today.with({ day: 20 }).toString();
  const noon = Temporal.PlainDateTime.from(`${day}T12:00`).toZonedDateTime(zone).toInstant().toString();

  beforeAll(async () => {
    s = await openStory(`tz-${zone.replace('/', '-')}`, { timezoneId: zone });
    const res = await s.server.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: host, payload: { installationTimeZone: zone, currency: 'USD' } });
    expect(res.statusCode, res.body).toBe(200);
    const c = await createCustomer(s.server.app, { name: 'ACME Trading' });
    const a = await s.server.app.inject({ method: 'POST', url: '/api/v1/activities', headers: host, payload: { subject: 'Noon call', startAt: noon, customerId: c.id } });
    expect(a.statusCode, a.body).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M6.c: clicking the 20th lists its activity and marks the 20th (not the 19th or 21st)', async () => {
    const { page } = s;
    await page.goto('/calendar');
    await page.getByText('Noon call').first().waitFor();
    await page.locator(`[data-date="${day}"]`).first().click({ position: { x: 8, y: 70 } });
    await page.getByRole('region', { name: 'Activities on the selected date' }).getByRole('listitem', { name: 'Noon call' }).getByText(/12:00\sPM/).waitFor();
    const marked = page.getByText('(selected)');
    expect(await marked.count()).toBe(1);
    expect(await marked.evaluate((el) => el.closest('[data-date]')?.getAttribute('data-date'))).toBe(day);
    await s.shot('calendar');
  });

  it('M8.f: a new sale\'s order date is today there, in the form and on the server', async () => {
    const { page } = s;
    await page.goto('/sales');
    await page.getByRole('button', { name: 'New record' }).click();
    const dialog = page.getByRole('dialog', { name: 'New sale' });
    expect(await dialog.getByLabel('Order date').inputValue()).toBe(today.toString());
    // Nothing was typed: Cancel closes without a question.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const res = await s.server.app.inject({ method: 'POST', url: '/api/v1/sales', headers: host, payload: { customerId: 1 } });
    expect((res.json() as { orderDate: string }).orderDate).toBe(today.toString());
  });

  it('M8.d: exports are named by the date there and write the time there with its offset', async () => {
    const { page } = s;
    await page.goto('/activities');
    await page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`activities-${today.toString()}.csv`);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
    const offset = Temporal.Instant.from(noon).toZonedDateTimeISO(zone).offset;
    expect(text).toContain(`${day}T12:00:00${offset === '+00:00' ? 'Z' : offset}`);
    expect(s.problems).toEqual([]);
  });
});
