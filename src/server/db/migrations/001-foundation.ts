// Frozen once shipped: never edit; add a new migration instead.
import { type Kysely, sql } from 'kysely';
import { dialectOf, type Ddl, ddlFor } from '../ddl.js';
import type { DbSchema } from '../database.js';

function recordColumns(d: Ddl): string {
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

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);

  await run(`CREATE TABLE users (
    id ${d.id},
    name TEXT NOT NULL,
    email TEXT,
    locale TEXT NOT NULL DEFAULT 'en',
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL)`);

  await run(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);

  await run(`CREATE TABLE dictionaries (
    key TEXT PRIMARY KEY,
    hierarchical ${d.bool} NOT NULL DEFAULT ${d.false},
    position INTEGER NOT NULL DEFAULT 0)`);

  await run(`CREATE TABLE dictionary_values (
    id ${d.id},
    dictionary_key TEXT NOT NULL REFERENCES dictionaries(key),
    parent_id INTEGER REFERENCES dictionary_values(id),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    labels TEXT NOT NULL DEFAULT '{}',
    color TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    active ${d.bool} NOT NULL DEFAULT ${d.true},
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (dictionary_key, code))`);
  await run(`CREATE INDEX dictionary_values_dict ON dictionary_values (dictionary_key, position, id)`);

  await run(`CREATE TABLE customers (
    id ${d.id},
    name TEXT NOT NULL,
    code TEXT,
    type_id INTEGER REFERENCES dictionary_values(id),
    industry_id INTEGER REFERENCES dictionary_values(id),
    source_id INTEGER REFERENCES dictionary_values(id),
    rating_id INTEGER REFERENCES dictionary_values(id),
    status_id INTEGER REFERENCES dictionary_values(id),
    phone TEXT,
    fax TEXT,
    mobile TEXT,
    email TEXT,
    website TEXT,
    country TEXT,
    region_id INTEGER REFERENCES dictionary_values(id),
    city TEXT,
    address TEXT,
    postal_code TEXT,
    notes TEXT,
    ${recordColumns(d)})`);
  await run(`CREATE UNIQUE INDEX customers_code ON customers (code)`);
  // One partial index per sortable/groupable column, ending in id for keyset paging,
  // and covering the "live rows" filter so counts and pages never touch the table.
  for (const col of ['name', 'updated_at', 'created_at', 'type_id', 'industry_id', 'source_id', 'rating_id',
    'status_id', 'region_id', 'city', 'country', 'owner_id']) {
    await run(`CREATE INDEX customers_live_${col} ON customers (${col}, id) WHERE deleted_at IS NULL`);
  }
  await run(`CREATE INDEX customers_live_id ON customers (id) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX customers_trash ON customers (deleted_at, id) WHERE deleted_at IS NOT NULL`);
  await createSearchIndexes(db, dialect, 'customers');
}

/** Substring search: trigrams for terms of 3+ characters, a 1–2 character gram index for short ones (DESIGN.md §8). */
async function createSearchIndexes(db: Kysely<DbSchema>, dialect: string, table: string): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  if (dialect === 'postgres') {
    await run(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await run(`CREATE INDEX ${table}_search_trgm ON ${table} USING gin (search_text gin_trgm_ops)`);
    await run(`CREATE INDEX ${table}_search_grams ON ${table} USING gin (string_to_array(search_grams, ' '))`);
    return;
  }
  await run(`CREATE VIRTUAL TABLE ${table}_fts USING fts5(search_text, content='${table}', content_rowid='id', tokenize='trigram')`);
  await run(`CREATE VIRTUAL TABLE ${table}_grams USING fts5(search_grams, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`);
  await run(`CREATE TRIGGER ${table}_search_ai AFTER INSERT ON ${table} BEGIN
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
  await run(`CREATE TRIGGER ${table}_search_ad AFTER DELETE ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
  END`);
  await run(`CREATE TRIGGER ${table}_search_au AFTER UPDATE OF search_text, search_grams ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
}
