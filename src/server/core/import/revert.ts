import { type Kysely, sql } from 'kysely';
import { entityByName } from '../../../shared/entities/registry.js';
import type { Database, DbSchema } from '../../db/database.js';
import type { Actor } from '../../auth/actor.js';
import { ownerInScope, scopeOf } from '../../auth/access.js';
import { writeAuditMany } from '../audit.js';
import { ProblemError } from '../errors.js';
import { RecordService } from '../records.js';
import { inSavepoint } from '../../db/savepoint.js';
import { getJob, type StoredJob } from './jobs.js';

const KEPT = JSON.stringify({ issues: [{ field: '(record)', message: 'edited after the import: kept as it is' }], duplicates: [] });
const BATCH = 500;

/**
 * Undoes a finished import: the records it created go to Trash and the ones it updated get back the
 * values it replaced, unless they were edited since (their version moved on): those are kept as they
 * are and marked in the job's report ("kept"), never overwritten. A batch at a time, each in its own
 * transaction, so a million rows do not hold the write lock at once; running it again finishes the rest.
 */
export async function revertJob(db: Database, job: StoredJob, actor: Actor): Promise<void> {
  const entity = entityByName(job.entity);
  if (!entity) throw new ProblemError(404, 'Not Found', `No entity ${job.entity}`);
  if (job.dryRun) throw new ProblemError(409, 'Conflict', 'A dry run changed nothing: there is nothing to revert.');
  if (job.status === 'reverted') throw new ProblemError(409, 'Conflict', `Import #${job.id} was already reverted.`);
  if (job.status === 'queued' || job.status === 'running') throw new ProblemError(409, 'Conflict', `Import #${job.id} is still running: cancel it first, then revert what landed.`);
  const records = new RecordService(db, entity);
  const deleteScope = scopeOf(actor.access, entity, 'delete');
  let kept = 0;
  let after = 0;
  for (;;) {
    const { rows } = await sql<{ row_no: number; action: string; record_id: number; version_after: number; before: string | null }>`SELECT row_no, action, record_id, version_after, before
      FROM import_rows WHERE job_id = ${job.id} AND action IN ('create', 'update') AND row_no > ${after} ORDER BY row_no LIMIT ${BATCH}`.execute(db.kysely);
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1].row_no);
    kept += await db.kysely.transaction().execute(async (trx) => {
      let keptHere = 0;
      const created = rows.filter((r) => r.action === 'create');
      const stored = await currentRows(trx, entity.table, created.map((r) => Number(r.record_id)));
      const gone: number[] = [];
      const keep: number[] = [];
      for (const r of created) {
        const s = stored.get(Number(r.record_id));
        if (!s) continue; // already deleted by someone: nothing to undo
        if (s.version !== Number(r.version_after) || !ownerInScope(actor.access, deleteScope, s.owner)) keep.push(Number(r.row_no));
        else gone.push(Number(r.record_id));
      }
      const now = new Date().toISOString();
      for (let k = 0; k < gone.length; k += BATCH) {
        const part = gone.slice(k, k + BATCH);
        await sql`UPDATE ${sql.table(entity.table)} SET deleted_at = ${now}, updated_at = ${now}, updated_by = ${actor.userId}, version = version + 1
          WHERE id IN (${sql.join(part)}) AND deleted_at IS NULL`.execute(trx);
        await writeAuditMany(trx, actor, part.map((id) => ({ entity: entity.name, recordId: id, action: 'delete' as const, detail: `revert of import #${job.id}` })));
      }
      for (const r of rows.filter((x) => x.action === 'update')) {
        const before = JSON.parse(r.before ?? '{}') as Record<string, unknown>;
        try {
          await inSavepoint(trx, () => records.systemUpdate(Number(r.record_id), before, actor, { trx, version: Number(r.version_after) }));
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          keep.push(Number(r.row_no));
        }
      }
      if (keep.length) {
        await sql`UPDATE import_rows SET issues = ${KEPT} WHERE job_id = ${job.id} AND row_no IN (${sql.join(keep)})`.execute(trx);
        keptHere += keep.length;
      }
      return keptHere;
    });
  }
  await sql`UPDATE import_jobs SET status = 'reverted', reverted_at = ${new Date().toISOString()}, reverted_by = ${actor.userId}, revert_kept = ${kept} WHERE id = ${job.id}`.execute(db.kysely);
  await writeAuditMany(db.kysely, actor, [{ entity: entity.name, recordId: null, action: 'import', detail: `revert of import #${job.id}: ${kept} records kept because they were edited after it` }]);
}

async function currentRows(trx: Kysely<DbSchema>, table: string, ids: number[]): Promise<Map<number, { version: number; owner: unknown }>> {
  const out = new Map<number, { version: number; owner: unknown }>();
  for (let k = 0; k < ids.length; k += BATCH) {
    const part = ids.slice(k, k + BATCH);
    if (part.length === 0) continue;
    const { rows } = await sql<{ id: number; version: number; owner_id: unknown }>`SELECT id, version, owner_id FROM ${sql.table(table)} WHERE id IN (${sql.join(part)}) AND deleted_at IS NULL`.execute(trx);
    for (const r of rows) out.set(Number(r.id), { version: Number(r.version), owner: r.owner_id });
  }
  return out;
}
