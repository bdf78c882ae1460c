import { type Kysely, sql } from 'kysely';
import { lineAmountExact } from '../../../shared/entity/line-items.js';
import { withDefaults } from '../../../shared/dictionaries.js';
import type { DbSchema } from '../../db/database.js';
import { invalid, ProblemError } from '../../core/errors.js';
import type { RecordHooks } from '../../core/hooks.js';
import { parseJsonObject } from '../../core/json.js';

export const CATEGORY_DICTIONARY = 'expense-category';

/** A category's unit price (minor units), or null: a subcategory's own price wins over its category's. */
async function unitPriceOf(trx: Kysely<DbSchema>, ids: readonly unknown[]): Promise<number | null> {
  for (const id of ids) {
    if (typeof id !== 'number') continue;
    const { rows } = await sql<{ attributes: unknown }>`SELECT attributes FROM dictionary_values WHERE id = ${id} AND dictionary_key = ${CATEGORY_DICTIONARY}`.execute(trx);
    const p = withDefaults(CATEGORY_DICTIONARY, parseJsonObject(rows[0]?.attributes)).unitPrice;
    if (typeof p === 'number') return p;
  }
  return null;
}

/** The only status in which an expense is edited; actions move it on (actions.ts). */
export const EDITABLE_STATUS = 'draft';

/**
 * M10: an expense is edited only while it is a draft; a category priced per unit prices it (amount =
 * quantity × unit price, exactly, rounded half up), and an expense without such a price needs its
 * amount. Runs in the write's transaction, so a refused write changes nothing.
 */
export const expensePricingHooks: RecordHooks = {
  async beforeWrite(ctx, values, existing) {
    // Actions change the status themselves (systemUpdate with status); a plain edit of a submitted expense is refused.
    if (existing && existing.status !== EDITABLE_STATUS && !('status' in values)) {
      throw new ProblemError(409, 'Conflict', `This expense is ${String(existing.status)}: only a draft is edited. Reset it to draft first.`,
        [{ field: 'status', message: `is ${String(existing.status)}: only a draft expense can be edited` }], { reason: 'not-draft' });
    }
    const merged = { ...existing, ...values };
    const touched = !existing || ['categoryId', 'subcategoryId', 'quantity', 'amount'].some((f) => f in values);
    if (!touched) return;
    const unit = await unitPriceOf(ctx.trx, [merged.subcategoryId, merged.categoryId]);
    values.unitPrice = unit;
    if (unit !== null) {
      const q = typeof merged.quantity === 'number' ? merged.quantity : null;
      if (q === null) throw invalid([{ field: 'quantity', message: 'is required: this category is priced per unit' }]);
      const amount = lineAmountExact(q, unit, 0);
      if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid([{ field: 'quantity', message: 'makes the amount too large' }]);
      values.amount = Number(amount);
    } else if (typeof merged.amount !== 'number') {
      throw invalid([{ field: 'amount', message: 'is required' }]);
    }
  },
};
