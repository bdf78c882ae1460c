import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordField, signInAt } from './support/accounts.js';
import { openStory, type Story } from './support/story.js';
import { field } from './support/ui.js';

const ADMIN = { name: 'Alex Kim', email: 'alex@example.com', password: 'correct horse 42' };

interface Me { mode: string; signedIn: boolean; user: { name: string; email: string } | null }

/**
 * Issue 15: a new installation's first start names its administrator; from then on everyone signs in.
 * Sign out, a wrong password (the message does not say which part was wrong), sign in again.
 */
describe('accounts: first run', () => {
  let s: Story;
  const me = async () => (await s.page.request.get('/api/v1/auth/me')).json() as Promise<Me>;

  beforeAll(async () => {
    s = await openStory('accounts-first-run', { firstStart: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the first start asks for the administrator, checks the password twice, then signs them in', async () => {
    const { page } = s;
    await page.goto('/');
    const welcome = page.getByRole('dialog', { name: 'Welcome to Rapport' });
    await welcome.waitFor();
    // SQLite: the standalone app may also go without sign-in; the administrator account is the default.
    expect(await welcome.getByRole('radio', { name: 'Administrator account' }).isChecked()).toBe(true);
    await welcome.getByRole('radio', { name: 'No sign-in on this computer' }).waitFor();
    await field(welcome, 'Your name').fill(ADMIN.name);
    await field(welcome, 'Email').fill(ADMIN.email);
    await passwordField(welcome, 'Password').fill(ADMIN.password);
    await passwordField(welcome, 'Confirm password').fill('something else 42');
    await welcome.getByRole('button', { name: 'Start' }).click();
    await welcome.getByText('The two passwords are not the same').waitFor();
    expect((await me()).mode).toBe('setup');
    await s.shot('setup-mismatch');
    await passwordField(welcome, 'Confirm password').fill(ADMIN.password);
    await s.shot('setup');
    await welcome.getByRole('button', { name: 'Start' }).click();
    await welcome.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: ADMIN.name, exact: true }).waitFor();
    expect(await me()).toMatchObject({ mode: 'required', signedIn: true, user: { name: ADMIN.name, email: ADMIN.email } });
    // Reloading keeps the session and does not ask again.
    await page.reload();
    await page.getByRole('button', { name: ADMIN.name, exact: true }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await s.shot('signed-in');
  });

  it('the user menu signs out; the sign-in page refuses a wrong password without saying which part was wrong', async () => {
    const { page } = s;
    await page.getByRole('button', { name: ADMIN.name, exact: true }).click();
    await page.getByRole('menuitem', { name: 'Change password' }).waitFor();
    await page.getByRole('menuitem', { name: 'Sign out everywhere' }).waitFor();
    await s.shot('user-menu');
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect((await me()).signedIn).toBe(false);
    // Nothing of the app is behind it any more.
    expect(await page.getByRole('navigation', { name: 'Folders' }).count()).toBe(0);
    await s.shot('sign-in');

    await signInAt(page, ADMIN.email, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    await signInAt(page, 'nobody@example.com', 'not the password');
    await page.getByRole('alert').filter({ hasText: 'The email or password is not right.' }).waitFor();
    await s.shot('wrong-password');
    // Guessing on: the lockout says how long, in the same words whether or not the account exists.
    for (let i = 0; i < 6 && await page.getByText(/Too many sign-in attempts/).count() === 0; i++) {
      await signInAt(page, 'nobody@example.com', `guess number ${i}`);
      // A refused try empties the password: the answer is in.
      await expect.poll(() => passwordField(page, 'Password').inputValue()).toBe('');
    }
    await page.getByRole('alert').filter({ hasText: /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/ }).waitFor();
    await s.shot('locked');
  });

  it('signs in again with the right password and lands in the app', async () => {
    const { page } = s;
    await signInAt(page, ADMIN.email, ADMIN.password);
    await page.getByRole('button', { name: ADMIN.name, exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Folders' }).waitFor();
    expect((await me()).signedIn).toBe(true);
    // A second tab signs out and in again (a new session, a new CSRF token); this tab's next write still saves.
    const other = await s.context.newPage();
    await other.goto('/');
    await other.getByRole('button', { name: ADMIN.name, exact: true }).click();
    await other.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await signInAt(other, ADMIN.email, ADMIN.password);
    await other.getByRole('button', { name: ADMIN.name, exact: true }).waitFor();
    await other.close();
    // A write carries the CSRF token: a customer saves.
    await page.getByRole('navigation').getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByRole('button', { name: 'New record' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await field(dialog, 'Name').fill('First Customer Ltd');
    await dialog.getByRole('button', { name: 'Save record' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'First Customer Ltd' }).waitFor();
  });

  it('the sign-in page and the user menu read in 한국어 and 中文', async () => {
    const { page } = s;
    await page.getByRole('button', { name: ADMIN.name, exact: true }).click();
    await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await page.getByRole('heading', { name: '로그인' }).waitFor();
    await signInAt(page, ADMIN.email, 'wrong again 123', { email: '이메일', password: '비밀번호', submit: '로그인' });
    await page.getByRole('alert').filter({ hasText: '이메일 또는 비밀번호가 올바르지 않습니다.' }).waitFor();
    await s.shot('sign-in-ko');
    await page.getByRole('combobox', { name: '언어 / Language' }).selectOption('zh-CN');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await s.shot('sign-in-zh');
    await signInAt(page, ADMIN.email, ADMIN.password, { email: '电子邮箱', password: '密码', submit: '登录' });
    await page.getByRole('button', { name: ADMIN.name, exact: true }).click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByRole('dialog', { name: '修改密码' }).waitFor();
    await s.shot('change-password-zh');
    await page.getByRole('dialog', { name: '修改密码' }).getByRole('button', { name: '取消' }).click();
    expect(s.problems).toEqual([]);
  });
});

describe('accounts: no sign-in on this computer, turned on later', () => {
  let s: Story;
  beforeAll(async () => {
    s = await openStory('accounts-local', { firstStart: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('the first start may skip accounts on SQLite; Settings → Sign-in turns sign-in on with an email and a password', async () => {
    const { page } = s;
    await page.goto('/');
    const welcome = page.getByRole('dialog', { name: 'Welcome to Rapport' });
    await field(welcome, 'Your name').fill('Sam Local');
    await welcome.getByRole('radio', { name: 'No sign-in on this computer' }).check();
    expect(await passwordField(welcome, 'Password').count()).toBe(0);
    await welcome.getByRole('button', { name: 'Start' }).click();
    await welcome.waitFor({ state: 'hidden' });
    // No user menu without a session.
    expect(await page.getByRole('button', { name: 'Sam Local', exact: true }).count()).toBe(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    // A segmented control: its radios are drawn as labelled segments.
    await page.locator('.mantine-SegmentedControl-root').getByText('Everyone signs in', { exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn sign-in on' });
    await field(dialog, 'Email').fill('sam@example.com');
    await passwordField(dialog, 'Password').fill('local to team 1');
    await passwordField(dialog, 'Confirm password').fill('local to team 1');
    await s.shot('enable-sign-in');
    await dialog.getByRole('button', { name: 'Turn sign-in on' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Sam Local', exact: true }).waitFor();
    const me = await (await page.request.get('/api/v1/auth/me')).json() as Me;
    expect(me).toMatchObject({ mode: 'required', signedIn: true, user: { email: 'sam@example.com' } });
    // And off again, after saying what that means.
    await page.locator('.mantine-SegmentedControl-root').getByText('No sign-in on this computer', { exact: true }).click();
    const off = page.getByRole('dialog', { name: 'Turn sign-in off?' });
    await off.getByText('Everyone else loses access').waitFor();
    await off.getByRole('button', { name: 'Turn sign-in off' }).click();
    await off.waitFor({ state: 'hidden' });
    await expect.poll(async () => ((await (await page.request.get('/api/v1/auth/me')).json()) as Me).mode).toBe('local');
    expect(s.problems).toEqual([]);
  });
});
