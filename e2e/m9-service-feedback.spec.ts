import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact, createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { clickNow, field, grid, pickOption, pickRecord } from './support/ui.js';

const host = { host: '127.0.0.1' };
const LIST = 'Service feedback list';

/** Lab manual M9: Service feedback — the list, New, the dialog, Save record, the record with its service clock and status history (issue 11). */
describe('M9 service feedback', () => {
  let s: Story;
  let acme: { id: number };

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: Record<string, unknown>): Promise<T> =>
    (await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) })).json() as T;
  const pick = (scope: Locator, label: string, search: string, option: string) => pickRecord(s.page, scope, label, search, option);

  beforeAll(async () => {
    s = await openStory('m9');
    await api('PATCH', '/api/v1/settings', { installationTimeZone: 'Asia/Seoul', currency: 'KRW' });
    acme = await createCustomer(s.server.app, { name: 'ACME Trading' });
    const other = await createCustomer(s.server.app, { name: 'Blue Harbor Foods' });
    await createContact(s.server.app, { name: 'Kim Minsu', customerId: acme.id });
    await createContact(s.server.app, { name: 'Lee Jiwon', customerId: other.id });
    await api('POST', '/api/v1/products', { name: 'Laser printer LP-400', listPrice: 390_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M9: the Service feedback folder is its list, empty until a request is recorded', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Service feedback', exact: true }).click();
    await page.getByRole('tab', { name: LIST }).click();
    await page.getByText('No service feedback yet.', { exact: false }).waitFor();
    await s.shot('M9-empty');
  });

  it('M9: New → New service feedback: the contact picker offers the customer\'s contacts only; Save record lists it numbered and Open', async () => {
    const { page } = s;
    await clickNow(page.getByRole('button', { name: 'New', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'New service feedback' });
    await field(dialog, 'Subject').fill('Printer jams on every page');
    await dialog.getByText('Leave empty to use SF-', { exact: false }).waitFor();
    await pick(dialog, 'Customer', 'ACME', 'ACME Trading');
    await field(dialog, 'Contact').click();
    await page.getByRole('option', { name: 'Kim Minsu', exact: true }).waitFor();
    expect(await page.getByRole('option', { name: 'Lee Jiwon', exact: true }).count()).toBe(0);
    await page.getByRole('option', { name: 'Kim Minsu', exact: true }).click();
    await pick(dialog, 'Product', 'Laser', 'Laser printer LP-400');
    await pickOption(page, dialog, 'Type', 'Repair / return');
    await pickOption(page, dialog, 'Channel', 'Phone');
    await pickOption(page, dialog, 'Priority', 'High');
    // Defaults the form filled in: the first status, received now.
    expect(await field(dialog, 'Status').inputValue()).toBe('Open');
    expect(await dialog.getByLabel('Received').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await field(dialog, 'Description').fill('Paper jam at the fuser; error E-13.');
    await s.shot('M9-new');
    await clickNow(dialog.getByRole('button', { name: 'Save record' }));
    await dialog.waitFor({ state: 'hidden' });
    const row = grid(page, LIST).getByRole('row').filter({ hasText: 'Printer jams on every page' });
    await row.getByRole('cell', { name: /^SF-\d{4}-00001$/ }).waitFor();
    await row.getByRole('cell', { name: 'Open', exact: true }).waitFor();
    await s.shot('M9-list');
  });

  it('M9: the record shows its service clock; waiting on the customer pauses it; every status change is in Status history', async () => {
    const { page } = s;
    await grid(page, LIST).getByRole('link', { name: 'Printer jams on every page' }).click();
    await page.getByRole('heading', { name: 'Printer jams on every page' }).waitFor();
    const clock = page.getByRole('region', { name: 'Service clock' });
    await clock.getByText('Running').first().waitFor();
    await clock.getByText(/of working time left/).first().waitFor();
    await s.shot('M9-record');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit service feedback' });
    await pickOption(page, dialog, 'Status', 'Waiting on customer');
    await clickNow(dialog.getByRole('button', { name: 'Save record' }));
    await dialog.waitFor({ state: 'hidden' });
    await clock.getByText('Paused').first().waitFor();
    await clock.getByText(/waiting on the customer/).first().waitFor();
    await page.getByRole('tab', { name: 'Status history' }).click();
    const history = page.getByRole('table', { name: 'Status history' });
    await history.getByRole('cell', { name: 'Waiting on customer' }).waitFor();
    expect(await history.getByRole('row').count()).toBe(3);
    await s.shot('M9-history');
  });

  it('M9: Customer information → Service counts the open requests; the list groups by Resolution due', async () => {
    const { page } = s;
    await api('POST', '/api/v1/service-feedback', { subject: 'Toner arrived late', customerId: acme.id, receivedAt: '2026-01-05T01:00:00Z' });
    await page.goto(`/customers/${acme.id}`);
    const tab = page.getByRole('tab', { name: /^Service/ });
    await expect.poll(() => tab.innerText()).toMatch(/Service\s*2/);
    await tab.click();
    await page.getByRole('group', { name: 'Open' }).getByText('2', { exact: true }).waitFor();
    await page.getByRole('group', { name: 'Overdue' }).getByText('1', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Service feedback of ACME Trading' }).getByRole('link', { name: 'Toner arrived late' }).waitFor();
    await s.shot('M9-customer-service');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Service feedback', exact: true }).click();
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Resolution due' });
    const g = grid(page, LIST);
    await g.getByRole('button', { name: /^Overdue \(1\)/ }).waitFor();
    await g.getByRole('button', { name: /^\(empty\) \(1\)/ }).waitFor();
    await g.getByRole('button', { name: /^Overdue/ }).click();
    await g.getByRole('link', { name: 'Toner arrived late' }).waitFor();
    await s.shot('M9-grouped');
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: '(none)' });
  });

  it('M9 in 한국어 and 中文: 서비스 피드백, 새 서비스 피드백, 처리 기한', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('tab', { name: '서비스 피드백 목록' }).waitFor();
    await page.getByRole('button', { name: '새 기록' }).click();
    const dialog = page.getByRole('dialog', { name: '새 서비스 피드백' });
    await dialog.getByRole('button', { name: '기록 저장' }).waitFor();
    await s.shot('M9-ko-new');
    await dialog.getByRole('button', { name: '취소' }).click();
    await grid(page, '서비스 피드백 목록').getByRole('link', { name: 'Printer jams on every page' }).click();
    await page.getByRole('region', { name: '처리 기한' }).getByText('정지').first().waitFor();
    await s.shot('M9-ko-record');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh-CN');
    await page.getByRole('region', { name: '服务时限' }).first().waitFor();
    await s.shot('M9-zh-record');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    expect(s.problems).toEqual([]);
  });
});
