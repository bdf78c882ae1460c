import { sql } from 'kysely';
import type { MergeChange, RecordHooks, WriteContext } from '../../core/hooks.js';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { systemUpdateWhere } from '../../core/system-update.js';

const bool = (ctx: WriteContext, v: boolean) => (ctx.dialect === 'sqlite' ? (v ? 1 : 0) : v);

/**
 * A customer merge brings the merged customers' contacts along: one primary contact per customer
 * still holds. The survivor's primary stays; without one, the first merged customer's primary
 * (lowest contact id) becomes it. The others are unmarked before they move (the unique index on
 * the primary would refuse the move), and undo marks them again.
 */
export const contactMergeHooks: RecordHooks = {
  async beforeMerge(ctx, survivorId, mergedIds) {
    if (ctx.dialect === 'postgres') await sql`SELECT id FROM customers WHERE id IN (${sql.join([survivorId, ...mergedIds].sort((a, b) => a - b))}) ORDER BY id FOR UPDATE`.execute(ctx.trx);
    const { rows } = await sql<{ id: number; customer_id: number }>`SELECT id, customer_id FROM contacts
      WHERE customer_id IN (${sql.join([survivorId, ...mergedIds])}) AND deleted_at IS NULL AND is_primary = ${bool(ctx, true)} ORDER BY id`.execute(ctx.trx);
    const keep = rows.find((r) => Number(r.customer_id) === survivorId) ?? rows[0];
    const unmark = rows.filter((r) => r !== keep).map((r) => Number(r.id));
    if (unmark.length === 0) return [];
    await systemUpdateWhere(ctx, contactEntity, sql`id IN (${sql.join(unmark)})`, { isPrimary: false }, `customers merged into #${survivorId}: one primary contact stays`);
    return unmark.map((id): MergeChange => ({ entity: contactEntity.name, id, field: 'isPrimary', before: true, after: false }));
  },
};
