import type { Permissions } from '../../src/shared/access.js';
import type { RapportApp } from '../../src/server/app.js';
import type { JsonResponse } from './http.js';

/** One signed-in browser: its session cookie and the CSRF token every change carries. */
export interface Session { cookie: string; csrf: string; userId: number }
/** Who a request is sent as: a session, an API token, or nobody. */
export type Who = Session | { token: string } | null;

export const ADMIN = { name: 'Admin Kim', email: 'admin@example.com', password: 'correct horse battery' };
export const PASSWORD = 'a long enough password';

/** app.inject as someone, JSON in and out (the cookie and CSRF header a browser would send). */
export async function as<T = Record<string, unknown>>(app: RapportApp, who: Who, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const h: Record<string, string> = { ...headers };
  if (who && 'cookie' in who) {
    h.cookie = `rapport_session=${who.cookie}`;
    if (method !== 'GET') h['x-csrf-token'] = who.csrf;
  } else if (who && 'token' in who) {
    h.authorization = `Bearer ${who.token}`;
  }
  const res = await app.inject({ method, url, headers: h, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  let body: unknown = null;
  try { body = res.body ? JSON.parse(res.body) : null; } catch { body = null; }
  return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.body };
}

export function sessionOf(res: { headers: Record<string, unknown>; body: unknown }): Session {
  const raw = res.headers['set-cookie'];
  const cookies = Array.isArray(raw) ? raw : [String(raw ?? '')];
  const cookie = cookies.map((c) => /rapport_session=([^;]+)/.exec(String(c))?.[1]).find(Boolean);
  const body = res.body as { csrfToken?: string; user?: { id: number } };
  if (!cookie || !body.csrfToken || !body.user) throw new Error(`no session in ${JSON.stringify(res.body).slice(0, 300)}`);
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** First run: the administrator is created and signed in (the installation then requires sign-in). */
export async function setupAdmin(app: RapportApp): Promise<Session> {
  const res = await as(app, null, 'POST', '/api/v1/auth/setup', ADMIN);
  if (res.status !== 200) throw new Error(`setup: ${res.status} ${res.raw}`);
  return sessionOf(res);
}

export async function signIn(app: RapportApp, email: string, password = PASSWORD): Promise<Session> {
  const res = await as(app, null, 'POST', '/api/v1/auth/sign-in', { email, password });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${res.raw}`);
  return sessionOf(res);
}

export async function roleId(app: RapportApp, admin: Session, builtIn: string): Promise<number> {
  const res = await as<{ items: { id: number; builtIn: string | null }[] }>(app, admin, 'GET', '/api/v1/roles');
  const r = res.body.items.find((x) => x.builtIn === builtIn);
  if (!r) throw new Error(`no built-in role ${builtIn}`);
  return r.id;
}

export async function makeRole(app: RapportApp, admin: Session, name: string, permissions: Permissions): Promise<number> {
  const res = await as<{ id: number }>(app, admin, 'POST', '/api/v1/roles', { name, permissions });
  if (res.status !== 201) throw new Error(`role: ${res.status} ${res.raw}`);
  return res.body.id;
}

export async function makeTeam(app: RapportApp, admin: Session, name: string): Promise<number> {
  const res = await as<{ id: number }>(app, admin, 'POST', '/api/v1/teams', { name });
  if (res.status !== 201) throw new Error(`team: ${res.status} ${res.raw}`);
  return res.body.id;
}

/** A user with the given roles and team, signed in. */
export async function makeUser(app: RapportApp, admin: Session, email: string, roleIds: number[], teamId: number | null = null): Promise<Session> {
  const res = await as<{ id: number }>(app, admin, 'POST', '/api/v1/users', { name: email.split('@')[0], email, password: PASSWORD, roleIds, teamId });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${res.raw}`);
  return signIn(app, email);
}

/** An API token of `who` acting with one role (shown once: this is the only place it is seen). */
export async function makeToken(app: RapportApp, who: Session, name: string, roleId: number, expiresAt: string | null = null): Promise<string> {
  const res = await as<{ token: string }>(app, who, 'POST', '/api/v1/api-tokens', { name, roleId, expiresAt });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${res.raw}`);
  return res.body.token;
}
