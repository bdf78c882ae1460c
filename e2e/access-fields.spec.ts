import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { grid, rowOf } from './support/ui.js';
import { asUser, setUpAdmin, type ApiSession } from './support/accounts.js';

const ADMIN = { name: 'Park Admin', email: 'admin@rapport.example', password: 'admin-password-1' };
const USER = { name: 'Lee Jiwoo', email: 'jiwoo@rapport.example', password: 'jiwoo-password-1' };
const SECRET_EMAIL = 'ceo@blueharbor.example';
const SECRET_NOTES = 'Pays late; ask for prepayment';

/** Issue 15: a role hides a customer's e-mail and notes and makes its city read-only; a user with that role sees neither field anywhere. */
describe('a field hidden by role', () => {
  let s: Story;
  let customerId = 0;
  const host = { host: '127.0.0.1' };
  let admin: ApiSession;

  beforeAll(async () => {
    s = await openStory('access-fields');
    const app = s.server.app;
    // Records first, while the new installation still acts as its local administrator.
    const c = await createCustomer(app, { name: 'Blue Harbor Trading', phone: '+82 2 555 0100', email: SECRET_EMAIL, notes: SECRET_NOTES, city: 'Busan' });
    customerId = c.id;
    await createCustomer(app, { name: 'Cedar Foods', email: 'hello@cedar.example', city: 'Seoul' });

    // The administrator is made (contract: POST /auth/setup), then acts with the session cookie and its CSRF token.
    admin = await setUpAdmin(app, ADMIN);
    const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) => asUser<unknown>(app, admin, method, url, payload);
    // A copy of the built-in sales role, with the customer's e-mail and notes hidden and its city read-only.
    const roles = (await asAdmin('GET', '/api/v1/roles')) as { items: { id: number; name: string; permissions: { entities: Record<string, Record<string, string>>; fields: Record<string, Record<string, string>>; special: string[] } }[] };
    const base = roles.items.find((r) => r.name === 'Sales representative') ?? roles.items[0];
    if (!base) throw new Error('no roles');
    const permissions = {
      ...base.permissions,
      entities: { ...base.permissions.entities, customer: { create: 'all', read: 'all', edit: 'all', delete: 'none', export: 'none', import: 'none' } },
      fields: { ...base.permissions.fields, customer: { email: 'hidden', notes: 'hidden', city: 'read-only' } },
      special: [],
    };
    const role = (await asAdmin('POST', '/api/v1/roles', { name: 'Sales without e-mail', permissions })) as { id: number };
    await asAdmin('POST', '/api/v1/users', { ...USER, roleIds: [role.id] });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the user signs in', async () => {
    const { page } = s;
    await page.goto('/customers');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(USER.email);
    // The label reads "Password *" (required): the field is the one labelled Password, not its show/hide toggle.
    await page.getByLabel(/^Password\s*\*?$/).fill(USER.password);
    await s.shot('sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await rowOf(page, 'Blue Harbor Trading').waitFor();
  });

  it('the list has no Email column and offers no hidden field to group by', async () => {
    const { page } = s;
    const headers = (await grid(page).getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    expect(headers).toContain('Phone');
    expect(headers).not.toContain('Email');
    expect(await grid(page).innerText()).not.toContain(SECRET_EMAIL);
    const groupBy = await page.getByRole('combobox', { name: 'Group by' }).locator('option').allInnerTexts();
    expect(groupBy).toContain('City');
    expect(groupBy).not.toContain('Email');
    expect(groupBy).not.toContain('Notes');
    // Export and New follow the role: export none, create all.
    expect(await page.getByRole('button', { name: 'Export' }).count()).toBe(0);
    await page.getByRole('button', { name: 'New', exact: true }).waitFor();
    await s.shot('list');
  });

  it('the record page shows neither field, nor their changes', async () => {
    const { page } = s;
    await rowOf(page, 'Blue Harbor Trading').getByRole('link', { name: 'Blue Harbor Trading' }).click();
    await page.getByRole('heading', { name: 'Blue Harbor Trading' }).waitFor();
    const main = page.getByRole('main');
    await main.getByText('+82 2 555 0100').waitFor();
    expect(await main.innerText()).not.toContain(SECRET_EMAIL);
    expect(await main.innerText()).not.toContain(SECRET_NOTES);
    expect(await main.locator('dt').allInnerTexts()).not.toContain('Email');
    expect(await main.locator('dt').allInnerTexts()).not.toContain('Notes');
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await s.shot('record');
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.getByRole('article').first().waitFor();
    expect(await main.innerText()).not.toContain(SECRET_EMAIL);
    await page.getByRole('tab', { name: 'Details' }).click();
  });

  it('"Why can I see this?" names the role, the reach and the fields hidden from the user', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Why can I see this?' }).click();
    const dialog = page.getByRole('dialog', { name: 'Why can I see this?' });
    await dialog.getByText('Your role “Sales without e-mail” reaches every record.').first().waitFor();
    await dialog.getByText('Hidden from you: Email and Notes').waitFor();
    await dialog.getByText('Read-only for you: City').waitFor();
    const rows = dialog.getByRole('table', { name: 'Why can I see this?' }).getByRole('row');
    expect(await rows.filter({ hasText: 'Delete' }).innerText()).toContain('Not allowed');
    await s.shot('why');
    await dialog.getByRole('button', { name: 'Close' }).click();
    for (const [lang, why] of [['ko', '이 기록을 볼 수 있는 이유'], ['zh-CN', '为什么我能看到这条记录？']] as const) {
      await page.evaluate((l) => localStorage.setItem('rapport.language', l), lang);
      await page.reload();
      await page.getByRole('button', { name: why }).click();
      await page.getByRole('dialog', { name: why }).getByRole('table').waitFor();
      await s.shot(`why-${lang}`);
      await page.keyboard.press('Escape');
    }
    await page.evaluate(() => localStorage.setItem('rapport.language', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Blue Harbor Trading' }).waitFor();
  });

  it('the form has no Email or Notes field and shows City read-only', async () => {
    const { page } = s;
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit customer' });
    await dialog.getByRole('textbox', { name: 'Phone' }).waitFor();
    expect(await dialog.getByRole('textbox', { name: 'Email' }).count()).toBe(0);
    expect(await dialog.getByRole('textbox', { name: 'Notes' }).count()).toBe(0);
    const city = dialog.getByRole('textbox', { name: 'City' });
    expect(await city.isDisabled()).toBe(true);
    expect(await city.inputValue()).toBe('Busan');
    await city.scrollIntoViewIfNeeded();
    await s.shot('form');
    // Saving what may be changed works: the hidden and read-only fields are not sent.
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('+82 2 555 0199');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const stored = await asUser<unknown>(s.server.app, admin, 'GET', `/api/v1/customers/${customerId}`);
    expect(stored).toMatchObject({ phone: '+82 2 555 0199', email: SECRET_EMAIL, notes: SECRET_NOTES, city: 'Busan' });
    expect(s.problems.filter((p) => !p.startsWith('404 GET'))).toEqual([]);
  });
});
