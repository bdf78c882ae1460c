import { CompiledQuery, type Kysely, sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database, DbSchema, DialectName } from './database.js';

/**
 * Deferred index upkeep for large loads (DESIGN.md §8: 84k rows/s bare vs 3.5–6k rows/s
 * with the FTS index kept up to date row by row).
 *
 * The index, trigger and FTS definitions are NOT repeated here: they are read back from the
 * database catalog (`sqlite_master`, `pg_get_indexdef`), so the exact SQL the migrations
 * created is the SQL that is re-run. The saved definitions are written to `settings`
 * (key `bulk-load:<table>`) in the same transaction that drops them, so a load that is
 * killed half-way is repaired by `restorePendingIndexes` (called by `deferIndexes` first).
 */

interface Saved {
  /** CREATE INDEX / CREATE TRIGGER (and ADD CONSTRAINT … FOREIGN KEY) statements, in the order to re-run them. */
  create: string[];
  /** SQLite FTS5 external-content tables to rebuild from the table. */
  fts: string[];
}

const key = (table: string) => `bulk-load:${table}`;

/**
 * Drops the table's secondary indexes and search triggers (not its group totals'); returns a function that puts them back.
 * `foreignKeys` (PostgreSQL): also drops the table's own foreign keys and adds them back after,
 * which checks every row in one join per key instead of one lookup per inserted row (a row-by-row
 * check costs ~12 µs: 6× the insert itself for a narrow lines table). SQLite's per-row check is a
 * primary-key probe (~5% of a load) and stays.
 */
export async function deferIndexes(db: Database, table: string, opts: { foreignKeys?: boolean; /** Unique indexes stay (an import checks codes against them as it goes). */ keepUnique?: boolean } = {}): Promise<() => Promise<void>> {
  await restorePendingIndexes(db, table);
  const saved: Saved = { create: [], fts: [] };
  await db.kysely.transaction().execute(async (trx) => {
    const drops: string[] = [];
    if (db.dialect === 'sqlite') {
      const { rows } = await sql<{ type: string; name: string; sql: string }>`SELECT type, name, sql FROM sqlite_master
        WHERE tbl_name = ${table} AND type IN ('index', 'trigger') AND sql IS NOT NULL AND name NOT LIKE ${'%\\_totals\\_a_'} ESCAPE ${'\\'} ORDER BY type, name`.execute(trx);
      // Group totals (group-totals-v1.ts) stay kept row by row during a load: dropped, they would miss its rows.
      // Indexes first (type 'index' < 'trigger'), then triggers.
      for (const r of rows) {
        if (opts.keepUnique && /^CREATE UNIQUE INDEX/i.test(r.sql)) continue;
        saved.create.push(r.sql);
        drops.push(`DROP ${r.type === 'index' ? 'INDEX' : 'TRIGGER'} "${r.name}"`);
      }
      const fts = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'
        AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' AND sql LIKE ${`%content='${table}'%`}`.execute(trx);
      saved.fts = fts.rows.map((r) => r.name);
    } else {
      const { rows } = await sql<{ name: string; def: string }>`SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = to_regclass(${table}) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        AND (${opts.keepUnique ? 1 : 0} = 0 OR NOT x.indisunique)
        ORDER BY i.relname`.execute(trx);
      for (const r of rows) { saved.create.push(r.def); drops.push(`DROP INDEX "${r.name}"`); }
      if (opts.foreignKeys) {
        const fks = await sql<{ name: string; def: string }>`SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE conrelid = to_regclass(${table}) AND contype = 'f' ORDER BY conname`.execute(trx);
        // Added back after the indexes, so the check of each key can use them.
        for (const r of fks.rows) { saved.create.push(`ALTER TABLE "${table}" ADD CONSTRAINT "${r.name}" ${r.def}`); drops.push(`ALTER TABLE "${table}" DROP CONSTRAINT "${r.name}"`); }
      }
    }
    await sql`INSERT INTO settings (key, value) VALUES (${key(table)}, ${JSON.stringify(saved)})`.execute(trx);
    // Catalog names and definitions only: no user input reaches sql.raw here.
    for (const d of drops) await sql.raw(d).execute(trx);
  });
  return async () => { await restorePendingIndexes(db, table); };
}

/** Every table a load left without its indexes (a server stopped mid-load): one query, so a start that finds none costs nothing more. */
export async function restoreAllPendingIndexes(db: Database): Promise<void> {
  const { rows } = await sql<{ key: string }>`SELECT key FROM settings WHERE key LIKE ${'bulk-load:%'}`.execute(db.kysely);
  for (const r of rows) await restorePendingIndexes(db, r.key.slice('bulk-load:'.length));
}

