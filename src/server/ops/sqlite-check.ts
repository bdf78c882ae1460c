import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../db/migrate.js';

/** What a SQLite file to load holds: the migrations it has, and those this version would still apply. */
export interface SqliteFileInfo { applied: string[]; pending: string[] }

/** A file that is not a Rapport database this version can load; the message says why, for a person. */
export class NotLoadableError extends Error {}

/**
 * Checks that `file` is a Rapport SQLite database this version can load: it opens as SQLite, has
 * the migrator's table, and holds no migration this version does not know (a newer Rapport wrote
 * it). `integrity` also runs PRAGMA integrity_check (a full read: seconds on a large file). Opened
 * read-only, so the file is never changed by looking at it.
 */
export function inspectSqliteFile(file: string, opts: { integrity?: boolean } = {}): SqliteFileInfo {
  const name = path.basename(file);
  let applied: string[];
  let probe: BetterSqlite3.Database | undefined;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    if (opts.integrity) {
      const rows = probe.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length) throw new NotLoadableError(`${name} is damaged (integrity_check: ${problems.slice(0, 3).join('; ')}); nothing was changed.`);
    }
    applied = (probe.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
  } catch (e) {
    if (e instanceof NotLoadableError) throw e;
    throw new NotLoadableError(`${name} is not a Rapport database that can be read; nothing was changed.`);
  } finally {
    probe?.close();
  }
  const known = Object.keys(MIGRATIONS);
  const unknown = applied.filter((n) => !known.includes(n));
  if (unknown.length) throw new NotLoadableError(`${name} was written by a newer Rapport (it has ${unknown.join(', ')}); nothing was changed.`);
  return { applied, pending: known.filter((n) => !applied.includes(n)) };
}
