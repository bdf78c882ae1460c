import { type RawBuilder, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldDef, HistoryDef } from '../../shared/entity/field.js';
import { resolvePath, type FieldPath } from '../../shared/entity/paths.js';
import { entityByName } from '../../shared/entities/registry.js';
import { addDays, nextBucket, type Granularity } from '../../shared/periods.js';
import type { Database } from '../db/database.js';
import type { Clock } from './installation.js';
import type { Filter } from './list-params.js';
import { ListQuery } from './list-query.js';
import { linkOf, liveLinks } from './references.js';
import { scopeOf, type Access } from '../auth/access.js';
import { scopeFilters, visibleOrFail } from './list-params.js';

type Sql = RawBuilder<unknown>;

/**
 * The analysis query layer (DESIGN.md §9 "Aggregates"): counts and exact sums grouped by field paths
 * and date buckets, built from entity definitions and filtered by the very conditions the list uses
 * (ListQuery.where), so every number can name the list filter that shows its records. Nothing here
 * knows sales or opportunities; analyses and dashboard tiles describe what they want.
 */

/**
 * What to group by: a field path (paths.ts), and for a date or date-time a calendar bucket of its local
 * day. With `keep`, only those values are groups of their own and every other value (and none) is one
 * group, keyed null: "the rest" of a top-N, counted exactly (a record once however many of its lines
 * fall there).
 */
export interface Dimension { path: string; bucket?: Granularity; keep?: readonly (string | number)[] }

/**
 * What to compute per group: the number of records, or the sum of a money or number path: an own field,
 * a rollup field (an opportunity's approved expenses), or `<lines>.amount`, the lines' amounts (a record
 * without lines counts its total), which makes the query run over lines.
 */
export type Measure = { fn: 'count' } | { fn: 'sum'; path: string };

export interface AggregateSpec {
  entity: EntityDef;
  /** The list's filters (paths allowed), already checked by list-params. */
  filters: Filter[];
  dims: Dimension[];
  measures: Measure[];
  clock: Clock;
  /** Whose rules the numbers follow: only records the actor may read are counted, and only visible fields used. */
  access: Access;
}

/** The filters with the actor's read scope added, after checking every path the numbers use is visible to them. */
function scopedFilters(spec: Pick<AggregateSpec, 'entity' | 'filters' | 'access'> & { paths?: readonly string[] }): Filter[] {
  for (const path of [...spec.filters.map((f) => f.field), ...(spec.paths ?? [])]) visibleOrFail(spec.entity, spec.access, path, 'analysis');
  // An entity the actor may not read at all counts nothing (a dashboard tile shows 0), rather than failing the whole analysis.
  if (scopeOf(spec.access, spec.entity, 'read') === 'none') return [...spec.filters, { field: 'ownerId', op: 'eq', value: -1 }];
  return [...spec.filters, ...scopeFilters(spec.entity, spec.access, 'read')];
}

/** One group: its key per dimension (a bucket's first day for a date), then one number per measure. */
export interface AggregateRow { keys: (string | number | null)[]; values: number[] }

export const MAX_GROUPS = 20_000;

/** The `lines` field a path or measure goes through, if any. */
function linesFieldOf(entity: EntityDef, path: string): string | null {
  const first = path.split('.')[0];
  return entity.allFields[first]?.kind === 'lines' ? first : null;
}

/**
 * A sum path's expression, or an error naming it; `line` is the lines alias when the query runs over
 * lines. `perRecord`: the query runs over records and sums each one's lines in a subquery (no group
 * splits lines); the same sum, as a line's amount is never null.
 */