/** Re-creates what `deferIndexes` dropped (if anything is pending) and rebuilds the FTS tables. */
export async function restorePendingIndexes(db: Database, table: string): Promise<boolean> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${key(table)}`.execute(db.kysely);
  if (!rows[0]) return false;
  const saved = JSON.parse(rows[0].value) as Saved;
  await db.kysely.connection().execute(async (conn) => {
    if (db.dialect === 'postgres') await sql`SET maintenance_work_mem = '512MB'`.execute(conn);
    await conn.transaction().execute(async (trx) => {
      for (const stmt of saved.create) await sql.raw(stmt).execute(trx);
      for (const fts of saved.fts) await sql`INSERT INTO ${sql.table(fts)} (${sql.ref(fts)}) VALUES ('rebuild')`.execute(trx);
      await sql`DELETE FROM settings WHERE key = ${key(table)}`.execute(trx);
    });
    if (db.dialect === 'postgres') {
      await sql`RESET maintenance_work_mem`.execute(conn);
      await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(conn); // statistics and the visibility map, as autovacuum would
      // Its group totals (group-totals-v1.ts) were updated once per loaded row: a few live rows among as many dead versions.
      const kept = await sql<{ t: string }>`SELECT left(tgname, -3) AS t FROM pg_trigger WHERE tgrelid = to_regclass(${table}) AND tgname LIKE ${'%\\_totals\\_aw'}`.execute(conn);
      for (const k of kept.rows) await sql`VACUUM (ANALYZE) ${sql.table(k.t)}`.execute(conn);
    } else {
      // The planner's statistics for the loaded table (db/planner-stats.ts): a load is the time to pay for them.
      await sql`ANALYZE ${sql.table(table)}`.execute(conn);
    }
  });
  return true;
}

/**
 * Inserts `total` generated rows into a SQLite table: multi-row INSERTs of `batchRows`
 * (one prepared statement per batch size), `txRows` rows per synchronous transaction.
 * Returns after each transaction through `onProgress`.
 */
export function insertSqliteRows(
  sqlite: BetterSqlite3.Database,
  table: string,
  columns: readonly string[],
  total: number,
  rowValues: () => unknown[],
  opts: { batchRows: number; txRows: number; onProgress?: (done: number, total: number) => void },
): void {
  const insertSql = (n: number) => `INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array.from({ length: n }, () => `(${columns.map(() => '?').join(',')})`).join(',')}`;
  const stmts = new Map<number, BetterSqlite3.Statement>();
  const stmt = (n: number) => { let s = stmts.get(n); if (!s) { s = sqlite.prepare(insertSql(n)); stmts.set(n, s); } return s; };
  const tx = sqlite.transaction((rowsInTx: number) => {
    for (let i = 0; i < rowsInTx; i += opts.batchRows) {
      const n = Math.min(opts.batchRows, rowsInTx - i);
      const params: unknown[] = [];
      for (let k = 0; k < n; k++) params.push(...rowValues());
      stmt(n).run(params);
    }
  });
  let done = 0;
  while (done < total) {
    const n = Math.min(opts.txRows, total - done);
    tx(n);
    done += n;
    opts.onProgress?.(done, total);
  }
}

/**
 * The PostgreSQL counterpart of `insertSqliteRows`: one `INSERT … SELECT * FROM unnest($1::type[], …)`
 * per `batchRows` rows (one array parameter per column: a small statement PostgreSQL parses and
 * plans quickly, instead of tens of thousands of scalar parameters), `txRows` rows per
 * transaction. The next batch is generated while the server inserts the previous one.
 * `types` gives each column's PostgreSQL type (`int`, `bigint`, `numeric`, `date`, `timestamptz`, …); text by default.
 * Table, column and type names come from the caller's code, never from user input.
 */
export async function insertPgRows(
  db: Database,
  table: string,
  columns: readonly string[],
  types: Readonly<Record<string, string>>,
  total: number,
  rowValues: () => unknown[],
  opts: { batchRows: number; txRows: number; onProgress?: (done: number, total: number) => void },
): Promise<void> {
  const insertSql = `INSERT INTO ${table} (${columns.join(',')}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`).join(', ')})`;
  let done = 0;
  while (done < total) {
    const n = Math.min(opts.txRows, total - done);
    await db.kysely.transaction().execute(async (trx) => {
      let inflight: Promise<unknown> | null = null;
      for (let i = 0; i < n; i += opts.batchRows) {
        const m = Math.min(opts.batchRows, n - i);
        const arrays: unknown[][] = columns.map(() => []);
        for (let k = 0; k < m; k++) {
          const values = rowValues();
          for (let j = 0; j < arrays.length; j++) arrays[j].push(values[j]);
        }
        if (inflight) await inflight;
        inflight = trx.executeQuery(CompiledQuery.raw(insertSql, arrays));
      }
      if (inflight) await inflight;
    });
    done += n;
    opts.onProgress?.(done, total);
  }
}

/**
 * One multi-row INSERT as a prepared text with placeholders (`?` on SQLite, `$n` on PostgreSQL),
 * skipping Kysely's query builder: building a 1,000-row statement node by node cost more than
 * running it (issue 16's import). Table and column names come from code, never from user input.
 */
export async function insertValues(executor: Kysely<DbSchema>, dialect: DialectName, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], returning?: string): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) return [];
  let n = 0;
  const tuple = () => `(${columns.map(() => (dialect === 'postgres' ? `$${++n}` : '?')).join(',')})`;
  const text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES ${rows.map(tuple).join(',')}${returning ? ` RETURNING "${returning}"` : ''}`;
  const result = await executor.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, rows.flat()));
  return result.rows;
}
