// Frozen once shipped: never edit; add a new migration instead.
// Issue 14: every column a list shows can be sorted at 1M rows without sorting every row
// (test/list-shape-plans.test.ts draws the shapes from the registry). Phones and e-mail had no
// index; a customer's code had only its unique one, whose order PostgreSQL cannot use for (code, id).
import type { Kysely } from 'kysely';
import type { DbSchema } from '../database.js';
import { run } from './record-table-v1.js';

const COLUMNS: readonly (readonly [string, string])[] = [
  ['customers', 'phone'], ['customers', 'email'], ['customers', 'code'],
  ['contacts', 'mobile'], ['contacts', 'office_phone'],
];

export async function up(db: Kysely<DbSchema>): Promise<void> {
  for (const [table, col] of COLUMNS) await run(db, `CREATE INDEX ${table}_live_${col} ON ${table} (${col}, id) WHERE deleted_at IS NULL`);
}
