import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.js';

const tablesOf = new WeakMap<Database, readonly string[]>();

/**
 * The database's own tables: SQLite's full-text tables and their shadow tables are left out (their
 * rows follow the content tables through triggers, and expectIntact checks them), as are the usage log and the audit trail,
 * which makes a snapshot cheap enough to take around every request of a property test.
 */
async function tables(db: Database): Promise<readonly string[]> {
  const known = tablesOf.get(db);
  if (known) return known;
  const { rows } = db.dialect === 'sqlite'
    ? await sql<{ name: string }>`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db.kysely)
    : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely);
  // usage_events is a log of what the user did (issue 13): an export or an analysis run, both GETs, append to it by design;
  // so does the audit trail (an export is audited, issue 15), and a refused sign-in is counted (rate limiting) by design.
  const names = rows.map((r) => r.name).filter((n) => n !== 'usage_events' && n !== 'audit_log' && n !== 'sign_in_failures');
  tablesOf.set(db, names);
  return names;
}

/** Every row of every table, as text per table: two snapshots are equal exactly when nothing was written. */
export async function snapshot(db: Database): Promise<string> {
  const names = await tables(db);
  if (db.dialect === 'postgres') {
    // One round trip: each table's rows in a stable order, hashed by the server.
    const digests = names.map((n) => sql`(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${sql.table(n)} AS t)`);
    const { rows } = await sql<{ d: string[] }>`SELECT ARRAY[${sql.join(digests)}] AS d`.execute(db.kysely);
    return names.map((n, i) => `${n}: ${rows[0].d[i]}`).join('\n');
  }
  const out: string[] = [];
  for (const name of names) {
    // Rows as arrays straight from better-sqlite3 (cheaper than objects), sorted: the same text for the same rows.
    const rows = (db.sqlite?.prepare(`SELECT * FROM "${name}"`).raw().all() ?? []) as unknown[];
    out.push(`${name}: ${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return out.join('\n');
}
