// Frozen once shipped: never edit; add a new migration instead.
// Files attached to records live in the database (DESIGN.md §9): the standalone app stays one data
// file and a team server needs no shared disk. A file is stored as numbered chunks so it is written
// and read back a piece at a time, never as one huge value.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  // entity + record_id rather than a foreign key: any entity that declares attachments can carry them.
  await run(`CREATE TABLE attachments (
    id ${d.id},
    entity TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id))`);
  await run(`CREATE INDEX attachments_record ON attachments (entity, record_id, id)`);
  await run(`CREATE TABLE attachment_chunks (
    attachment_id INTEGER NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data ${dialect === 'postgres' ? 'BYTEA' : 'BLOB'} NOT NULL,
    PRIMARY KEY (attachment_id, seq))`);
}
