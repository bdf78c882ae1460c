import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { RapportApp } from '../../src/server/app.js';

/**
 * The plan of a query as text. PostgreSQL is asked with sequential scans priced out, which shows
 * that an index path for the query's shape exists (on a small test table a scan is cheaper, so the
 * planner would pick it); the benches show the planner picks the index at 1M rows.
 */
export async function planOf(app: RapportApp, query: RawBuilder<unknown>): Promise<string> {
  const db = app.database;
  const c = query.compile(db.kysely);
  if (db.sqlite) {
    const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[];
    return rows.map((r) => r.detail).join('\n');
  }
  return db.kysely.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const res = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]));
    return res.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

interface PgNode { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PgNode[] }

/**
 * Where a query reads every row of `table`, to sort or count them all: SQLite scans it (with or
 * without an index) and sorts the result in a temporary b-tree; PostgreSQL reads it with a
 * sequential scan, or an index scan without a condition under a sort or an aggregate rather than
 * a limit. Walking the sort's index until the page is full (and stopping there) is not one.
 * Empty when there is none; else the offending plan lines.
 */
export async function fullReads(app: RapportApp, query: RawBuilder<unknown>, table: string): Promise<string[]> {
  const db = app.database;
  const c = query.compile(db.kysely);
  if (db.sqlite) {
    const rows = db.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.parameters as unknown[])) as { id: number; parent: number; detail: string }[];
    // A subquery in FROM (the sort window, a capped count) is scanned as a co-routine: not a table.
    const subqueries = new Set(rows.map((r) => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/.exec(r.detail)?.[1]).filter(Boolean));
    const scanOf = (d: string) => {
      const name = /^SCAN (\w+)/.exec(d)?.[1];
      return name !== undefined && !subqueries.has(name) && !/VIRTUAL TABLE/.test(d) && [table, 't', 'w'].includes(name);
    };
    const sorted = new Set(rows.filter((r) => /TEMP B-TREE FOR (ORDER|GROUP) BY/.test(r.detail)).map((r) => r.parent));
    return rows.filter((r) => scanOf(r.detail) && (!/ USING /.test(r.detail) || sorted.has(r.parent))).map((r) => r.detail);
  }
  return db.kysely.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const res = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: PgNode }] }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${c.sql}`, [...c.parameters]));
    const out: string[] = [];
    const walk = (n: PgNode, stop: string | null) => {
      const type = n['Node Type'];
      if (n['Relation Name'] === table) {
        if (type === 'Seq Scan') out.push(`Seq Scan on ${table}`);
        else if ((type === 'Index Scan' || type === 'Index Only Scan') && !n['Index Cond'] && stop !== 'Limit') out.push(`${type} on ${table} without a condition under ${stop ?? 'the top'}`);
      }
      const next = ['Limit', 'Sort', 'Incremental Sort', 'Aggregate', 'Hash', 'Materialize', 'Gather Merge'].includes(type) ? type : stop;
      for (const child of n.Plans ?? []) walk(child, next);
    };
    walk(res.rows[0]['QUERY PLAN'][0].Plan, null);
    return out;
  });
}
