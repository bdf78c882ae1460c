import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/server/db/database.js';

/**
 * After hostile or concurrent writes: SQLite's own integrity and foreign key checks pass, and so
 * do the search indexes of the given tables (FTS5 'integrity-check'). PostgreSQL enforces the
 * same constraints on every statement, so there is nothing to check afterwards there.
 */
export async function expectIntact(db: Database, searchTables: readonly string[] = []): Promise<void> {
  if (db.dialect !== 'sqlite') return;
  const { rows } = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db.kysely);
  expect(rows[0].integrity_check).toBe('ok');
  expect((await sql`PRAGMA foreign_key_check`.execute(db.kysely)).rows).toEqual([]);
  for (const table of searchTables) {
    for (const fts of [`${table}_fts`, `${table}_grams`]) await sql`INSERT INTO ${sql.table(fts)} (${sql.ref(fts)}) VALUES ('integrity-check')`.execute(db.kysely);
  }
}
