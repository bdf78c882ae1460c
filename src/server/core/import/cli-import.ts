import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ENTITIES } from '../../../shared/entities/registry.js';
import { buildApp } from '../../app.js';
import { loadAccess } from '../../auth/accounts.js';
import type { Actor } from '../../auth/actor.js';
import { ProblemError } from '../errors.js';
import { getJob, reportRows } from './jobs.js';
import { optionsSchema, startImport, MAX_IMPORT_BYTES } from './routes.js';
import { saveUpload } from './upload-store.js';

interface CliOptions { mode: string; match?: string; multiple: string; encoding: string; delimiter?: string; sheet?: string; locale: string; createMissingValues?: boolean; dryRun?: boolean; user?: string }

/** `rapport import`: the same pipeline as the Import button, run in this process; returns the exit code (1 when rows failed). */
export async function runImportCommand(databaseUrl: string, entities: string, file: string, o: CliOptions): Promise<number> {
  const entity = ENTITIES.find((e) => e.path === entities || e.name === entities);
  if (!entity) throw new Error(`No entity "${entities}": one of ${ENTITIES.map((e) => e.path).join(', ')}`);
  const options = optionsSchema.parse({
    mode: o.mode, matchOn: o.match ? o.match.split(',').map((s) => s.trim()).filter(Boolean) : undefined, multipleMatches: o.multiple,
    encoding: o.encoding, delimiter: o.delimiter === '\\t' ? '\t' : o.delimiter, sheet: o.sheet, locale: o.locale,
    createMissingValues: Boolean(o.createMissingValues), dryRun: Boolean(o.dryRun),
  });
  const app = await buildApp({ databaseUrl });
  try {
    const db = app.database;
    const { rows } = await (o.user
      ? sql<{ id: number }>`SELECT id FROM users WHERE lower(email) = ${o.user.toLowerCase()}`.execute(db.kysely)
      : sql<{ id: number }>`SELECT id FROM users ORDER BY id LIMIT 1`.execute(db.kysely));
    if (!rows[0]) throw new Error(o.user ? `No user with the email ${o.user}` : 'This database has no user yet: start the app once first');
    const userId = Number(rows[0].id);
    const actor: Actor = { kind: 'import', userId, tokenId: null, requestId: null, access: await loadAccess(db.kysely, userId) };
    const upload = await saveUpload(db, entity.name, path.basename(file), fs.createReadStream(file), userId, MAX_IMPORT_BYTES);
    const id = await startImport(db, entity, upload, { ...options, locale: options.locale ?? 'en' }, actor);
    app.importRunner.enqueue(id);
    const tick = setInterval(() => {
      void getJob(db.kysely, id).then((j) => {
        if (j) process.stderr.write(`\r${j.counts.rows} rows, ${j.progress.rowsPerSecond ?? '…'} rows/s, ${j.progress.secondsLeft ?? '…'} s left   `);
      });
    }, 1000);
    await app.importRunner.idle();
    clearInterval(tick);
    const job = await getJob(db.kysely, id);
    if (!job) return 1;
    const c = job.counts;
    process.stderr.write('\n');
    console.log(`Import #${job.id} ${job.dryRun ? '(dry run) ' : ''}${job.status}: ${c.rows} rows, ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.errors} errors.${job.message ? ` ${job.message}` : ''}`);
    for (const r of await reportRows(db, id, 'error', 20, 0)) console.log(`  row ${r.row}: ${r.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    if (c.errors > 20) console.log(`  … and ${c.errors - 20} more (GET /api/v1/import-jobs/${id}/errors)`);
    return job.status === 'done' && c.errors === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof ProblemError) { console.error(`${e.detail ?? e.title}${e.errors?.length ? `: ${e.errors.map((x) => `${x.field} ${x.message}`).join('; ')}` : ''}`); return 2; }
    throw e;
  } finally {
    await app.close();
  }
}
