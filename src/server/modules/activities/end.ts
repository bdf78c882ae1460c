import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { refreshDue } from './due.js';
import { z } from 'zod';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { Database } from '../../db/database.js';
import { badRequest, invalid, notFound } from '../../core/errors.js';
import { userLabels } from '../../core/labels.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import { conflict, RecordService } from '../../core/records.js';
import type { ApiRecord } from '../../core/record-mapper.js';
import { writeAudit, type FieldChange } from '../../core/audit.js';

const version = z.number().int().nonnegative().optional();
const endBody = z.strictObject({ outcome: z.string().trim().max(10_000).nullable().optional(), version });
const reopenBody = z.strictObject({ version });

type Action = 'end' | 'reopen';

/**
 * End activity / Reopen (M6.e): the status, ended_at and outcome change in one UPDATE, and the
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
    const lock = db.dialect === 'postgres' ? sql` FOR UPDATE` : sql``;
    const { rows } = await sql<{ version: number; status: string; outcome: string | null }>`SELECT version, status, outcome FROM activities
      WHERE id = ${id} AND deleted_at IS NULL${lock}`.execute(trx);
    const row = rows[0];
    if (!row) throw notFound(`No activity with id ${id}`);
    if (data.version !== undefined && Number(row.version) !== data.version) throw conflict(activityEntity, await service.get(id, { locale }, trx));
    if (action === 'end' && row.status === 'ended') throw badRequest('This activity has already ended', [{ field: 'status', message: 'is already ended' }]);
    if (action === 'reopen' && row.status !== 'ended') throw badRequest('This activity has not ended', [{ field: 'status', message: 'is not ended' }]);
    const now = new Date().toISOString();
    const outcome = data.outcome === undefined ? row.outcome : data.outcome === '' ? null : data.outcome;
    const set = action === 'end'
      ? sql`status = 'ended', ended_at = ${now}, outcome = ${outcome}`
      : sql`status = 'planned', ended_at = NULL`; // the outcome stays: reopening does not undo what happened
    const result = await sql`UPDATE activities SET ${set}, version = version + 1, updated_at = ${now}, updated_by = ${actor.userId}
      WHERE id = ${id} AND version = ${row.version} AND deleted_at IS NULL`.execute(trx);
    if (Number(result.numAffectedRows ?? 0) !== 1) throw conflict(activityEntity, await service.get(id, { locale }, trx));
    await refreshDue(trx, id);
    await sql`INSERT INTO activity_events (activity_id, action, at, actor_id, outcome)
      VALUES (${id}, ${action}, ${now}, ${actor.userId}, ${action === 'end' ? outcome : null})`.execute(trx);
    const changes: FieldChange[] = [{ field: 'status', before: row.status, after: action === 'end' ? 'ended' : 'planned' }];
    if (action === 'end' && (row.outcome ?? null) !== (outcome ?? null)) changes.push({ field: 'outcome', before: row.outcome, after: outcome });
    await writeAudit(trx, actor, { entity: activityEntity.name, recordId: id, action: 'update', changes, detail: action });
    return service.get(id, { locale }, trx);
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