function sumExpr(q: ListQuery, path: string, line: string | null, perRecord = false): Sql {
  const entity = q.entity;
  const linesField = linesFieldOf(entity, path);
  if (linesField) {
    const def = entity.allFields[linesField].lines;
    const total = def?.totalField ?? '';
    if (path !== `${linesField}.amount` || !def || (line === null && !perRecord)) throw new Error(`aggregate: cannot sum ${path}`);
    if (line === null) {
      return sql`COALESCE((SELECT sum(x.amount) FROM ${sql.table(def.table)} AS x WHERE ${sql.ref(`x.${def.parentKey}`)} = ${sql.ref(`${q.alias}.id`)}), ${q.col(total)})`;
    }
    return sql`COALESCE(${sql.ref(`${line}.amount`)}, ${q.col(total)})`;
  }
  const f = entity.allFields[path];
  if (f?.rollup) {
    const r = f.rollup;
    const target = entityByName(r.entity);
    if (!target) throw new Error(`aggregate: unknown rollup entity ${r.entity}`);
    const where = r.where ? sql` AND ${sql.ref(`x.${target.columnOf(r.where.field)}`)} IN (${sql.join(r.where.in.map((v) => sql`${v}`))})` : sql``;
    return sql`COALESCE((SELECT sum(${sql.ref(`x.${target.columnOf(r.sum)}`)}) FROM ${sql.table(target.table)} AS x
      WHERE x.deleted_at IS NULL AND ${sql.ref(`x.${target.columnOf(r.key)}`)} = ${sql.ref(`${q.alias}.id`)}${where}), 0)`;
  }
  if (!f || !['money', 'integer', 'decimal', 'percent'].includes(f.kind)) throw new Error(`aggregate: cannot sum ${path}`);
  if (line !== null) throw new Error(`aggregate: ${path} would be counted once per line`);
  return q.col(path);
}

/**
 * An instant's or a date's local day in the installation's zone: 'YYYY-MM-DD' text on SQLite, a
 * date on PostgreSQL (which reaches JS as the same text, database.ts; a date groups and sorts
 * several times faster than to_char's text at 1M rows: bench/analysis.ts).
 */
export function localDay(db: Database, c: Sql, f: FieldDef, tz: string): Sql {
  if (f.kind === 'datetime') return db.dialect === 'postgres' ? sql`(${c} AT TIME ZONE ${tz})::date` : sql`rapport_local_date(${c}, ${tz})`;
  return c;
}

/** The first day of the bucket a date or instant falls in ('YYYY-MM-DD' text on SQLite, a date on PostgreSQL). */
export function bucketExpr(db: Database, c: Sql, f: FieldDef, tz: string, g: Granularity): Sql {
  if (db.dialect === 'postgres') {
    const local = f.kind === 'datetime' ? sql`(${c} AT TIME ZONE ${tz})` : sql`${c}::timestamp`;
    return g === 'day' ? sql`${local}::date` : sql`date_trunc(${sql.lit(g)}, ${local})::date`;
  }
  const d = localDay(db, c, f, tz);
  switch (g) {
    case 'day': return d;
    case 'week': return sql`date(${d}, '-6 days', 'weekday 1')`;
    case 'month': return sql`(substr(${d}, 1, 7) || '-01')`;
    case 'quarter': return sql`(substr(${d}, 1, 5) || printf('%02d', ((CAST(substr(${d}, 6, 2) AS INTEGER) - 1) / 3) * 3 + 1) || '-01')`;
    case 'year': return sql`(substr(${d}, 1, 4) || '-01-01')`;
  }
}

interface Joins { sql: Sql[]; refs: Map<string, string>; item: string | null; links: number }

