import { type RawBuilder, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import { diffRecord, writeAudit } from './audit.js';
import type { WriteContext } from './hooks.js';
import { fromRow, toColumns, type Row } from './record-mapper.js';

/** A value computed by the database (`COALESCE(closed_at, now)`), or a plain value converted as the field's kind. */
export type SystemValue = unknown | RawBuilder<unknown>;
const isSql = (v: unknown): v is RawBuilder<unknown> => typeof v === 'object' && v !== null && 'toOperationNode' in v;

/**
 * A change the server makes to other records as a consequence of a write (the previous primary
 * contact unmarked, an opportunity's sale link, every opportunity of a stage): one UPDATE, with the
 * version bump and who did it, and an audit row per record changed, all in the caller's
 * transaction. Modules use this instead of their own UPDATE, so nothing escapes the audit trail.
 */
export async function systemUpdateWhere(ctx: WriteContext, entity: EntityDef, where: RawBuilder<unknown>, changes: Record<string, SystemValue>, reason: string): Promise<number> {
  const table = sql.table(entity.table);
  const lock = ctx.dialect === 'postgres' ? sql` FOR UPDATE` : sql``;
  const { rows: before } = await sql<Row>`SELECT * FROM ${table} WHERE ${where}${lock}`.execute(ctx.trx);
  if (before.length === 0) return 0;
  const ids = before.map((r) => Number(r.id));
  const plain = Object.fromEntries(Object.entries(changes).filter(([, v]) => !isSql(v)));
  const sets = [
    ...Object.entries(toColumns(entity, plain, ctx.dialect)).map(([c, v]) => sql`${sql.ref(c)} = ${v}`),
    ...Object.entries(changes).filter(([, v]) => isSql(v)).map(([f, v]) => sql`${sql.ref(entity.columnOf(f))} = ${v as RawBuilder<unknown>}`),
  ];
  const now = new Date().toISOString();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await sql`UPDATE ${table} SET ${sql.join(sets)}, version = version + 1, updated_at = ${now}, updated_by = ${ctx.actor.userId}
      WHERE id IN (${sql.join(chunk)})`.execute(ctx.trx);
  }
  const after = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += 500) {
    const { rows } = await sql<Row>`SELECT * FROM ${table} WHERE id IN (${sql.join(ids.slice(i, i + 500))})`.execute(ctx.trx);
    for (const r of rows) after.set(Number(r.id), r);
  }
  const fields = Object.keys(changes);
  for (const row of before) {
    const next = after.get(Number(row.id));
    if (!next) continue;
    const pick = (r: Row) => Object.fromEntries(Object.entries(fromRow(entity, r)).filter(([k]) => fields.includes(k)));
    await writeAudit(ctx.trx, ctx.actor, { entity: entity.name, recordId: Number(row.id), action: 'update', changes: diffRecord(entity, pick(row), pick(next)), detail: reason });
  }
  return ids.length;
}
