import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { ProblemError, sendProblem } from '../core/errors.js';
import { fullAccess } from './access.js';
import type { Actor } from './actor.js';
import type { SpecialRight } from '../../shared/access.js';
import { authState, loadAccess, type AuthMode } from './accounts.js';
import { findSession, SESSION_COOKIE, tokenHash, touchSession, type SessionRow } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who acts, under which rules; null only on the routes anyone may call (sign-in, health). */
    actor: Actor | null;
    /** The session the request's cookie names, when it signed in with one. */
    session: SessionRow | null;
    authMode: AuthMode;
  }
}

/** Hosts a browser may use to reach the app while it has no sign-in (no DNS rebinding onto a local app). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Reachable without signing in: sign-in itself, health, the API's description, the web app's files and calendar feeds (their URL carries a per-user token). */
const OPEN = [/^\/api\/v1\/auth\//, /^\/api\/health$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/|$)/];
const isOpen = (path: string) => !path.startsWith('/api/') || OPEN.some((r) => r.test(path));

/** Changes that need a special right beyond the record rules: shared dictionaries, the lab's data, installation settings. */
const RIGHT_FOR_CHANGE: [RegExp, SpecialRight][] = [
  [/^\/api\/v1\/dictionaries\//, 'dictionaries'],
  [/^\/api\/v1\/lab\/(reset|sample-data|backups)/, 'lab'],
  // Turning the guided lab on or off is the installation's, not one user's.
  [/^\/api\/v1\/lab$/, 'lab'],
  [/^\/api\/v1\/settings\/working-time/, 'settings'],
];

/** What only a signed-in person changes: their sign-in (password, sessions) and the credentials made from it (API tokens, calendar feed URLs). */
const NOT_BY_TOKEN = [/^\/api\/v1\/auth\//, /^\/api\/v1\/api-tokens(\/|$)/, /^\/api\/v1\/calendar-feeds(\/|$)/];

const unauthorized = () => new ProblemError(401, 'Unauthorized', 'Sign in to use Rapport (or send an API token as Authorization: Bearer …).');

/**
 * Gives every request its actor before any handler runs: a session cookie (with its CSRF token
 * on every change), an API token, or, without sign-in on a standalone computer, its local user.
 */
export function installRequestContext(app: FastifyInstance, db: Database): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('authMode', 'setup');
  app.addHook('onRequest', async (req, reply) => {
    const { mode, localUserId } = await authState(db);
    req.authMode = mode;
    const path = req.url.split('?')[0];
    if (mode !== 'required') {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      if (!LOCAL_HOSTS.has(host)) {
        return sendProblem(reply, new ProblemError(421, 'Misdirected Request',
          'Rapport signs nobody in yet, so it only answers on 127.0.0.1 / localhost. Create the administrator first.'));
      }
      req.actor = { kind: 'user', userId: localUserId, tokenId: null, requestId: req.id, access: fullAccess(localUserId) };
      return;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (bearer) {
      const actor = await tokenActor(db, bearer, req);
      if (!actor) return sendProblem(reply, new ProblemError(401, 'Unauthorized', 'This API token is not valid (revoked, expired or unknown).'));
      req.actor = actor;
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    const session = cookie ? await findSession(db.kysely, cookie) : null;
    if (session) {
      if (!SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== session.csrf_token) {
        return sendProblem(reply, new ProblemError(403, 'Forbidden', 'This change did not carry the page\'s security token (x-csrf-token); nothing was changed. Reload the page.'));
      }
      await touchSession(db.kysely, session);
      req.session = session;
      const userId = Number(session.user_id);
      req.actor = { kind: 'user', userId, tokenId: null, requestId: req.id, access: await loadAccess(db.kysely, userId) };
      return;
    }
    if (!isOpen(path)) return sendProblem(reply, unauthorized());
  });
  app.addHook('preHandler', async (req, reply) => {
    if (!req.actor || SAFE_METHODS.has(req.method)) return;
    const path = req.url.split('?')[0];
    // A token is scoped to one role: it may not mint a token of another role its user holds, nor end its user's sessions.
    if (req.actor.kind === 'token' && NOT_BY_TOKEN.some((r) => r.test(path))) {
      return sendProblem(reply, new ProblemError(403, 'Forbidden', 'An API token cannot change sign-in, sessions or API tokens; sign in to do that. Nothing was changed.'));
    }
    const right = RIGHT_FOR_CHANGE.find(([r]) => r.test(path))?.[1];
    if (right && !req.actor.access.permissions.special.includes(right)) {
      return sendProblem(reply, new ProblemError(403, 'Forbidden', `Your role does not include the "${right}" right; nothing was changed.`));
    }
  });
}

async function tokenActor(db: Database, token: string, req: FastifyRequest): Promise<Actor | null> {
  const { rows } = await sql<{ id: number; user_id: number; role_id: number; expires_at: string | Date | null; last_used_at: string | Date | null; active: boolean | number }>`
    SELECT t.id, t.user_id, t.role_id, t.expires_at, t.last_used_at, u.active FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE t.token_hash = ${tokenHash(token)} AND t.revoked_at IS NULL`.execute(db.kysely);
  const t = rows[0];
  if (!t || !(t.active === true || t.active === 1)) return null;
  if (t.expires_at && new Date(t.expires_at).getTime() <= Date.now()) return null;
  if (!t.last_used_at || Date.now() - new Date(t.last_used_at).getTime() > 60_000) {
    await sql`UPDATE api_tokens SET last_used_at = ${new Date().toISOString()} WHERE id = ${t.id}`.execute(db.kysely);
  }
  const userId = Number(t.user_id);
  return { kind: 'token', userId, tokenId: Number(t.id), requestId: req.id, access: await loadAccess(db.kysely, userId, Number(t.role_id)) };
}

/** The request's actor; a route anyone may call has none, and asking for it there is a 401. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
