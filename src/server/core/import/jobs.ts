import { type Kysely, sql } from 'kysely';
import type { ImportCounts, ImportJob, ImportOptions, ImportRowAction, ImportRowReport, ImportStatus } from '../../../shared/import.js';
import type { Database, DbSchema } from '../../db/database.js';

interface JobRow {
  id: number; entity: string; upload_id: string | null; file_name: string; format: string; encoding: string | null; status: string;
  dry_run: unknown; options: string; mapping: string; headers: string; rows_read: number; created: number; updated: number; unchanged: number;
  skipped: number; errors: number; warnings: number; landed_through_row: number; bytes_done: number; total_bytes: number;
  message: string | null; cancel_requested: unknown; created_by: number | null; created_by_name: string | null;
  created_at: unknown; started_at: unknown; finished_at: unknown; reverted_at: unknown; revert_kept: number;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v instanceof Date ? v : String(v)).toISOString());
const truthy = (v: unknown) => v === true || v === 1 || v === '1';

/** The stored job with what it was run with (the actor's id, the upload) beside the API's shape. */
export interface StoredJob extends ImportJob { uploadId: string | null; cancelRequested: boolean; headers: string[] }

function toJob(r: JobRow): StoredJob {
  const counts: ImportCounts = { rows: Number(r.rows_read), created: Number(r.created), updated: Number(r.updated), unchanged: Number(r.unchanged), skipped: Number(r.skipped), errors: Number(r.errors), warnings: Number(r.warnings) };
  const started = iso(r.started_at);
  const finished = iso(r.finished_at);
  const elapsed = started ? ((finished ? Date.parse(finished) : Date.now()) - Date.parse(started)) / 1000 : 0;
  const rate = elapsed > 0.5 && counts.rows > 0 ? counts.rows / elapsed : null;
  const bytes = Number(r.bytes_done);
  const total = Number(r.total_bytes);
  // Time left from the share of the file read so far: the row count of a streamed file is known only at its end.
  const secondsLeft = r.status === 'running' && elapsed > 0.5 && bytes > 0 && total > bytes ? Math.round((elapsed * (total - bytes)) / bytes) : r.status === 'running' ? null : 0;
  return {
    id: Number(r.id), entity: r.entity, fileName: r.file_name, format: r.format as ImportJob['format'], encoding: r.encoding,
    status: r.status as ImportStatus, dryRun: truthy(r.dry_run), options: JSON.parse(r.options) as ImportOptions, mapping: JSON.parse(r.mapping) as Record<string, string | null>,
    counts, progress: { bytes, totalBytes: total, rowsPerSecond: rate === null ? null : Math.round(rate), secondsLeft },
    landedThroughRow: Number(r.landed_through_row), message: r.message, createdBy: r.created_by === null ? null : Number(r.created_by), createdByName: r.created_by_name,
    createdAt: iso(r.created_at) ?? '', startedAt: started, finishedAt: finished, revertedAt: iso(r.reverted_at), revertKept: Number(r.revert_kept),
    uploadId: r.upload_id, cancelRequested: truthy(r.cancel_requested), headers: JSON.parse(r.headers) as string[],
  };
}

const SELECT = sql`SELECT j.*, u.name AS created_by_name FROM import_jobs j LEFT JOIN users u ON u.id = j.created_by`;

export async function getJob(executor: Kysely<DbSchema>, id: number): Promise<StoredJob | null> {
  const { rows } = await sql<JobRow>`${SELECT} WHERE j.id = ${id}`.execute(executor);
  return rows[0] ? toJob(rows[0]) : null;
}

/** The API's view of a job (what ran it stays on the server). */
export function publicJob(j: StoredJob): ImportJob {
  const { uploadId: _u, cancelRequested: _c, headers: _h, ...rest } = j;
  return rest;
}

/** Jobs newest first, a page at a time by id; only the entities the caller names. */
export async function listJobs(db: Database, entities: readonly string[], limit: number, before: number | null): Promise<StoredJob[]> {
  if (entities.length === 0) return [];
  const cursor = before === null ? sql`` : sql` AND j.id < ${before}`;
  const { rows } = await sql<JobRow>`${SELECT} WHERE j.entity IN (${sql.join(entities)})${cursor} ORDER BY j.id DESC LIMIT ${limit}`.execute(db.kysely);
  return rows.map(toJob);
}

