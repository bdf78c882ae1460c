import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetPasswordFromCli } from '../src/server/auth/cli-users.js';
import { applyAuditRetention } from '../src/server/core/audit-routes.js';
import { sql } from 'kysely';
import { ADMIN, as, makeTeam, PASSWORD, roleId, setupAdmin, signIn, type Session } from './support/accounts.js';
import { DATABASES, startApp, type TestApp } from './support/databases.js';
import { call, type Problem } from './support/http.js';

interface Me { mode: string; database: string; signedIn: boolean; csrfToken: string | null; user: { id: number; name: string; email: string; roles: { name: string }[] } | null; permissions: { special: string[] } | null }
interface AuditEntry { id: number; action: string; actor: { kind: string; id: number | null; name: string | null }; requestId: string | null; entity: string; recordId: number | null; changes: { field: string; before: unknown; after: unknown; beforeLabel: string | null; afterLabel: string | null }[]; detail: string | null }

/** Issue 15: first run, sign-in and sessions, accounts, teams, roles, API tokens and the audit trail, on both databases. */
describe.each(DATABASES)('accounts and the audit trail on $name', (database) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => { t = await startApp(database); });
  afterAll(async () => { await t?.close(); });

  it('a new installation signs nobody in and answers only on this computer; first run makes the administrator and turns sign-in on', async () => {
    const me = await call<Me>(t.app, 'GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({ mode: 'setup', database: database.name, signedIn: false, user: { id: 1 } });
    expect(me.body.permissions?.special).toContain('users');
    const foreign = await t.app.inject({ url: '/api/v1/customers', headers: { host: 'crm.example.com' } });
    expect(foreign.statusCode).toBe(421);
    // Users come after the administrator: a password for anyone else first would lock everyone out.
    expect((await call(t.app, 'POST', '/api/v1/users', { name: 'Early', email: 'early@example.com', password: PASSWORD })).status).toBe(409);
    const weak = await call<Problem>(t.app, 'POST', '/api/v1/auth/setup', { ...ADMIN, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors?.[0].field).toBe('password');
    if (database.name === 'postgres') expect((await call(t.app, 'POST', '/api/v1/auth/setup', { mode: 'local' })).status).toBe(400);

    admin = await setupAdmin(t.app);
    const now = await as<Me>(t.app, admin, 'GET', '/api/v1/auth/me');
    expect(now.body).toMatchObject({ mode: 'required', signedIn: true, user: { id: 1, name: ADMIN.name, email: ADMIN.email, roles: [{ name: 'Administrator' }] } });
    expect(now.body.csrfToken).toBe(admin.csrf);
    expect((await call(t.app, 'POST', '/api/v1/auth/setup', ADMIN)).status).toBe(409);
    // Signed out: every API answer but sign-in is 401, and a team server answers on any host name.
    expect((await call(t.app, 'GET', '/api/v1/customers')).status).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/auth/me', headers: { host: 'crm.example.com' } })).statusCode).toBe(200);
    expect((await call(t.app, 'GET', '/api/health')).status).toBe(200);
    expect((await as(t.app, admin, 'GET', '/api/v1/customers')).status).toBe(200);
  });

  it('sign-in: one message for a wrong password and an unknown email; the cookie is HttpOnly and SameSite; sign-out ends it', async () => {
    const wrong = await as<Problem>(t.app, null, 'POST', '/api/v1/auth/sign-in', { email: ADMIN.email, password: 'not the password' });
    const unknown = await as<Problem>(t.app, null, 'POST', '/api/v1/auth/sign-in', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: ADMIN.email.toUpperCase(), password: ADMIN.password } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const s = await signIn(t.app, ADMIN.email, ADMIN.password);
    expect((await as(t.app, s, 'POST', '/api/v1/auth/sign-out')).status).toBe(204);
    expect((await as(t.app, s, 'GET', '/api/v1/customers')).status).toBe(401);
    expect((await as(t.app, admin, 'GET', '/api/v1/customers')).status).toBe(200);
  });

  it('changing one\'s password needs the current one and ends the other sessions', async () => {
    const other = await signIn(t.app, ADMIN.email, ADMIN.password);
    const bad = await as<Problem>(t.app, admin, 'POST', '/api/v1/auth/password', { currentPassword: 'wrong', newPassword: 'a brand new password' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0].field).toBe('currentPassword');
    expect((await as(t.app, admin, 'POST', '/api/v1/auth/password', { currentPassword: ADMIN.password, newPassword: 'a brand new password' })).status).toBe(204);
    expect((await as(t.app, other, 'GET', '/api/v1/customers')).status).toBe(401);
    expect((await as(t.app, admin, 'GET', '/api/v1/customers')).status).toBe(200);
    expect((await as(t.app, admin, 'POST', '/api/v1/auth/password', { currentPassword: 'a brand new password', newPassword: ADMIN.password })).status).toBe(204);
  });

  it('users, teams and roles: created, changed with a version (409 when stale), and an installation keeps one administrator', async () => {
    const team = await makeTeam(t.app, admin, 'Seoul sales');
    expect((await as(t.app, admin, 'POST', '/api/v1/teams', { name: 'seoul SALES' })).status).toBe(400);
    const rep = await roleId(t.app, admin, 'salesRep');
    const created = await as<{ id: number; version: number; teamName: string; roles: { name: string }[]; active: boolean }>(t.app, admin, 'POST', '/api/v1/users',
      { name: '김민수', email: 'minsu@example.com', password: PASSWORD, roleIds: [rep], teamId: team, locale: 'ko', timeZone: 'Asia/Seoul' });
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ teamName: 'Seoul sales', roles: [{ name: 'Sales representative' }], active: true });
    expect((await as<Problem>(t.app, admin, 'POST', '/api/v1/users', { name: 'Again', email: 'MINSU@example.com', password: PASSWORD })).body.errors?.[0].field).toBe('email');
    const renamed = await as<{ name: string; version: number; roleIds: number[]; teamId: number }>(t.app, admin, 'PATCH', `/api/v1/users/${created.body.id}`, { name: '김민수 과장', version: created.body.version });
    // What the PATCH leaves out stays: roles and team.
    expect(renamed.body).toMatchObject({ name: '김민수 과장', roleIds: [rep], teamId: team });
    expect((await as(t.app, admin, 'PATCH', `/api/v1/users/${created.body.id}`, { name: 'Stale', version: created.body.version })).status).toBe(409);
    expect((await as(t.app, admin, 'DELETE', `/api/v1/teams/${team}`)).status).toBe(409);
    // The last administrator cannot be switched off.
    const me = await as<{ version: number }>(t.app, admin, 'GET', '/api/v1/users/1');
    expect((await as(t.app, admin, 'PATCH', '/api/v1/users/1', { active: false, version: me.body.version })).status).toBe(409);
    expect((await as(t.app, admin, 'PATCH', '/api/v1/users/1', { roleIds: [rep], version: me.body.version })).status).toBe(409);
    // A built-in role is fixed; a custom one is schema-checked JSON.
    expect((await as(t.app, admin, 'PATCH', `/api/v1/roles/${rep}`, { name: 'Mine', version: 1 })).status).toBe(409);
    const bad = await as<Problem>(t.app, admin, 'POST', '/api/v1/roles', { name: 'Odd', permissions: { entities: { customer: { read: 'everything' } } } });
    expect(bad.status).toBe(400);
    const perms = await as<{ permissions: { entities: Record<string, { read: string }> }; grantedBy: Record<string, Record<string, string>> }>(t.app, admin, 'GET', `/api/v1/users/${created.body.id}/permissions`);
    expect(perms.body.permissions?.entities?.customer?.read, perms.raw.slice(0, 400)).toBe('team');
    expect(perms.body.grantedBy.customer.read).toBe('Sales representative');
    // Without the users right, none of this is reachable; the names of users still are (owner pickers).
    const minsu = await signIn(t.app, 'minsu@example.com');
    expect((await as(t.app, minsu, 'POST', '/api/v1/teams', { name: 'Mine' })).status).toBe(403);
    expect((await as(t.app, minsu, 'GET', `/api/v1/users/${created.body.id}/permissions`)).status).toBe(403);
    const names = await as<{ items: Record<string, unknown>[] }>(t.app, minsu, 'GET', '/api/v1/users');
    expect(Object.keys(names.body.items[0]).sort()).toEqual(['id', 'name']);
    // Nor are installation settings, dictionaries or the audit log.
    expect((await as(t.app, minsu, 'PATCH', '/api/v1/settings', { currency: 'USD' })).status).toBe(403);
    expect((await as(t.app, minsu, 'PATCH', '/api/v1/settings', { timeZone: 'Asia/Seoul' })).status).toBe(200);
    expect((await as(t.app, minsu, 'POST', '/api/v1/dictionaries/customer-type/values', { label: 'Mine' })).status).toBe(403);
    expect((await as(t.app, minsu, 'GET', '/api/v1/audit')).status).toBe(403);
  });

  it('API tokens: shown once, act with their role, revoked at once; the token never lands in the database', async () => {
    const viewer = await roleId(t.app, admin, 'viewer');
    const made = await as<{ id: number; token: string; prefix: string }>(t.app, admin, 'POST', '/api/v1/api-tokens', { name: 'Reporting', roleId: viewer });
    expect(made.status, made.raw).toBe(201);
    expect(made.body.token).toMatch(/^rpt_/);
    const listed = await as<{ items: Record<string, unknown>[] }>(t.app, admin, 'GET', '/api/v1/api-tokens');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    const { rows } = await sql<{ token_hash: string }>`SELECT token_hash FROM api_tokens`.execute(t.app.database.kysely);
    expect(rows.map((r) => r.token_hash)).not.toContain(made.body.token);
    const token = { token: made.body.token };
    expect((await as(t.app, token, 'GET', '/api/v1/customers')).status).toBe(200);
    // A token needs no CSRF header (no cookie rides along with it) but its role's rights bound it.
    expect((await as(t.app, token, 'POST', '/api/v1/customers', { name: 'By token' })).status).toBe(403);
    expect((await as(t.app, admin, 'DELETE', `/api/v1/api-tokens/${made.body.id}`)).status).toBe(204);
    expect((await as(t.app, token, 'GET', '/api/v1/customers')).status).toBe(401);
    // A user cannot mint a token with a role they do not hold.
    const minsu = await signIn(t.app, 'minsu@example.com');
    expect((await as(t.app, minsu, 'POST', '/api/v1/api-tokens', { name: 'Mine', roleId: await roleId(t.app, admin, 'administrator') })).status).toBe(400);
  });

  it('M2 inline edit, then the Changes tab: who, when, before and after with labels; restoring a value is a new change; the audit log filters', async () => {
    const c = await as<{ id: number; version: number; phone: string | null }>(t.app, admin, 'POST', '/api/v1/customers', { name: 'Audit 주식회사', phone: '02-555-0100' });
    expect(c.status, c.raw).toBe(201);
    const edited = await as<{ version: number }>(t.app, admin, 'PATCH', `/api/v1/customers/${c.body.id}`, { phone: '02-555-0199', version: c.body.version });
    expect(edited.status).toBe(200);
    const changes = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', `/api/v1/customers/${c.body.id}/changes`);
    expect(changes.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    const [update] = changes.body.items;
    expect(update.changes).toEqual([{ field: 'phone', before: '02-555-0100', after: '02-555-0199', beforeLabel: null, afterLabel: null }]);
    expect(update.actor).toMatchObject({ kind: 'user', id: 1, name: ADMIN.name });
    expect(update.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const restored = await as<{ phone: string; version: number }>(t.app, admin, 'POST', `/api/v1/customers/${c.body.id}/changes/${update.id}/restore`, { field: 'phone', version: edited.body.version });
    expect(restored.status, restored.raw).toBe(200);
    expect(restored.body.phone).toBe('02-555-0100');
    expect((await as(t.app, admin, 'POST', `/api/v1/customers/${c.body.id}/changes/${update.id}/restore`, { field: 'phone', version: edited.body.version })).status).toBe(409);
    const again = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', `/api/v1/customers/${c.body.id}/changes`);
    expect(again.body.items).toHaveLength(3);
    // A dictionary value carries its label; the log filters by entity, record, user and action.
    const type = (await as<{ items: { id: number; label: string }[] }>(t.app, admin, 'GET', '/api/v1/dictionaries/customer-type/values')).body.items[0];
    await as(t.app, admin, 'PATCH', `/api/v1/customers/${c.body.id}`, { typeId: type.id, version: restored.body.version });
    const log = await as<{ items: AuditEntry[]; nextCursor: string | null }>(t.app, admin, 'GET', `/api/v1/audit?entity=customer&recordId=${c.body.id}&action=update&actorId=1&limit=1`);
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].changes[0]).toMatchObject({ field: 'typeId', before: null, after: type.id, afterLabel: type.label });
    expect(log.body.nextCursor).not.toBeNull();
    const next = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', `/api/v1/audit?entity=customer&recordId=${c.body.id}&action=update&cursor=${log.body.nextCursor}`);
    expect(next.body.items.every((e) => e.id < log.body.items[0].id)).toBe(true);
    expect((await as(t.app, admin, 'GET', '/api/v1/audit?from=yesterday')).status).toBe(400);
    // Past what the databases store (year 10000 in UTC): a 400, not the database's error.
    expect((await as(t.app, admin, 'GET', `/api/v1/audit?from=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`)).status).toBe(400);
    // An export is audited with what it asked for; so are permission changes.
    await as(t.app, admin, 'GET', '/api/v1/customers/export?format=csv&q=Audit');
    const exports = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', '/api/v1/audit?action=export&entity=customer');
    expect(exports.body.items[0].detail).toContain('q=Audit');
    const perms = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', '/api/v1/audit?action=permission&entity=user');
    expect(perms.body.items.length).toBeGreaterThan(0);
  });

  it('module writes are audited too: a previous primary contact unmarked, an activity ended', async () => {
    const c = await createCustomerAs(admin, 'Module audit');
    const first = await as<{ id: number }>(t.app, admin, 'POST', '/api/v1/contacts', { name: 'First', customerId: c });
    const second = await as<{ id: number }>(t.app, admin, 'POST', '/api/v1/contacts', { name: 'Second', customerId: c, isPrimary: true });
    expect(second.status, second.raw).toBe(201);
    const firstChanges = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', `/api/v1/contacts/${first.body.id}/changes`);
    expect(firstChanges.body.items[0].changes).toEqual([expect.objectContaining({ field: 'isPrimary', before: true, after: false })]);
    expect(firstChanges.body.items[0].detail).toBe('another contact became primary');
    const act = await as<{ id: number }>(t.app, admin, 'POST', '/api/v1/activities', { subject: 'Call', customerId: c, startAt: '2026-03-15T09:30:00.000Z' });
    expect(act.status, act.raw).toBe(201);
    expect((await as(t.app, admin, 'POST', `/api/v1/activities/${act.body.id}/end`, { outcome: 'Done' })).status).toBe(200);
    const actChanges = await as<{ items: AuditEntry[] }>(t.app, admin, 'GET', `/api/v1/activities/${act.body.id}/changes`);
    expect(actChanges.body.items[0].changes.map((x) => x.field)).toEqual(expect.arrayContaining(['status', 'outcome']));
  });

  it('a forgotten administrator password is reset on the server\'s own machine; the retention setting drops old entries', async () => {
    await expect(resetPasswordFromCli(t.app.database, ADMIN.email, 'short')).rejects.toThrow(/at least/);
    await resetPasswordFromCli(t.app.database, ADMIN.email, 'reset on the server');
    expect((await as(t.app, admin, 'GET', '/api/v1/customers')).status).toBe(401);
    admin = await signIn(t.app, ADMIN.email, 'reset on the server');
    await sql`UPDATE audit_log SET at = ${'2020-01-01T00:00:00.000Z'} WHERE id = (SELECT min(id) FROM audit_log)`.execute(t.app.database.kysely);
    expect((await as(t.app, admin, 'PATCH', '/api/v1/settings', { auditRetentionDays: 365 })).status).toBe(200);
    expect(await applyAuditRetention(t.app.database)).toBe(0);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE at < ${'2021-01-01'}`.execute(t.app.database.kysely);
    expect(Number(rows[0].n)).toBe(0);
  });

  async function createCustomerAs(who: Session, name: string): Promise<number> {
    const res = await as<{ id: number }>(t.app, who, 'POST', '/api/v1/customers', { name });
    expect(res.status, res.raw).toBe(201);
    return res.body.id;
  }
});
