import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStory, type Story } from './support/story.js';
import { field, pickOption, rowOf } from './support/ui.js';

/** Lab manual M0–M1: open Rapport, the Customers folder, New record, Save and New, Save, edit. */
describe('M1 customers', () => {
  let s: Story;
  beforeAll(async () => {
    s = await openStory('m1');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('M0.c: Rapport opens with its title and the working folders', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Rapport' }).waitFor();
    await page.getByText('Customer Relationship Management').waitFor();
    const nav = page.getByRole('navigation');
    // The manual's folders in its order (later issues add more after these), then Trash, the Audit log and Settings.
    for (const folder of ['Customers', 'Customer groups', 'Contacts', 'Trash', 'Settings']) await nav.getByRole('link', { name: folder, exact: true }).waitFor();
    const folders = await nav.getByRole('link').allInnerTexts();
    // Home first (issue 12), then the manual's folders.
    expect(folders.slice(0, 4)).toEqual(['Home', 'Customers', 'Customer groups', 'Contacts']);
    // The local administrator has the audit right: the Audit log sits between Trash and Settings (issue 15).
    expect(folders.slice(-3)).toEqual(['Trash', 'Audit log', 'Settings']);
    await s.shot('M0-shell');
  });

  it('M1.b: New record opens the customer dialog', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('tab', { name: 'Customer list' }).waitFor();
    await page.getByRole('button', { name: 'New record' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.waitFor();
    for (const label of ['Name', 'Code', 'Type', 'Industry', 'Owner', 'Phone', 'Email', 'City', 'Notes']) {
      await field(dialog, label).waitFor();
    }
    // The server suggests the next code; it is shown, and used when the field is left empty.
    await dialog.getByText('Leave empty to use C-000001').waitFor();
    await s.shot('M1.b-new-record');
  });

  it('M1.d: a missing name is named and nothing is saved', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Phone').fill('+82 2 555 0100');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.getByText('is required').waitFor();
    // What the user typed is kept.
    expect(await field(dialog, 'Phone').inputValue()).toBe('+82 2 555 0100');
    await s.shot('M1.d-required');
  });

  it('M1.c: Save and New saves, confirms and clears the form for the next customer', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Name').fill('ACME Trading');
    await pickOption(page, dialog, 'Type', 'Customer');
    await pickOption(page, dialog, 'Industry', 'Manufacturing');
    await field(dialog, 'Email').fill('sales@acme.example');
    await field(dialog, 'City').fill('Seoul');
    await dialog.getByRole('button', { name: 'Save and New' }).click();
    await dialog.getByText('Saved “ACME Trading”').waitFor();
    expect(await field(dialog, 'Name').inputValue()).toBe('');
    expect(await field(dialog, 'Phone').inputValue()).toBe('');
    await dialog.getByText('Leave empty to use C-000002').waitFor();
    await s.shot('M1.c-save-and-new');
  });

  it('M1.d: a server error is shown under the field and keeps what was typed', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Name').fill('Blue Harbor Foods');
    await field(dialog, 'Code').fill('C-000001');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.getByText('is already used by another record').waitFor();
    expect(await field(dialog, 'Name').inputValue()).toBe('Blue Harbor Foods');
    await s.shot('M1.d-server-error');
  });

  it('M1.d: Save record stores the customer and closes the dialog', async () => {
    const { page } = s;
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Code').fill('');
    await pickOption(page, dialog, 'Rating', 'A – key');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await rowOf(page, 'Blue Harbor Foods').waitFor();
    await rowOf(page, 'ACME Trading').waitFor();
    await page.getByText('2 customers').waitFor();
    await s.shot('M1.d-saved-list');
  });

  it('M1.d: modify a customer from its information page', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'ACME Trading', exact: true }).click();
    await page.getByRole('heading', { name: 'ACME Trading' }).waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit customer' });
    await field(dialog, 'Phone').fill('+82 2 1234 5678');
    await field(dialog, 'Notes').fill('Met at the Seoul fair.\nWants a quote in March.');
    await s.shot('M1.d-edit-dialog');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '+82 2 1234 5678' }).waitFor();
    await page.getByText('Wants a quote in March.', { exact: false }).waitFor();
    await s.shot('M1.d-information');
    const res = await s.server.app.inject({ method: 'GET', url: '/api/v1/customers?q=ACME', headers: { host: '127.0.0.1' } });
    const body = res.json() as { items: { phone: string; version: number }[] };
    expect(body.items[0]?.phone).toBe('+82 2 1234 5678');
  });

  it('M0.b: switching to 한국어 shows the manual’s words, and it is remembered', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('tab', { name: '고객 목록' }).waitFor();
    await page.getByRole('button', { name: '새 기록' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '고객 관리' }).waitFor();
    await page.getByText('고객 관계 관리').waitFor();
    await s.shot('M0-korean-list');
    await page.getByRole('button', { name: '새 기록' }).click();
    const dialog = page.getByRole('dialog', { name: '새 고객' });
    await dialog.getByRole('button', { name: '저장 및 새로 만들기' }).waitFor();
    await dialog.getByRole('button', { name: '기록 저장' }).waitFor();
    await s.shot('M0-korean-dialog');
    await dialog.getByRole('button', { name: '취소' }).click();
    await page.reload();
    await page.getByRole('tab', { name: '고객 목록' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '客户列表' }).waitFor();
    await page.getByRole('button', { name: '新建记录' }).waitFor();
    await s.shot('M0-chinese-list');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await page.getByRole('tab', { name: 'Customer list' }).waitFor();
  });

  it('Settings lists the dictionaries; each opens its editor with the values in the current language', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('table', { name: 'Dictionaries' }).getByRole('cell', { name: 'Customer type', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit customer type dictionary' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit customer type dictionary' });
    await editor.getByRole('listitem', { name: 'Reseller' }).waitFor();
    await s.shot('settings');
    await editor.getByRole('button', { name: 'Close', exact: true }).last().click();
    await page.getByRole('radiogroup').getByText('한국어', { exact: true }).click();
    await page.getByRole('button', { name: '고객 유형 사전 편집' }).click();
    await page.getByRole('dialog', { name: '고객 유형 사전 편집' }).getByRole('listitem', { name: '대리점' }).waitFor();
    await page.getByRole('dialog', { name: '고객 유형 사전 편집' }).getByRole('button', { name: '닫기', exact: true }).last().click();
    await page.getByRole('radiogroup').getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
