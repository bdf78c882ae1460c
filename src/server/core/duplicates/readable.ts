import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { DbSchema } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { hiddenFields, scopeOf, scopeOwners } from '../../auth/access.js';
import { ProblemError } from '../errors.js';
import { fromRow, type ApiRecord, type Row } from '../record-mapper.js';
import { rulesOf, type FieldRule } from './rules.js';

/** The actor must be able to list the entity at all; 403 before anything is read. */
export function requireRead(entity: EntityDef, actor: Actor): void {
  if (scopeOf(actor.access, entity, 'read') === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you see ${entity.path}.`);
}

/** The rules over fields the actor may see: a hidden field never explains a match (it would leak its value). */
export function visibleRules(entity: EntityDef, actor: Actor): readonly FieldRule[] {
  const hidden = hiddenFields(actor.access, entity);
  return rulesOf(entity).filter((r) => !hidden.has(r.field));
}

export interface Readable { row: Row; record: ApiRecord }

/** The live records among `ids` that the actor may read, by id: the stored row and its values (only `fields` when given: a check reads a hundred candidates per row of an import). */
export async function readableRecords(executor: Kysely<DbSchema>, entity: EntityDef, ids: readonly number[], actor: Actor, fields?: readonly string[]): Promise<Map<number, Readable>> {
  const out = new Map<number, Readable>();
  const owners = scopeOwners(actor.access, scopeOf(actor.access, entity, 'read'));
  if (owners !== null && owners.length === 0) return out;
  const scope = owners === null ? sql`` : sql` AND owner_id IN (${sql.join([...owners])})`;
  const unique = Array.from(new Set(ids));
  const cols = fields ? sql.join(['id', 'owner_id', 'deleted_at', ...fields.map((f) => entity.columnOf(f))].map((c) => sql.ref(c))) : sql`*`;
  for (let i = 0; i < unique.length; i += 500) {
    const { rows } = await sql<Record<string, unknown>>`SELECT ${cols} FROM ${sql.table(entity.table)} WHERE id IN (${sql.join(unique.slice(i, i + 500))}) AND deleted_at IS NULL${scope}`.execute(executor);
    for (const r of rows) out.set(Number(r.id), { row: r, record: fromRow(entity, r) });
  }
  return out;
}

/** The record's title as a list shows it (its id when the title field is hidden or empty). */
export function titleOf(entity: EntityDef, record: Record<string, unknown>, actor: Actor): string {
  const v = hiddenFields(actor.access, entity).has(entity.titleField) ? null : record[entity.titleField];
  return v === null || v === undefined || v === '' ? `#${String(record.id)}` : String(v);
}
