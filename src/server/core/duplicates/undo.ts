import { sql } from 'kysely';
import { entityByName } from '../../../shared/entities/registry.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { ownerInScope, scopeOf } from '../../auth/access.js';
import { writeAudit } from '../audit.js';
import { ProblemError } from '../errors.js';
import type { WriteContext } from '../hooks.js';
import type { Locale } from '../list-params.js';
import { RecordService } from '../records.js';
import { fromRow, type ApiRecord } from '../record-mapper.js';
import { systemUpdateWhere } from '../system-update.js';
import { readMerge, storedRow, type Merge, type MergeBefore } from './merge.js';
import { moveLinksBack } from './relations.js';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const noMerge = (id: number) => new ProblemError(404, 'Not Found', `No merge with id ${id}`);

/**
 * Undoes a merge in one transaction: the survivor's fields go back where they still hold what the
 * merge wrote (a field edited since is kept, and named in `kept`), the merged records leave Trash,
 * the rows that moved go back (only those still pointing at the survivor), and what modules
 * changed is put back. A merge is undone once: again is a 409.
 */
export async function undoMerge(db: Database, mergeId: number, actor: Actor, locale: Locale): Promise<{ merge: Merge; record: ApiRecord; kept: string[] }> {
  return db.kysely.transaction().execute(async (trx) => {
    const lock = db.dialect === 'postgres' ? sql` FOR UPDATE` : sql``;
    const { rows } = await sql<{ entity: string; survivor_id: number; before: string; undone_at: unknown }>`SELECT entity, survivor_id, before, undone_at FROM merges WHERE id = ${mergeId}${lock}`.execute(trx);
    const row = rows[0];
    const entity = row ? entityByName(row.entity) : undefined;
    if (!row || !entity) throw noMerge(mergeId);
    const survivorId = Number(row.survivor_id);
    const survivorRow = await storedRow(trx, entity, survivorId, db.dialect === 'postgres');
    // A merge of records the actor cannot read does not exist for them.
    if (!ownerInScope(actor.access, scopeOf(actor.access, entity, 'read'), survivorRow.owner_id)) throw noMerge(mergeId);
    if (row.undone_at) throw new ProblemError(409, 'Conflict', `Merge ${mergeId} was already undone; nothing was changed.`);
    if (survivorRow.deleted_at) throw new ProblemError(409, 'Conflict', `The surviving ${entity.name} #${survivorId} is in Trash: restore it first; nothing was changed.`);
    const service = new RecordService(db, entity);
    await service.authorize(survivorId, actor, 'edit', trx);
    const before = JSON.parse(row.before) as MergeBefore;
    const ctx: WriteContext = { trx, dialect: db.dialect, userId: actor.userId, actor };

    // The survivor first: a unique value it took from a merged record is freed before that record returns.
    const current = fromRow(entity, survivorRow);
    const back: Record<string, unknown> = {};
    const kept: string[] = [];
    for (const [field, after] of Object.entries(before.survivor.after)) {
      if (same(current[field], after)) back[field] = before.survivor.before[field];
      else kept.push(field);
    }
    if (Object.keys(back).length) await service.systemUpdate(survivorId, back, actor, { trx, locale });

    for (const m of before.merged) {
      const id = Number(m.id);
      const stored = await storedRow(trx, entity, id, false);
      if (stored.deleted_at) await service.restore(id, actor, { trx, locale });
    }
    await moveLinksBack(ctx, entity, survivorId, before.moved);
    for (const c of before.changes) {
      const other = entityByName(c.entity);
      if (!other) continue;
      const value = fromRow(other, await storedRow(trx, other, c.id, false))[c.field];
      if (!same(value, c.after)) continue;
      await systemUpdateWhere(ctx, other, sql`id = ${c.id}`, { [c.field]: c.before }, `undo of merge #${mergeId}`);
    }
    const now = new Date().toISOString();
    await sql`UPDATE merges SET undone_at = ${now}, undone_by = ${actor.userId} WHERE id = ${mergeId}`.execute(trx);
    await writeAudit(trx, actor, { entity: entity.name, recordId: survivorId, action: 'merge', detail: `merge #${mergeId} undone${kept.length ? `; kept as edited since: ${kept.join(', ')}` : ''}` });
    return { merge: await readMerge(trx, mergeId), record: await service.get(survivorId, { actor, locale }, trx), kept };
  });
}
