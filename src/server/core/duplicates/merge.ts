import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldIssue } from '../../../shared/entity/schema.js';
import type { Database, DbSchema } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { hiddenFields } from '../../auth/access.js';
import { writeAudit } from '../audit.js';
import { invalid, notFound, ProblemError } from '../errors.js';
import { hooksFor, type MergeChange, type WriteContext } from '../hooks.js';
import type { Locale } from '../list-params.js';
import { conflict, RecordService } from '../records.js';
import { fromRow, type ApiRecord } from '../record-mapper.js';
import { moveLinks, movedCounts, type MovedCount, type MovedLinks } from './relations.js';

export interface Merge {
  id: number; entity: string; survivorId: number; mergedIds: number[]; moved: MovedCount[];
  createdAt: string; createdBy: number | null; createdByName: string | null; undoneAt: string | null;
}

/** Everything undo needs, kept with the merge (merges.before). */
export interface MergeBefore {
  /** The survivor's fields the merge changed: their values before and what the merge wrote. */
  survivor: { before: Record<string, unknown>; after: Record<string, unknown> };
  /** The merged-away records as they were (stored values). */
  merged: Record<string, unknown>[];
  moved: MovedLinks;
  /** Fields modules changed to make room (a contact no longer primary). */
  changes: MergeChange[];
}

export interface MergeInput { fromIds: number[]; values: Record<string, unknown>; version?: number }

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields a merge may choose: the entity's own stored fields and the owner, not computed values, links or lines (those move). */
export function checkMergeValues(entity: EntityDef, actor: Actor, values: Record<string, unknown>): void {
  const hidden = hiddenFields(actor.access, entity);
  const issues: FieldIssue[] = [];
  for (const name of Object.keys(values)) {
    const f = name === 'ownerId' ? entity.allFields.ownerId : Object.hasOwn(entity.fields, name) ? entity.fields[name] : undefined;
    if (!f || hidden.has(name)) issues.push({ field: `values.${name.slice(0, 80)}`, message: `is not a field of ${entity.name}` });
    else if (f.kind === 'computed' || f.kind === 'references' || f.kind === 'lines') issues.push({ field: `values.${name}`, message: 'is not chosen in a merge: it is computed, or its links and lines move to the survivor' });
  }
  if (issues.length) throw invalid(issues);
}

/**
 * Merges records into a survivor in one transaction: the actor needs edit on the survivor and
 * delete on each merged record (404 for one they cannot read, 403 otherwise). Modules make room
 * (beforeMerge), everything that hangs off the merged records moves (relations.ts), the merged
 * records go to Trash (audited as 'merge'), and the survivor takes the chosen values through the
 * record service (validation, field rules, history, audit). The merge keeps what undo needs.
 */
