import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from './support/seed.js';
import { openStory, type Story } from './support/story.js';
import { grid, rowOf } from './support/ui.js';

const ADMIN = { name: 'Park Admin', email: 'admin@rapport.example', password: 'admin-password-1' };
const USER = { name: 'Lee Jiwoo', email: 'jiwoo@rapport.example', password: 'jiwoo-password-1' };
const SECRET_EMAIL = 'ceo@blueharbor.example';
const SECRET_NOTES = 'Pays late; ask for prepayment';

interface Answer { statusCode: number; body: string; json: () => unknown; headers: Record<string, unknown> }

/** Issue 15: a role hides a customer's e-mail and notes and makes its city read-only; a user with that role sees neither field anywhere. */
describe('a field hidden by role', () => {
  let s: Story;
  let customerId = 0;
  const host = { host: '127.0.0.1' };
  let adminHeaders: Record<string, string> = host;

  beforeAll(async () => {
    s = await openStory('access-fields');
    const app = s.server.app;
    // Records first, while the new installation still acts as its local administrator.
    const c = await createCustomer(app, { name: 'Blue Harbor Trading', phone: '+82 2 555 0100', email: SECRET_EMAIL, notes: SECRET_NOTES, city: 'Busan' });
    customerId = c.id;
    await createCustomer(app, { name: 'Cedar Foods', email: 'hello@cedar.example', city: 'Seoul' });

    // The administrator is made (contract: POST /auth/setup), then acts with the session cookie and its CSRF token.
    const setup = (await app.inject({ method: 'POST', url: '/api/v1/auth/setup', headers: host, payload: ADMIN })) as Answer;
    if (setup.statusCode !== 200) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
    const cookie = String([setup.headers['set-cookie']].flat()[0] ?? '').split(';')[0] ?? '';
    const csrf = (setup.json() as { csrfToken: string }).csrfToken;
    adminHeaders = { ...host, cookie, 'x-csrf-token': csrf };
    const asAdmin = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = (await app.inject({ method, url, headers: adminHeaders, payload })) as Answer;
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
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
    const password = page.getByLabel('Password', { exact: true });
    // The sign-in page (web-auth); without it the session is started through the API, as a script would.
    if (await password.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
      await page.getByRole('textbox', { name: 'Email' }).fill(USER.email);
      await password.fill(USER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    } else {
      const res = await page.request.post('/api/v1/auth/sign-in', { data: { email: USER.email, password: USER.password } });
      expect(res.status()).toBe(200);
      await page.goto('/customers');
    }
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
    const stored = (await s.server.app.inject({ method: 'GET', url: `/api/v1/customers/${customerId}`, headers: adminHeaders })) as Answer;
    expect(stored.json()).toMatchObject({ phone: '+82 2 555 0199', email: SECRET_EMAIL, notes: SECRET_NOTES, city: 'Busan' });
    expect(s.problems.filter((p) => !p.startsWith('404 GET'))).toEqual([]);
  });
});
