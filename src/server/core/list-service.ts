import { sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database } from '../db/database.js';
import { DUE_STATES, encodeCursor, type DueState, type ListParams } from './list-params.js';
import { ListQuery } from './list-query.js';
import { toApiRecords } from './decorate.js';
import type { ApiRecord } from './record-mapper.js';
import { isLabelled, labelsFor } from './labels.js';
import { searchTerms } from './search-text.js';
import { enumLabel, translate } from './i18n.js';
import { redact } from '../auth/access.js';

/** Totals above this are reported as "10,000+" so no page waits on an exact count. */
export const TOTAL_CAP = 10_000;
/** A search's total is capped lower ("1,000+"): counting reads each match's row on PostgreSQL. */
export const SEARCH_TOTAL_CAP = 1_000;

export function totalCap(p: Pick<ListParams, 'q' | 'totalMode'>): number | null {
  if (p.totalMode === 'exact') return null;
  return searchTerms(p.q).length ? SEARCH_TOTAL_CAP : TOTAL_CAP;
}
const MAX_GROUPS = 1000;

export interface ListResult { items: ApiRecord[]; total: number | null; totalCapped: boolean; nextCursor: string | null }
export interface Group { value: unknown; label: string | null; count: number; sums?: Record<string, number>; groups?: Group[] }
export interface GroupResult { groups: Group[]; total: number; sums?: Record<string, number>; groupsCapped: boolean }

/** A page of records; the total comes with it unless the client asked for it separately (`total=none`). */
export async function listRecords(db: Database, entity: EntityDef, p: ListParams): Promise<ListResult> {
  const q = new ListQuery(db, entity);
  const [page, count] = await Promise.all([q.page(p), p.totalMode === 'none' ? null : q.count(p, totalCap(p))]);
  return {
    items: (await toApiRecords(db.kysely, entity, page.rows, p.locale)).map((r) => redact(p.access, entity, r)),
    total: count ? count.total : null,
    totalCapped: count ? count.capped : false,
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
  };
}

/** The list's total on its own, so a page never waits for it (GET /<entities>/count). */
export async function countRecords(db: Database, entity: EntityDef, p: ListParams): Promise<{ total: number; totalCapped: boolean }> {
  const count = await new ListQuery(db, entity).count(p, totalCap(p));
  return { total: count.total, totalCapped: count.capped };
}

/** Group counts over all matching rows, computed by the database (never from a loaded page). */
export async function groupRecords(db: Database, entity: EntityDef, p: ListParams): Promise<GroupResult> {
  const q = new ListQuery(db, entity);
  const limit = p.groupBy.length === 1 ? MAX_GROUPS : MAX_GROUPS * 5;
  const { rows } = await groupQuery(q, p).execute(db.kysely);
  const capped = rows.length > limit;
  const kept = capped ? rows.slice(0, limit) : rows;
  const labels = await Promise.all(p.groupBy.map(async (g, i) => {
    const f = entity.allFields[g];
    return isLabelled(f) ? labelsFor(db, f, kept.map((r) => Number(r[`g${i}`])), p.locale) : null;
  }));
  const norm = (g: string, v: unknown): unknown => {
    if (v === null || v === undefined) return null;
    const f = entity.allFields[g];
    if (f.kind === 'boolean') return v === true || v === 1;
    return typeof v === 'bigint' ? Number(v) : v;
  };
  const label = (i: number, v: unknown): string | null => {
    if (v === null) return null;
    if (entity.allFields[p.groupBy[i]].kind === 'enum') return enumLabel(p.locale, entity.name, p.groupBy[i], String(v));
    if (entity.allFields[p.groupBy[i]].due) return translate(p.locale, `list.due.${String(v)}`, String(v));
    return labels[i]?.get(Number(v)) ?? String(v);
  };
  // Sums come back per row as s0, s1, … (null for a group of empty values: 0).
  const zero = () => (p.sums.length ? Object.fromEntries(p.sums.map((f) => [f, 0])) as Record<string, number> : undefined);
  const sumsOf = (r: Record<string, unknown>) => (p.sums.length ? Object.fromEntries(p.sums.map((f, i) => [f, Number(r[`s${i}`] ?? 0)])) as Record<string, number> : undefined);
  const addTo = (into: Record<string, number> | undefined, from: Record<string, number> | undefined) => {
    if (into && from) for (const f of p.sums) into[f] += from[f];
  };
  const top = new Map<string, Group>();
  const grand = zero();
  let total = 0;
  for (const r of kept) {
    const n = Number(r.n);
    const rowSums = sumsOf(r);
    total += n;
    addTo(grand, rowSums);
    const v0 = norm(p.groupBy[0], r.g0);
    const key = JSON.stringify(v0);
    let g = top.get(key);
    if (!g) { g = { value: v0, label: label(0, v0), count: 0, ...(p.sums.length ? { sums: zero() } : {}) }; top.set(key, g); }
    g.count += n;
    addTo(g.sums, rowSums);
    if (p.groupBy.length === 2) {
      const v1 = norm(p.groupBy[1], r.g1);
      (g.groups ??= []).push({ value: v1, label: label(1, v1), count: n, ...(rowSums ? { sums: rowSums } : {}) });
    }
  }
  // The empty group comes last on both databases (their NULL orders differ).
  const nullsLast = (gs: Group[]) => [...gs.filter((g) => g.value !== null), ...gs.filter((g) => g.value === null)];
  let groups = nullsLast(Array.from(top.values()));
  for (const g of groups) if (g.groups) g.groups = nullsLast(g.groups);
  // Dictionary groups follow the dictionary's own order, as the forms do; a deadline's states their time order.
  if (entity.allFields[p.groupBy[0]].kind === 'dictionary') groups = await orderByDictionary(db, groups);
  if (entity.allFields[p.groupBy[0]].due) groups = [...groups].sort((a, b) => dueRank(a.value) - dueRank(b.value));
  return { groups, total, ...(grand ? { sums: grand } : {}), groupsCapped: capped };
}