export async function mergeRecords(db: Database, entity: EntityDef, survivorId: number, input: MergeInput, actor: Actor, locale: Locale): Promise<{ merge: Merge; record: ApiRecord }> {
  const service = new RecordService(db, entity);
  const fromIds = Array.from(new Set(input.fromIds));
  if (fromIds.includes(survivorId)) throw invalid([{ field: 'fromIds', message: 'must not include the surviving record' }]);
  checkMergeValues(entity, actor, input.values);
  return db.kysely.transaction().execute(async (trx) => {
    const ctx: WriteContext = { trx, dialect: db.dialect, userId: actor.userId, actor };
    await service.authorize(survivorId, actor, 'edit', trx);
    for (const id of fromIds) await service.authorize(id, actor, 'delete', trx);
    const survivorRow = await storedRow(trx, entity, survivorId, db.dialect === 'postgres');
    const survivorBefore = fromRow(entity, survivorRow);
    if (input.version !== undefined && input.version !== survivorBefore.version) throw conflict(entity, await service.get(survivorId, { actor, locale }, trx));
    const merged: Record<string, unknown>[] = [];
    for (const id of fromIds) merged.push(fromRow(entity, await storedRow(trx, entity, id, db.dialect === 'postgres')));

    const changes: MergeChange[] = [];
    for (const h of hooksFor(entity)) changes.push(...((await h.beforeMerge?.(ctx, survivorId, fromIds)) ?? []));
    const moved = await moveLinks(ctx, entity, survivorId, fromIds);

    const now = new Date().toISOString();
    for (const id of fromIds) {
      await sql`UPDATE ${sql.table(entity.table)} SET deleted_at = ${now}, updated_at = ${now}, updated_by = ${actor.userId}, version = version + 1
        WHERE id = ${id} AND deleted_at IS NULL`.execute(trx);
      await writeAudit(trx, actor, { entity: entity.name, recordId: id, action: 'merge', detail: `merged into #${survivorId}; in Trash` });
    }
    // After the merged records left: a unique value (a code) the survivor takes from one of them is free now.
    const chosen = Object.fromEntries(Object.entries(input.values).filter(([k, v]) => !same(survivorBefore[k], v)));
    if (Object.keys(chosen).length) await service.update(survivorId, { ...chosen, version: survivorBefore.version }, actor, { trx, locale });
    const survivorAfter = fromRow(entity, await storedRow(trx, entity, survivorId, false));
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of Object.keys(chosen)) {
      if (same(survivorBefore[k], survivorAfter[k])) continue;
      before[k] = survivorBefore[k] ?? null;
      after[k] = survivorAfter[k] ?? null;
    }
    const kept: MergeBefore = { survivor: { before, after }, merged, moved, changes };
    const counts = movedCounts(entity, moved);
    const { rows } = await sql<{ id: number }>`INSERT INTO merges (entity, survivor_id, merged_ids, moved, before, created_at, created_by)
      VALUES (${entity.name}, ${survivorId}, ${JSON.stringify(fromIds)}, ${JSON.stringify(counts)}, ${JSON.stringify(kept)}, ${now}, ${actor.userId}) RETURNING id`.execute(trx);
    const mergeId = Number(rows[0].id);
    await writeAudit(trx, actor, { entity: entity.name, recordId: survivorId, action: 'merge', detail: `merge #${mergeId}: ${fromIds.map((i) => `#${i}`).join(', ')} merged in; moved ${counts.map((c) => `${c.count} ${c.entity}.${c.field}`).join(', ') || 'nothing'}` });
    return { merge: await readMerge(trx, mergeId), record: await service.get(survivorId, { actor, locale }, trx) };
  });
}

/** A record's stored row, live or in Trash, locked for the transaction on PostgreSQL. */
export async function storedRow(trx: Kysely<DbSchema>, entity: EntityDef, id: number, lock: boolean): Promise<Record<string, unknown>> {
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(entity.table)} WHERE id = ${id}${lock ? sql` FOR UPDATE` : sql``}`.execute(trx);
  if (!rows[0]) throw notFound(`No ${entity.name} with id ${id}`);
  return rows[0];
}

interface MergeRow { id: number; entity: string; survivor_id: number; merged_ids: string; moved: string; created_at: unknown; created_by: number | null; created_by_name: string | null; undone_at: unknown }

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v instanceof Date ? v.toISOString() : v)).toISOString());

export function toMerge(r: MergeRow): Merge {
  return {
    id: Number(r.id), entity: r.entity, survivorId: Number(r.survivor_id), mergedIds: JSON.parse(r.merged_ids) as number[],
    moved: JSON.parse(r.moved) as MovedCount[], createdAt: iso(r.created_at) ?? '', createdBy: r.created_by === null ? null : Number(r.created_by),
    createdByName: r.created_by_name, undoneAt: iso(r.undone_at),
  };
}

export const MERGE_COLUMNS = sql`m.id, m.entity, m.survivor_id, m.merged_ids, m.moved, m.created_at, m.created_by, u.name AS created_by_name, m.undone_at`;

export async function readMerge(executor: Kysely<DbSchema>, id: number): Promise<Merge> {
  const { rows } = await sql<MergeRow>`SELECT ${MERGE_COLUMNS} FROM merges AS m LEFT JOIN users AS u ON u.id = m.created_by WHERE m.id = ${id}`.execute(executor);
  if (!rows[0]) throw new ProblemError(404, 'Not Found', `No merge with id ${id}`);
  return toMerge(rows[0]);
}