/** The expression a dimension groups by, adding the joins it needs. */
function dimExpr(db: Database, q: ListQuery, d: Dimension, p: FieldPath, joins: Joins, line: string | null, clock: Clock): Sql {
  const links = (f: FieldDef, self: Sql): Sql => {
    const j = `j${joins.links++}`;
    joins.sql.push(sql` LEFT JOIN (${liveLinks(linkOf(f))}) AS ${sql.table(j)} ON ${sql.ref(`${j}.s`)} = ${self}`);
    return sql.ref(`${j}.o`);
  };
  let c: Sql;
  if (p.kind === 'own') {
    if (p.field.kind === 'references') return links(p.field, sql.ref(`${q.alias}.id`));
    c = q.col(p.name);
  } else if (p.kind === 'ref') {
    let r = joins.refs.get(p.via);
    if (!r) {
      r = `r${joins.refs.size}`;
      joins.refs.set(p.via, r);
      joins.sql.push(sql` LEFT JOIN ${sql.table(p.target.table)} AS ${sql.table(r)} ON ${sql.ref(`${r}.id`)} = ${q.col(p.via)}`);
    }
    if (p.field.kind === 'references') return links(p.field, sql.ref(`${r}.id`));
    c = sql.ref(`${r}.${p.target.columnOf(p.name)}`);
  } else {
    if (line === null) throw new Error('aggregate: a lines dimension needs the lines join');
    if (p.name === null) return sql.ref(`${line}.product_id`);
    if (!joins.item) {
      joins.item = 'li';
      joins.sql.push(sql` LEFT JOIN ${sql.table(p.target.table)} AS li ON li.id = ${sql.ref(`${line}.product_id`)}`);
    }
    if (p.field.kind === 'references') return links(p.field, sql.ref('li.id'));
    c = sql.ref(`li.${p.target.columnOf(p.name)}`);
  }
  if (d.bucket) {
    if (p.field.kind !== 'date' && p.field.kind !== 'datetime') throw new Error(`aggregate: ${d.path} is not a date`);
    return bucketExpr(db, c, p.field, clock.timeZone, d.bucket);
  }
  if (p.field.kind === 'datetime') return localDay(db, c, p.field, clock.timeZone);
  return c;
}

/** A dimension's expression, with the values it does not keep folded into one group (NULL). */
function keptExpr(e: Sql, d: Dimension): Sql {
  if (!d.keep) return e;
  return d.keep.length === 0 ? sql`NULL` : sql`CASE WHEN ${e} IN (${sql.join(d.keep.map((k) => sql`${k}`))}) THEN ${e} END`;
}

