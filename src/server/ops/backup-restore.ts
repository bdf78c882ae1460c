import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../db/database.js';
import { backupPostgres, restorePostgres } from './pg-backup-restore.js';
import { copySqlite } from './sqlite-copy.js';
import { restoreSqlite } from './sqlite-restore.js';

const isPostgres = (url: string) => /^postgres(ql)?:\/\//.test(url);
const sqliteFileOf = (url: string) => path.resolve(url.replace(/^sqlite:/, ''));

/**
 * `rapport backup <file>`: SQLite by VACUUM INTO (a consistent copy while the server writes, see
 * copySqlite), PostgreSQL through pg_dump -Fc (one snapshot).
 */
export async function backupDatabase(url: string, file: string): Promise<void> {
  if (isPostgres(url)) return backupPostgres(url, file);
  const live = sqliteFileOf(url);
  // Opening a missing file would create an empty database and back that up.
  if (!fs.existsSync(live)) throw new Error(`There is no database at ${live} to back up.`);
  const db = openDatabase(`sqlite:${live}`);
  try {
    if (db.sqlite) copySqlite(db.sqlite, file);
  } finally {
    await db.close();
  }
}

export interface RestoreResult { kept?: string; migrated: string[] }

/** `rapport restore <file>`: see restoreSqlite and restorePostgres for what is checked and kept. */
export async function restoreDatabase(url: string, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
  if (isPostgres(url)) return restorePostgres(url, file, opts);
  return restoreSqlite(sqliteFileOf(url), file);
}
