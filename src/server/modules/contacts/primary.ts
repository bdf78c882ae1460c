import { sql } from 'kysely';
import type { RecordHooks, WriteContext } from '../../core/hooks.js';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { systemUpdateWhere } from '../../core/system-update.js';

/**
 * Zero or one primary contact per customer (M4.c). The database holds the rule
 * (contacts_unique_is_primary); these hooks keep writes from tripping it:
 * - the customer's row is locked first (PostgreSQL), so two requests switching the primary
 *   of one customer run one after the other and both succeed, the later one winning;
 * - marking a contact primary unmarks the previous one in the same transaction;
 * - a new contact, or one moved to a customer without contacts, becomes primary unless the
 *   body says `isPrimary: false`; a primary moved to a customer that has one is not primary;
 * - a primary contact restored from Trash beside a newer primary comes back not primary.
 */
async function lockCustomers(ctx: WriteContext, ids: readonly unknown[]): Promise<void> {
  const list = Array.from(new Set(ids.filter((x): x is number => typeof x === 'number'))).sort((a, b) => a - b);
  if (ctx.dialect !== 'postgres' || list.length === 0) return; // SQLite runs one write transaction at a time
  await sql`SELECT id FROM customers WHERE id IN (${sql.join(list)}) ORDER BY id FOR UPDATE`.execute(ctx.trx);
}

/** better-sqlite3 binds no booleans: SQLite stores them as 0/1. */
const bool = (ctx: WriteContext, v: boolean) => (ctx.dialect === 'sqlite' ? (v ? 1 : 0) : v);

/** Whether the customer has another live contact (a primary one, with primaryOnly). */
async function hasOther(ctx: WriteContext, customerId: number, exceptId: number | null, primaryOnly: boolean): Promise<boolean> {
  const except = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
  const primary = primaryOnly ? sql` AND is_primary = ${bool(ctx, true)}` : sql``;
  const { rows } = await sql`SELECT 1 FROM contacts WHERE customer_id = ${customerId} AND deleted_at IS NULL${primary}${except} LIMIT 1`.execute(ctx.trx);
  return rows.length > 0;
}

async function unmarkOthers(ctx: WriteContext, customerId: number, exceptId: number | null): Promise<void> {
  const except = exceptId === null ? sql`` : sql` AND id <> ${exceptId}`;
  await systemUpdateWhere(ctx, contactEntity, sql`customer_id = ${customerId} AND deleted_at IS NULL AND is_primary = ${bool(ctx, true)}${except}`,
    { isPrimary: false }, 'another contact became primary');
}

export const primaryContactHooks: RecordHooks = {
  async beforeWrite(ctx, values, existing) {
    const said = values.isPrimary as boolean | undefined;
    const selfId = existing ? Number(existing.id) : null;
    const oldCustomer = existing ? Number(existing.customerId) : null;
    const customerId = values.customerId === undefined ? oldCustomer : Number(values.customerId);
    if (customerId === null) return; // a create without a customer fails validation before this
    const moving = oldCustomer !== null && customerId !== oldCustomer;
    await lockCustomers(ctx, [customerId, oldCustomer]);
    if (!existing || moving) {
      if (said === true) await unmarkOthers(ctx, customerId, selfId);
      else if (said === undefined) {
        // The customer's first contact is primary; a primary moving in stays so only where there is none.
        const wasPrimary = existing?.isPrimary === true;
        values.isPrimary = !(await hasOther(ctx, customerId, selfId, wasPrimary));
      }
      return;
    }
    if (said === true && existing.isPrimary !== true) await unmarkOthers(ctx, customerId, selfId);
  },

  async beforeRestore(ctx, trashed) {
    if (trashed.isPrimary !== true) return;
    const customerId = Number(trashed.customerId);
    await lockCustomers(ctx, [customerId]);
    if (await hasOther(ctx, customerId, Number(trashed.id), true)) {
      await sql`UPDATE contacts SET is_primary = ${bool(ctx, false)} WHERE id = ${Number(trashed.id)}`.execute(ctx.trx);
    }
  },
};
