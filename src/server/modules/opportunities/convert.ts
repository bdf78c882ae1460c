import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import type { Line } from '../../../shared/entity/line-items.js';
import type { Database } from '../../db/database.js';
import { ProblemError } from '../../core/errors.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import { RecordService } from '../../core/records.js';

/**
 * Convert to sale (M8): a won opportunity becomes a sale with its lines copied, linked both
 * ways, in one transaction. Refused (409, with the reason) for an opportunity that is not won,
 * and for one already converted: the answer then carries the existing sale, so a retried
 * request never makes a second one (the one-sale-per-opportunity index holds that too).
 */
export function registerConvertRoute(app: FastifyInstance, db: Database): void {
  const opportunities = new RecordService(db, opportunityEntity);
  const sales = new RecordService(db, saleEntity);
  app.post('/api/v1/opportunities/:id/convert', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const id = parseId(req.params.id);
    const actor = actorOf(req);
    const locale = localeOf(req);
    const sale = await db.kysely.transaction().execute(async (trx) => {
      if (db.dialect === 'postgres') await sql`SELECT id FROM opportunities WHERE id = ${id} FOR UPDATE`.execute(trx);
      // Converting edits the opportunity: refused (404 unreadable, 403 not editable) before its state is told in a 409.
      await opportunities.authorize(id, actor, 'edit', trx);
      const opp = await opportunities.get(id, { locale, actor }, trx);
      if (opp.saleId !== null) {
        const existing = await sales.get(Number(opp.saleId), { locale, includeDeleted: true, actor }, trx);
        const where = existing.deletedAt ? ', which is in Trash: restore it from there' : '';
        throw new ProblemError(409, 'Conflict', `This opportunity was already converted to sale ${String(existing.number)}${where}.`, undefined, { reason: 'converted', sale: existing });
      }
      if (opp.status !== 'won') {
        const stage = (opp._labels as Record<string, string | null>).stageId ?? '—';
        throw new ProblemError(409, 'Conflict', `Only a won opportunity converts to a sale; this one is at stage “${stage}” (${String(opp.status)}). Move it to a won stage first.`, undefined, { reason: 'not-won' });
      }
      const lines = (opp.lines as Line[]).map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent }));
      const created = await sales.create({
        customerId: opp.customerId, contactId: opp.contactId, opportunityId: id, ownerId: opp.ownerId, lines,
        ...(lines.length ? {} : { total: opp.amount }),
      }, actor, { trx, locale, keptItemIds: new Set(lines.flatMap((l) => (l.productId === null ? [] : [l.productId]))) });
      return created;
    });
    return reply.status(201).header('location', `/api/v1/sales/${sale.id}`).send(sale);
  });
}
