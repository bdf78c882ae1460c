// Frozen once shipped: never edit; add a new migration instead.
// Imports as jobs (issue 16): the uploaded file, the job with its progress, one report row per file row, mapping templates.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  const blob = dialect === 'postgres' ? 'BYTEA' : 'BLOB';

  // The file lives in the database, not on one server's disk: any instance can run or resume the job.
  await run(`CREATE TABLE import_uploads (
    id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size ${d.money} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at ${d.ts} NOT NULL)`);
  await run(`CREATE TABLE import_upload_chunks (
    upload_id TEXT NOT NULL REFERENCES import_uploads(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    data ${blob} NOT NULL,
    PRIMARY KEY (upload_id, seq))`);

  await run(`CREATE TABLE import_jobs (
    id ${d.id},
    entity TEXT NOT NULL,
    upload_id TEXT,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    status TEXT NOT NULL,
    dry_run ${d.bool} NOT NULL,
    options TEXT NOT NULL,
    mapping TEXT NOT NULL,
    headers TEXT NOT NULL,
    rows_read INTEGER NOT NULL DEFAULT 0,
    created INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    landed_through_row INTEGER NOT NULL DEFAULT 0,
    bytes_done ${d.money} NOT NULL DEFAULT 0,
    total_bytes ${d.money} NOT NULL DEFAULT 0,
    message TEXT,
    cancel_requested ${d.bool} NOT NULL DEFAULT ${d.false},
    heartbeat_at ${d.ts},
    created_by INTEGER REFERENCES users(id),
    created_at ${d.ts} NOT NULL,
    started_at ${d.ts},
    finished_at ${d.ts},
    reverted_at ${d.ts},
    reverted_by INTEGER REFERENCES users(id),
    revert_kept INTEGER NOT NULL DEFAULT 0)`);
  await run(`CREATE INDEX import_jobs_entity ON import_jobs (entity, id)`);
  await run(`CREATE INDEX import_jobs_status ON import_jobs (status)`);

  // One row per file row: what happened, the record, and for an update the values it replaced (revert puts them back).
  await run(`CREATE TABLE import_rows (
    job_id INTEGER NOT NULL REFERENCES import_jobs(id) ON DELETE CASCADE,
    row_no INTEGER NOT NULL,
    action TEXT NOT NULL,
    record_id INTEGER,
    version_after INTEGER,
    before TEXT,
    issues TEXT,
    cells TEXT,
    PRIMARY KEY (job_id, row_no))`);
  await run(`CREATE INDEX import_rows_action ON import_rows (job_id, action, row_no)`);

  await run(`CREATE TABLE import_templates (
    id ${d.id},
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    constants TEXT NOT NULL,
    mode TEXT NOT NULL,
    match_on TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at ${d.ts} NOT NULL)`);
  await run(`CREATE UNIQUE INDEX import_templates_name ON import_templates (entity, lower(name))`);
}

