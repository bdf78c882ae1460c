import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * A consistent copy of a live SQLite database in `file`, by VACUUM INTO: one read transaction, so
 * it is a snapshot of one moment, and under WAL it does not stop the server's writes. (The online
 * backup API restarts each time another connection writes, so under steady writes it never ends.)
 * Synchronous: nothing else on this connection runs in between. Written under a temporary name
 * and renamed when complete, so `file` is never half-written.
 */
export function copySqlite(db: BetterSqlite3.Database, file: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM main INTO ?').run(tmp);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
