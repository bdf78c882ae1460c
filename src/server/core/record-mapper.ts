import type { EntityDef } from '../../shared/entity/define.js';
import { hasColumn, type FieldDef } from '../../shared/entity/field.js';
import type { DialectName } from '../db/database.js';
import { searchGrams, searchText } from './search-text.js';

export type Row = Record<string, unknown>;
export type ApiRecord = Record<string, unknown> & { id: number; version: number };

/** A database value for one field, in the dialect's storage (SQLite keeps booleans as 0/1). */
export function toDbValue(f: FieldDef, value: unknown, dialect: DialectName): unknown {
  if (value === undefined || value === null) return null;
  if (f.kind === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  if (f.kind === 'datetime' && typeof value === 'string') return new Date(value).toISOString();
  return value;
}

/** The form toISOString() writes; a stored value already in it needs no Date round trip (a page reads thousands). */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function fromDbValue(f: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (f.kind === 'boolean') return value === true || value === 1;
  if (f.kind === 'datetime' && typeof value === 'string') return CANONICAL_INSTANT.test(value) ? value : new Date(value).toISOString();
  if (typeof value === 'bigint') return Number(value);
  return value;
}

const stored = new WeakMap<EntityDef, readonly (readonly [string, string, FieldDef])[]>();
/** An entity's fields that have a column, with the column: worked out once, read for every row of every page. */
function storedFields(entity: EntityDef): readonly (readonly [string, string, FieldDef])[] {
  let fields = stored.get(entity);
  if (!fields) {
    fields = Object.entries(entity.allFields).filter(([, f]) => hasColumn(f)).map(([name, f]) => [name, entity.columnOf(name), f] as const);
    stored.set(entity, fields);
  }
  return fields;
}

/** A database row's stored values: camelCase fields plus `deletedAt` (see decorate.ts for the API's full record). */
export function fromRow(entity: EntityDef, row: Row): ApiRecord {
  const out: Record<string, unknown> = {};
  for (const [name, column, f] of storedFields(entity)) out[name] = fromDbValue(f, row[column]);
  out.deletedAt = row.deleted_at ? new Date(String(row.deleted_at)).toISOString() : null;
  return out as ApiRecord;
}

/** Columns for an insert or update, from camelCase values. Writing a translatable field clears its translations. */
export function toColumns(entity: EntityDef, values: Record<string, unknown>, dialect: DialectName): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(values)) {
    const f = entity.allFields[name];
    if (!f || !hasColumn(f)) continue;
    out[entity.columnOf(name)] = toDbValue(f, value, dialect);
    if (f.translatable) out[`${entity.columnOf(name)}_labels`] = '{}';
  }
  return out;
}

export function searchColumns(entity: EntityDef, record: Record<string, unknown>): Row {
  const values = entity.searchFields.map((f) => record[f]);
  return { search_text: searchText(values), search_grams: searchGrams(values) };
}