/** The SQL of an aggregate: one row per group (g0, g1, …), with v0, v1, … per measure. */
export function aggregateQuery(db: Database, spec: AggregateSpec): RawBuilder<Record<string, unknown>> {
  const q = new ListQuery(db, spec.entity);
  const paths = spec.dims.map((d) => {
    const p = resolvePath(spec.entity, d.path);
    if (!p) throw new Error(`aggregate: unknown path ${d.path}`);
    return p;
  });
  const linesFields = new Set([...paths.filter((p) => p.kind === 'lines').map((p) => p.via),
    ...spec.measures.flatMap((m) => (m.fn === 'sum' && linesFieldOf(spec.entity, m.path) ? [linesFieldOf(spec.entity, m.path) as string] : []))]);
  if (linesFields.size > 1) throw new Error('aggregate: one lines field at a time');
  const linesField = [...linesFields][0] ?? null;
  // SQLite: when no group splits a record's lines, each record's lines are summed through the
  // covering (parent, product, amount) index in a subquery: a third of the join and two-level
  // grouping's time at 1M sale lines (bench/analysis.ts). PostgreSQL's hash join is faster there.
  const perRecord = linesField !== null && db.dialect === 'sqlite' && !paths.some((p) => p.kind === 'lines');
  const line = linesField && !perRecord ? 'l' : null;
  const joins: Joins = { sql: [], refs: new Map(), item: null, links: 0 };
  if (linesField && line) {
    const def = spec.entity.allFields[linesField].lines;
    if (!def) throw new Error('aggregate: not a lines field');
    // LEFT: a record without lines is one row with no product (its total counts under "none").
    joins.sql.push(sql` LEFT JOIN ${sql.table(def.table)} AS ${sql.table(line)} ON ${sql.ref(`${line}.${def.parentKey}`)} = t.id`);
  }
  // SQLite: with a period (a range) among the filters, a unary + keeps the planner from walking a group
  // column's index in order (to skip a sort) and fetching every row of all time: it reads the period's
  // range instead (sales by owner this year at 1M: 3.1 s → 0.12 s). The value is the same.
  const ranged = db.dialect === 'sqlite' && spec.filters.some((f) => ['gt', 'gte', 'lt', 'lte'].includes(f.op));
  const exprs = spec.dims.map((d, i) => {
    const e = keptExpr(dimExpr(db, q, d, paths[i], joins, line, spec.clock), d);
    return ranged && !d.bucket ? sql`+${e}` : e;
  });
  // SQLite's sum() raises past 2^63 where total() does not (exact to 2^53, all a JSON number holds).
  const sum = db.dialect === 'sqlite' ? sql`total` : sql`sum`;
  const where = q.where({ q: '', filters: scopedFilters({ ...spec, paths: [...spec.dims.map((d) => d.path), ...spec.measures.flatMap((m) => (m.fn === 'sum' ? [m.path] : []))] }), trash: false, clock: spec.clock });
  const from = sql`${sql.table(spec.entity.table)} AS t${sql.join(joins.sql, sql``)}`;
  // By position: an expression with bound values (a zone) would not be the same expression twice to PostgreSQL.
  const positions = (n: number, from = 1) => sql.join(Array.from({ length: n }, (_, i) => sql.raw(String(i + from))));
  const groupKeys = exprs.map((e, i) => sql`${e} AS ${sql.ref(`g${i}`)}`);
  const tail = exprs.length === 0 ? sql`` : sql` GROUP BY ${positions(exprs.length)} ORDER BY ${positions(exprs.length)} LIMIT ${MAX_GROUPS + 1}`;
  if (line) {
    // Over lines a record counts once per group however many of its lines fall there: first one row per
    // record and group (its lines' sum), then per group. Two hash aggregates where count(DISTINCT) would
    // sort every group's ids (PostgreSQL; SQLite sorts either way), with exactly the same numbers.
    const inner = spec.measures.flatMap((m, i) => (m.fn === 'sum' ? [sql`${sum}(${sumExpr(q, m.path, line)}) AS ${sql.ref(`s${i}`)}`] : []));
    const outer = spec.measures.map((m, i) => (m.fn === 'count' ? sql`count(*)` : sql`${sum}(${sql.ref(`x.s${i}`)})`));
    // The id first: SQLite then groups while reading the records in id order, with no sort (a third of the time at 1M).
    const perRecord = sql`SELECT ${sql.join([sql`t.id AS id`, ...groupKeys, ...inner])} FROM ${from} WHERE ${where} GROUP BY ${positions(exprs.length + 1)}`;
    const selects = [...exprs.map((_, i) => sql.ref(`x.g${i}`)), ...outer.map((v, i) => sql`${v} AS ${sql.ref(`v${i}`)}`)];
    return sql<Record<string, unknown>>`SELECT ${sql.join(selects)} FROM (${perRecord}) AS x${tail}`;
  }
  const values = spec.measures.map((m) => (m.fn === 'count' ? sql`count(*)` : sql`${sum}(${sumExpr(q, m.path, line, perRecord)})`));
  const selects = [...groupKeys, ...values.map((v, i) => sql`${v} AS ${sql.ref(`v${i}`)}`)];
  return sql<Record<string, unknown>>`SELECT ${sql.join(selects)} FROM ${from} WHERE ${where}${tail}`;
}

const keyOf = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : typeof v === 'number' || typeof v === 'string' ? v : String(v));

/** Runs an aggregate: its groups (at most MAX_GROUPS; `capped` when there were more). */
export async function aggregate(db: Database, spec: AggregateSpec): Promise<{ rows: AggregateRow[]; capped: boolean }> {
  const { rows } = await aggregateQuery(db, spec).execute(db.kysely);
  const capped = rows.length > MAX_GROUPS;
  return {
    rows: rows.slice(0, MAX_GROUPS).map((r) => ({
      keys: spec.dims.map((_, i) => keyOf(r[`g${i}`])),
      // An empty sum is 0; integers stay exact (SQLite's total() is a float holding an integer).
      values: spec.measures.map((_, i) => Math.round(Number(r[`v${i}`] ?? 0))),
    })),
    capped,
  };
}

