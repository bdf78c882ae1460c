// Frozen once shipped, like the migrations that import it: never edit; a different table shape
// belongs in record-table-v2.ts. Migrations 001–005 carry their own copies of this DDL; from 006
// on, migrations share this one.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, type Ddl, ddlFor } from '../ddl.js';

export const run = (db: Kysely<DbSchema>, text: string) => sql.raw(text).execute(db);

/** The system columns every record table has (DESIGN.md §3), with its search columns. */
export function recordColumns(d: Ddl): string {
  return `owner_id INTEGER REFERENCES users(id),
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    updated_by INTEGER REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at ${d.ts},
    search_text TEXT NOT NULL DEFAULT '',
    search_grams TEXT NOT NULL DEFAULT ''`;
}

/** One partial `(col, id)` index per sortable, filterable and groupable column, plus id and Trash. */
export async function liveIndexes(db: Kysely<DbSchema>, table: string, columns: readonly string[]): Promise<void> {
  for (const col of columns) await run(db, `CREATE INDEX ${table}_live_${col} ON ${table} (${col}, id) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX ${table}_live_id ON ${table} (id) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX ${table}_trash ON ${table} (deleted_at, id) WHERE deleted_at IS NOT NULL`);
}

/** Substring search: trigrams for terms of 3+ characters, a gram index for 1–2 (DESIGN.md §8). */
export async function createSearchIndexes(db: Kysely<DbSchema>, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await run(db, `CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await run(db, `CREATE INDEX ${table}_search_trgm ON ${table} USING gin (search_text gin_trgm_ops)`);
    await run(db, `CREATE INDEX ${table}_search_grams ON ${table} USING gin (string_to_array(search_grams, ' '))`);
    return;
  }
  await run(db, `CREATE VIRTUAL TABLE ${table}_fts USING fts5(search_text, content='${table}', content_rowid='id', tokenize='trigram')`);
  await run(db, `CREATE VIRTUAL TABLE ${table}_grams USING fts5(search_grams, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`);
  await run(db, `CREATE TRIGGER ${table}_search_ai AFTER INSERT ON ${table} BEGIN
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
  await run(db, `CREATE TRIGGER ${table}_search_ad AFTER DELETE ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
  END`);
  await run(db, `CREATE TRIGGER ${table}_search_au AFTER UPDATE OF search_text, search_grams ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
}

/** A seeded value: its stable code, its labels in en / ko / zh-CN, and optionally children and attributes. */
export interface SeedValue {
  readonly code: string;
  readonly en: string;
  readonly ko: string;
  readonly zh: string;
  readonly attributes?: Readonly<Record<string, unknown>>;
  readonly children?: readonly SeedValue[];
}

/** Adds a dictionary after the existing ones, with its values in order (children after their parent). */
export async function seedDictionary(db: Kysely<DbSchema>, key: string, values: readonly SeedValue[], hierarchical = false): Promise<void> {
  const d = ddlFor(dialectOf(db));
  const now = new Date().toISOString();
  const t = sql.raw(d.true);
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM dictionaries`.execute(db);
  await sql`INSERT INTO dictionaries (key, hierarchical, position) VALUES (${key}, ${sql.raw(hierarchical ? d.true : d.false)}, ${Number(rows[0].n)})`.execute(db);
  const insert = async (v: SeedValue, position: number, parentId: number | null): Promise<void> => {
    const labels = JSON.stringify({ en: v.en, ko: v.ko, 'zh-CN': v.zh });
    const { rows: inserted } = await sql<{ id: number }>`INSERT INTO dictionary_values (dictionary_key, parent_id, code, label, labels, position, active, attributes, created_at, updated_at)
      VALUES (${key}, ${parentId}, ${v.code}, ${v.en}, ${labels}, ${position}, ${t}, ${JSON.stringify(v.attributes ?? {})}, ${now}, ${now}) RETURNING id`.execute(db);
    let i = 0;
    for (const child of v.children ?? []) await insert(child, (i++) * 10, Number(inserted[0].id));
  };
  let pos = 0;
  for (const v of values) await insert(v, (pos++) * 10, null);
}
