import type { FastifyInstance } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { requireRight } from '../auth/require.js';
import type { Database } from '../db/database.js';
import { readAudit } from './audit-read.js';
import { badRequest } from './errors.js';
import { instantInRange } from '../../shared/entity/field.js';
import { pickLocale } from './list-params.js';
import { setSetting } from './installation.js';

type Query = Record<string, string | string[] | undefined>;
export const AUDIT_RETENTION_KEY = 'auditRetentionDays';

/** GET /api/v1/audit: the whole log for those with the audit right, filtered and paged by id (newest first). */
export function registerAuditRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/audit', async (req) => {
    const actor = requireRight(req, 'audit');
    const q = (req.query ?? {}) as Query;
    const conds: RawBuilder<unknown>[] = [sql`1=1`];
    const one = (k: string) => {
      const v = q[k];
      if (Array.isArray(v)) throw badRequest(`${k} is given more than once`, [{ field: k, message: 'is given more than once' }]);
      return v === undefined || v === '' ? undefined : v;
    };
    const num = (k: string) => {
      const v = one(k);
      if (v === undefined) return undefined;
      if (!/^\d{1,10}$/.test(v)) throw badRequest(`${k} must be a whole number`, [{ field: k, message: 'must be a whole number' }]);
      return Number(v);
    };
    const time = (k: string) => {
      const v = one(k);
      if (v === undefined) return undefined;
      const t = Date.parse(v);
      // Within what both databases store (years 1 to 9999 in UTC), or a 400, never the database's error.
      if (Number.isNaN(t) || v.length > 40 || !instantInRange(t)) throw badRequest(`${k} must be a date or date-time`, [{ field: k, message: 'must be a date or date-time (ISO 8601)' }]);
      return new Date(t).toISOString();
    };
    for (const k of Object.keys(q)) {
      if (!['entity', 'recordId', 'actorId', 'action', 'from', 'to', 'cursor', 'limit', 'locale'].includes(k)) throw badRequest(`Unknown parameter "${k.slice(0, 80)}"`, [{ field: k.slice(0, 80), message: 'unknown parameter' }]);
    }
    const entity = one('entity');
    if (entity !== undefined) { if (!/^[A-Za-z]{1,64}$/.test(entity)) throw badRequest('entity is not an entity name', [{ field: 'entity', message: 'unknown entity' }]); conds.push(sql`entity = ${entity}`); }
    const action = one('action');
    if (action !== undefined) { if (!/^[a-z]{1,20}$/.test(action)) throw badRequest('unknown action', [{ field: 'action', message: 'unknown action' }]); conds.push(sql`action = ${action}`); }
    const recordId = num('recordId'); if (recordId !== undefined) conds.push(sql`record_id = ${recordId}`);
    const actorId = num('actorId'); if (actorId !== undefined) conds.push(sql`actor_id = ${actorId}`);
    const from = time('from'); if (from !== undefined) conds.push(sql`at >= ${from}`);
    const to = time('to'); if (to !== undefined) conds.push(sql`at <= ${to}`);
    const cursor = num('cursor'); if (cursor !== undefined) conds.push(sql`id < ${cursor}`);
    const limit = Math.min(num('limit') ?? 50, 200) || 50;
    const locale = pickLocale(one('locale'), req.headers['accept-language']);
    const { items, more } = await readAudit(db, sql.join(conds, sql` AND `), limit, actor.access, locale);
    return { items, nextCursor: more && items.length ? String(items[items.length - 1].id) : null };
  });
}

/** Drops entries older than the retention setting (none set: kept for ever); run at start and daily. */
export async function applyAuditRetention(db: Database): Promise<number> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${AUDIT_RETENTION_KEY}`.execute(db.kysely);
  const days = Number(rows[0]?.value);
  if (!Number.isInteger(days) || days < 1) return 0;
  const before = new Date(Date.now() - days * 86400_000).toISOString();
  const res = await sql`DELETE FROM audit_log WHERE at < ${before}`.execute(db.kysely);
  return Number(res.numAffectedRows ?? 0);
}

export async function setAuditRetention(db: Database, days: number | null): Promise<void> {
  await setSetting(db.kysely, AUDIT_RETENTION_KEY, days === null ? null : String(days));
  await applyAuditRetention(db);
}
