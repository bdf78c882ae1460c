import ExcelJS from 'exceljs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { cellOf, clickNow, field, grid, pickOption, pickRecord } from './support/ui.js';

const host = { host: '127.0.0.1' };
const LIST = 'Expense list';

interface Expense { id: number; description: string; amount: number; status: string; approvedBy: number | null }

/** Lab manual M10: Expenses — create, edit (in place too), approve, group with sums, export read back; the opportunity's margin (issue 11). */
describe('M10 expenses', () => {
  let s: Story;
  let acme: { id: number };
  let deal: { id: number };

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> =>
    (await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) })).json() as T;
  const expenses = async () => (await api<{ items: Expense[] }>('GET', '/api/v1/expenses?limit=100')).items;
  const byDescription = async (d: string) => (await expenses()).find((e) => e.description === d);
  const pick = (scope: Locator, label: string, search: string, option: string) => pickRecord(s.page, scope, label, search, option);

  beforeAll(async () => {
    s = await openStory('m10');
    await api('PATCH', '/api/v1/settings', { currency: 'KRW', installationTimeZone: 'Asia/Seoul' });
    acme = await createCustomer(s.server.app, { name: '삼성전자' });
    deal = await api<{ id: number }>('POST', '/api/v1/opportunities', { name: 'Office refresh 2027', customerId: acme.id, amount: 5_000_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M10: the Expenses folder; New → New expense: date today, Travel › Taxi, customer and opportunity; Save and New, then Save record', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Expenses', exact: true }).click();
    await page.getByRole('tab', { name: LIST }).click();
    await page.getByText('No expenses yet.', { exact: false }).waitFor();
    await clickNow(page.getByRole('button', { name: 'New', exact: true }));
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    expect(await dialog.getByLabel('Date').inputValue()).toBe(today);
    // Choosing the subcategory first fills its category.
    await pickOption(page, dialog, 'Subcategory', 'Taxi');
    await expect.poll(() => field(dialog, 'Category').inputValue()).toBe('Travel');
    await field(dialog, 'Description').fill('Taxi to 삼성전자');
    await field(dialog, 'Amount').fill('18500');
    // The opportunity alone fills its customer.
    await pick(dialog, 'Sales opportunity', 'Office', 'Office refresh 2027');
    await expect.poll(() => field(dialog, 'Customer').inputValue()).toBe('삼성전자');
    await s.shot('M10-new');
    await clickNow(dialog.getByRole('button', { name: 'Save and New' }));
    await dialog.getByText('Saved “Taxi to 삼성전자”').waitFor();
    await pickOption(page, dialog, 'Category', 'Meals and entertainment');
    await field(dialog, 'Description').fill('Client dinner');
    await field(dialog, 'Amount').fill('126000');
    await pick(dialog, 'Customer', '삼성', '삼성전자');
    await pick(dialog, 'Sales opportunity', 'Office', 'Office refresh 2027');
    await clickNow(dialog.getByRole('button', { name: 'Save record' }));
    await dialog.waitFor({ state: 'hidden' });
    await grid(page, LIST).getByRole('link', { name: 'Client dinner' }).waitFor();
    expect((await byDescription('Client dinner'))?.amount).toBe(126_000);
    await s.shot('M10-list');
  });

  it('M10: an amount is edited in place while the expense is a draft; a category priced per km prices it', async () => {
    const { page } = s;
    const row = grid(page, LIST).getByRole('row').filter({ hasText: 'Taxi to 삼성전자' });
    const amount = await cellOf(page, row, 'Amount', LIST);
    await amount.dblclick();
    await field(amount, 'Amount').fill('19000');
    await field(amount, 'Amount').press('Enter');
    await expect.poll(() => amount.innerText()).toBe('₩19,000');
    expect((await byDescription('Taxi to 삼성전자'))?.amount).toBe(19_000);
    // Car mileage at ₩310 per km, set in the category's own editor.
    await page.getByRole('button', { name: 'New record' }).click();
    const dialog = page.getByRole('dialog', { name: 'New expense' });
    await pickOption(page, dialog, 'Category', 'Travel');
    await dialog.getByRole('button', { name: 'Edit expense category dictionary (Subcategory)' }).click();
    const editor = page.getByRole('dialog', { name: /Edit expense category dictionary/ });
    const price = editor.getByRole('textbox', { name: 'Unit price: Car mileage (per km)' });
    await price.fill('310');
    await price.blur();
    await editor.getByText('Saved', { exact: false }).or(editor.getByRole('listitem', { name: 'Car mileage (per km)' })).first().waitFor();
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    await pickOption(page, dialog, 'Subcategory', 'Car mileage (per km)');
    await field(dialog, 'Quantity').fill('123.4');
    await expect.poll(() => field(dialog, 'Amount').inputValue()).toBe('₩38,254');
    await field(dialog, 'Description').fill('Drive to the Suwon plant');
    await s.shot('M10-per-km');
    await clickNow(dialog.getByRole('button', { name: 'Save record' }));
    await dialog.waitFor({ state: 'hidden' });
    expect((await byDescription('Drive to the Suwon plant'))?.amount).toBe(38_254);
  });

  it('M10: Submit, Approve, Reject with a reason and Reset to draft on the expense\'s page, each kept in its status history', async () => {
    const { page } = s;
    await grid(page, LIST).getByRole('link', { name: 'Client dinner' }).click();
    await page.getByRole('heading', { name: 'Client dinner' }).waitFor();
    await clickNow(page.getByRole('button', { name: 'Submit' }));
    await clickNow(page.getByRole('button', { name: 'Approve' }));
    await page.getByRole('button', { name: 'Reimburse' }).waitFor();
    expect(await byDescription('Client dinner')).toMatchObject({ status: 'approved', approvedBy: 1 });
    await page.getByRole('tab', { name: 'Status history' }).click();
    await page.getByRole('table', { name: 'Status history' }).getByRole('cell', { name: 'Approved', exact: true }).waitFor();
    await s.shot('M10-approved');
    await page.getByRole('link', { name: 'Back to list' }).click();
    await grid(page, LIST).getByRole('link', { name: 'Taxi to 삼성전자' }).click();
    await clickNow(page.getByRole('button', { name: 'Submit' }));
    // A submitted expense is not edited: the page says so instead of losing the edit.
    await clickNow(page.getByRole('button', { name: 'Reject' }));
    const ask = page.getByRole('dialog', { name: 'Reject the expense' });
    await expect.poll(() => ask.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    await ask.getByRole('textbox', { name: 'Reason for rejection' }).fill('Receipt missing');
    await s.shot('M10-reject');
    await ask.getByRole('button', { name: 'Reject' }).click();
    await ask.waitFor({ state: 'hidden' });
    await page.getByText('Receipt missing').first().waitFor();
    await clickNow(page.getByRole('button', { name: 'Reset to draft' }));
    await page.getByRole('button', { name: 'Submit' }).waitFor();
    expect((await byDescription('Taxi to 삼성전자'))?.status).toBe('draft');
  });

  it('M10: grouped by category with sums; Export to CSV and Excel read back with money in won', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Back to list' }).click();
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: 'Category' });
    const g = grid(page, LIST);
    await g.getByRole('button', { name: /^Travel \(2\)\s*Amount ₩57,254/ }).waitFor();
    await g.getByRole('button', { name: /^Meals and entertainment \(1\)\s*Amount ₩126,000/ }).waitFor();
    await page.getByText('Amount ₩183,254', { exact: false }).first().waitFor();
    await s.shot('M10-grouped');
    await page.getByRole('button', { name: 'Export' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    const text = Buffer.concat(await (await csv.createReadStream()).toArray()).toString('utf8');
    expect(text).toContain('Amount (KRW)');
    expect(text).toContain('Taxi to 삼성전자');
    expect(text).toMatch(/38254/);
    await page.getByRole('button', { name: 'Export' }).click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Excel (.xlsx)' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(await (await xlsx.createReadStream()).toArray()) as unknown as ArrayBuffer);
    const values = wb.worksheets[0].getSheetValues().flat();
    expect(values).toContain(126_000);
    expect(values).toContain('Approved');
    await page.getByRole('combobox', { name: 'Group by' }).selectOption({ label: '(none)' });
  });

  it('M10: the opportunity shows its approved expenses and its margin; its Expenses tab sums them', async () => {
    const { page } = s;
    await page.goto(`/opportunities/${deal.id}`);
    const amounts = page.getByRole('region', { name: 'Amount and status' });
    await amounts.getByText('₩126,000').waitFor();
    await amounts.getByText('₩4,874,000').waitFor();
    await page.getByRole('tab', { name: 'Expenses' }).click();
    await page.getByRole('group', { name: 'Approved' }).getByText('₩126,000').waitFor();
    await page.getByRole('group', { name: 'Drafts' }).getByText('₩19,000').waitFor();
    await s.shot('M10-opportunity');
  });

  it('M10 in 한국어 and 中文: 비용, 새 비용, 승인', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('navigation', { name: '폴더' }).getByRole('link', { name: '비용', exact: true }).click();
    await page.getByRole('tab', { name: '비용 목록' }).waitFor();
    await s.shot('M10-ko-list');
    await page.getByRole('button', { name: '새 기록' }).click();
    await page.getByRole('dialog', { name: '새 비용' }).getByRole('button', { name: '기록 저장' }).waitFor();
    await s.shot('M10-ko-new');
    await page.getByRole('dialog', { name: '새 비용' }).getByRole('button', { name: '취소' }).click();
    await page.getByRole('combobox', { name: /Language/ }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '费用列表' }).waitFor();
    await s.shot('M10-zh-list');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    expect(s.problems).toEqual([]);
  });
});
