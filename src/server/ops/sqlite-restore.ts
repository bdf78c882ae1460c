import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { inspectSqliteFile } from './sqlite-check.js';

export interface SqliteRestoreResult {
  /** The database that was replaced, renamed beside it (absent when there was none). */
  kept?: string;
  /** Migrations applied to the restored data (it came from an older version). */
  migrated: string[];
}

/** Refused because another connection (a running server) has the database open. */
export class DatabaseInUseError extends Error {}

/**
 * Takes the database for ourselves, or says it is in use. How a running server is detected: every
 * connection to a WAL database holds a shared lock on its file for as long as it is open, idle or
 * not, and the OS drops it when the process ends. A connection in exclusive locking mode that can
 * begin an EXCLUSIVE transaction therefore proves nobody else has it open, without a lock file
 * that a crashed server would leave behind. The returned connection keeps the lock until closed,
 * so no server can open the database while it is being swapped.
 */
function takeExclusively(file: string, opts: { fold: boolean }): BetterSqlite3.Database {
  const own = new BetterSqlite3(file, { fileMustExist: true, timeout: 0 });
  try {
    own.pragma('locking_mode = EXCLUSIVE');
    own.exec('BEGIN EXCLUSIVE');
    own.exec('COMMIT');
    // Folds the write-ahead log into the file and removes it: what is kept aside is one whole file.
    if (opts.fold) own.pragma('journal_mode = DELETE');
    return own;
  } catch (e) {
    own.close();
    if (e instanceof BetterSqlite3.SqliteError && (e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED')) {
      throw new DatabaseInUseError(`${file} is in use (a Rapport server, or another program, has it open): stop the server first; nothing was changed.`);
    }
    throw e;
  }
}

/** The -wal and -shm files SQLite keeps beside a database. */
const companions = (file: string) => [`${file}-wal`, `${file}-shm`, `${file}-journal`];

/**
 * `rapport restore <file>` on SQLite: `source` must be a Rapport database no newer than this
 * version (integrity checked). It is copied beside the live file (SQLite's backup API, so a source
 * with its own -wal is read whole), migrated there if it is older, and only then swapped in: the
 * live database is renamed to `<file>.before-restore.<ms>.bak` (as a migration keeps its copy) and
 * the copy takes its name. Refused while a server has the database open. Any failure before the
 * swap leaves the live database as it was.
 */
export async function restoreSqlite(target: string, source: string): Promise<SqliteRestoreResult> {
  const live = path.resolve(target);
  const from = path.resolve(source);
  if (live === from) throw new Error('the file to restore is the database itself; nothing was changed.');
  const { pending } = inspectSqliteFile(from, { integrity: true });
  // Checked before the copy too, so a busy database is refused at once rather than after copying gigabytes.
  if (fs.existsSync(live)) takeExclusively(live, { fold: false }).close();

  const staged = `${live}.restoring-${process.pid}`;
  for (const f of [staged, ...companions(staged)]) fs.rmSync(f, { force: true });
  let migrated: string[] = [];
  try {
    const reader = new BetterSqlite3(from, { readonly: true, fileMustExist: true });
    try {
      await reader.backup(staged);
    } finally {
      reader.close();
    }
    if (pending.length) {
      const db = openDatabase(`sqlite:${staged}`);
      try {
        migrated = (await migrate(db, undefined, { backup: false })).applied;
      } finally {
        await db.close(); // the last connection folds its WAL into the file
      }
    }
    const own = fs.existsSync(live) ? takeExclusively(live, { fold: true }) : undefined;
    let kept: string | undefined;
    try {
      for (const f of companions(live)) fs.rmSync(f, { force: true });
      if (own) {
        kept = `${live}.before-restore.${Date.now()}.bak`;
        fs.renameSync(live, kept);
      }
      fs.renameSync(staged, live);
    } finally {
      own?.close();
    }
    return { kept, migrated };
  } finally {
    for (const f of [staged, ...companions(staged)]) fs.rmSync(f, { force: true });
  }
}
