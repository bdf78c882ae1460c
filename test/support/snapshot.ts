import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.js';

/** Every row of every table, as text: two snapshots are equal exactly when nothing was written. */
export async function snapshot(db: Database): Promise<string> {
  const { rows: tables } = db.dialect === 'sqlite'
    ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`.execute(db.kysely)
    : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db.kysely);
  const out: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql`SELECT * FROM ${sql.table(name)}`.execute(db.kysely);
    out.push(`${name}: ${JSON.stringify(rows.map((r) => JSON.stringify(r)).sort())}`);
  }
  return out.join('\n');
}
