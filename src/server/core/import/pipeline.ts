import { type Kysely, sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import type { ImportOptions } from '../../../shared/import.js';
import type { Database, DbSchema } from '../../db/database.js';
import { deferIndexes } from '../../db/bulk-load.js';
import { inSavepoint } from '../../db/savepoint.js';
import { loadAccess } from '../../auth/accounts.js';
import type { Actor } from '../../auth/actor.js';
import { ownerInScope, scopeOf } from '../../auth/access.js';
import { installationCurrency } from '../currency.js';
import { installationTimeZone } from '../installation.js';
import { batchable } from '../hooks.js';
import { historyFields } from '../field-history.js';
import { linesFields } from '../line-items.js';
import { fromRow } from '../record-mapper.js';
import { issuesOf, RecordService } from '../records.js';
import { writeAudit } from '../audit.js';
import { likelyDuplicatesMany, type DuplicateMatch } from '../duplicates/check.js';
import { rulesOf } from '../duplicates/rules.js';
import { getJob, recordChunk, setStatus, type RowRecord, type StoredJob } from './jobs.js';
import { Lookups } from './lookups.js';
import { readScalar, type ReadContext } from './read-values.js';
import { openTable } from './source.js';
import { removeUpload } from './upload-store.js';

/** Rows per transaction: small enough that other writers wait briefly, large enough that a chunk's fixed costs vanish. */
const CHUNK_ROWS = 1000;
/** A bulk load's chunks are larger: each commit waits for the disk, and the table is being loaded anyway. */
const BULK_CHUNK_ROWS = 5000;
/** A create-only file larger than this loads first and rebuilds the table's indexes after (DESIGN.md §8: ~4× faster). */
export const BULK_BYTES = 8 * 1024 * 1024;
/** Cells kept for every row of a dry run's report up to this row (errors' cells are always kept). */
const DRY_RUN_CELLS = 1000;

const LOOKED_UP = new Set(['dictionary', 'reference', 'references', 'enum']);

class RolledBack extends Error {}

/** What tells a job to stop after the chunk it is in: the server closing, or a user's Cancel (read from the job). */
export interface StopSignal { stopping: boolean }

/** Everything a chunk needs, worked out once per job. */
interface JobContext {
  db: Database; job: StoredJob; entity: EntityDef; actor: Actor; options: ImportOptions; read: ReadContext;
  columns: [number, string][]; constants: [string, string][]; lookups: Lookups; records: RecordService;
  /** A dry run's unique values so far (a real run's earlier chunks are in the table, where the unique check finds them). */
  taken: Map<string, Set<unknown>>;
  /** Loading without the table's indexes: the audit trail gets one row per chunk, not one per record. */
  bulk: boolean;
}

/** Runs (or resumes after `landedThroughRow`) one job to its end, a cancel, a failure, or the server stopping. */
export async function runJob(db: Database, jobId: number, signal: StopSignal): Promise<void> {
  const job = await getJob(db.kysely, jobId);
  if (!job || (job.status !== 'queued' && job.status !== 'running')) return;
  const entity = entityByName(job.entity);
  if (!entity || !job.uploadId) { await setStatus(db.kysely, jobId, 'failed', { message: 'The entity or the file of this import is gone.', finished: true }); return; }
  const userId = job.createdBy ?? 1;
  const actor: Actor = { kind: 'import', userId, tokenId: null, requestId: `import-${jobId}`, access: await loadAccess(db.kysely, userId) };
  await setStatus(db.kysely, jobId, 'running', { started: true });
  const options = job.options;
  let restore: (() => Promise<void>) | null = null;
  try {
    const table = await openTable(db, job.uploadId, job.format, options, job.encoding, entity.name);
    const headers = await table.reader.headers();
    const columns = headers.flatMap((h: string, i: number): [number, string][] => { const f = job.mapping[h]; return f ? [[i, f]] : []; });
    const [currency, tz] = await Promise.all([installationCurrency(db.kysely), installationTimeZone(db.kysely)]);
    const locale = options.locale ?? 'en';
    const ctx: JobContext = {
      db, job, entity, actor, options,
      read: { locale, dateOrder: options.dateOrder ?? (locale === 'en' ? 'mdy' : 'ymd'), currency, timeZone: tz.zone },
      columns, constants: Object.entries(options.constants ?? {}), lookups: new Lookups(db, entity, { createMissingValues: Boolean(options.createMissingValues), locale }),
      records: new RecordService(db, entity), taken: new Map(), bulk: false,
    };
    if (!job.dryRun && (options.mode ?? 'create') === 'create' && job.progress.totalBytes > BULK_BYTES && plainEntity(entity)) {
      const table = await deferIndexes(db, entity.table, { keepUnique: true });
      // Without a duplicates check to serve (the dry run reported likely duplicates), the duplicate keys load the same way.
      const keys = options.skipDuplicates ? null : await deferIndexes(db, 'duplicate_keys', { keepUnique: true });
      restore = async () => { await table(); await keys?.(); };
      ctx.bulk = true;
    }
    let rowNo = 0;
    let chunk: { row: number; cells: string[] }[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      await runChunk(ctx, chunk, table.reader.bytesRead());
      chunk = [];
      // SQLite answers synchronously, so a job's promises never leave the microtask queue: let requests in between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for await (const cells of table.reader.rows()) {
      rowNo++;
      if (rowNo <= job.landedThroughRow) continue;
      chunk.push({ row: rowNo, cells });
      if (chunk.length >= (ctx.bulk ? BULK_CHUNK_ROWS : CHUNK_ROWS)) {
        await flush();
        if (signal.stopping) { table.reader.close(); return; }
        if (await cancelRequested(db, jobId)) {
          table.reader.close();
          await finish(db, jobId, 'cancelled', `Cancelled after row ${rowNo}: rows 1–${rowNo} landed, the rest were not read.`, job);
          return;
        }
      }
    }
    await flush();
    if (restore) {
      // The rows are in; the job ends when the table's indexes and search are back, so "done" means findable.
      await sql`UPDATE import_jobs SET message = ${'Rebuilding the indexes and the search of the loaded rows'} WHERE id = ${jobId}`.execute(db.kysely);
      const put = restore;
      restore = null;
      await put();
      await sql`UPDATE import_jobs SET message = NULL WHERE id = ${jobId}`.execute(db.kysely);
    }
    const done = await getJob(db.kysely, jobId);
    await finish(db, jobId, 'done', null, job);
    if (!job.dryRun && done) {
      await writeAudit(db.kysely, actor, { entity: entity.name, recordId: null, action: 'import', detail: `import #${jobId} (${job.fileName.slice(0, 200)}): ${done.counts.created} created, ${done.counts.updated} updated, ${done.counts.errors} errors` });
    }
  } catch (e) {
    if (signal.stopping) return;
    const landed = (await getJob(db.kysely, jobId))?.landedThroughRow ?? 0;
    const why = e instanceof Error ? e.message.slice(0, 300) : String(e).slice(0, 300);
    await finish(db, jobId, 'failed', `Stopped by an error after row ${landed} (rows 1–${landed} landed): ${why}`, job);
  } finally {
    if (restore) await restore();
  }
}

async function finish(db: Database, jobId: number, status: 'done' | 'failed' | 'cancelled', message: string | null, job: StoredJob): Promise<void> {
  await setStatus(db.kysely, jobId, status, { message, finished: true });
  // A real run's file is no longer needed; a dry run's is, by the real run that follows it.
  if (!job.dryRun && job.uploadId) await removeUpload(db, job.uploadId).catch(() => undefined);
}

async function cancelRequested(db: Database, jobId: number): Promise<boolean> {
  return Boolean((await getJob(db.kysely, jobId))?.cancelRequested);
}

/** No hooks, lines or history: what a load without the table's indexes may skip (deferIndexes). */
function plainEntity(entity: EntityDef): boolean {
  return batchable(entity) && historyFields(entity).length === 0 && linesFields(entity).length === 0;
}

/** One chunk in one transaction with its report rows; a dry run's transaction is rolled back and its report kept. */
async function runChunk(ctx: JobContext, chunk: { row: number; cells: string[] }[], bytes: number): Promise<void> {
  const progress = { bytes, throughRow: chunk[chunk.length - 1].row };
  if (!ctx.job.dryRun) {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const report = await processChunk(ctx, trx, chunk);
      await recordChunk(trx, ctx.db.dialect, ctx.job.id, report, progress);
    });
    return;
  }
  let report: RowRecord[] = [];
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      report = await processChunk(ctx, trx, chunk);
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) throw e;
  }
  // Values created in the rolled-back transaction are gone: the next chunk looks them up again.
  ctx.lookups.forgetDictionaries();
  await ctx.db.kysely.transaction().execute((trx) => recordChunk(trx, ctx.db.dialect, ctx.job.id, report, progress));
}