/**
 * The list filters that select one group's records: its value (a bucket as the range of its days),
 * no value as `empty`, or for "the rest" of a dimension with `keep` every value but those.
 */
export function groupFilters(d: Dimension, key: string | number | null): Filter[] {
  if (key === null && d.keep) return [{ field: d.path, op: 'nin', value: [...d.keep] }];
  if (key === null) return [{ field: d.path, op: 'empty', value: true }];
  if (d.bucket && typeof key === 'string') return [{ field: d.path, op: 'gte', value: key }, { field: d.path, op: 'lte', value: addDays(nextBucket(key, d.bucket), -1) }];
  return [{ field: d.path, op: 'eq', value: key }];
}

/** Filters that keep the period (a date or date-time path, whole local days) on top of others. */
export function periodFilters(path: string, from: string, to: string): Filter[] {
  return [{ field: path, op: 'gte', value: from }, { field: path, op: 'lte', value: to }];
}

/** A history field's table and the ids of the values to follow, for `progress`. */
export interface ProgressSpec {
  entity: EntityDef;
  /** A field whose changes are kept (field.ts `history`). */
  field: string;
  /** The values in their order (the stages of a funnel). */
  sequence: number[];
  filters: Filter[];
  /** A money field summed for the records reaching each value (their current amounts). */
  sum: string;
  /** Optionally, groups (a cohort: the created month). */
  dim?: Dimension;
  clock: Clock;
  access: Access;
}

/** Per group: how many records there are, and per value of the sequence how many reached it and how many passed every value before it in order. */
export interface ProgressRow { key: string | number | null; records: number; reached: number[]; passed: number[]; reachedSum: number[]; passedSum: number[] }

function historyOf(entity: EntityDef, field: string): HistoryDef {
  const h = entity.allFields[field]?.history;
  if (!h) throw new Error(`aggregate: ${entity.name}.${field} keeps no history`);
  return h;
}

/**
 * How far records got through a sequence of values, from the field's history in one pass: per record
 * the first history row that reached each value, then per value the records that reached it at least
 * once and those that first reached every value before it in order (the conditions of the list
 * filters `reached` and `passed`, so a drill-down opens exactly the records counted).
 */
