import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database, DbSchema } from '../db/database.js';

/**
 * Which field a unique-index violation is about. Index names follow `<table>_unique_<column>`
 * where the index guards a rule about that column even if it indexes others (the one-primary-
 * contact index is on customer_id but is about is_primary); other indexes name their columns.
 * PostgreSQL gives the index name and `Key (cols)=...`; SQLite gives only the columns, so the
 * unique index with those columns is looked up (SQLite's transaction is still usable after a
 * constraint error; PostgreSQL's is not, and needs no query).
 */
export async function uniqueViolationField(db: Database, trx: Kysely<DbSchema>, entity: EntityDef, e: unknown): Promise<string | null> {
  const err = e as { code?: string; constraint?: string; detail?: string; message?: string };
  let index: string | undefined;
  let columns: string[] = [];
  if (db.dialect === 'postgres') {
    if (err.code !== '23505') return null;
    index = err.constraint;
    columns = /Key \(([^)]*)\)=/.exec(err.detail ?? '')?.[1].split(',').map((c) => c.trim()) ?? [];
  } else {
    if (err.code !== 'SQLITE_CONSTRAINT_UNIQUE' && err.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null;
    const m = /constraint failed: (.*)$/.exec(err.message ?? '');
    columns = (m?.[1] ?? '').split(',').map((c) => c.trim().split('.').pop() ?? '');
    index = await sqliteIndexWithColumns(trx, entity.table, columns);
  }
  const byColumn = new Map(Object.keys(entity.allFields).map((f) => [entity.columnOf(f), f]));
  const prefix = `${entity.table}_unique_`;
  if (index?.startsWith(prefix) && byColumn.has(index.slice(prefix.length))) return byColumn.get(index.slice(prefix.length)) ?? null;
  for (const c of columns) if (byColumn.has(c)) return byColumn.get(c) ?? null;
  return '(record)';
}

async function sqliteIndexWithColumns(trx: Kysely<DbSchema>, table: string, columns: string[]): Promise<string | undefined> {
  const { rows } = await sql<{ name: string; unique: number }>`SELECT name, "unique" FROM pragma_index_list(${table})`.execute(trx);
  for (const r of rows.filter((x) => Number(x.unique) === 1)) {
    const { rows: cols } = await sql<{ name: string }>`SELECT name FROM pragma_index_info(${r.name}) ORDER BY seqno`.execute(trx);
    if (cols.map((c) => c.name).join(',') === columns.join(',')) return r.name;
  }
  return undefined;
}

/** The field of a NOT NULL column a write left empty (PostgreSQL 23502 names the column; SQLite's message does). */
export function notNullViolationField(entity: EntityDef, e: unknown): string | null {
  const err = e as { code?: string; column?: string; message?: string };
  const column = err.code === '23502' ? err.column
    : err.code === 'SQLITE_CONSTRAINT_NOTNULL' ? /NOT NULL constraint failed: [^.]+\.(\w+)/.exec(err.message ?? '')?.[1] : undefined;
  if (!column) return null;
  return Object.keys(entity.allFields).find((f) => entity.columnOf(f) === column) ?? '(record)';
}
