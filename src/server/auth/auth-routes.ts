import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { invalid, ProblemError } from '../core/errors.js';
import { setSetting } from '../core/installation.js';
import { accountsChanged, authState, loadAccess, SIGN_IN_KEY } from './accounts.js';
import { fullAccess } from './access.js';
import { actorOf } from './request-context.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { assertNotLocked, clearFailures, noteFailure } from './rate-limit.js';
import { clearSessionCookie, endSession, endSessionsOf, SESSION_COOKIE, startSession } from './sessions.js';
import { writeAudit } from '../core/audit.js';
import { parseBody } from '../core/body.js';

export const passwordSchema = z.string().min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }).max(200);
export const emailSchema = z.string().trim().toLowerCase().max(254).email({ message: 'is not an email address' });

const setupBody = z.union([
  z.strictObject({ name: z.string().trim().min(1).max(120), email: emailSchema, password: passwordSchema }),
  z.strictObject({ mode: z.literal('local') }),
]);
export const signInBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const passwordBody = z.strictObject({ currentPassword: z.string().max(200), newPassword: passwordSchema });

const WRONG = () => new ProblemError(401, 'Unauthorized', 'The email or password is not right.');

/** Who is asking and what they may do: the web app's first call, answered to anyone. */
async function me(db: Database, req: FastifyRequest, csrf: string | null = req.session?.csrf_token ?? null) {
  const actor = req.actor;
  const userId = actor?.userId ?? (req.authMode === 'required' ? null : (await authState(db)).localUserId);
  const base = { mode: req.authMode, database: db.dialect, signedIn: Boolean(req.session) || actor?.kind === 'token', csrfToken: csrf };
  if (userId === null) return { ...base, user: null, permissions: null };
  const { rows } = await sql<{ id: number; name: string; email: string | null; locale: string; time_zone: string | null; team_id: number | null; team_name: string | null }>`
    SELECT u.id, u.name, u.email, u.locale, u.time_zone, u.team_id, t.name AS team_name FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = ${userId}`.execute(db.kysely);
  const { rows: roles } = await sql<{ id: number; name: string }>`SELECT r.id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ${userId} ORDER BY r.id`.execute(db.kysely);
  const u = rows[0];
  const access = actor?.access ?? (req.authMode === 'required' ? await loadAccess(db.kysely, userId) : fullAccess(userId));
  return {
    ...base,
    user: u ? { id: Number(u.id), name: u.name, email: u.email, locale: u.locale, timeZone: u.time_zone, teamId: u.team_id === null ? null : Number(u.team_id), teamName: u.team_name, roles: roles.map((r) => ({ id: Number(r.id), name: r.name })) } : null,
    permissions: access.permissions,
  };
}

/** Sign-in, sign-out, first-run setup and one's own password (the contract in issue 15). */
export function registerAuthRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/auth/me', async (req) => me(db, req));

  app.post('/api/v1/auth/setup', async (req, reply) => {
    const body = parseBody(setupBody, req.body);
    if (req.authMode === 'required') throw new ProblemError(409, 'Conflict', 'This installation already has its administrator; sign in instead.');
    if ('mode' in body) {
      if (db.dialect !== 'sqlite') throw invalid([{ field: 'mode', message: 'a team server (PostgreSQL) always signs in' }]);
      await setSetting(db.kysely, SIGN_IN_KEY, 'local');
      accountsChanged();
      req.authMode = 'local';
      return me(db, req);
    }
    const id = (await authState(db)).localUserId;
    const hash = await hashPassword(body.password);
    await db.kysely.transaction().execute(async (trx) => {
      const { rows } = await sql`SELECT 1 FROM users WHERE lower(email) = ${body.email} AND id <> ${id}`.execute(trx);
      if (rows.length) throw invalid([{ field: 'email', message: 'is already used by another user' }]);
      await sql`UPDATE users SET name = ${body.name}, name_labels = NULL, email = ${body.email}, password_hash = ${hash}, active = ${db.dialect === 'postgres' ? sql`TRUE` : sql`1`},
        updated_at = ${new Date().toISOString()}, version = version + 1 WHERE id = ${id}`.execute(trx);
      await sql`INSERT INTO user_roles (user_id, role_id) SELECT ${id}, id FROM roles WHERE built_in = 'administrator' ON CONFLICT DO NOTHING`.execute(trx);
      await setSetting(trx, SIGN_IN_KEY, 'required');
      await writeAudit(trx, { kind: 'user', userId: id, tokenId: null, requestId: req.id }, { entity: 'user', recordId: id, action: 'permission', detail: 'administrator created at first run' });
    });
    accountsChanged();
    return signedIn(db, req, reply, id);
  });

  app.post('/api/v1/auth/sign-in', async (req, reply) => {
    const body = parseBody(signInBody, req.body);
    const email = body.email.trim().toLowerCase();
    await assertNotLocked(db.kysely, email, req.ip);
    const { rows } = await sql<{ id: number; password_hash: string | null; active: boolean | number }>`SELECT id, password_hash, active FROM users WHERE lower(email) = ${email}`.execute(db.kysely);
    const u = rows[0];
    const ok = await verifyPassword(body.password, u?.password_hash ?? null);
    if (!u || !ok || !(u.active === true || u.active === 1)) {
      await noteFailure(db.kysely, email, req.ip);
      throw WRONG();
    }
    await clearFailures(db.kysely, email);
    await sql`UPDATE users SET last_sign_in_at = ${new Date().toISOString()} WHERE id = ${u.id}`.execute(db.kysely);
    return signedIn(db, req, reply, Number(u.id));
  });

  app.post('/api/v1/auth/sign-out', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await endSession(db.kysely, token);
    clearSessionCookie(req, reply);
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/sign-out-everywhere', async (req, reply) => {
    const actor = actorOf(req);
    await endSessionsOf(db.kysely, actor.userId);
    clearSessionCookie(req, reply);
    return reply.status(204).send();
  });

  app.post('/api/v1/auth/password', async (req, reply) => {
    const actor = actorOf(req);
    const body = parseBody(passwordBody, req.body);
    const { rows } = await sql<{ password_hash: string | null; email: string | null }>`SELECT password_hash, email FROM users WHERE id = ${actor.userId}`.execute(db.kysely);
    await assertNotLocked(db.kysely, rows[0]?.email ?? `#${actor.userId}`, req.ip);
    if (!await verifyPassword(body.currentPassword, rows[0]?.password_hash ?? null)) {
      await noteFailure(db.kysely, rows[0]?.email ?? `#${actor.userId}`, req.ip);
      throw invalid([{ field: 'currentPassword', message: 'is not your current password' }]);
    }
    await sql`UPDATE users SET password_hash = ${await hashPassword(body.newPassword)}, updated_at = ${new Date().toISOString()} WHERE id = ${actor.userId}`.execute(db.kysely);
    // Every other session ends; this one stays.
    await endSessionsOf(db.kysely, actor.userId, req.cookies[SESSION_COOKIE] ?? null);
    return reply.status(204).send();
  });
}

async function signedIn(db: Database, req: FastifyRequest, reply: FastifyReply, userId: number) {
  const csrf = await startSession(db.kysely, req, reply, userId);
  req.authMode = 'required';
  req.actor = { kind: 'user', userId, tokenId: null, requestId: req.id, access: await loadAccess(db.kysely, userId) };
  req.session = null;
  return { ...(await me(db, req, csrf)), signedIn: true };
}
