import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { serviceFeedbackEntity } from '../../../shared/entities/service-feedback.entity.js';
import type { Database, DbSchema } from '../../db/database.js';
import { registerDictionaryHooks } from '../../core/dictionary-usage.js';
import { registerHooks } from '../../core/hooks.js';
import { RecordService } from '../../core/records.js';
import { PRIORITY_DICTIONARY, serviceClockHooks, STATUS_DICTIONARY } from './clock.js';
import { registerWorkingTimeRoutes } from './working-time.js';
import { systemActor } from '../../auth/actor.js';

/**
 * Service feedback (M9): the service clock and the working time it counts. Numbering, the status
 * history, lists, exports and attachments are generic.
 */
export function registerServiceFeedback(app: FastifyInstance, db: Database): void {
  registerHooks(serviceFeedbackEntity, serviceClockHooks);
  const service = new RecordService(db, serviceFeedbackEntity);
  /**
   * Re-times the running and paused clocks (their due times change with a priority's targets, a
   * status's meaning or the working time), each through the record service so every rule applies.
   */
  const retime = async (trx: Kysely<DbSchema>, userId: number, where = sql`1=1`) => {
    const { rows } = await sql<{ id: number }>`SELECT id FROM service_feedback WHERE deleted_at IS NULL AND ${where}
      AND (response_due_at IS NOT NULL OR resolution_due_at IS NOT NULL OR clock_paused_at IS NOT NULL)`.execute(trx);
    for (const r of rows) await service.systemUpdate(Number(r.id), {}, systemActor(userId), { trx });
  };
  registerDictionaryHooks(PRIORITY_DICTIONARY, { valuesChanged: (ctx, ids) => retime(ctx.trx, ctx.userId, sql`priority_id IN (${sql.join(ids)})`) });
  registerDictionaryHooks(STATUS_DICTIONARY, { valuesChanged: (ctx, ids) => retime(ctx.trx, ctx.userId, sql`status_id IN (${sql.join(ids)})`) });
  registerWorkingTimeRoutes(app, db, (trx, userId) => retime(trx, userId));
}