interface Draft { row: number; cells: string[]; values: Record<string, unknown>; issues: { field: string; message: string }[] }

/** Cells to typed values: plain kinds read as written, names looked up. An empty cell means "no value" (and, updating, "leave as is"). */
async function readRows(ctx: JobContext, trx: Kysely<DbSchema>, chunk: { row: number; cells: string[] }[]): Promise<Draft[]> {
  const raws = chunk.map(({ cells }) => {
    const raw: Record<string, string> = {};
    for (const [i, field] of ctx.columns) raw[field] = cells[i] ?? '';
    for (const [field, value] of ctx.constants) if (!raw[field]?.trim()) raw[field] = value;
    return raw;
  });
  await ctx.lookups.prepare(trx, raws);
  const drafts: Draft[] = [];
  for (let k = 0; k < chunk.length; k++) {
    const d: Draft = { row: chunk[k].row, cells: chunk[k].cells, values: {}, issues: [] };
    // Parents before children: a subcategory is found under the row's category.
    const fields = Object.entries(raws[k]).sort(([a], [b]) => Number(Boolean(ctx.entity.allFields[a]?.parent)) - Number(Boolean(ctx.entity.allFields[b]?.parent)));
    for (const [name, text] of fields) {
      const f: FieldDef | undefined = ctx.entity.allFields[name];
      if (!f || text.trim() === '') continue;
      const r = name === 'id' ? (/^\d{1,9}$/.test(text.trim()) ? { value: Number(text.trim()) } : { message: `is not a record id: "${text.slice(0, 40)}"` })
        : LOOKED_UP.has(f.kind) ? await ctx.lookups.resolve(trx, name, f, text, d.values) : readScalar(f, text, ctx.read);
      if ('message' in r) d.issues.push({ field: name, message: r.message });
      else d.values[name] = r.value;
    }
    drafts.push(d);
  }
  return drafts;
}

