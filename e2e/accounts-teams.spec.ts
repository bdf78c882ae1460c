import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, passwordField, personAt, setUpAdmin, signInAt, type ApiSession } from './support/accounts.js';
import { openStory, type Story } from './support/story.js';
import { field, grid, pickOption } from './support/ui.js';

const ADMIN = { name: 'Dana Admin', email: 'dana@example.com', password: 'admin password 1' };
const PEOPLE = [
  { name: 'Min-jun Park', email: 'minjun@example.com', password: 'north team pass 1', team: 'Team North' },
  { name: 'Li Wei', email: 'liwei@example.com', password: 'south team pass 1', team: 'Team South' },
] as const;

interface UserRow { id: number; email: string }

/**
 * Issue 15: the administrator makes two teams and two sales representatives in Settings; each signs in
 * at their own browser and sees only their team's customers, and their own numbers on the dashboard.
 */
describe('accounts: two teams see different records', () => {
  let s: Story;
  let admin: ApiSession;
  const people: { context: BrowserContext; page: Page }[] = [];

  beforeAll(async () => {
    s = await openStory('accounts-teams');
    admin = await setUpAdmin(s.server.app, ADMIN);
  });
  afterAll(async () => {
    for (const p of people) await p.context.close().catch(() => undefined);
    await s?.close();
  });

  it('the administrator signs in and adds two teams in Settings → Users and access', async () => {
    const { page } = s;
    await page.goto('/');
    await signInAt(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: ADMIN.name, exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Users and access' }).waitFor();
    await page.getByRole('tab', { name: 'Teams' }).click();
    for (const team of PEOPLE.map((p) => p.team)) {
      await page.getByRole('textbox', { name: 'New team name' }).fill(team);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByRole('table', { name: 'Teams' }).getByRole('cell', { name: team, exact: true }).waitFor();
    }
    await s.shot('teams');
  });

  it('adds two sales representatives, one in each team', async () => {
    const { page } = s;
    await page.getByRole('tab', { name: 'Users' }).click();
    for (const p of PEOPLE) {
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      await field(dialog, 'Name').fill(p.name);
      await field(dialog, 'Email').fill(p.email);
      await passwordField(dialog, 'Password').fill(p.password);
      await pickOption(page, dialog, 'Team', p.team);
      await dialog.getByRole('checkbox', { name: 'Sales representative' }).check();
      if (p === PEOPLE[0]) await s.shot('new-user');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('table', { name: 'Users' }).getByRole('cell', { name: p.email }).waitFor();
    }
    await s.shot('users');
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'Role: Sales representative' }).click();
    const role = page.getByRole('dialog', { name: 'Role: Sales representative' });
    // Read the team's customers, change only their own; shown, not editable.
    const customers = role.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Customers', exact: true }) });
    expect((await customers.getByRole('cell').allInnerTexts()).map((x) => x.trim())).toEqual(['Own', 'Team', 'Own', 'Own', 'Own', 'Own']);
    expect(await role.getByRole('combobox').count()).toBe(0);
    await s.shot('role');
    await role.getByRole('button', { name: 'Close' }).click();
  });

  it('the administration reads in 한국어 and 中文', async () => {
    const { page } = s;
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('heading', { name: '사용자 및 권한' }).waitFor();
    await page.getByRole('tab', { name: '사용자' }).click();
    await page.getByRole('table', { name: '사용자' }).getByRole('cell', { name: '영업 담당자' }).first().waitFor();
    await s.shot('users-ko');
    await page.getByRole('tab', { name: '역할' }).click();
    await page.getByRole('button', { name: '역할: 영업 담당자' }).click();
    const role = page.getByRole('dialog', { name: '역할: 영업 담당자' });
    await role.getByRole('tab', { name: '특별 권한' }).click();
    await s.shot('role-ko');
    await role.getByRole('button', { name: '복사' }).click();
    const copy = page.getByRole('dialog', { name: '새 역할' });
    expect(await field(copy, '역할 이름').inputValue()).toBe('영업 담당자 사본');
    await s.shot('role-copy-ko');
    await copy.getByRole('button', { name: '취소' }).click();
    await page.getByRole('combobox', { name: '언어 / Language' }).selectOption('zh-CN');
    await page.getByRole('tab', { name: '用户' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请至少选择一个角色').waitFor();
    await s.shot('new-user-zh');
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByRole('tab', { name: 'API 令牌' }).click();
    await page.getByRole('button', { name: '新建 API 令牌' }).click();
    const token = page.getByRole('dialog', { name: '新建 API 令牌' });
    await field(token, '令牌名称').fill('报表脚本');
    await pickOption(page, token, '角色', '查看者');
    await token.getByRole('button', { name: '创建' }).click();
    const shown = page.getByRole('dialog', { name: 'API 令牌“报表脚本”' });
    await shown.getByRole('button', { name: '复制' }).waitFor();
    await s.shot('token-zh');
    await shown.getByRole('button', { name: '完成' }).click();
    await page.getByRole('table', { name: 'API 令牌' }).getByRole('cell', { name: '报表脚本', exact: true }).waitFor();
    await page.getByRole('combobox', { name: '语言 / Language' }).selectOption('en');
  });

  it('each signs in at their own browser and sees only their team\'s customers and numbers', async () => {
    // The records each team owns, made by the administrator for them.
    const users = (await asUser<{ items: UserRow[] }>(s.server.app, admin, 'GET', '/api/v1/users')).items;
    const idOf = (email: string) => users.find((u) => u.email === email)?.id;
    const stage = (await asUser<{ items: { id: number }[] }>(s.server.app, admin, 'GET', '/api/v1/dictionaries/opportunity-stage/values?locale=en')).items[0]?.id;
    const owned = [['North Star Foods', 'Northwind Traders'], ['Southern Cross Ltd']];
    for (const [i, names] of owned.entries()) {
      const ownerId = idOf(PEOPLE[i]?.email ?? '');
      for (const name of names) {
        const c = await asUser<{ id: number }>(s.server.app, admin, 'POST', '/api/v1/customers', { name, ownerId });
        await asUser(s.server.app, admin, 'POST', '/api/v1/opportunities', { name: `${name} renewal`, customerId: c.id, stageId: stage, amount: 1_000_000, probability: 50, ownerId });
      }
    }

    for (const [i, p] of PEOPLE.entries()) {
      const person = await personAt(s.browser, s.server.baseUrl);
      people.push(person);
      const { page } = person;
      await page.goto('/');
      await signInAt(page, p.email, p.password);
      await page.getByRole('button', { name: p.name, exact: true }).waitFor();
      const mine = owned[i] ?? [];
      // The dashboard counts only the team's open opportunities.
      const n = mine.length;
      await page.getByRole('region', { name: 'Open sales opportunities' }).getByRole('link', { name: `${n} open ${n === 1 ? 'opportunity' : 'opportunities'}`, exact: true }).waitFor();
      await page.screenshot({ path: `test-results/screenshots/accounts-teams-dashboard-${i + 1}.png` });
      await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
      for (const name of mine) await grid(page).getByRole('link', { name, exact: true }).waitFor();
      const others = owned.flat().filter((x) => !mine.includes(x));
      for (const name of others) expect(await grid(page).getByRole('link', { name, exact: true }).count()).toBe(0);
      expect(await grid(page).getByRole('row').count()).toBe(mine.length + 1);
      await page.screenshot({ path: `test-results/screenshots/accounts-teams-customers-${i + 1}.png` });
      // A sales representative does not manage users.
      await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('heading', { name: 'Users and access' }).waitFor();
      expect(await page.getByRole('tab', { name: 'Users' }).count()).toBe(0);
      // Nor the installation's settings: their own language, name, zone and API tokens remain.
      await page.getByRole('tab', { name: 'API tokens' }).waitFor();
      expect(await page.getByText('Currency', { exact: true }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Dictionaries' }).count()).toBe(0);
      if (i === 0) await page.screenshot({ path: 'test-results/screenshots/accounts-teams-settings-sales-rep.png' });
    }
    expect(s.problems).toEqual([]);
  });

  it('a role copied from a built-in one saves with a hidden field; a deactivated user is signed out at once', async () => {
    const { page } = s;
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.getByRole('button', { name: 'Copy Sales representative' }).click();
    const copy = page.getByRole('dialog', { name: 'New role' });
    await field(copy, 'Role name').fill('Sales without phones');
    await copy.getByRole('combobox', { name: 'Customers: Export' }).selectOption('none');
    await copy.getByRole('tab', { name: 'Fields' }).click();
    await copy.getByRole('combobox', { name: 'Phone', exact: true }).selectOption('hidden');
    await s.shot('role-fields');
    await copy.getByRole('button', { name: 'Save' }).click();
    await copy.waitFor({ state: 'hidden' });
    const roles = (await asUser<{ items: { name: string; builtIn: unknown; permissions: { entities: Record<string, Record<string, string>>; fields: Record<string, Record<string, string>> } }[] }>(s.server.app, admin, 'GET', '/api/v1/roles')).items;
    const saved = roles.find((r) => r.name === 'Sales without phones');
    expect(saved?.builtIn).toBeFalsy();
    expect(saved?.permissions.entities.customer).toMatchObject({ read: 'team', edit: 'own', export: 'none' });
    expect(saved?.permissions.fields.customer).toEqual({ phone: 'hidden' });

    await page.getByRole('tab', { name: 'Users' }).click();
    // Editing a user keeps their roles and team.
    await page.getByRole('button', { name: `Actions for ${PEOPLE[0].name}` }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit user: ${PEOPLE[0].name}` });
    await field(edit, 'Name').fill('Min-jun Park (North)');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'hidden' });
    const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: PEOPLE[0].email });
    await expect.poll(async () => (await row.getByRole('cell').allInnerTexts()).slice(0, 4).map((x) => x.trim())).toEqual(['Min-jun Park (North)', PEOPLE[0].email, PEOPLE[0].team, 'Sales representative']);

    await page.getByRole('button', { name: `Actions for ${PEOPLE[1].name}` }).click();
    await page.getByRole('menuitem', { name: 'Deactivate' }).click();
    await page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: PEOPLE[1].email }).getByText('Inactive').waitFor();
    // Li Wei's next click finds the session gone and the sign-in page in its place.
    const li = people[1]?.page;
    if (!li) throw new Error('no second browser');
    await li.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
    await li.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signInAt(li, PEOPLE[1].email, PEOPLE[1].password);
    await li.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    expect(s.problems).toEqual([]);
  });
});
