import type BetterSqlite3 from 'better-sqlite3';
import { ENTITIES } from '../../../../shared/entities/registry.js';

const SOURCE = 'lab_source';
/** The migrator's own bookkeeping stays the live database's: the source was migrated to the same list. */
const KEPT = new Set(['kysely_migration', 'kysely_migration_lock']);
/** What FTS5 keeps beside a virtual table; rebuilt from the content table, never copied. */
const FTS_SHADOWS = ['_data', '_idx', '_docsize', '_config', '_content'];
/** Group totals (define.ts groupTotals) are kept by triggers as the rows are emptied and refilled: never copied. */
const DERIVED = new Set(ENTITIES.flatMap((e) => (e.groupTotals ? [e.groupTotals.table] : [])));

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

interface Table { name: string; sql: string | null }

function tablesOf(db: BetterSqlite3.Database, schema: string): Table[] {
  return db.prepare(`SELECT name, sql FROM ${quote(schema)}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Table[];
}

function columnsOf(db: BetterSqlite3.Database, schema: string, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);
}

/**
 * Makes the live database hold exactly the rows of another SQLite file with the same schema, in
 * place: the app keeps its open connection (and every prepared statement) while the data changes
 * under it. Every table is emptied and refilled in ONE transaction with foreign keys checked at
 * COMMIT, so a failure leaves the live data as it was. Full-text indexes are rebuilt from their
 * content tables afterwards, and row-id counters (sqlite_sequence) follow the source.
 *
 * `before` runs on the live connection after the source is attached and before the transaction
 * (the backup of what is replaced), all synchronously, so no other request's write slips between.
 * The caller holds Kysely's connection, so no Kysely transaction is half-open on it.
 */
export function replaceAllRows(live: BetterSqlite3.Database, sourceFile: string, before?: () => void): void {
  live.prepare(`ATTACH DATABASE ? AS ${SOURCE}`).run(sourceFile);
  try {
    const liveTables = tablesOf(live, 'main');
    const sourceNames = new Set(tablesOf(live, SOURCE).map((t) => t.name));
    const virtual = liveTables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name);
    const shadow = new Set(virtual.flatMap((v) => FTS_SHADOWS.map((s) => `${v}${s}`)));
    const plain = liveTables.map((t) => t.name).filter((n) => !KEPT.has(n) && !DERIVED.has(n) && !virtual.includes(n) && !shadow.has(n));
    const missing = plain.filter((n) => !sourceNames.has(n));
    if (missing.length) throw new Error(`The data to load has no table ${missing.join(', ')}; nothing was changed.`);
    before?.();
    live.transaction(() => {
      // Parents and children are emptied and refilled in any order: the constraints are checked at COMMIT.
      live.pragma('defer_foreign_keys = ON');
      for (const name of plain) live.prepare(`DELETE FROM main.${quote(name)}`).run();
      for (const name of plain) {
        const from = new Set(columnsOf(live, SOURCE, name));
        const cols = columnsOf(live, 'main', name).filter((c) => from.has(c)).map(quote).join(', ');
        live.prepare(`INSERT INTO main.${quote(name)} (${cols}) SELECT ${cols} FROM ${SOURCE}.${quote(name)}`).run();
      }
      if (hasTable(live, 'main', 'sqlite_sequence')) {
        live.prepare('DELETE FROM main.sqlite_sequence').run();
        if (hasTable(live, SOURCE, 'sqlite_sequence')) live.prepare(`INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM ${SOURCE}.sqlite_sequence`).run();
      }
      // The delete and insert triggers kept the indexes in step; a rebuild makes them exact whatever they held.
      for (const v of virtual) live.prepare(`INSERT INTO main.${quote(v)} (${quote(v)}) VALUES ('rebuild')`).run();
    })();
  } finally {
    live.prepare(`DETACH DATABASE ${SOURCE}`).run();
  }
}

function hasTable(db: BetterSqlite3.Database, schema: string, name: string): boolean {
  return Boolean(db.prepare(`SELECT 1 FROM ${quote(schema)}.sqlite_master WHERE type = 'table' AND name = ?`).get(name));
}
