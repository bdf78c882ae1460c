import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../db/database.js';
import { migrate, MIGRATIONS } from '../db/migrate.js';
import { runPgTool, toolConnection } from './pg-tools.js';
import { NotLoadableError } from './sqlite-check.js';
import { DatabaseInUseError } from './sqlite-restore.js';

/**
 * `rapport backup <file>` on PostgreSQL: pg_dump's custom format (-Fc). pg_dump reads the whole
 * database in one snapshot, so writes running meanwhile are either all in the file or not at all.
 * Written under a temporary name and renamed when complete.
 */
export async function backupPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = toolConnection(url);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${dbname}`], env);
    fs.renameSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The migrations a dump's kysely_migration table holds (its COPY block, as pg_restore prints it). */
async function dumpMigrations(file: string): Promise<string[]> {
  const name = path.basename(file);
  let list: string;
  try {
    list = await runPgTool('pg_restore', ['--list', file]);
  } catch {
    throw new NotLoadableError(`${name} is not a PostgreSQL backup (pg_dump -Fc) that can be read; nothing was changed.`);
  }
  if (!/ TABLE public kysely_migration /.test(list)) throw new NotLoadableError(`${name} is not a backup of a Rapport database (it has no kysely_migration table); nothing was changed.`);
  const copy = await runPgTool('pg_restore', ['--data-only', '--table=kysely_migration', '--file=-', file]);
  const rows = copy.split('\n');
  const start = rows.findIndex((l) => l.startsWith('COPY public.kysely_migration '));
  const names: string[] = [];
  for (let i = start + 1; start >= 0 && i < rows.length && rows[i] !== '\\.'; i++) names.push(rows[i].split('\t')[0]);
  return names;
}

async function withClient<T>(url: string, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'rapport restore' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface PostgresRestoreResult { kept?: string; migrated: string[] }

/**
 * `rapport restore <file>` on PostgreSQL, from a `rapport backup` (pg_dump -Fc) file:
 *  - the file must be a dump of a Rapport database no newer than this version;
 *  - refused while other sessions are connected to the database (pg_stat_activity: a running
 *    server's pool, a psql), unless `force`: replacing tables under a running server would serve
 *    requests from half-replaced data. A team server's administrator stops the servers first;
 *  - refused when the database holds migrations the dump lacks: pg_restore --clean drops only
 *    what the dump contains, so those newer tables would stay and the migration after the restore
 *    would fail on them. Restore such a dump into a new empty database instead;
 *  - the current data is first dumped beside `file` (`<db>-before-restore-<ms>.dump`), as SQLite
 *    keeps the replaced file;
 *  - then pg_restore --clean --if-exists --single-transaction: all of the dump or nothing;
 *  - then the restored data is migrated if it is older.
 */
export async function restorePostgres(url: string, file: string, opts: { force?: boolean } = {}): Promise<PostgresRestoreResult> {
  if (!fs.existsSync(file)) throw new NotLoadableError(`${file} does not exist; nothing was changed.`);
  const inDump = await dumpMigrations(file);
  const known = Object.keys(MIGRATIONS);
  const unknown = inDump.filter((n) => !known.includes(n));
  if (unknown.length) throw new NotLoadableError(`${path.basename(file)} was written by a newer Rapport (it has ${unknown.join(', ')}); nothing was changed.`);

  const { current, others, database } = await withClient(url, async (c) => {
    const { rows: sessions } = await c.query<{ application_name: string }>(
      'SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const { rows: [{ exists }] } = await c.query<{ exists: boolean }>(`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS exists`);
    const applied = exists ? (await c.query<{ name: string }>('SELECT name FROM kysely_migration')).rows.map((r) => r.name) : [];
    const { rows: [{ db }] } = await c.query<{ db: string }>('SELECT current_database() AS db');
    return { current: applied, others: sessions.map((s) => s.application_name || 'unnamed'), database: db };
  });
  if (others.length && !opts.force) {
    throw new DatabaseInUseError(`${others.length} other session(s) are connected to database ${database} (${[...new Set(others)].join(', ')}): stop the Rapport servers first, or add --force; nothing was changed.`);
  }
  const newer = current.filter((n) => !inDump.includes(n));
  if (newer.length) {
    throw new NotLoadableError(`The database has migrations the backup lacks (${newer.join(', ')}): restore it into a new, empty database (DATABASE_URL naming it) instead; nothing was changed.`);
  }

  let kept: string | undefined;
  if (current.length) {
    kept = path.join(path.dirname(path.resolve(file)), `${database}-before-restore-${Date.now()}.dump`);
    await backupPostgres(url, kept);
  }
  const { dbname, env } = toolConnection(url);
  await runPgTool('pg_restore', ['--clean', '--if-exists', '--single-transaction', '--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${dbname}`, file], env);
  const db = openDatabase(url);
  try {
    return { kept, migrated: (await migrate(db)).applied };
  } finally {
    await db.close();
  }
}
