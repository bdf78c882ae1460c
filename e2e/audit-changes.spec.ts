import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, type Seeded } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { cellOf, field, rowOf } from './support/ui.js';

const OLD_PHONE = '+82 2 555 0100';
const NEW_PHONE = '+82 2 777 0200';

/** Issue 15: an inline edit in the customer list shows on the record's Changes tab, its old value comes back with one click, and the Audit log has it. */
describe('audit trail: Changes tab and Audit log', () => {
  let s: Story;
  let customer: Seeded;
  const host = { host: '127.0.0.1' };

  beforeAll(async () => {
    s = await openStory('audit-changes');
    customer = await createCustomer(s.server.app, { name: 'Blue Harbor Trading', phone: OLD_PHONE, city: 'Busan' });
    await createCustomer(s.server.app, { name: 'Cedar Foods', phone: '+82 2 555 0101' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const stored = async () => (await s.server.app.inject({ method: 'GET', url: `/api/v1/customers/${customer.id}`, headers: host })).json() as Seeded;
  /** The first entry of the Changes tab that changed this field, as a row of its fields table. */
  const changeRow = (label: string) => s.page.getByRole('article').getByRole('row').filter({ has: s.page.getByRole('cell', { name: label, exact: true }) }).first();

  it('an inline edit of the phone in the list appears on the Changes tab as before → after', async () => {
    const { page } = s;
    await page.goto('/customers');
    const row = rowOf(page, 'Blue Harbor Trading');
    await row.waitFor();
    const phone = await cellOf(page, row, 'Phone');
    await phone.dblclick();
    await field(phone, 'Phone').fill(NEW_PHONE);
    await field(phone, 'Phone').press('Enter');
    await expect.poll(() => phone.innerText()).toBe(NEW_PHONE);
    expect((await stored()).phone).toBe(NEW_PHONE);

    await row.getByRole('link', { name: 'Blue Harbor Trading' }).click();
    await page.getByRole('heading', { name: 'Blue Harbor Trading' }).waitFor();
    await page.getByRole('tab', { name: 'Changes' }).click();
    const change = changeRow('Phone');
    await change.waitFor();
    expect(await change.getByRole('cell').nth(1).innerText()).toBe(OLD_PHONE);
    expect(await change.getByRole('cell').nth(2).innerText()).toBe(NEW_PHONE);
    // Who did it: the local administrator; the entry's heading names the action.
    await page.getByRole('article').first().getByText('Changed', { exact: true }).waitFor();
    await s.shot('changes-after-inline-edit');
  });

  it('"Restore this value" puts the old phone back, asking first', async () => {
    const { page } = s;
    await changeRow('Phone').getByRole('button', { name: 'Restore this value' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a previous value' });
    await dialog.getByText(`Phone will be set back to “${OLD_PHONE}”`).waitFor();
    await s.shot('restore-dialog');
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await stored()).phone).toBe(OLD_PHONE);
    // The restore is itself a change, newest first; the inline edit's old value is no longer offered (the record has it again).
    const newest = page.getByRole('article').first();
    await expect.poll(() => newest.getByRole('row').nth(1).innerText()).toMatch(new RegExp(`Phone\\s+${NEW_PHONE.replace(/\+/g, '\\+')}\\s+${OLD_PHONE.replace(/\+/g, '\\+')}`));
    expect(await page.getByRole('article').nth(1).getByRole('button', { name: 'Restore this value' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByRole('link', { name: OLD_PHONE }).waitFor();
    await page.getByRole('tab', { name: 'Changes' }).click();
    await s.shot('changes-after-restore');
  });

  it('a stale restore says so and writes nothing', async () => {
    const { page } = s;
    // An older change to restore: the city, edited through the API.
    const now = await stored();
    const edit = await s.server.app.inject({ method: 'PATCH', url: `/api/v1/customers/${customer.id}`, headers: host, payload: { city: 'Incheon', version: now.version } });
    expect(edit.statusCode).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: 'Changes' }).click();
    await changeRow('City').getByRole('button', { name: 'Restore this value' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore a previous value' });
    await dialog.waitFor();
    // Someone else saves while the dialog is open.
    const later = await stored();
    expect((await s.server.app.inject({ method: 'PATCH', url: `/api/v1/customers/${customer.id}`, headers: host, payload: { city: 'Daegu', version: later.version } })).statusCode).toBe(200);
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await dialog.getByText('Someone saved this record first').waitFor();
    await s.shot('restore-stale');
    expect((await stored()).city).toBe('Daegu');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('the Audit log lists the edit and links to the record', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log', exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByRole('textbox', { name: 'Record ID' }).fill(String(customer.id));
    const entries = page.getByRole('region', { name: 'Audit log entries' }).getByRole('article');
    const edit = entries.filter({ hasText: NEW_PHONE }).last();
    await edit.waitFor();
    await s.shot('audit-log');
    await edit.getByRole('link', { name: `Customer #${customer.id}` }).click();
    await page.getByRole('heading', { name: 'Blue Harbor Trading' }).waitFor();
    // And back: the Changes tab opens the log narrowed to this record.
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('link', { name: 'Open in the Audit log' }).click();
    expect(await page.getByRole('textbox', { name: 'Record ID' }).inputValue()).toBe(String(customer.id));
    expect(await page.getByRole('combobox', { name: 'Record type' }).inputValue()).toBe('Customers');
    await page.getByRole('region', { name: 'Audit log entries' }).getByRole('article').first().waitFor();
    expect(await page.getByRole('region', { name: 'Audit log entries' }).innerText()).not.toContain('Cedar Foods');
  });

  it('the Audit log pages by cursor: Load more brings the older entries', async () => {
    const { page } = s;
    for (let i = 1; i <= 55; i++) await createCustomer(s.server.app, { name: `Paging Customer ${String(i).padStart(2, '0')}` });
    await page.goto('/audit');
    const entries = page.getByRole('region', { name: 'Audit log entries' }).getByRole('article');
    await expect.poll(() => entries.count()).toBe(50);
    // Newest first: the last customer made is on top.
    expect(await entries.first().innerText()).toContain('Paging Customer 55');
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => entries.count()).toBeGreaterThan(50);
    await entries.filter({ hasText: 'Blue Harbor Trading' }).first().waitFor();
  });

  it('reads in Korean and Chinese too', async () => {
    const { page } = s;
    for (const [lang, tab, title] of [['ko', '변경 내역', '감사 로그'], ['zh-CN', '变更记录', '审计日志']] as const) {
      await page.evaluate((l) => localStorage.setItem('rapport.language', l), lang);
      await page.goto(`/customers/${customer.id}`);
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('article').first().waitFor();
      await s.shot(`changes-${lang}`);
      await page.getByRole('navigation').getByRole('link', { name: title, exact: true }).click();
      await page.getByRole('heading', { name: title }).waitFor();
      await page.getByRole('article').first().waitFor();
      await s.shot(`audit-log-${lang}`);
    }
    await page.evaluate(() => localStorage.setItem('rapport.language', 'en'));
    expect(s.problems).toEqual([]);
  });
});
