import { sql } from 'kysely';
import { percentOf } from '../../../shared/money.js';
import { invalid, ProblemError } from '../../core/errors.js';
import type { DictionaryHooks } from '../../core/dictionary-usage.js';
import type { RecordHooks } from '../../core/hooks.js';
import { stageOf } from './stages.js';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { systemUpdateWhere } from '../../core/system-update.js';

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * The stage drives the rest (M8): a new opportunity starts at the first stage (the field's
 * `defaultFirst`); a stage change
 * brings the stage's probability (unless the write gives one) and its outcome as the status,
 * with closedAt set when it closes and cleared when it reopens; the weighted amount follows the
 * amount and probability. The stage history is kept by core (the field's `history`).
 */
export const opportunityStageHooks: RecordHooks = {
  async beforeWrite(ctx, values, existing) {
    const stageChanged = values.stageId !== undefined && values.stageId !== (existing?.stageId ?? null);
    if (stageChanged) {
      const stage = values.stageId === null ? null : await stageOf(ctx.trx, Number(values.stageId));
      if (existing?.saleId && stage?.outcome !== 'won') throw invalid([{ field: 'stageId', message: 'cannot leave a won stage: this opportunity was converted to a sale' }]);
      if (stage && (values.probability === undefined || values.probability === null)) values.probability = stage.probability;
      const status = stage?.outcome ?? 'open';
      if (status !== (existing?.status ?? null)) values.closedAt = status === 'open' ? null : new Date().toISOString();
      values.status = status;
    }
    const amount = 'amount' in values ? num(values.amount) : num(existing?.amount);
    const probability = 'probability' in values ? num(values.probability) : num(existing?.probability);
    if (!existing || 'amount' in values || 'probability' in values) {
      values.weightedAmount = amount === null || probability === null ? null : percentOf(amount, probability);
    }
  },
};

/** A stage whose outcome is edited (or another stage merged into it) brings its opportunities' status along. */
export const stageDictionaryHooks: DictionaryHooks = {
  async valuesChanged(ctx, ids) {
    const now = new Date().toISOString();
    for (const id of ids) {
      const stage = await stageOf(ctx.trx, id);
      if (!stage) continue;
      // A sold opportunity stays won: its stage cannot come to mean open or lost (the change is rolled back).
      if (stage.outcome !== 'won') {
        const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM opportunities WHERE stage_id = ${id} AND sale_id IS NOT NULL`.execute(ctx.trx);
        if (Number(rows[0].n) > 0) {
          throw new ProblemError(409, 'Conflict', `${Number(rows[0].n)} opportunities at this stage were converted to sales, so its outcome must stay won. Nothing was changed.`,
            [{ field: 'attributes.outcome', message: 'must stay won while converted opportunities are at this stage' }]);
        }
      }
      const closedAt = stage.outcome === 'open' ? null : sql`COALESCE(closed_at, ${now})`;
      await systemUpdateWhere(ctx, opportunityEntity, sql`stage_id = ${id} AND status <> ${stage.outcome}`, { status: stage.outcome, closedAt }, `the stage's outcome became ${stage.outcome}`);
    }
  },
};
