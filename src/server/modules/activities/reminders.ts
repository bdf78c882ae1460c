import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import type { Database } from '../../db/database.js';
import { toApiRecords } from '../../core/decorate.js';
import { notFound } from '../../core/errors.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import type { Row } from '../../core/record-mapper.js';
import { redact } from '../../auth/access.js';
import { RecordService } from '../../core/records.js';

/** The entity's bound on reminderMinutes: no reminder is due for an activity starting later than this. */
const MAX_REMINDER_MINUTES = activityEntity.fields.reminderMinutes.max;
const MAX_SHOWN = 200;

/**
 * Due reminders: planned, not dismissed, reminder time (start − minutes) passed, started at
 * most a day ago. The partial index `activities_reminders` holds exactly the candidate rows;
 * its conditions are written here as literals so both planners match it, and the start range
 * (a day back, four weeks ahead) keeps the scan to one short stretch of it. Timed activities
 * only: an all-day activity has no instant to count back from.
 */
export function dueQuery(db: Database, userId: number, now: Date): RawBuilder<Row> {
  const nowIso = now.toISOString();
  const dayAgo = new Date(now.getTime() - 86_400_000).toISOString();
  const latest = new Date(now.getTime() + MAX_REMINDER_MINUTES * 60_000).toISOString();
  const due = db.dialect === 'postgres'
    ? sql`t.start_at - make_interval(mins => t.reminder_minutes) <= ${nowIso}::timestamptz`
    : sql`julianday(t.start_at) - t.reminder_minutes / 1440.0 <= julianday(${nowIso})`;
  return sql<Row>`SELECT t.* FROM activities AS t
    WHERE t.deleted_at IS NULL AND t.status = 'planned' AND t.reminder_minutes IS NOT NULL AND t.reminder_dismissed_at IS NULL
      AND t.start_at >= ${dayAgo} AND t.start_at <= ${latest} AND ${due} AND t.owner_id = ${userId}
    ORDER BY t.start_at, t.id LIMIT ${MAX_SHOWN}`;
}

export function registerReminderRoutes(app: FastifyInstance, db: Database): void {
  const activities = new RecordService(db, activityEntity);
  app.get('/api/v1/activities/reminders', async (req: FastifyRequest) => {
    const { rows } = await dueQuery(db, actorOf(req).userId, new Date()).execute(db.kysely);
    const access = actorOf(req).access;
    return { items: (await toApiRecords(db.kysely, activityEntity, rows, localeOf(req))).map((r) => redact(access, activityEntity, r)), count: rows.length };
  });
  app.post('/api/v1/activities/:id/dismiss-reminder', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const id = parseId(req.params.id);
    // Dismissing changes the activity, so it needs the edit right on it (404 unreadable, 403 not editable).
    await activities.authorize(id, actorOf(req), 'edit');
    const res = await sql`UPDATE activities SET reminder_dismissed_at = ${new Date().toISOString()} WHERE id = ${id} AND deleted_at IS NULL`.execute(db.kysely);
    if (Number(res.numAffectedRows ?? 0) !== 1) throw notFound(`No activity with id ${id}`);
    return reply.status(204).send();
  });
}