export async function createJob(db: Database, j: { entity: string; uploadId: string; fileName: string; format: string; encoding: string | null; dryRun: boolean; options: ImportOptions; mapping: Record<string, string | null>; headers: string[]; totalBytes: number; userId: number }): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO import_jobs (entity, upload_id, file_name, format, encoding, status, dry_run, options, mapping, headers, total_bytes, created_by, created_at)
    VALUES (${j.entity}, ${j.uploadId}, ${j.fileName}, ${j.format}, ${j.encoding}, ${'queued'}, ${db.dialect === 'postgres' ? j.dryRun : j.dryRun ? 1 : 0},
    ${JSON.stringify(j.options)}, ${JSON.stringify(j.mapping)}, ${JSON.stringify(j.headers)}, ${j.totalBytes}, ${j.userId}, ${new Date().toISOString()}) RETURNING id`.execute(db.kysely);
  return Number(rows[0].id);
}

/** One row of a job's report as stored. */
export interface RowRecord { row: number; action: ImportRowAction; recordId: number | null; versionAfter: number | null; before: Record<string, unknown> | null; issues: { field: string; message: string }[]; duplicates?: { id: number; title: string; score: number }[]; cells: string[] | null }

/** A chunk's report rows and the job's counts, in the chunk's transaction: what the job says landed is what did. */
export async function recordChunk(trx: Kysely<DbSchema>, jobId: number, rows: readonly RowRecord[], progress: { bytes: number; throughRow: number }): Promise<void> {
  for (let k = 0; k < rows.length; k += 200) {
    const part = rows.slice(k, k + 200);
    await sql`INSERT INTO import_rows (job_id, row_no, action, record_id, version_after, before, issues, cells) VALUES ${sql.join(part.map((r) => sql`(${jobId}, ${r.row}, ${r.action}, ${r.recordId}, ${r.versionAfter},
      ${r.before ? JSON.stringify(r.before) : null}, ${r.issues.length || r.duplicates?.length ? JSON.stringify({ issues: r.issues, duplicates: r.duplicates ?? [] }) : null}, ${r.cells ? JSON.stringify(r.cells) : null})`))}`.execute(trx);
  }
  const n = (a: ImportRowAction) => rows.filter((r) => r.action === a).length;
  const warnings = rows.filter((r) => r.action !== 'error' && r.action !== 'skip' && r.issues.length + (r.duplicates?.length ?? 0) > 0).length;
  await sql`UPDATE import_jobs SET rows_read = rows_read + ${rows.length}, created = created + ${n('create')}, updated = updated + ${n('update')},
    unchanged = unchanged + ${n('unchanged')}, skipped = skipped + ${n('skip')}, errors = errors + ${n('error')}, warnings = warnings + ${warnings},
    landed_through_row = ${progress.throughRow}, bytes_done = ${progress.bytes}, heartbeat_at = ${new Date().toISOString()} WHERE id = ${jobId}`.execute(trx);
}

export async function setStatus(executor: Kysely<DbSchema>, id: number, status: ImportStatus, fields: { message?: string | null; encoding?: string | null; started?: boolean; finished?: boolean } = {}): Promise<void> {
  const now = new Date().toISOString();
  const started = fields.started ? sql`, started_at = coalesce(started_at, ${now})` : sql``;
  const finished = fields.finished ? sql`, finished_at = ${now}` : sql``;
  const message = fields.message !== undefined ? sql`, message = ${fields.message}` : sql``;
  const encoding = fields.encoding !== undefined ? sql`, encoding = ${fields.encoding}` : sql``;
  await sql`UPDATE import_jobs SET status = ${status}, heartbeat_at = ${now}${started}${finished}${message}${encoding} WHERE id = ${id}`.execute(executor);
}

interface ReportRow { row_no: number; action: string; record_id: number | null; issues: string | null; cells: string | null }

/** The job's report rows, by row number, optionally of one action. */
export async function reportRows(db: Database, jobId: number, action: ImportRowAction | null, limit: number, after: number): Promise<ImportRowReport[]> {
  const which = action ? sql` AND action = ${action}` : sql``;
  const { rows } = await sql<ReportRow>`SELECT row_no, action, record_id, issues, cells FROM import_rows WHERE job_id = ${jobId}${which} AND row_no > ${after} ORDER BY row_no LIMIT ${limit}`.execute(db.kysely);
  return rows.map((r) => {
    const extra = r.issues ? (JSON.parse(r.issues) as { issues: ImportRowReport['issues']; duplicates: NonNullable<ImportRowReport['duplicates']> }) : { issues: [], duplicates: [] };
    return { row: Number(r.row_no), action: r.action as ImportRowAction, recordId: r.record_id === null ? null : Number(r.record_id), issues: extra.issues, duplicates: extra.duplicates, cells: r.cells ? (JSON.parse(r.cells) as string[]) : [] };
  });
}