interface Match { id: number; version: number }

/** The records each draft matches on the chosen fields (live ones the actor may read), in one query for the chunk. */
async function matchRecords(ctx: JobContext, trx: Kysely<DbSchema>, drafts: Draft[]): Promise<Map<Draft, Match[]>> {
  const on = ctx.options.matchOn ?? [];
  const out = new Map<Draft, Match[]>();
  const first = on[0];
  if (!first) return out;
  const col = (f: string) => (f === 'id' ? 'id' : ctx.entity.columnOf(f));
  const keyOf = (v: Record<string, unknown>) => JSON.stringify(on.map((f) => v[f] ?? null));
  const wanted = drafts.filter((d) => d.issues.length === 0 && on.every((f) => d.values[f] !== undefined && d.values[f] !== null));
  const found = new Map<string, Match[]>();
  const firstValues = Array.from(new Set(wanted.map((d) => d.values[first])));
  const readScope = scopeOf(ctx.actor.access, ctx.entity, 'read');
  for (let k = 0; k < firstValues.length; k += 400) {
    const part = firstValues.slice(k, k + 400);
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(ctx.entity.table)} WHERE deleted_at IS NULL AND ${sql.ref(col(first))} IN (${sql.join(part)}) ORDER BY id`.execute(trx);
    for (const r of rows) {
      if (!ownerInScope(ctx.actor.access, readScope, r.owner_id)) continue;
      const rec = fromRow(ctx.entity, r);
      const key = keyOf(rec);
      const list = found.get(key) ?? [];
      list.push({ id: Number(r.id), version: Number(r.version) });
      found.set(key, list);
    }
  }
  for (const d of wanted) out.set(d, found.get(keyOf(d.values)) ?? []);
  return out;
}

/** Reads, matches and writes one chunk; returns its report rows. */
async function processChunk(ctx: JobContext, trx: Kysely<DbSchema>, chunk: { row: number; cells: string[] }[]): Promise<RowRecord[]> {
  const drafts = await readRows(ctx, trx, chunk);
  const mode = ctx.options.mode ?? 'create';
  const matches = mode === 'create' ? new Map<Draft, Match[]>() : await matchRecords(ctx, trx, drafts);
  const report = new Map<Draft, RowRecord>();
  const keepCells = (d: Draft, always: boolean) => (always || (ctx.job.dryRun && d.row <= DRY_RUN_CELLS) ? d.cells : null);
  const fail = (d: Draft, action: 'error' | 'skip', issues: { field: string; message: string }[]) => report.set(d, { row: d.row, action, recordId: null, versionAfter: null, before: null, issues, cells: d.cells });
  const creates: Draft[] = [];
  const updates: [Draft, Match][] = [];
  for (const d of drafts) {
    if (d.issues.length) { fail(d, 'error', d.issues); continue; }
    if (mode === 'create') { if (!missingRequired(ctx.entity, d, fail)) creates.push(d); continue; }
    const on = ctx.options.matchOn ?? [];
    const missing = on.filter((f) => d.values[f] === undefined || d.values[f] === null);
    if (missing.length) { fail(d, 'error', missing.map((f) => ({ field: f, message: 'is needed to find the record to update' }))); continue; }
    const m = matches.get(d) ?? [];
    if (m.length === 0) {
      if (mode === 'upsert') { if (!missingRequired(ctx.entity, d, fail)) creates.push(d); }
      else fail(d, 'skip', [{ field: on.join('+'), message: 'matches no record' }]);
    } else if (m.length > 1 && (ctx.options.multipleMatches ?? 'error') !== 'first') {
      const how = ctx.options.multipleMatches ?? 'error';
      fail(d, how === 'skip' ? 'skip' : 'error', [{ field: on.join('+'), message: `matches ${m.length} records (ids ${m.slice(0, 5).map((x) => x.id).join(', ')})` }]);
    } else updates.push([d, m[0]]);
  }
  const likely = await duplicatesOf(ctx, trx, creates);
  if (ctx.options.skipDuplicates) {
    for (let k = creates.length - 1; k >= 0; k--) {
      const m = likely.get(creates[k]);
      if (m?.length) { fail(creates[k], 'skip', [{ field: '(record)', message: `looks like ${m.map((x) => `#${x.id} ${x.title}`).slice(0, 3).join(', ')}` }]); creates.splice(k, 1); }
    }
  }
  if (creates.length) {
    const bodies = creates.map((d) => { const { id: _id, ...body } = d.values; return body; });
    const outcomes = await ctx.records.createMany(bodies, ctx.actor, { trx, dryRun: ctx.job.dryRun, taken: ctx.job.dryRun ? ctx.taken : new Map(), detail: (i) => `import #${ctx.job.id}, row ${creates[i].row}`, auditSummary: ctx.bulk ? `import #${ctx.job.id}, rows ${creates[0].row}–${creates[creates.length - 1].row}` : undefined });
    outcomes.forEach((o, i) => {
      const d = creates[i];
      if (o.issues.length) fail(d, 'error', o.issues);
      else {
        const duplicates = (likely.get(d) ?? []).map((m) => ({ id: m.id, title: m.title, score: m.score }));
        report.set(d, { row: d.row, action: 'create', recordId: o.id, versionAfter: o.version, before: null, issues: [], duplicates, cells: keepCells(d, duplicates.length > 0) });
      }
    });
  }
  for (const [d, m] of updates) report.set(d, await updateOne(ctx, trx, d, m, keepCells(d, false)));
  return drafts.map((d) => report.get(d) as RowRecord);
}

