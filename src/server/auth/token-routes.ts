import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { invalid, notFound } from '../core/errors.js';
import { writeAudit } from '../core/audit.js';
import { accountsChanged } from './accounts.js';
import { parseId } from '../core/ids.js';
import { actorOf } from './request-context.js';
import { newToken, tokenHash } from './sessions.js';
import { parseBody } from '../core/body.js';

export const tokenBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  roleId: z.number().int().positive().max(2147483647),
  expiresAt: z.string().datetime({ offset: true }).nullable().optional(),
});

interface TokenRow { id: number; name: string; user_id: number; user_name: string; role_id: number; role_name: string; prefix: string; created_at: unknown; last_used_at: unknown; expires_at: unknown; revoked_at: unknown }
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const shape = (t: TokenRow) => ({
  id: Number(t.id), name: t.name, userId: Number(t.user_id), userName: t.user_name, roleId: Number(t.role_id), roleName: t.role_name, prefix: t.prefix,
  createdAt: iso(t.created_at), lastUsedAt: iso(t.last_used_at), expiresAt: iso(t.expires_at), revokedAt: iso(t.revoked_at),
});

/** Revocable API tokens (hashed, scoped to one role, shown once): one's own, or everyone's for those with the users right. */
export function registerTokenRoutes(app: FastifyInstance, db: Database): void {
  const admin = (req: FastifyRequest) => actorOf(req).access.permissions.special.includes('users');

  app.get('/api/v1/api-tokens', async (req) => {
    const actor = actorOf(req);
    const mine = admin(req) ? sql`1=1` : sql`t.user_id = ${actor.userId}`;
    const { rows } = await sql<TokenRow>`SELECT t.id, t.name, t.user_id, u.name AS user_name, t.role_id, r.name AS role_name, t.prefix, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
      FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN roles r ON r.id = t.role_id WHERE ${mine} ORDER BY t.id DESC LIMIT 1000`.execute(db.kysely);
    return { items: rows.map(shape), total: rows.length };
  });

  app.post('/api/v1/api-tokens', async (req, reply) => {
    const actor = actorOf(req);
    const b = parseBody(tokenBody, req.body);
    // A token acts with one role the user holds (an administrator may give any): it never reaches further than its user.
    const { rows: held } = await sql`SELECT 1 FROM user_roles WHERE user_id = ${actor.userId} AND role_id = ${b.roleId}`.execute(db.kysely);
    const { rows: exists } = await sql`SELECT 1 FROM roles WHERE id = ${b.roleId}`.execute(db.kysely);
    if (!exists.length || (!held.length && !admin(req))) throw invalid([{ field: 'roleId', message: 'is not one of your roles' }]);
    if (b.expiresAt && Date.parse(b.expiresAt) <= Date.now()) throw invalid([{ field: 'expiresAt', message: 'is in the past' }]);
    const token = `rpt_${newToken()}`;
    const now = new Date().toISOString();
    const id = await db.kysely.transaction().execute(async (trx) => {
      const { rows } = await sql<{ id: number }>`INSERT INTO api_tokens (user_id, role_id, name, token_hash, prefix, created_at, expires_at)
        VALUES (${actor.userId}, ${b.roleId}, ${b.name}, ${tokenHash(token)}, ${token.slice(0, 10)}, ${now}, ${b.expiresAt ? new Date(b.expiresAt).toISOString() : null}) RETURNING id`.execute(trx);
      await writeAudit(trx, actor, { entity: 'apiToken', recordId: Number(rows[0].id), action: 'permission', detail: `API token created: ${b.name}` });
      return Number(rows[0].id);
    });
    return reply.status(201).send({ id, name: b.name, roleId: b.roleId, token, prefix: token.slice(0, 10), createdAt: now, expiresAt: b.expiresAt ?? null });
  });

  app.delete('/api/v1/api-tokens/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const actor = actorOf(req);
    const id = parseId(req.params.id);
    const mine = admin(req) ? sql`1=1` : sql`user_id = ${actor.userId}`;
    await db.kysely.transaction().execute(async (trx) => {
      const res = await sql`UPDATE api_tokens SET revoked_at = ${new Date().toISOString()} WHERE id = ${id} AND revoked_at IS NULL AND ${mine}`.execute(trx);
      if (Number(res.numAffectedRows ?? 0) !== 1) throw notFound('No such API token');
      await writeAudit(trx, actor, { entity: 'apiToken', recordId: id, action: 'permission', detail: 'API token revoked' });
    });
    accountsChanged();
    return reply.status(204).send();
  });
}
