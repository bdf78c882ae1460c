import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../src/shared/entities/registry.js';
import { hasColumn } from '../src/shared/entity/field.js';
import { openDatabase, type Database, type DbSchema } from '../src/server/db/database.js';
import { migrate, MIGRATIONS } from '../src/server/db/migrate.js';
import { DATABASES } from './support/databases.js';

async function columnsOf(db: Database, table: string): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db.kysely);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_name = ${table}`.execute(db.kysely);
  return rows.map((r) => r.name);
}

describe.each(DATABASES)('migrations on $name', (database) => {
  it('M0: a fresh database gets every entity field as a column, and migrating twice is a no-op', async () => {
    const created = await database.create();
    const db = openDatabase(created.url);
    try {
      const first = await migrate(db);
      expect(first.applied).toEqual(Object.keys(MIGRATIONS));
      for (const entity of ENTITIES) {
        const cols = await columnsOf(db, entity.table);
        for (const [field, f] of Object.entries(entity.allFields)) {
          // A references field lives in its link table; a computed one nowhere.
          if (hasColumn(f)) expect(cols, `${entity.table}.${entity.columnOf(field)}`).toContain(entity.columnOf(field));
          if (f.translatable) expect(cols).toContain(`${entity.columnOf(field)}_labels`);
          if (f.through) {
            const link = await columnsOf(db, f.through.table);
            for (const c of [f.through.selfKey, f.through.otherKey, 'created_at', 'created_by']) expect(link, `${f.through.table}.${c}`).toContain(c);
          }
        }
        expect(cols).toContain('deleted_at');
      }
      expect((await migrate(db)).applied).toEqual([]);
    } finally {
      await db.close();
      await created.drop();
    }
  });
});

describe('SQLite upgrade safety', () => {
  it('M0: writes a backup beside an existing database before migrating it, and a failed migration says where it is', async () => {
    const created = await DATABASES[0].create();
    const file = created.url.replace(/^sqlite:/, '');
    const db = openDatabase(created.url);
    try {
      await migrate(db);
      await sql`INSERT INTO settings (key, value) VALUES ('k', 'before')`.execute(db.kysely);
      const next = { ...MIGRATIONS, '900-test': { up: async (m: Kysely<DbSchema>) => { await sql`UPDATE settings SET value = 'after'`.execute(m); } } };
      const result = await migrate(db, next);
      expect(result.applied).toEqual(['900-test']);
      expect(result.backup && fs.existsSync(result.backup)).toBe(true);
      expect(path.dirname(result.backup ?? '')).toBe(path.dirname(path.resolve(file)));
      const copy = openDatabase(`sqlite:${result.backup}`);
      const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = 'k'`.execute(copy.kysely);
      expect(rows[0].value).toBe('before');
      await copy.close();
      const broken = { ...next, '901-broken': { up: async (m: Kysely<DbSchema>) => { await sql`CREATE TABLE nope (`.execute(m); } } };
      await expect(migrate(db, broken)).rejects.toThrow(/Migration 901-broken failed: .*saved at .*\.bak/);
    } finally {
      await db.close();
      await created.drop();
    }
  });
});
