// Frozen once shipped, like the migrations that import it: never edit; a different shape belongs in group-totals-v2.ts.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf } from '../ddl.js';
import { run } from './record-table-v1.js';

/** What an entity's `groupTotals` (define.ts) keeps: its live rows counted and summed per value of one column. */
export interface GroupTotalsDdl { table: string; source: string; groupColumn: string; sumColumns: readonly string[] }

/**
 * The totals table (one row per value: `group_key` is the value, 0 for none; `n`; `s_<column>` per sum),
 * filled from the live rows and kept by triggers in the transaction of every write — from the record
 * service, a module's own SQL or a bulk load alike — so the totals cannot drift from the rows.
 * Triggers are named `<table>_a?`, which bulk-load.ts leaves in place during a load.
 */
export async function createGroupTotals(db: Kysely<DbSchema>, d: GroupTotalsDdl): Promise<void> {
  const sums = d.sumColumns.map((c) => `s_${c}`);
  await run(db, `CREATE TABLE ${d.table} (group_key BIGINT NOT NULL PRIMARY KEY, n BIGINT NOT NULL${sums.map((s) => `, ${s} BIGINT NOT NULL`).join('')})`);
  const of = (row: string) => [`coalesce(${row}.${d.groupColumn}, 0)`, '1', ...d.sumColumns.map((c) => `coalesce(${row}.${c}, 0)`)].join(', ');
  const cols = ['group_key', 'n', ...sums].join(', ');
  const add = (t: string) => ['n = n + 1', ...sums.map((s) => `${s} = ${t}.${s} + excluded.${s}`)].map((x) => x.replace(/^n = n/, `n = ${t}.n`)).join(', ');
  const subtract = (row: string) => ['n = n - 1', ...d.sumColumns.map((c, i) => `${sums[i]} = ${sums[i]} - coalesce(${row}.${c}, 0)`)].join(', ');
  const watched = [d.groupColumn, ...d.sumColumns, 'deleted_at'].join(', ');
  if (dialectOf(db) === 'postgres') {
    await run(db, `CREATE FUNCTION ${d.table}_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
          UPDATE ${d.table} SET ${subtract('OLD')} WHERE group_key = coalesce(OLD.${d.groupColumn}, 0);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL THEN
          INSERT INTO ${d.table} (${cols}) VALUES (${of('NEW')}) ON CONFLICT (group_key) DO UPDATE SET ${add(d.table)};
        END IF;
        RETURN NULL;
      END $$`);
    await run(db, `CREATE TRIGGER ${d.table}_aw AFTER INSERT OR DELETE OR UPDATE OF ${watched} ON ${d.source} FOR EACH ROW EXECUTE FUNCTION ${d.table}_apply()`);
  } else {
    await run(db, `CREATE TRIGGER ${d.table}_ai AFTER INSERT ON ${d.source} WHEN new.deleted_at IS NULL BEGIN
      INSERT INTO ${d.table} (${cols}) VALUES (${of('new')}) ON CONFLICT (group_key) DO UPDATE SET ${add(d.table)};
    END`);
    await run(db, `CREATE TRIGGER ${d.table}_ad AFTER DELETE ON ${d.source} WHEN old.deleted_at IS NULL BEGIN
      UPDATE ${d.table} SET ${subtract('old')} WHERE group_key = coalesce(old.${d.groupColumn}, 0);
    END`);
    await run(db, `CREATE TRIGGER ${d.table}_au AFTER UPDATE OF ${watched} ON ${d.source} BEGIN
      UPDATE ${d.table} SET ${subtract('old')} WHERE group_key = coalesce(old.${d.groupColumn}, 0) AND old.deleted_at IS NULL;
      INSERT INTO ${d.table} (${cols}) SELECT ${of('new')} WHERE new.deleted_at IS NULL ON CONFLICT (group_key) DO UPDATE SET ${add(d.table)};
    END`);
  }
  await sql.raw(`INSERT INTO ${d.table} (${cols}) SELECT coalesce(${d.groupColumn}, 0), count(*)${d.sumColumns.map((c) => `, coalesce(sum(${c}), 0)`).join('')}
    FROM ${d.source} WHERE deleted_at IS NULL GROUP BY coalesce(${d.groupColumn}, 0)`).execute(db);
}
