import { sql } from 'kysely';
import type { RecordHooks } from '../../core/hooks.js';
import { systemUpdateWhere } from '../../core/system-update.js';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';

/**
 * A sale and its opportunity are linked both ways (M8): whenever a sale's opportunity is set
 * or changed (a conversion, or a hand-made link), the opportunity's `saleId` follows, in the
 * sale's transaction; an opportunity left behind loses its link to this sale.
 */
export const saleLinkHooks: RecordHooks = {
  async afterWrite(ctx, record, existing) {
    const to = (record.opportunityId as number | null) ?? null;
    const from = (existing?.opportunityId as number | null | undefined) ?? null;
    if (to === from) return;
    const saleId = record.id as number;
    if (from !== null) await systemUpdateWhere(ctx, opportunityEntity, sql`id = ${from} AND sale_id = ${saleId}`, { saleId: null }, `sale ${saleId} unlinked`);
    if (to !== null) await systemUpdateWhere(ctx, opportunityEntity, sql`id = ${to} AND (sale_id IS NULL OR sale_id <> ${saleId})`, { saleId }, `linked to sale ${saleId}`);
  },
};