/** A new record's required fields that the row leaves empty, said as "is required" (the schema's own words name a type). */
function missingRequired(entity: EntityDef, d: Draft, fail: (d: Draft, action: 'error', issues: { field: string; message: string }[]) => void): boolean {
  const missing = Object.entries(entity.fields).filter(([n, f]) => f.required && f.default === undefined && !f.defaultFirst && !f.defaultToday && !f.defaultNow
    && entity.autoCode?.field !== n && (d.values[n] === undefined || d.values[n] === null));
  if (missing.length) fail(d, 'error', missing.map(([n]) => ({ field: n, message: 'is required' })));
  return missing.length > 0;
}

/** The records each new row likely duplicates (duplicates/check.ts), for the report's warnings; none when the actor may not read the entity. */
async function duplicatesOf(ctx: JobContext, trx: Kysely<DbSchema>, creates: Draft[]): Promise<Map<Draft, DuplicateMatch[]>> {
  const out = new Map<Draft, DuplicateMatch[]>();
  if (creates.length === 0 || rulesOf(ctx.entity).length === 0 || scopeOf(ctx.actor.access, ctx.entity, 'read') === 'none') return out;
  // A bulk load does not check row by row: its dry run did, and its key index is rebuilt at the end.
  if (ctx.bulk && !ctx.options.skipDuplicates) return out;
  // A name many records share says little about one row: an import warns on keys held by at most 20 records.
  const found = await likelyDuplicatesMany(trx, ctx.entity, creates.map((d) => d.values), { actor: ctx.actor, limit: 5, perKey: 20 });
  creates.forEach((d, k) => { if (found[k].length) out.set(d, found[k]); });
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** One matched row: the fields that differ are written (an ordinary edit: rights, checks, history, audit) and their old values kept for revert. */
async function updateOne(ctx: JobContext, trx: Kysely<DbSchema>, d: Draft, m: Match, cells: string[] | null): Promise<RowRecord> {
  const existing = await ctx.records.get(m.id, { actor: null }, trx);
  const changes: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(d.values)) {
    if (name === 'id' || (ctx.options.matchOn ?? []).includes(name) && same(existing[name], v)) continue;
    if (!same(existing[name], v)) { changes[name] = v; before[name] = existing[name] ?? null; }
  }
  if (Object.keys(changes).length === 0) return { row: d.row, action: 'unchanged', recordId: m.id, versionAfter: existing.version, before: null, issues: [], cells };
  try {
    const saved = await inSavepoint(trx, () => ctx.records.update(m.id, { ...changes, version: existing.version }, ctx.actor, { trx }));
    return { row: d.row, action: 'update', recordId: m.id, versionAfter: saved.version, before, issues: [], cells };
  } catch (e) {
    return { row: d.row, action: 'error', recordId: m.id, versionAfter: null, before: null, issues: issuesOf(e), cells: d.cells };
  }
}
