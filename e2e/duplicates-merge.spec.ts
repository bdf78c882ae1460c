import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RapportApp } from '../src/server/app.js';
import { createContact, createCustomer, type Seeded } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { field } from './support/ui.js';
import { asUser, personAt, setUpAdmin, signInAt } from './support/accounts.js';

async function createActivity(app: RapportApp, body: { subject: string; customerId: number }): Promise<void> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/activities', payload: { ...body, allDay: true, startDate: '2026-11-20' }, headers: { host: '127.0.0.1' } });
  if (res.statusCode !== 201) throw new Error(`create activity: ${res.statusCode} ${res.body}`);
}

/**
 * Issue 16: a customer entered twice under two company forms ((주)… and … 주식회사) is flagged when a third is
 * typed, found by Find duplicates with its reasons, merged into one (its contacts and activities follow), and
 * the merge is undone. Another look-alike pair is marked "not duplicates" and stays out of the queue.
 */
describe('Duplicates and merge', () => {
  let s: Story;
  let first: Seeded;
  let second: Seeded;
  beforeAll(async () => {
    s = await openStory('duplicates');
    const app = s.server.app;
    first = await createCustomer(app, { name: '(주)삼성전자', phone: '010-1234-5678', email: 'contact@samsung.example', city: 'Seoul' });
    second = await createCustomer(app, { name: '삼성전자 주식회사', phone: '010-1234-5678', email: 'sales@samsung.example', city: 'Suwon' });
    await createContact(app, { name: '김민준', customerId: first.id });
    await createContact(app, { name: '이서연', customerId: second.id });
    await createActivity(app, { subject: 'Quarterly review', customerId: first.id });
    await createActivity(app, { subject: 'Factory visit', customerId: second.id });
    await createCustomer(app, { name: 'Hanbit Trading', email: 'sales@hanbit.example', city: 'Busan' });
    await createCustomer(app, { name: 'Hanbit Trading Co., Ltd.', email: 'sales@hanbit.example', city: 'Busan' });
    await createCustomer(app, { name: 'Evergreen Labs', email: 'hello@evergreen.example', city: 'Austin' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('warns before a third look-alike is saved; Cancel keeps what was typed, Save anyway saves it', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('button', { name: 'New record' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Name').fill('㈜삼성전자');
    await field(dialog, 'Phone').fill('01012345678');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    const warning = dialog.getByRole('alert', { name: '2 possible duplicates' });
    await warning.waitFor();
    await warning.getByRole('link', { name: '(주)삼성전자' }).waitFor();
    await warning.getByRole('link', { name: '삼성전자 주식회사' }).waitFor();
    await warning.getByText(/Same phone: /).first().waitFor();
    await s.shot('warning-en');
    await warning.getByRole('button', { name: 'Cancel' }).click();
    await warning.waitFor({ state: 'detached' });
    // Nothing typed is lost, and the dialog is still open.
    expect(await field(dialog, 'Name').inputValue()).toBe('㈜삼성전자');
    expect(await field(dialog, 'Phone').inputValue()).toBe('01012345678');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await warning.getByRole('button', { name: 'Save anyway' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Saved “㈜삼성전자”').waitFor();
  });

  it('Find duplicates shows each group with its score and reasons', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Find duplicates' }).click();
    await page.waitForURL('**/customers/duplicates');
    await page.getByRole('heading', { name: 'Find duplicates: Customers' }).waitFor();
    const samsung = page.getByRole('article', { name: /Possible duplicates: .*삼성전자 주식회사/ });
    await samsung.waitFor();
    await samsung.getByText(/^\d+% match$/).waitFor();
    await samsung.getByRole('listitem').filter({ hasText: /^Same phone: / }).first().waitFor();
    await samsung.getByRole('listitem').filter({ hasText: 'Same name without company form: ' }).first().waitFor();
    for (const name of ['(주)삼성전자', '삼성전자 주식회사', '㈜삼성전자']) await samsung.getByRole('link', { name, exact: true }).waitFor();
    const hanbit = page.getByRole('article', { name: /Possible duplicates: .*Hanbit Trading/ });
    await hanbit.getByRole('listitem').filter({ hasText: 'Same email: sales@hanbit.example' }).waitFor();
    // A customer like no other is in no group.
    expect(await page.getByRole('article', { name: /Evergreen/ }).count()).toBe(0);
    await s.shot('page-en');
  });

  it('Not duplicates takes a group out of the queue, for good', async () => {
    const { page } = s;
    const hanbit = page.getByRole('article', { name: /Possible duplicates: .*Hanbit Trading/ });
    await hanbit.getByRole('button', { name: 'Not duplicates' }).click();
    await hanbit.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('article', { name: /삼성전자/ }).waitFor();
    expect(await page.getByRole('article', { name: /Hanbit/ }).count()).toBe(0);
  });

  it('Merge: the chosen survivor keeps the chosen values and gets every contact and activity', async () => {
    const { page } = s;
    const samsung = page.getByRole('article', { name: /삼성전자/ });
    await samsung.getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge records' });
    await dialog.getByRole('radiogroup', { name: 'Surviving record' }).getByRole('radio', { name: '삼성전자 주식회사' }).check();
    // The survivor's own value is offered first; the other record's email is chosen instead.
    const email = dialog.getByRole('radiogroup', { name: 'Email' });
    expect(await email.getByRole('radio', { name: 'sales@samsung.example' }).isChecked()).toBe(true);
    await email.getByRole('radio', { name: 'contact@samsung.example' }).check();
    await dialog.getByText(/Contacts, .*move to the surviving record “삼성전자 주식회사”/).waitFor();
    await s.shot('merge-en');
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL(`**/customers/${second.id}`);
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await page.getByText('contact@samsung.example').first().waitFor();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    const contacts = page.getByRole('table', { name: 'Contacts of 삼성전자 주식회사' });
    for (const name of ['김민준', '이서연']) await contacts.getByRole('button', { name }).waitFor();
    await page.getByRole('tab', { name: 'Activities' }).click();
    for (const subject of ['Quarterly review', 'Factory visit']) await page.getByRole('tabpanel').getByText(subject).first().waitFor();
    await s.shot('merged-en');
  });

  it('Undo puts both customers back, each with its own contacts', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Customers', exact: true }).first().click();
    await page.getByRole('link', { name: 'Find duplicates' }).click();
    await page.getByRole('tab', { name: 'Merge history' }).click();
    const history = page.getByRole('table', { name: 'Merge history' });
    await history.getByRole('cell', { name: '삼성전자 주식회사' }).waitFor();
    await s.shot('history-en');
    await history.getByRole('button', { name: /^Undo merge into/ }).click();
    await history.getByText(/^Undone /).waitFor();
    await page.goto(`/customers/${first.id}`);
    await page.getByRole('tab', { name: 'Contacts' }).click();
    await page.getByRole('table', { name: 'Contacts of (주)삼성전자' }).getByRole('button', { name: '김민준' }).waitFor();
    await page.goto(`/customers/${second.id}`);
    // The survivor's own email is back (Details first, before another tab hides it).
    await page.getByText('sales@samsung.example').first().waitFor();
    await page.getByRole('tab', { name: 'Contacts' }).click();
    const own = page.getByRole('table', { name: 'Contacts of 삼성전자 주식회사' });
    await own.getByRole('button', { name: '이서연' }).waitFor();
    expect(await own.getByRole('button', { name: '김민준' }).count()).toBe(0);
  });

  it('the Undo of the toast after a merge takes it back at once', async () => {
    const { page } = s;
    await page.goto('/customers/duplicates');
    await page.getByRole('article', { name: /삼성전자/ }).getByRole('button', { name: 'Merge…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge records' });
    await dialog.getByRole('radiogroup', { name: 'Surviving record' }).getByRole('radio', { name: '(주)삼성전자' }).waitFor();
    await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.waitForURL(`**/customers/${first.id}`);
    const merged = await s.server.app.inject({ method: 'GET', url: `/api/v1/customers/${second.id}` });
    expect(merged.statusCode).toBe(404);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Merge undone: the records are separate again.').waitFor();
    const back = await s.server.app.inject({ method: 'GET', url: `/api/v1/customers/${second.id}` });
    expect(back.statusCode).toBe(200);
    // The survivor's page shows its own contacts again.
    await page.getByRole('tab', { name: 'Contacts' }).click();
    const contacts = page.getByRole('table', { name: 'Contacts of (주)삼성전자' });
    await contacts.getByRole('button', { name: '김민준' }).waitFor();
    await expect.poll(() => contacts.getByRole('button', { name: '이서연' }).count()).toBe(0);
  });

  it('reads in Korean and Chinese', async () => {
    const { page } = s;
    for (const lang of [
      { code: 'ko', switcher: 'Language', find: '중복 찾기', merge: '병합…', title: '기록 병합' },
      { code: 'zh-CN', switcher: '언어 / Language', find: '查找重复', merge: '合并…', title: '合并记录' },
    ]) {
      await page.goto('/customers');
      await page.getByRole('combobox', { name: lang.switcher }).selectOption(lang.code);
      await page.getByRole('link', { name: lang.find }).click();
      const group = page.getByRole('article').first();
      await group.waitFor();
      await s.shot(`page-${lang.code}`);
      await group.getByRole('button', { name: lang.merge }).click();
      const dialog = page.getByRole('dialog', { name: lang.title });
      await dialog.getByRole('radiogroup').first().waitFor();
      await s.shot(`merge-${lang.code}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    expect(s.problems).toEqual([]);
  });

  it('a role that may not delete customers reviews the queue but is offered no Merge', async () => {
    const app = s.server.app;
    const admin = await setUpAdmin(app, { name: 'Park Admin', email: 'admin@rapport.example', password: 'admin-password-1' });
    const roles = await asUser<{ items: { name: string; permissions: { entities: Record<string, Record<string, string>> } }[] }>(app, admin, 'GET', '/api/v1/roles');
    const base = roles.items.find((r) => r.name === 'Sales representative') ?? roles.items[0];
    if (!base) throw new Error('no roles');
    const permissions = { ...base.permissions, entities: { ...base.permissions.entities, customer: { create: 'all', read: 'all', edit: 'all', delete: 'none', export: 'none', import: 'none' } }, special: [] };
    const role = await asUser<{ id: number }>(app, admin, 'POST', '/api/v1/roles', { name: 'Sales without delete', permissions });
    await asUser(app, admin, 'POST', '/api/v1/users', { name: 'Lee Jiwoo', email: 'jiwoo@rapport.example', password: 'jiwoo-password-1', roleIds: [role.id] });
    const { context, page } = await personAt(s.browser, s.server.baseUrl);
    try {
      await page.goto('/customers');
      await signInAt(page, 'jiwoo@rapport.example', 'jiwoo-password-1');
      await page.getByRole('link', { name: 'Find duplicates' }).click();
      const group = page.getByRole('article', { name: /삼성전자/ });
      await group.getByRole('button', { name: 'Not duplicates' }).waitFor();
      expect(await group.getByRole('button', { name: 'Merge…' }).count()).toBe(0);
      // A merge the administrator made is listed, without an Undo for this role.
      await asUser(app, admin, 'POST', `/api/v1/customers/${first.id}/merge`, { fromIds: [second.id], values: {} });
      await page.getByRole('tab', { name: 'Merge history' }).click();
      const history = page.getByRole('table', { name: 'Merge history' });
      // Newest first: the administrator's merge, not undone.
      const newest = history.getByRole('row').nth(1);
      await newest.getByRole('cell', { name: 'Park Admin' }).waitFor();
      expect(await newest.getByText(/^Undone/).count()).toBe(0);
      expect(await history.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