/** The group-by SQL: counts per value (or value pair), in value order, at most the group limit + 1 rows. */
export function groupQuery(q: ListQuery, p: ListParams) {
  const exprs = p.groupBy.map((g, i) => q.groupExpr(g, i, p.clock));
  const joins = p.groupBy.map((g, i) => q.groupJoin(g, i));
  // SQLite's sum() raises an error past 2^63; total() does not (and is exact to 2^53, all a JSON number holds).
  const sum = q.db.dialect === 'sqlite' ? sql`total` : sql`sum`;
  const selects = [...exprs.map((e, i) => sql`${e} AS ${sql.ref(`g${i}`)}`), ...p.sums.map((f, i) => sql`${sum}(${q.col(f)}) AS ${sql.ref(`s${i}`)}`)];
  const limit = p.groupBy.length === 1 ? MAX_GROUPS : MAX_GROUPS * 5;
  const kept = q.entity.groupTotals;
  if (kept && !p.q && p.filters.length === 0 && !p.trash && p.groupBy.length === 1 && p.groupBy[0] === kept.groupBy && p.sums.every((f) => kept.sums.includes(f))) {
    // Kept by the database with every write (define.ts groupTotals): a few rows instead of every record.
    const keptSums = p.sums.map((f, i) => sql`${sql.ref(`s_${q.entity.columnOf(f)}`)} AS ${sql.ref(`s${i}`)}`);
    return sql<Record<string, unknown>>`SELECT NULLIF(group_key, 0) AS g0${sql.join(keptSums.map((s) => sql`, ${s}`), sql``)}, n
      FROM ${sql.table(kept.table)} WHERE n > 0 ORDER BY 1 LIMIT ${limit + 1}`;
  }
  // By position: an expression with bound values (a zone, now) would not be the same expression twice to PostgreSQL.
  const positions = sql.join(exprs.map((_, i) => sql.raw(String(i + 1))));
  if (p.groupBy.length === 1 && q.entity.allFields[p.groupBy[0]].due) {
    // A deadline's states: the running clocks (a few % of the rows) are read by state from their index, the
    // rest only counted, instead of the state of every row computed and sorted (700 ms at 1M on SQLite).
    const c = q.col(p.groupBy[0]);
    const sums = p.sums.map((f, i) => sql`${sum}(${q.col(f)}) AS ${sql.ref(`s${i}`)}`);
    const sumRefs = p.sums.map((_, i) => sql.ref(`z.s${i}`));
    const table = sql.table(q.entity.table);
    return sql<Record<string, unknown>>`SELECT * FROM (SELECT ${sql.join(selects)}, count(*) AS n FROM ${table} AS t WHERE ${q.where(p)} AND ${c} IS NOT NULL GROUP BY 1
      UNION ALL SELECT NULL${sql.join(sumRefs.map((s) => sql`, ${s}`), sql``)}, z.n FROM (SELECT ${sql.join([...sums, sql`count(*) AS n`])} FROM ${table} AS t
      WHERE ${q.where(p)} AND ${c} IS NULL) AS z WHERE z.n > 0) AS d ORDER BY 1 LIMIT ${limit + 1}`;
  }
  return sql<Record<string, unknown>>`SELECT ${sql.join(selects)}, count(*) AS n FROM ${sql.table(q.entity.table)} AS t${sql.join(joins, sql``)}
    WHERE ${q.where(p)} GROUP BY ${positions} ORDER BY ${positions} LIMIT ${limit + 1}`;
}

/** Groups keyed by dictionary values in the dictionary's own order (a child under its parent), the empty one last. */
export async function orderByDictionary<G extends { value: unknown }>(db: Database, groups: G[]): Promise<G[]> {
  const ids = groups.map((g) => g.value).filter((v): v is number => typeof v === 'number');
  if (ids.length === 0) return groups;
  // A child value (a subcategory) ranks under its parent: by the parent's place, then its own.
  const { rows } = await sql<{ id: number; position: number; parent: number | null }>`SELECT v.id, v.position, p.position AS parent FROM dictionary_values v
    LEFT JOIN dictionary_values p ON p.id = v.parent_id WHERE v.id IN (${sql.join(ids)})`.execute(db.kysely);
  const pos = new Map(rows.map((r) => [Number(r.id), r.parent === null ? [Number(r.position), -1] : [Number(r.parent), Number(r.position)]]));
  const LAST = [Number.MAX_SAFE_INTEGER, 0];
  const rank = (g: G) => (g.value === null ? LAST : pos.get(Number(g.value)) ?? [Number.MAX_SAFE_INTEGER - 1, 0]);
  return [...groups].sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}

const dueRank = (v: unknown) => (v === null ? DUE_STATES.length : DUE_STATES.indexOf(v as DueState));
