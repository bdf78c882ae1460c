// Frozen once shipped: never edit; add a new migration instead.
// Customer groups (M3) with their members, contacts (M4–M5) with one primary per customer,
// and the gender dictionary.
import { type Kysely, sql } from 'kysely';
import { searchGrams, searchText } from '../../core/search-text.js';
import type { DbSchema } from '../database.js';
import { dialectOf, type Ddl, ddlFor } from '../ddl.js';

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

type Label = readonly [en: string, ko: string, zh: string];

/** The manual's five groups (M3.b, M3.c), in its order, each with its own colour. */
const GROUPS: readonly (readonly [Label, string])[] = [
  [['Key customers', '주요 고객', '重点客户'], 'red'],
  [['Important customers', '중요 고객', '重要客户'], 'orange'],
  [['Special customers', '특별 고객', '特殊客户'], 'grape'],
  [['Potential customers', '잠재 고객', '潜在客户'], 'teal'],
  [['Suppliers', '공급업체', '供应商'], 'blue'],
];

const GENDERS: readonly (readonly [string, ...Label])[] = [
  ['male', 'Male', '남성', '男'], ['female', 'Female', '여성', '女'],
  ['other', 'Other', '기타', '其他'], ['unspecified', 'Not specified', '밝히지 않음', '未说明'],
];

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  const now = new Date().toISOString();
  const isTrue = dialect === 'postgres' ? 'is_primary' : 'is_primary = 1';

  await run(`CREATE TABLE customer_groups (
    id ${d.id},
    name TEXT NOT NULL,
    name_labels TEXT NOT NULL DEFAULT '{}',
    color TEXT,
    description TEXT,
    position INTEGER,
    ${recordColumns(d)})`);
  await run(`CREATE UNIQUE INDEX customer_groups_unique_name ON customer_groups (name) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX customer_groups_live_position ON customer_groups (position, name, id) WHERE deleted_at IS NULL`);
  for (const col of ['name', 'color', 'updated_at', 'created_at', 'owner_id']) {
    await run(`CREATE INDEX customer_groups_live_${col} ON customer_groups (${col}, id) WHERE deleted_at IS NULL`);
  }
  await run(`CREATE INDEX customer_groups_live_id ON customer_groups (id) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX customer_groups_trash ON customer_groups (deleted_at, id) WHERE deleted_at IS NOT NULL`);
  await createSearchIndexes(db, dialect, 'customer_groups');

  // One row per membership. The primary key (group_id, customer_id) serves a group's members
  // and "not in this group" probes; (customer_id, group_id) serves a customer's groups.
  await run(`CREATE TABLE customer_group_members (
    group_id INTEGER NOT NULL REFERENCES customer_groups(id) ON DELETE CASCADE,
    customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    created_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    PRIMARY KEY (group_id, customer_id))${dialect === 'sqlite' ? ' WITHOUT ROWID' : ''}`);
  await run(`CREATE INDEX customer_group_members_customer ON customer_group_members (customer_id, group_id)`);

  await run(`CREATE TABLE contacts (
    id ${d.id},
    name TEXT NOT NULL,
    family_name TEXT,
    given_name TEXT,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    title TEXT,
    department TEXT,
    mobile TEXT,
    office_phone TEXT,
    email TEXT,
    birthday ${d.date},
    gender_id INTEGER REFERENCES dictionary_values(id),
    address TEXT,
    notes TEXT,
    is_primary ${d.bool} NOT NULL DEFAULT ${d.false},
    ${recordColumns(d)})`);
  // Zero or one primary contact per customer among live contacts (M4.c), whatever the server does.
  await run(`CREATE UNIQUE INDEX contacts_unique_is_primary ON contacts (customer_id) WHERE ${isTrue} AND deleted_at IS NULL`);
  // A customer's contacts in name order (Customer information's Contacts tab, filter[customerId]).
  await run(`CREATE INDEX contacts_live_customer_id_name ON contacts (customer_id, name, id) WHERE deleted_at IS NULL`);
  for (const col of ['name', 'customer_id', 'title', 'department', 'email', 'gender_id', 'is_primary', 'updated_at', 'created_at', 'owner_id']) {
    await run(`CREATE INDEX contacts_live_${col} ON contacts (${col}, id) WHERE deleted_at IS NULL`);
  }
  await run(`CREATE INDEX contacts_live_id ON contacts (id) WHERE deleted_at IS NULL`);
  await run(`CREATE INDEX contacts_trash ON contacts (deleted_at, id) WHERE deleted_at IS NOT NULL`);
  await createSearchIndexes(db, dialect, 'contacts');

  let position = 10;
  for (const [[en, ko, zh], color] of GROUPS) {
    const labels = JSON.stringify({ en, ko, 'zh-CN': zh });
    // The search columns hold every translation, so "주요" finds Key customers whatever the UI language.
    const names = [en, ko, zh];
    await sql`INSERT INTO customer_groups (name, name_labels, color, position, owner_id, created_at, updated_at, created_by, updated_by, search_text, search_grams)
      VALUES (${en}, ${labels}, ${color}, ${position}, 1, ${now}, ${now}, 1, 1, ${searchText(names)}, ${searchGrams(names)})`.execute(db);
    position += 10;
  }

  const t = dialect === 'postgres' ? sql`TRUE` : sql`1`;
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM dictionaries`.execute(db);
  await sql`INSERT INTO dictionaries (key, position) VALUES ('gender', ${Number(rows[0].n)})`.execute(db);
  let pos = 0;
  for (const [code, en, ko, zh] of GENDERS) {
    await sql`INSERT INTO dictionary_values (dictionary_key, code, label, labels, position, active, created_at, updated_at)
      VALUES ('gender', ${code}, ${en}, ${JSON.stringify({ en, ko, 'zh-CN': zh })}, ${pos++}, ${t}, ${now}, ${now})`.execute(db);
  }
}

/** Substring search, as 001 builds it for customers: trigrams for 3+ characters, a gram index for 1–2. */
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
