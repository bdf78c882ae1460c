import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { refreshDue } from './due.js';
import { z } from 'zod';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { Database } from '../../db/database.js';
import { badRequest, invalid } from '../../core/errors.js';
import { userLabels } from '../../core/labels.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import { RecordService } from '../../core/records.js';
import type { ApiRecord } from '../../core/record-mapper.js';

const version = z.number().int().nonnegative().optional();
const endBody = z.strictObject({ outcome: z.string().trim().max(10_000).nullable().optional(), version });
const reopenBody = z.strictObject({ version });

type Action = 'end' | 'reopen';

/**
 * End activity / Reopen (M6.e): the status, ended_at and outcome change in one record-service write, and the
 * change is logged in activity_events in the same transaction. Without `version` the current
 * one is used (a single click); with it, a stale one is a 409 carrying the current record.
 */
async function transition(db: Database, service: RecordService, id: number, action: Action, body: unknown, req: FastifyRequest): Promise<ApiRecord> {
  const parsed = (action === 'end' ? endBody : reopenBody).safeParse(body ?? {});
  if (!parsed.success) throw invalid(fieldIssues(parsed.error));
  const data = parsed.data as { outcome?: string | null; version?: number };
  const actor = actorOf(req);
  const locale = localeOf(req);
  return db.kysely.transaction().execute(async (trx) => {
    // Ending or reopening edits the activity: refused (404 unreadable, 403 not editable) before anything is read or written.
    await service.authorize(id, actor, 'edit', trx);
    if (db.dialect === 'postgres') await sql`SELECT id FROM activities WHERE id = ${id} FOR UPDATE`.execute(trx);
    const current = await service.get(id, { actor, locale }, trx);
    if (action === 'end' && current.status === 'ended') throw badRequest('This activity has already ended', [{ field: 'status', message: 'is already ended' }]);
    if (action === 'reopen' && current.status !== 'ended') throw badRequest('This activity has not ended', [{ field: 'status', message: 'is not ended' }]);
    const now = new Date().toISOString();
    const outcome = data.outcome === undefined ? current.outcome ?? null : data.outcome === '' ? null : data.outcome;
    // The outcome stays on reopening: reopening does not undo what happened.
    const changes = action === 'end' ? { status: 'ended', endedAt: now, outcome } : { status: 'planned', endedAt: null };
    // Through the record service: the edit right, the version check, history and the audit trail as for any change.
    await service.systemUpdate(id, changes, actor, { trx, locale, version: data.version });
    await refreshDue(trx, id);
    await sql`INSERT INTO activity_events (activity_id, action, at, actor_id, outcome)
      VALUES (${id}, ${action}, ${now}, ${actor.userId}, ${action === 'end' ? outcome : null})`.execute(trx);
    return service.get(id, { actor, locale }, trx);
  });
}

export function registerEndRoutes(app: FastifyInstance, db: Database): void {
  const service = new RecordService(db, activityEntity);
  type Req = FastifyRequest<{ Params: { id: string } }>;
  app.post('/api/v1/activities/:id/end', async (req: Req) => transition(db, service, parseId(req.params.id), 'end', req.body, req));
  app.post('/api/v1/activities/:id/reopen', async (req: Req) => transition(db, service, parseId(req.params.id), 'reopen', req.body, req));
  app.get('/api/v1/activities/:id/events', async (req: Req) => {
    const id = parseId(req.params.id);
    await service.get(id, { actor: actorOf(req) });
    const { rows } = await sql<{ action: string; at: string; by: number | null; outcome: string | null }>`SELECT e.action, e.at, e.actor_id AS "by", e.outcome
      FROM activity_events e WHERE e.activity_id = ${id} ORDER BY e.id`.execute(db.kysely);
    const users = await userLabels(db.kysely, rows.flatMap((r) => (r.by === null ? [] : [Number(r.by)])), localeOf(req));
    return { items: rows.map((r) => ({ action: r.action, at: new Date(String(r.at)).toISOString(), by: r.by === null ? null : Number(r.by), byLabel: r.by === null ? null : users.get(Number(r.by)) ?? null, outcome: r.outcome })) };
  });
}
