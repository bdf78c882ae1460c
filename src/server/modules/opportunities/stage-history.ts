import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import type { Database } from '../../db/database.js';
import { localLabel, userLabels } from '../../core/labels.js';
import { localeOf, parseId } from '../../core/record-routes.js';
import { RecordService } from '../../core/records.js';

interface HistoryRow {
  id: number; from_stage_id: number | null; to_stage_id: number; amount: number | null; changed_at: string; changed_by: number | null;
  from_label: string | null; from_labels: string | null; to_label: string; to_labels: string;
}

/** GET /opportunities/:id/stage-history: every stage change, oldest first, with the stages' labels. */
export function registerStageHistoryRoute(app: FastifyInstance, db: Database): void {
  const service = new RecordService(db, opportunityEntity);
  app.get('/api/v1/opportunities/:id/stage-history', async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const id = parseId(req.params.id);
    await service.get(id);
    const locale = localeOf(req);
    const { rows } = await sql<HistoryRow>`SELECT h.id, h.from_stage_id, h.to_stage_id, h.amount, h.changed_at, h.changed_by,
        f.label AS from_label, f.labels AS from_labels, t.label AS to_label, t.labels AS to_labels
      FROM opportunity_stage_history h
      LEFT JOIN dictionary_values f ON f.id = h.from_stage_id
      JOIN dictionary_values t ON t.id = h.to_stage_id
      WHERE h.opportunity_id = ${id} ORDER BY h.id`.execute(db.kysely);
    const users = await userLabels(db.kysely, rows.flatMap((r) => (r.changed_by === null ? [] : [Number(r.changed_by)])), locale);
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        fromStageId: r.from_stage_id === null ? null : Number(r.from_stage_id),
        toStageId: Number(r.to_stage_id),
        amount: r.amount === null ? null : Number(r.amount),
        changedAt: new Date(String(r.changed_at)).toISOString(),
        changedBy: r.changed_by === null ? null : Number(r.changed_by),
        _labels: {
          fromStageId: r.from_label === null ? null : localLabel(r.from_labels, r.from_label, locale),
          toStageId: localLabel(r.to_labels, r.to_label, locale),
          changedBy: r.changed_by === null ? null : users.get(Number(r.changed_by)) ?? null,
        },
      })),
    };
  });
}
