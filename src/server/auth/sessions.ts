import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../db/database.js';

export const SESSION_COOKIE = 'rapport_session';
/** A session lives 14 days from its last use. */
const LIFETIME_MS = 14 * 24 * 3600_000;
/** last_seen_at is written at most this often (not on every request). */
const TOUCH_MS = 5 * 60_000;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export interface SessionRow { id: string; user_id: number; csrf_token: string; expires_at: string | Date; last_seen_at: string | Date; active: boolean | number }

/** The session a cookie's token names, with its user's active flag (read on every request, never cached). */
export async function findSession(executor: Kysely<DbSchema>, token: string): Promise<SessionRow | null> {
  const { rows } = await sql<SessionRow>`SELECT s.id, s.user_id, s.csrf_token, s.expires_at, s.last_seen_at, u.active FROM sessions s
    JOIN users u ON u.id = s.user_id WHERE s.id = ${tokenHash(token)}`.execute(executor);
  const s = rows[0];
  if (!s || new Date(s.expires_at).getTime() <= Date.now() || !(s.active === true || s.active === 1)) return null;
  return s;
}

export async function touchSession(executor: Kysely<DbSchema>, s: SessionRow): Promise<void> {
  const now = Date.now();
  if (now - new Date(s.last_seen_at).getTime() < TOUCH_MS) return;
  await sql`UPDATE sessions SET last_seen_at = ${new Date(now).toISOString()}, expires_at = ${new Date(now + LIFETIME_MS).toISOString()} WHERE id = ${s.id}`.execute(executor);
}

/** A new session (a new id on every sign-in: a session id planted before sign-in is never reused). */
export async function startSession(executor: Kysely<DbSchema>, req: FastifyRequest, reply: FastifyReply, userId: number): Promise<string> {
  const old = req.cookies[SESSION_COOKIE];
  if (old) await endSession(executor, old);
  const token = newToken();
  const csrf = newToken(24);
  const now = new Date();
  await sql`INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, expires_at, address, user_agent)
    VALUES (${tokenHash(token)}, ${userId}, ${csrf}, ${now.toISOString()}, ${now.toISOString()}, ${new Date(now.getTime() + LIFETIME_MS).toISOString()},
    ${req.ip.slice(0, 64)}, ${String(req.headers['user-agent'] ?? '').slice(0, 300)})`.execute(executor);
  await sql`DELETE FROM sessions WHERE user_id = ${userId} AND expires_at < ${now.toISOString()}`.execute(executor);
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https', maxAge: LIFETIME_MS / 1000 });
  return csrf;
}

export async function endSession(executor: Kysely<DbSchema>, token: string): Promise<void> {
  await sql`DELETE FROM sessions WHERE id = ${tokenHash(token)}`.execute(executor);
}

/** Every session of a user (sign out everywhere, a password reset, a disabled account). */
export async function endSessionsOf(executor: Kysely<DbSchema>, userId: number, except: string | null = null): Promise<void> {
  if (except) await sql`DELETE FROM sessions WHERE user_id = ${userId} AND id <> ${tokenHash(except)}`.execute(executor);
  else await sql`DELETE FROM sessions WHERE user_id = ${userId}`.execute(executor);
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: req.protocol === 'https' });
}
