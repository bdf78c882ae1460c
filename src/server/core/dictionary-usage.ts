import { type Kysely, sql } from 'kysely';
import { ENTITIES } from '../../shared/entities/registry.js';
import type { DbSchema } from '../db/database.js';
import type { WriteContext } from './hooks.js';

/**
 * Where a dictionary's values are used: every entity field of that dictionary and its history
 * table (found in the definitions, so a new entity is covered the moment it is declared) plus
 * tables a module registers. A value in use cannot be hard-deleted; a merge
 * moves every one of these to the other value in one transaction.
 */
export interface Usage {
  table: string;
  column: string;
  /** Set for entity tables: they have versions, Trash and audit columns. */
  entity?: string;
  field?: string;
}

const extra = new Map<string, Usage[]>();

/** A module's table that holds values of a dictionary (not an entity field). */
export function registerDictionaryUsage(key: string, usage: Usage): void {
  const list = extra.get(key) ?? [];
  if (!list.some((u) => u.table === usage.table && u.column === usage.column)) extra.set(key, [...list, usage]);
}

export function usagesOf(key: string): Usage[] {
  const out: Usage[] = [];
  for (const e of ENTITIES) {
    for (const [name, f] of Object.entries(e.fields)) {
      if (f.kind !== 'dictionary' || f.dictionary !== key) continue;
      out.push({ table: e.table, column: e.columnOf(name), entity: e.name, field: name });
      // A value in a field's history (a stage some opportunity passed through) is in use too.
      if (f.history) out.push({ table: f.history.table, column: f.history.fromColumn }, { table: f.history.table, column: f.history.toColumn });
    }
  }
  return [...out, ...(extra.get(key) ?? [])];
}

/** What a module does when values of a dictionary change meaning (attributes edited, a merge). */
export interface DictionaryHooks {
  /** After values' attributes changed, or after a merge into `ids[0]`. Runs in the same transaction. */
  valuesChanged?(ctx: WriteContext, ids: readonly number[]): Promise<void>;
}

const hooks = new Map<string, DictionaryHooks[]>();

export function registerDictionaryHooks(key: string, h: DictionaryHooks): void {
  const list = hooks.get(key) ?? [];
  if (!list.includes(h)) hooks.set(key, [...list, h]);
}

export function dictionaryHooksFor(key: string): readonly DictionaryHooks[] {
  return hooks.get(key) ?? [];
}

/**
 * How many rows use each value: live records (read from the `<table>_live_<col>` partial
 * indexes) and records in Trash (from the Trash index): a restored record must find its value.
 * With `modules`, rows of module tables too (a stage in some opportunity's stage history): they
 * keep a value from being deleted, but are not records, and counting them for every value is
 * what made the editor's counts slow (history rows outnumber opportunities: 435–590 ms at 1M).
 */
export async function usageCounts(executor: Kysely<DbSchema>, key: string, ids: readonly number[], opts: { modules?: boolean } = {}): Promise<Map<number, number>> {
  const out = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return out;
  const add = (rows: { v: unknown; n: unknown }[]) => { for (const r of rows) out.set(Number(r.v), (out.get(Number(r.v)) ?? 0) + Number(r.n)); };
  for (const u of usagesOf(key)) {
    if (!u.entity && !opts.modules) continue;
    const col = sql.ref(u.column);
    const table = sql.table(u.table);
    const inIds = sql`${col} IN (${sql.join(ids)})`;
    if (u.entity) {
      add((await sql<{ v: unknown; n: unknown }>`SELECT ${col} AS v, count(*) AS n FROM ${table} WHERE deleted_at IS NULL AND ${inIds} GROUP BY ${col}`.execute(executor)).rows);
      add((await sql<{ v: unknown; n: unknown }>`SELECT ${col} AS v, count(*) AS n FROM ${table} WHERE deleted_at IS NOT NULL AND ${inIds} GROUP BY ${col}`.execute(executor)).rows);
    } else {
      add((await sql<{ v: unknown; n: unknown }>`SELECT ${col} AS v, count(*) AS n FROM ${table} WHERE ${inIds} GROUP BY ${col}`.execute(executor)).rows);
    }
  }
  return out;
}
