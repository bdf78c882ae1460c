import path from 'node:path';
import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../../db/database.js';
import { invalid, ProblemError } from '../../../core/errors.js';
import { forgetCachedZone } from '../../../core/installation.js';
import { registerOpenApiPaths } from '../../../core/openapi.js';
import { backupFile, backupsFolder, listBackups, writeBackup, type BackupInfo, type BackupReason } from './backups.js';
import { LAB_DATA_PATHS } from './openapi.js';
import { replaceAllRows } from './replace.js';

/** The seeders and scratch databases load with the first lab action, not at start (issue 14). */
const sources = () => import('./sources.js');

/** The word a reset is confirmed with, as the web app shows it in each language. */
export const RESET_WORDS = ['RESET', '초기화', '重置'] as const;

interface Live { db: Database & { sqlite: NonNullable<Database['sqlite']>; sqliteFile: string }; folder: string }

/**
 * Only the standalone app (SQLite, one person) may wipe or replace its data. On a team server
 * (PostgreSQL) it will be an administrator's task once accounts arrive (a later issue).
 */
function standalone(db: Database): Live {
  if (db.dialect === 'postgres') {
    throw new ProblemError(403, 'Forbidden', 'Resetting, loading sample data and restoring backups are refused on a team server (PostgreSQL): they would replace everyone\'s data. Only an administrator may do this, and accounts and administrators arrive with a later issue. Nothing was changed.');
  }
  if (!db.sqlite || !db.sqliteFile) throw new ProblemError(409, 'Conflict', 'This database is kept in memory, so there is no folder to keep a backup in; nothing was changed.');
  return { db: db as Live['db'], folder: backupsFolder(db.sqliteFile) };
}

/** One lab action at a time per database: two resets at once would race for the same backup and rows. */
const queues = new WeakMap<Database, Promise<unknown>>();
function serialised<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(db) ?? Promise.resolve()).then(work, work);
  queues.set(db, next.catch(() => undefined));
  return next;
}

/**
 * Keeps a backup of the live data, then makes the live data the source's, holding Kysely's only
 * connection so nothing else runs in between; caches of what was replaced are dropped.
 */
async function replaceWith(live: Live, source: string, reason: BackupReason): Promise<BackupInfo> {
  let backup: BackupInfo | undefined;
  await live.db.kysely.connection().execute(async () => {
    replaceAllRows(live.db.sqlite, source, () => { backup = writeBackup(live.db.sqlite, live.folder, reason); });
  });
  forgetCachedZone();
  if (!backup) throw new Error('the backup was not written');
  return backup;
}

function checkConfirm(body: unknown): void {
  const confirm = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).confirm : undefined;
  const word = typeof confirm === 'string' ? confirm.trim() : '';
  if (!RESET_WORDS.some((w) => w === word || w === word.toUpperCase())) {
    throw invalid([{ field: 'confirm', message: `must be the reset word (${RESET_WORDS.join(' / ')}) as the dialog shows it` }]);
  }
}

const answer = (live: Live, backup: BackupInfo) => ({ backup: { ...backup, folder: live.folder, file: path.join(live.folder, backup.name) } });

/** POST /api/v1/lab/reset, /sample-data and the backups list: starting over in the guided lab (issue 13). */
export function registerLabData(app: FastifyInstance, db: Database): void {
  app.post('/api/v1/lab/reset', async (req: FastifyRequest) => {
    const live = standalone(db);
    checkConfirm(req.body);
    const { buildEmpty, withScratch } = await sources();
    return serialised(db, () => withScratch(async (dir) => {
      const file = path.join(dir, 'empty.db');
      await buildEmpty(db, file);
      return answer(live, await replaceWith(live, file, 'reset'));
    }));
  });

  app.post('/api/v1/lab/sample-data', async (req: FastifyRequest) => {
    const live = standalone(db);
    // Nothing to say but "go": a body with anything in it is a mistake, refused before any data is replaced.
    const body = req.body;
    if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)) {
      throw invalid([{ field: '(body)', message: 'must be empty: {}' }]);
    }
    const { buildSample, withScratch } = await sources();
    return serialised(db, () => withScratch(async (dir) => {
      const file = path.join(dir, 'sample.db');
      await buildSample(db, file);
      return answer(live, await replaceWith(live, file, 'sample-data'));
    }));
  });

  app.get('/api/v1/lab/backups', async () => {
    const live = standalone(db);
    return { folder: live.folder, items: listBackups(live.folder) };
  });

  app.post('/api/v1/lab/backups/:name/restore', async (req: FastifyRequest<{ Params: { name: string } }>) => {
    const live = standalone(db);
    const { prepareBackup, withScratch } = await sources();
    return serialised(db, () => withScratch(async (dir) => {
      const source = await prepareBackup(backupFile(live.folder, req.params.name), dir);
      return { ...answer(live, await replaceWith(live, source, 'restore')), restored: req.params.name };
    }));
  });

  app.delete('/api/v1/lab/backups/:name', async (req: FastifyRequest<{ Params: { name: string } }>, reply) => {
    const live = standalone(db);
    await serialised(db, async () => { fs.rmSync(backupFile(live.folder, req.params.name)); });
    return reply.status(204).send();
  });

  registerOpenApiPaths(LAB_DATA_PATHS);
}
