import { sql } from 'kysely';
import type { RecordHooks } from '../../core/hooks.js';

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
    const now = new Date().toISOString();
    const saleId = record.id as number;
    if (from !== null) {
      await sql`UPDATE opportunities SET sale_id = NULL, version = version + 1, updated_at = ${now}, updated_by = ${ctx.userId}
        WHERE id = ${from} AND sale_id = ${saleId}`.execute(ctx.trx);
    }
    if (to !== null) {
      await sql`UPDATE opportunities SET sale_id = ${saleId}, version = version + 1, updated_at = ${now}, updated_by = ${ctx.userId}
        WHERE id = ${to} AND (sale_id IS NULL OR sale_id <> ${saleId})`.execute(ctx.trx);
    }
  },
};
