import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RapportApp } from '../../src/server/app.js';
import { STORY_TIME_ZONE } from './story.js';

/** Headers of an API session: the session cookie and the CSRF token every write needs. */
export interface ApiSession {
  host: string;
  cookie: string;
  'x-csrf-token': string;
}

/** Makes the installation's administrator through the API (mode `setup` → `required`), as the first start does. */
export async function setUpAdmin(app: RapportApp, admin: { name: string; email: string; password: string }): Promise<ApiSession> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/setup', headers: { host: '127.0.0.1' }, payload: admin });
  if (res.statusCode !== 200) throw new Error(`setup: ${res.statusCode} ${res.body}`);
  return sessionOf(res.headers['set-cookie'], (res.json() as { csrfToken: string }).csrfToken);
}

export async function signInApi(app: RapportApp, email: string, password: string): Promise<ApiSession> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { host: '127.0.0.1' }, payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
  return sessionOf(res.headers['set-cookie'], (res.json() as { csrfToken: string }).csrfToken);
}

function sessionOf(setCookie: string | string[] | undefined, csrf: string): ApiSession {
  const first = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => c.startsWith('rapport_session=')) ?? '';
  return { host: '127.0.0.1', cookie: first.split(';')[0] ?? '', 'x-csrf-token': csrf };
}

/** A request as the session's user; throws on anything but 2xx. */
export async function asUser<T>(app: RapportApp, session: ApiSession, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object): Promise<T> {
  const res = await app.inject({ method, url, headers: { ...session }, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : undefined) as T;
}

/** A second person at their own browser: a fresh context (no shared cookies) on the same server. */
export async function personAt(browser: Browser, baseURL: string, locale = 'en-US'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 }, locale, timezoneId: STORY_TIME_ZONE });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

/** A password input by its label (a required field's label ends in an asterisk the accessible name leaves out). */
export function passwordField(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

/** Signs in on the sign-in page and waits for the app behind it. */
export async function signInAt(page: Page, email: string, password: string, words = { email: 'Email', password: 'Password', submit: 'Sign in' }): Promise<void> {
  await page.getByRole('textbox', { name: words.email }).fill(email);
  await passwordField(page, words.password).fill(password);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}