export async function progress(db: Database, spec: ProgressSpec): Promise<ProgressRow[]> {
  const h = historyOf(spec.entity, spec.field);
  const q = new ListQuery(db, spec.entity);
  const firsts = spec.sequence.map((s, i) => sql`MIN(CASE WHEN ${sql.ref(`h.${h.toColumn}`)} = ${s} THEN h.id END) AS ${sql.ref(`f${i}`)}`);
  const where = q.where({ q: '', filters: scopedFilters({ ...spec, paths: [spec.field, spec.sum, ...(spec.dim ? [spec.dim.path] : [])] }), trash: false, clock: spec.clock });
  const dimPath = spec.dim ? resolvePath(spec.entity, spec.dim.path) : undefined;
  if (spec.dim && (!dimPath || dimPath.kind !== 'own')) throw new Error('aggregate: progress groups by an own field');
  const joins: Joins = { sql: [], refs: new Map(), item: null, links: 0 };
  const g = spec.dim && dimPath ? dimExpr(db, q, spec.dim, dimPath, joins, null, spec.clock) : sql`NULL`;
  // SQLite, with a period among the filters: `+t.id` keeps the planner on the period's range instead of
  // reading every record in id order to skip a sort (the funnel at 1M: 8 s → 3 s; see aggregateQuery).
  const byId = db.dialect === 'sqlite' && spec.filters.some((f) => ['gt', 'gte', 'lt', 'lte'].includes(f.op)) ? sql`+t.id` : sql`t.id`;
  const inner = sql`SELECT t.id, ${g} AS g, ${q.col(spec.sum)} AS amt, ${sql.join(firsts)}
    FROM ${sql.table(spec.entity.table)} AS t JOIN ${sql.table(h.table)} AS h ON ${sql.ref(`h.${h.recordKey}`)} = t.id
    WHERE ${where} GROUP BY ${byId}`;
  const f = (i: number) => sql.ref(`x.f${i}`);
  const reachedCond = (i: number) => sql`${f(i)} IS NOT NULL`;
  const passedCond = (i: number) => sql.join([sql`${f(0)} IS NOT NULL`, ...spec.sequence.slice(1, i + 1).map((_, j) => sql`${f(j)} < ${f(j + 1)}`)], sql` AND `);
  const sum = db.dialect === 'sqlite' ? sql`total` : sql`sum`;
  const cols = spec.sequence.flatMap((_, i) => [
    sql`sum(CASE WHEN ${reachedCond(i)} THEN 1 ELSE 0 END) AS ${sql.ref(`r${i}`)}`,
    sql`sum(CASE WHEN ${passedCond(i)} THEN 1 ELSE 0 END) AS ${sql.ref(`p${i}`)}`,
    sql`${sum}(CASE WHEN ${reachedCond(i)} THEN x.amt ELSE 0 END) AS ${sql.ref(`ra${i}`)}`,
    sql`${sum}(CASE WHEN ${passedCond(i)} THEN x.amt ELSE 0 END) AS ${sql.ref(`pa${i}`)}`,
  ]);
  const { rows } = await sql<Record<string, unknown>>`SELECT x.g AS g, count(*) AS n, ${sql.join(cols)} FROM (${inner}) AS x GROUP BY x.g ORDER BY x.g`.execute(db.kysely);
  const n = (v: unknown) => Math.round(Number(v ?? 0));
  return rows.map((r) => ({
    key: keyOf(r.g),
    records: n(r.n),
    reached: spec.sequence.map((_, i) => n(r[`r${i}`])),
    passed: spec.sequence.map((_, i) => n(r[`p${i}`])),
    reachedSum: spec.sequence.map((_, i) => n(r[`ra${i}`])),
    passedSum: spec.sequence.map((_, i) => n(r[`pa${i}`])),
  }));
}

/**
 * The median time (seconds) records spent at each value of a history field before it changed again,
 * per visit, for the records the filters keep; a value a record still holds is not counted.
 */
export async function medianStays(db: Database, spec: Pick<ProgressSpec, 'entity' | 'field' | 'filters' | 'clock' | 'access'>): Promise<Map<number, { median: number; visits: number }>> {
  const h = historyOf(spec.entity, spec.field);
  const q = new ListQuery(db, spec.entity);
  const where = q.where({ q: '', filters: scopedFilters({ ...spec, paths: [spec.field] }), trash: false, clock: spec.clock });
  const rec = sql.ref(`h.${h.recordKey}`);
  const next = sql`LEAD(h.changed_at) OVER (PARTITION BY ${rec} ORDER BY h.id)`;
  const stay = db.dialect === 'postgres'
    ? sql`EXTRACT(EPOCH FROM (${next} - h.changed_at))`
    : sql`(julianday(${next}) - julianday(h.changed_at)) * 86400.0`;
  const median = db.dialect === 'postgres' ? sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY v.stay)` : sql`rapport_median(v.stay)`;
  const { rows } = await sql<{ s: unknown; m: unknown; n: unknown }>`SELECT v.s AS s, ${median} AS m, count(*) AS n FROM (
      SELECT ${sql.ref(`h.${h.toColumn}`)} AS s, ${stay} AS stay FROM ${sql.table(h.table)} AS h
      WHERE ${rec} IN (SELECT t.id FROM ${sql.table(spec.entity.table)} AS t WHERE ${where})) AS v
    WHERE v.stay IS NOT NULL GROUP BY v.s`.execute(db.kysely);
  return new Map(rows.map((r) => [Number(r.s), { median: Math.round(Number(r.m ?? 0)), visits: Number(r.n) }]));
}
