import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field } from './support/ui.js';

const host = { host: '127.0.0.1' };

interface Sale { id: number; number: string; total: number; orderDate: string; statusId: number; lines: { amount: number }[] }

/** Lab manual M8.e–M8.g: the Sales folder, New sale with its lines, Sales details, and the printed sale. */
describe('M8 sales', () => {
  let s: Story;
  let acme: { id: number };
  const number = `SO-${new Date().getUTCFullYear()}-00001`;

  const api = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>): Promise<T> =>
    (await s.server.app.inject({ method, url, headers: host, ...(payload ? { payload } : {}) })).json() as T;
  const sales = async () => (await api<{ items: Sale[] }>('GET', '/api/v1/sales?limit=100')).items;
  const pick = async (scope: Locator, label: string, search: string, option: string) => {
    const input = field(scope, label);
    await input.click();
    await input.fill(search);
    await s.page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    s = await openStory('m8-sales');
    await api('PATCH', '/api/v1/settings', {
      currency: 'KRW',
      company: { name: '한빛 솔루션 주식회사', address: '서울특별시 강남구 테헤란로 123', phone: '02-555-0100', email: 'sales@hanbit.example', registrationNumber: '123-45-67890' },
    });
    acme = await createCustomer(s.server.app, { name: '삼성전자' });
    await api('POST', '/api/v1/products', { name: '27" 4K monitor', model: 'UHD-27', listPrice: 450_000 });
    await api('POST', '/api/v1/products', { name: 'Installation', listPrice: 80_000 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M8.e: the Sales folder is the sales page, empty until a sale is created', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: 'Sales', exact: true }).click();
    await page.getByRole('heading', { name: 'Sales' }).waitFor();
    await page.getByText('No sales yet.', { exact: false }).waitFor();
    await s.shot('M8.e-empty');
  });

  it('M8.f: New creates a sale: number, today\'s date and Confirmed are filled in; lines are added in the dialog; the total is the server\'s', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'New', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New sale' });
    await dialog.getByText(`Leave empty to use ${number}`).waitFor();
    await pick(dialog, 'Customer', '삼성', '삼성전자');
    await expect.poll(() => field(dialog, 'Status').inputValue()).toBe('Confirmed');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const lines = dialog.getByRole('table', { name: 'Sales lines' });
    await pick(lines, 'Product, line 1', 'monitor', '27" 4K monitor');
    await field(lines, 'Quantity, line 1').fill('3');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await pick(lines, 'Product, line 2', 'Install', 'Installation');
    await field(lines, 'Quantity, line 2').fill('1.5');
    await field(lines, 'Discount %, line 2').fill('20');
    await expect.poll(() => lines.getByLabel('Amount, line 2').innerText()).toBe('₩96,000');
    await dialog.getByRole('group', { name: 'Totals' }).getByText('₩1,446,000').waitFor();
    await s.shot('M8.f-new-sale');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const list = page.getByRole('table', { name: 'Sales' });
    await list.getByRole('link', { name: number }).waitFor();
    await list.getByRole('cell', { name: '₩1,446,000' }).waitFor();
    const [sale] = await sales();
    expect(sale).toMatchObject({ number, total: 1_446_000, orderDate: new Date().toISOString().slice(0, 10) });
    await s.shot('M8.f-list');
  });

  it('M8.g: Sales details shows the sale with its lines and totals', async () => {
    const { page } = s;
    await page.getByRole('table', { name: 'Sales' }).getByRole('link', { name: number }).click();
    await page.getByText('Sales details', { exact: true }).waitFor();
    await page.getByRole('heading', { name: number }).waitFor();
    const lines = page.getByRole('table', { name: 'Sales lines' });
    await expect.poll(() => lines.getByLabel('Amount, line 1').innerText()).toBe('₩1,350,000');
    const totals = page.getByRole('group', { name: 'Totals' });
    await totals.getByText('₩1,470,000').waitFor();
    await totals.getByText('-₩24,000').waitFor();
    await totals.getByText('₩1,446,000').waitFor();
    // The total is said once, as the lines' footer, not again under them (issue 10).
    expect(await page.getByRole('region', { name: 'Sales lines' }).getByText('₩1,446,000', { exact: true }).count()).toBe(1);
    await s.shot('M8.g-details');
  });

  it('M8.g: Print opens the printable sale: company header, lines, totals, one A4 page', async () => {
    const { page, context } = s;
    const [printable] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Print' }).click()]);
    await printable.waitForLoadState();
    const sheet = printable.getByRole('article', { name: 'Sales order' });
    await sheet.getByText('한빛 솔루션 주식회사').waitFor();
    await sheet.getByText(number).waitFor();
    await sheet.getByText('삼성전자').waitFor();
    await sheet.getByText('₩1,446,000').waitFor();
    await printable.waitForTimeout(250);
    await printable.screenshot({ path: path.resolve('test-results/screenshots/m8-sales-M8.g-print.png'), fullPage: true });
    // What the browser prints: one A4 page, no toolbar.
    await printable.emulateMedia({ media: 'print' });
    expect(await printable.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    const pdf = await printable.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBe(1);
    fs.writeFileSync(path.resolve('test-results/screenshots/m8-sales-M8.g-print.pdf'), pdf);
    await printable.close();
  });

  it('Customer information → Sales: the customer\'s sales and their total (cancelled ones apart)', async () => {
    const { page } = s;
    const statuses = (await api<{ items: { id: number; code: string }[] }>('GET', '/api/v1/dictionaries/sale-status/values')).items;
    await api('POST', '/api/v1/sales', { customerId: acme.id, total: 500_000, statusId: statuses.find((x) => x.code === 'cancelled')?.id });
    await page.goto(`/customers/${acme.id}`);
    await page.getByRole('tab', { name: 'Sales' }).click();
    await page.getByRole('group', { name: 'Sales total' }).getByText('₩1,446,000').waitFor();
    await page.getByRole('group', { name: 'Cancelled' }).getByText('1').waitFor();
    const table = page.getByRole('table', { name: 'Sales of 삼성전자' });
    await table.getByRole('link', { name: number }).waitFor();
    await s.shot('M8-customer-sales');
  });

  it('M8 in 한국어: 판매, 판매 세부정보, 인쇄', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('navigation').getByRole('link', { name: '판매', exact: true }).click();
    await page.getByRole('heading', { name: '판매' }).waitFor();
    await page.getByRole('table', { name: '판매' }).getByRole('link', { name: number }).click();
    await page.getByText('판매 세부정보', { exact: true }).waitFor();
    await page.getByRole('link', { name: '인쇄' }).waitFor();
    await s.shot('M8-ko-sale');
    await page.getByRole('combobox', { name: /Language/ }).selectOption('en');
    await page.getByText('Sales details', { exact: true }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
