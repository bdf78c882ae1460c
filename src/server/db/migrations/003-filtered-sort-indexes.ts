// Frozen once shipped: never edit; add a new migration instead.
// A filter on a dictionary or owner plus the default sort (name) read one index range in
// order instead of sorting every match: at 1M customers `filter[typeId]=<12% value>` took
// 300 ms on SQLite (SEARCH customers_live_type_id + TEMP B-TREE FOR ORDER BY); see bench/.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';

const FILTER_COLUMNS = ['type_id', 'industry_id', 'source_id', 'rating_id', 'status_id', 'region_id', 'owner_id'] as const;

export async function up(db: Kysely<DbSchema>): Promise<void> {
  for (const col of FILTER_COLUMNS) {
    await sql.raw(`CREATE INDEX customers_live_${col}_name ON customers (${col}, name, id) WHERE deleted_at IS NULL`).execute(db);
  }
}
