import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import { instantInRange, type FieldDef, type HistoryDef } from '../../shared/entity/field.js';
import { resolvePath } from '../../shared/entity/paths.js';
import type { Database } from '../db/database.js';
import { toDbValue, type Row } from './record-mapper.js';
import { NULL_SATISFIES, type Filter, type ListParams, type SortKey } from './list-params.js';
import type { Clock } from './installation.js';
import { addDays, localDate, midnightOf, zonedMidnight } from './time-zones.js';
import { hasLink, linkedTo, linkOf, liveLinks } from './references.js';
import { searchTerms, type SearchTerm } from './search-text.js';

type Sql = RawBuilder<unknown>;
/** Newest rows a PostgreSQL search scans before letting the search index drive (1,500: a 2.5%-common term fills a page; a missing one costs ~6 ms at 1M). */
const PG_SEARCH_WINDOW = 1500;
/**
 * The window for a page of `limit` rows: 1,500 was tuned for 50-row pages; the web asks 100, and a
 * fixed window then fell short for a term in 3–6% of rows, whose fallback reads every match's row
 * (42,000 for "maintenance" in 1M opportunities: 270 ms; bench/opportunities.ts). The same rows
 * per page row keeps the tuned threshold. Any window gives the same answer: it is used only when
 * it holds more than a page of matches, and every row outside it is older.
 */
export function pgSearchWindowRows(limit: number): number {
  return Math.max(PG_SEARCH_WINDOW, 30 * (limit + 1));
}
/**
 * Rows of the sort order a filtered list reads before gathering its matches instead (ListQuery.bounded):
 * 20 per page row finds a page when 1 row in 20 matches, in ~2 ms at 1M rows on SQLite.
 */
export function sortWindowRows(limit: number): number {
  return 20 * (limit + 1);
}
/** The second window's size, in first windows (ListQuery.page). */
const WIDER_WINDOW = 10;
const TRUE: Sql = sql`1=1`;
const FALSE: Sql = sql`1=0`;

const and = (parts: Sql[]): Sql => (parts.length === 0 ? TRUE : parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` AND `)})`);
const or = (parts: Sql[]): Sql => (parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` OR `)})`);

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const ftsPhrase = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Per database: whether one index serves a page statement (ListQuery.oneIndexServes), by SQL text. */
const servedPlans = new WeakMap<Database, Map<string, boolean>>();
const liveIdIndexes = new WeakMap<Database, Map<string, string | undefined>>();
/** The `<table>_live_id` partial index (migration 001's naming), if this SQLite database has it. */
function liveIdIndexOf(db: Database, table: string): string | undefined {
  let known = liveIdIndexes.get(db);
  if (!known) { known = new Map(); liveIdIndexes.set(db, known); }
  if (!known.has(table)) {
    const name = `${table}_live_id`;
    const row = db.sqlite?.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name);
    known.set(table, row ? name : undefined);
  }
  return known.get(table);
}

export interface ListQueryOptions {
  /**
   * A `contains` on a searched field also asks the search index, so the matches are gathered from it
   * instead of read row by row (used where the matches are gathered, not while an index is walked in order).
   */
  containsBySearch?: boolean;
  /** The sort window's rows for a page of `limit` (sortWindowRows; tests make it small to reach the fallback). */
  windowRows?: (limit: number) => number;
}

export class ListQuery {
  /**
   * `alias`: the name the entity's table has in the query (`t`).
   */
  constructor(readonly db: Database, readonly entity: EntityDef, readonly alias = 't', readonly options: ListQueryOptions = {}) {}

  col(field: string): Sql {
    return sql.ref(`${this.alias}.${this.entity.columnOf(field)}`);
  }

  private value(field: string, v: unknown): unknown {
    return toDbValue(this.entity.allFields[field], v, this.db.dialect);
  }

  /** WHERE for trash/live, q and filters: everything except paging. */
  where(p: Pick<ListParams, 'q' | 'filters' | 'trash' | 'clock'> & { searchIn?: readonly string[] }, live = true): Sql {
    const parts: Sql[] = live ? [p.trash ? sql`t.deleted_at IS NOT NULL` : sql`t.deleted_at IS NULL`] : [];
    for (const term of searchTerms(p.q)) {
      parts.push(this.searchCondition(term));
      // The search text holds every searched field; when some are hidden from the actor, the term must be in one they see.
      if (p.searchIn) parts.push(this.visibleMatch(term.text, p.searchIn));
    }
    for (const f of p.filters) parts.push(this.filterCondition(f, p.clock));
    return and(parts);
  }

  /** The instants "now" and "the end of today" in the installation's zone, as the column stores them. */
  private dueBounds(field: FieldDef, clock: Clock): [unknown, unknown] {
    const endOfToday = zonedMidnight(addDays(localDate(clock.now, clock.timeZone), 1), clock.timeZone);
    return [toDbValue(field, new Date(clock.now).toISOString(), this.db.dialect), toDbValue(field, new Date(endOfToday).toISOString(), this.db.dialect)];
  }

  /** A deadline's state: overdue (before now), today (before the end of today), later; empty while no clock runs. */
  dueState(field: string, clock: Clock): Sql {
    const c = this.col(field);
    const [now, end] = this.dueBounds(this.entity.allFields[field], clock);
    return sql`CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} < ${now} THEN 'overdue' WHEN ${c} < ${end} THEN 'today' ELSE 'later' END`;
  }

  /** SQLite's FTS table for a kind of term: trigrams (`<table>_fts`) or the grams inside words (`<table>_grams`). */
  private ftsTable(index: SearchTerm['index']): string {
    return `${this.entity.table}_${index === 'trigram' ? 'fts' : 'grams'}`;
  }

  private visibleMatch(term: string, fields: readonly string[]): Sql {
    if (fields.length === 0) return sql`1=0`;
    const pattern = `%${likeEscape(term.toLowerCase())}%`;
    const likes = fields.map((f) => (this.db.dialect === 'postgres' ? sql`lower(${this.col(f)}::text) LIKE ${pattern}` : sql`lower(${this.col(f)}) LIKE ${pattern} ESCAPE '\\'`));
    return sql`(${sql.join(likes, sql` OR `)})`;
  }

  private searchCondition({ text: term, index }: SearchTerm): Sql {
    const short = index === 'gram';
    if (index === 'scan') return sql`t.search_text LIKE ${`%${likeEscape(term)}%`} ESCAPE '\\'`;
    if (this.db.dialect === 'postgres') {
      return short
        ? sql`string_to_array(t.search_grams, ' ') @> ARRAY[${term}]::text[]`
        : sql`t.search_text LIKE ${`%${likeEscape(term)}%`}`;
    }
    const fts = sql.table(this.ftsTable(index));
    return sql`t.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${ftsPhrase(term)})`;
  }

  /**
   * A set of links: "has 3" / "has 3 or 4" read the link table's (other, self) key and look
   * the rows up by id; "has not 3" and "has none" probe the (self, other) index per row.
   * `self` is the id of the record holding the links (`t.id`, or a related record's).
   */
  private linkCondition(field: FieldDef, f: Filter, self: Sql): Sql {
    const link = linkOf(field);
    switch (f.op) {
      case 'eq': return sql`${self} IN (${linkedTo(link, [f.value])})`;
      case 'in': {
        const ids = f.value as unknown[];
        return ids.length === 0 ? FALSE : sql`${self} IN (${linkedTo(link, ids)})`;
      }
      case 'ne': return sql`NOT ${hasLink(link, [f.value], self)}`;
      case 'nin': {
        const ids = f.value as unknown[];
        return ids.length === 0 ? TRUE : sql`NOT ${hasLink(link, ids, self)}`;
      }
      case 'empty': return f.value ? sql`NOT ${hasLink(link, null, self)}` : hasLink(link, null, self);
      default: return FALSE; // list-params allows no other operator
    }
  }

  /** A filter on a field path (paths.ts): the entity's own field, a referenced record's, or a line's. */
  filterCondition(f: Filter, clock: Clock): Sql {
    const path = resolvePath(this.entity, f.field);
    if (!path) return FALSE; // list-params resolved it already
    if (path.kind === 'own') return this.valueCondition(this.col(f.field), path.field, f, clock, sql.ref(`${this.alias}.id`));
    const n = ++this.subqueries;
    const nullOk = NULL_SATISFIES.includes(f.op) || (f.op === 'empty' && f.value === true);
    if (path.kind === 'ref') {
      // The referenced record's value, trashed or not: a sale still counts under its customer's type.
      const r = `r${n}`;
      const inner = sql`SELECT ${sql.ref(`${r}.id`)} FROM ${sql.table(path.target.table)} AS ${sql.table(r)}
        WHERE ${this.valueCondition(sql.ref(`${r}.${path.target.columnOf(path.name)}`), path.field, f, clock, sql.ref(`${r}.id`))}`;
      const via = this.col(path.via);
      return nullOk ? sql`(${via} IS NULL OR ${via} IN (${inner}))` : sql`${via} IN (${inner})`;
    }
    // Lines: a record holds when one of its lines does; a record without lines counts as one empty line.
    const l = `l${n}`;
    const r = `p${n}`;
    const parent = sql.ref(`${l}.${path.lines.parentKey}`);
    const item = sql.ref(`${l}.product_id`);
    const value = path.name === null ? item : sql.ref(`${r}.${path.target.columnOf(path.name)}`);
    const join = path.name === null ? sql`` : sql` LEFT JOIN ${sql.table(path.target.table)} AS ${sql.table(r)} ON ${sql.ref(`${r}.id`)} = ${item}`;
    const holds = sql`${sql.ref(`${this.alias}.id`)} IN (SELECT ${parent} FROM ${sql.table(path.lines.table)} AS ${sql.table(l)}${join}
      WHERE ${this.valueCondition(value, path.field, f, clock, sql.ref(`${r}.id`))})`;
    if (!nullOk) return holds;
    const none = sql`NOT EXISTS (SELECT 1 FROM ${sql.table(path.lines.table)} AS ${sql.table(`${l}x`)} WHERE ${sql.ref(`${l}x.${path.lines.parentKey}`)} = ${sql.ref(`${this.alias}.id`)})`;
    return sql`(${holds} OR ${none})`;
  }

  /** Subqueries made so far: each gets its own aliases. */
  private subqueries = 0;

  /** The first time the record's history reached a value: the id of that history row, or NULL. */
  private firstReach(h: HistoryDef, value: unknown, self: Sql): Sql {
    return sql`(SELECT MIN(x.id) FROM ${sql.table(h.table)} AS x WHERE ${sql.ref(`x.${h.recordKey}`)} = ${self} AND ${sql.ref(`x.${h.toColumn}`)} = ${value})`;
  }

  /** A filter's condition on the value expression `c` of a field of kind `field.kind`. */
  private valueCondition(c: Sql, field: FieldDef, f: Filter, clock: Clock, self: Sql): Sql {
    const kind = field.kind;
    if (kind === 'references') return this.linkCondition(field, f, self);
    const v = (x: unknown) => toDbValue(field, x, this.db.dialect);
    if (f.op === 'due') {
      const [now, end] = this.dueBounds(field, clock);
      if (f.value === 'overdue') return sql`${c} < ${now}`;
      if (f.value === 'today') return sql`(${c} >= ${now} AND ${c} < ${end})`;
      return sql`${c} >= ${end}`;
    }
    if ((f.op === 'reached' || f.op === 'passed') && field.history) {
      const h = field.history;
      if (f.op === 'reached') return sql`EXISTS (SELECT 1 FROM ${sql.table(h.table)} AS x WHERE ${sql.ref(`x.${h.recordKey}`)} = ${self} AND ${sql.ref(`x.${h.toColumn}`)} = ${v(f.value)})`;
      // Passed in order: each value first reached after the one before it.
      const firsts = (f.value as unknown[]).map((x) => this.firstReach(h, v(x), self));
      if (firsts.length === 0) return TRUE;
      return and([sql`${firsts[0]} IS NOT NULL`, ...firsts.slice(1).map((next, i) => sql`${firsts[i]} < ${next}`)]);
    }
    // A whole day given for a date-time field means that day in the installation's zone (a group of one day, too).
    // A bound before the first or past the last instant a record holds (field.ts), which no database reads, is left
    // out: the start of 0001-01-01 in Seoul, the end of 9999-12-31 west of UTC.
    if (kind === 'datetime' && typeof f.value === 'string' && f.value.length === 10) {
      const day = Date.parse(`${f.value}T00:00:00Z`);
      const bound = (ms: number) => (instantInRange(ms) ? v(new Date(ms).toISOString()) : null);
      const start = bound(midnightOf(day, clock.timeZone));
      const next = bound(midnightOf(day + 86_400_000, clock.timeZone));
      const fromStart = start === null ? sql`${c} IS NOT NULL` : sql`${c} >= ${start}`;
      const beforeStart = start === null ? FALSE : sql`${c} < ${start}`;
      const beforeNext = next === null ? sql`${c} IS NOT NULL` : sql`${c} < ${next}`;
      const fromNext = next === null ? FALSE : sql`${c} >= ${next}`;
      switch (f.op) {
        case 'eq': return sql`(${fromStart} AND ${beforeNext})`;
        case 'ne': return sql`(${beforeStart} OR ${fromNext} OR ${c} IS NULL)`;
        case 'gte': return fromStart;
        case 'lt': return beforeStart;
        case 'gt': return fromNext;
        case 'lte': return beforeNext;
        default: break;
      }
    }
    switch (f.op) {
      case 'eq': return sql`${c} = ${v(f.value)}`;
      case 'ne': return sql`(${c} <> ${v(f.value)} OR ${c} IS NULL)`;
      case 'gt': return sql`${c} > ${v(f.value)}`;
      case 'gte': return sql`${c} >= ${v(f.value)}`;
      case 'lt': return sql`${c} < ${v(f.value)}`;
      case 'lte': return sql`${c} <= ${v(f.value)}`;
      case 'in': {
        const list = (f.value as unknown[]).map((x) => v(x));
        return list.length === 0 ? FALSE : sql`${c} IN (${sql.join(list)})`;
      }
      case 'nin': {
        const list = (f.value as unknown[]).map((x) => v(x));
        return list.length === 0 ? TRUE : sql`(${c} NOT IN (${sql.join(list)}) OR ${c} IS NULL)`;
      }
      case 'contains': {
        const pattern = `%${likeEscape(String(f.value).toLowerCase())}%`;
        const like = this.db.dialect === 'postgres'
          ? sql`lower(${c}::text) LIKE ${pattern}`
          : sql`lower(${c}) LIKE ${pattern} ESCAPE '\\'`;
        // The search text holds the field's value lowercased, so a term found in the value is found there.
        const served = this.options.containsBySearch ? this.searchServes(f) : null;
        return served ? and([this.searchCondition(served), like]) : like;
      }
      case 'empty': return f.value ? sql`${c} IS NULL` : sql`${c} IS NOT NULL`;
      default: return FALSE; // `due` is handled above
    }
  }

  /** Full order: the sort keys, then id in the direction of the last key (so (col, id) indexes serve it). */
  orderKeys(sort: SortKey[]): SortKey[] {
    const last = sort[sort.length - 1];
    return sort.some((k) => k.field === 'id') ? sort : [...sort, { field: 'id', desc: last?.desc ?? false }];
  }

  orderBy(sort: SortKey[]): Sql {
    return sql.join(this.orderKeys(sort).map((k) => (k.desc ? sql`${this.col(k.field)} DESC` : sql`${this.col(k.field)} ASC`)));
  }

  /**
   * Rows strictly after the cursor in the list order, honouring each dialect's native
   * NULL placement (SQLite: NULL is smallest; PostgreSQL: NULL is largest).
   */
  keyset(sort: SortKey[], cursor: unknown[]): Sql {
    const keys = this.orderKeys(sort);
    const values = cursor; // the sort values then the id; extra id is ignored when id is a sort key
    const nullIsMax = this.db.dialect === 'postgres';
    const nullable = (field: string) => field !== 'id' && !this.entity.allFields[field].required && !['createdAt', 'updatedAt', 'version'].includes(field);
    const after = (k: SortKey, raw: unknown): Sql => {
      const c = this.col(k.field);
      const val = this.value(k.field, raw);
      const nullsAfterValues = nullable(k.field) && (k.desc ? !nullIsMax : nullIsMax);
      if (raw === null) return nullsAfterValues ? FALSE : sql`${c} IS NOT NULL`;
      const cmp = k.desc ? sql`${c} < ${val}` : sql`${c} > ${val}`;
      return nullsAfterValues ? sql`(${cmp} OR ${c} IS NULL)` : cmp;
    };
    const eq = (k: SortKey, raw: unknown): Sql => (raw === null ? sql`${this.col(k.field)} IS NULL` : sql`${this.col(k.field)} = ${this.value(k.field, raw)}`);
    // Common case: one sort key of the same direction as id, value present: a row-value
    // comparison lets both databases seek the (col, id) index directly.
    if (keys.length === 2 && values[0] !== null && keys[0].desc === keys[1].desc) {
      const [k] = keys;
      const c = this.col(k.field);
      const cmp = k.desc
        ? sql`(${c}, ${this.col('id')}) < (${this.value(k.field, values[0])}, ${values[1]})`
        : sql`(${c}, ${this.col('id')}) > (${this.value(k.field, values[0])}, ${values[1]})`;
      const nullsAfterValues = nullable(k.field) && (k.desc ? !nullIsMax : nullIsMax);
      return nullsAfterValues ? sql`(${cmp} OR ${c} IS NULL)` : cmp;
    }
    const branches: Sql[] = keys.map((k, i) => and([...keys.slice(0, i).map((prev, j) => eq(prev, values[j])), after(k, values[i])]));
    return or(branches);
  }

  /**
   * A search (q) with no sort chosen by the client is answered newest first (id DESC) straight
   * from the search index, so a common 2-character term ("삼성" in 5% of a million rows)
   * never sorts all its matches by name, and a term found nowhere costs one index probe.
   * The cursor keeps its shape (sort values, id); only its id is used in this order.
   * A sort the client chose (a header click) is always honoured.
   */
  searchDriven(p: Pick<ListParams, 'q' | 'sortGiven'>): boolean {
    return !p.sortGiven && searchTerms(p.q).some((t) => t.index !== 'scan');
  }

  /**
   * SQLite: the FTS table that drives a search (trigram terms if any, else gram terms), with
   * all its terms as one MATCH expression; the other table's terms stay as a condition.
   */
  private ftsDriver(q: string): { fts: string; match: string; rest: Sql[] } {
    const terms = searchTerms(q);
    const table = this.entity.table;
    const long = terms.filter((t) => t.index === 'trigram').map((t) => ftsPhrase(t.text));
    const short = terms.filter((t) => t.index === 'gram').map((t) => ftsPhrase(t.text));
    const scans = terms.filter((t) => t.index === 'scan').map((t) => this.searchCondition(t));
    const inTable = (name: string, exprs: string[]): Sql => {
      const fts = sql.table(name);
      return sql`t.id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ${exprs.join(' AND ')})`;
    };
    if (long.length) return { fts: `${table}_fts`, match: long.join(' AND '), rest: [...(short.length ? [inTable(`${table}_grams`, short)] : []), ...scans] };
    return { fts: `${table}_grams`, match: short.join(' AND '), rest: scans };
  }

  /**
   * WHERE and FROM of a search read from the FTS index outward (SQLite), newest first.
   * `liveIdIndex`: a count with no filters checks "live" in the narrow `<table>_live_id`
   * partial index instead of the wide table rows (10,000 probes: ~4x faster at 1M rows).
   */
  private sqliteSearchFrom(p: Pick<ListParams, 'q' | 'filters' | 'trash' | 'clock' | 'searchIn'>, beforeId: unknown, liveIdIndex?: string): { from: Sql; where: Sql } {
    const d = this.ftsDriver(p.q);
    const fts = sql.table(d.fts);
    const visible = p.searchIn ? searchTerms(p.q).map((t) => this.visibleMatch(t.text, p.searchIn ?? [])) : [];
    const parts: Sql[] = [sql`${fts} MATCH ${d.match}`, p.trash ? sql`t.deleted_at IS NOT NULL` : sql`t.deleted_at IS NULL`, ...d.rest, ...visible,
      ...p.filters.map((f) => this.filterCondition(f, p.clock))];
    if (beforeId !== null && beforeId !== undefined) parts.push(sql`${fts}.rowid < ${beforeId}`);
    // CROSS JOIN keeps the FTS table as the outer loop, so rows stream in rowid order and stop at the limit.
    const indexed = liveIdIndex && !p.trash && p.filters.length === 0 && d.rest.length === 0 && visible.length === 0 ? sql` INDEXED BY ${sql.ref(liveIdIndex)}` : sql``;
    return { from: sql`${fts} CROSS JOIN ${sql.table(this.entity.table)} AS t${indexed} ON t.id = ${fts}.rowid`, where: and(parts) };
  }

  /** The page's SQL (one row more than the limit, to know whether there is a next page). */
  pageQuery(p: ListParams): RawBuilder<Row> {
    if (this.searchDriven(p)) {
      const beforeId = p.cursor ? p.cursor[p.cursor.length - 1] : null;
      if (this.db.dialect === 'sqlite') {
        const { from, where } = this.sqliteSearchFrom(p, beforeId);
        return sql<Row>`SELECT t.* FROM ${from} WHERE ${where} ORDER BY ${sql.table(this.ftsDriver(p.q).fts)}.rowid DESC LIMIT ${p.limit + 1}`;
      }
      return this.pgSearchWindow(p, beforeId);
    }
    if (this.bounded(p)) return this.sortWindowQuery(p);
    return this.plainQuery(p);
  }

  /** The page as one statement, its plan left to the database. */
  private plainQuery(p: ListParams): RawBuilder<Row> {
    const where = p.cursor ? and([this.where(p), this.keyset(p.sort, p.cursor)]) : this.where(p);
    const table = sql.table(this.entity.table);
    return sql<Row>`SELECT t.* FROM ${table} AS t WHERE ${where} ORDER BY ${this.orderBy(p.sort)} LIMIT ${p.limit + 1}`;
  }

  /**
   * Whether one index both finds a filter's rows and gives them in the sort order (a filter on the sorted
   * field, or an index on (filter, sort) such as migration 003's): then the plain statement reads only
   * the page. Asked of the database's planner once per statement shape (its plan is cached by SQL text).
   */
  private async oneIndexServes(p: ListParams): Promise<boolean> {
    const first = p.sort[0];
    if (p.filters.some((f) => f.field === first.field && ['eq', 'in', 'gt', 'gte', 'lt', 'lte'].includes(f.op)) && !searchTerms(p.q).length) return true;
    const compiled = this.plainQuery(p).compile(this.db.kysely);
    let known = servedPlans.get(this.db);
    if (!known) { known = new Map(); servedPlans.set(this.db, known); }
    const cached = known.get(compiled.sql);
    if (cached !== undefined) return cached;
    let served: boolean;
    if (this.db.sqlite) {
      const plan = (this.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
      served = plan.length === 1 && /^SEARCH t USING (COVERING )?INDEX/.test(plan[0]);
    } else {
      const { rows } = await this.db.kysely.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${compiled.sql}`, [...compiled.parameters]));
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      served = !/Sort|Seq Scan|Bitmap/.test(plan) && /Index Cond/.test(plan);
    }
    if (known.size >= 500) known.clear();
    known.set(compiled.sql, served);
    return served;
  }

  /**
   * PostgreSQL search, first try: the newest pgSearchWindowRows(limit) rows, filtered. A common term
   * fills the page here in a few ms. PostgreSQL cannot estimate a term it has never seen, so
   * a plain `ORDER BY id DESC LIMIT n` may walk the whole id index for a rare one (3.8 s at 1M);
   * the window bounds that walk.
   */
  private pgSearchWindow(p: ListParams, beforeId: unknown): RawBuilder<Row> {
    const table = sql.table(this.entity.table);
    const live = p.trash ? sql`w.deleted_at IS NOT NULL` : sql`w.deleted_at IS NULL`;
    const before = beforeId === null ? sql`` : sql` AND w.id < ${beforeId}`;
    return sql<Row>`SELECT t.* FROM (SELECT * FROM ${table} AS w WHERE ${live}${before} ORDER BY w.id DESC LIMIT ${pgSearchWindowRows(p.limit)}) AS t
      WHERE ${this.where(p)} ORDER BY t.id DESC LIMIT ${p.limit + 1}`;
  }

  /** PostgreSQL search, when the window held too few matches: the search index drives (`id + 0` rules out the id-order walk). */
  private pgSearchByIndex(p: ListParams, beforeId: unknown): RawBuilder<Row> {
    const where = beforeId === null ? this.where(p) : and([this.where(p), sql`t.id < ${beforeId}`]);
    return sql<Row>`SELECT t.* FROM ${sql.table(this.entity.table)} AS t WHERE ${where} ORDER BY t.id + 0 DESC LIMIT ${p.limit + 1}`;
  }

  /**
   * A filtered or searched list in an order the user chose: which is cheaper, walking the sort's index
   * and checking each row, or gathering the matches by the filters' (or the search's) index and sorting
   * them, depends on how many rows match and where they sit in the order; no estimate knows that for a
   * term or a combination of three filters (a search for 삼성 sorted by name walked 600,000 Latin names
   * first: 4.5 s on PostgreSQL). So both, bounded: the first `sortWindowRows` rows in the sort order,
   * filtered (enough when matches are common), else the matches gathered and sorted (cheap when they
   * are rare, which they are when the window held too few). Any window gives the same rows.
   */
  bounded(p: Pick<ListParams, 'q' | 'filters' | 'trash' | 'sort' | 'sortGiven'>): boolean {
    if (p.trash || this.searchDriven(p) || (p.filters.length === 0 && searchTerms(p.q).length === 0)) return false;
    const first = p.sort[0];
    return first !== undefined && this.entity.allFields[first.field]?.indexed === true;
  }

  /** The first rows in the sort order (from the cursor on), then the filters: the sort's index walked a bounded distance. */
  private sortWindowQuery(p: ListParams, scale = 1): RawBuilder<Row> {
    const inner = new ListQuery(this.db, this.entity, 'w');
    const live = sql`w.deleted_at IS NULL`;
    const where = p.cursor ? and([live, inner.keyset(p.sort, p.cursor)]) : live;
    const window = sql`SELECT * FROM ${sql.table(this.entity.table)} AS w WHERE ${where} ORDER BY ${inner.orderBy(p.sort)} LIMIT ${scale * (this.options.windowRows ?? sortWindowRows)(p.limit)}`;
    // The window holds live rows only; asked again outside, SQLite read the window three times slower (1.4 → 4.8 ms at 1M).
    return sql<Row>`SELECT t.* FROM (${window}) AS t WHERE ${this.where(p, false)} ORDER BY ${this.orderBy(p.sort)} LIMIT ${p.limit + 1}`;
  }

  /** Every match gathered by the filters' or the search's index, then sorted (the sort's index ruled out). */
  private matchesSortedQuery(p: ListParams): RawBuilder<Row> {
    // PostgreSQL combines the search's index with the others by itself; SQLite is driven from the search index below.
    const gather = new ListQuery(this.db, this.entity, this.alias, { containsBySearch: this.db.dialect === 'postgres' });
    const where = p.cursor ? and([gather.where(p), this.keyset(p.sort, p.cursor)]) : gather.where(p);
    const table = sql.table(this.entity.table);
    if (this.db.dialect === 'postgres') {
      return sql<Row>`WITH m AS MATERIALIZED (SELECT t.* FROM ${table} AS t WHERE ${where}) SELECT t.* FROM m AS t ORDER BY ${this.orderBy(p.sort)} LIMIT ${p.limit + 1}`;
    }
    // SQLite: a unary + keeps a column's value and collation but not its index, so the order cannot drive.
    const order = sql.join(this.orderKeys(p.sort).map((k) => sql`+${this.col(k.field)} ${sql.raw(k.desc ? 'DESC' : 'ASC')}`));
    // A search or a contains the search index serves drives, as the outer loop (the planner cannot tell how few it finds).
    const served = [...searchTerms(p.q), ...p.filters.map((f) => this.searchServes(f))].filter((x): x is SearchTerm => x !== null && x.index !== 'scan');
    const kind = served.some((x) => x.index === 'trigram') ? 'trigram' : 'gram';
    const terms = served.filter((x) => x.index === kind).map((x) => x.text);
    if (terms.length) {
      const fts = sql.table(this.ftsTable(kind));
      return sql<Row>`SELECT t.* FROM ${fts} CROSS JOIN ${table} AS t ON t.id = ${fts}.rowid WHERE ${fts} MATCH ${terms.map(ftsPhrase).join(' AND ')} AND ${where} ORDER BY ${order} LIMIT ${p.limit + 1}`;
    }
    return sql<Row>`SELECT t.* FROM ${table} AS t WHERE ${where} ORDER BY ${order} LIMIT ${p.limit + 1}`;
  }

  /**
   * The search index that finds every row of a filter, if one does: a `contains` on a searched field of the
   * entity's own, of 3+ characters without spaces (trigrams), or of 1–2 letters or digits (the grams inside words).
   */
  searchServes(f: Filter): SearchTerm | null {
    const field = this.entity.allFields[f.field];
    if (f.op !== 'contains' || !field || field.search !== true || resolvePath(this.entity, f.field)?.kind !== 'own') return null;
    const text = String(f.value).toLowerCase();
    const len = Array.from(text).length;
    if (len >= 3) return /\s/.test(text) ? null : { text, index: 'trigram' };
    return /^[\p{L}\p{N}]+$/u.test(text) ? { text, index: 'gram' } : null;
  }

  /**
   * Whether one filter alone holds fewer rows than the sort window: counted from its own index, at most
   * a window's worth of entries (a fraction of a ms). Then its matches are gathered and sorted at once.
   */
  private async fewMatches(p: ListParams): Promise<boolean> {
    const window = (this.options.windowRows ?? sortWindowRows)(p.limit);
    const table = sql.table(this.entity.table);
    const ranged = ['eq', 'in', 'gt', 'gte', 'lt', 'lte'];
    for (const f of p.filters) {
      const field = this.entity.allFields[f.field];
      const own = resolvePath(this.entity, f.field)?.kind === 'own';
      let counted: RawBuilder<{ n: number }> | null = null;
      const served = this.db.dialect === 'sqlite' ? this.searchServes(f) : null;
      if (own && field?.indexed && field.kind !== 'references' && ranged.includes(f.op) && !(field.kind === 'datetime' && typeof f.value === 'string' && f.value.length === 10)) {
        counted = sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} AS t WHERE t.deleted_at IS NULL AND ${this.filterCondition(f, p.clock)} LIMIT ${window}) AS s`;
      } else if (served) {
        const fts = sql.table(this.ftsTable(served.index));
        counted = sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ${ftsPhrase(String(f.value).toLowerCase())} LIMIT ${window}) AS s`;
      }
      if (counted && Number((await counted.execute(this.db.kysely)).rows[0].n) < window) return true;
    }
    return false;
  }

  /**
   * The statement a page runs first: for a bounded list, the plain one when one index serves it, the
   * matches gathered when a filter holds few, else the sort window (pageQuery); the plan tests read it.
   */
  async firstPageQuery(p: ListParams): Promise<{ query: RawBuilder<Row>; final: boolean }> {
    if (this.bounded(p) && await this.oneIndexServes(p)) return { query: this.plainQuery(p), final: true };
    if (this.bounded(p) && await this.fewMatches(p)) return { query: this.matchesSortedQuery(p), final: true };
    return { query: this.pageQuery(p), final: false };
  }

  async page(p: ListParams): Promise<{ rows: Row[]; nextCursor: unknown[] | null }> {
    const first = await this.firstPageQuery(p);
    let { rows } = await first.query.execute(this.db.kysely);
    if (first.final) return this.pageOf(p, rows);
    if (this.db.dialect === 'postgres' && this.searchDriven(p) && rows.length <= p.limit) {
      ({ rows } = await this.pgSearchByIndex(p, p.cursor ? p.cursor[p.cursor.length - 1] : null).execute(this.db.kysely));
    }
    // Filters each holding many rows may still be rare together: a ten times wider window (~20 ms at 1M on SQLite)
    // costs less than gathering the matches of the least common one, then the matches are gathered.
    if (this.bounded(p) && rows.length <= p.limit) ({ rows } = await this.sortWindowQuery(p, WIDER_WINDOW).execute(this.db.kysely));
    if (this.bounded(p) && rows.length <= p.limit) ({ rows } = await this.matchesSortedQuery(p).execute(this.db.kysely));
    return this.pageOf(p, rows);
  }

  /** The page and the cursor after it, from the rows of a page query (one more than the limit when there is more). */
  private pageOf(p: ListParams, rows: Row[]): { rows: Row[]; nextCursor: unknown[] | null } {
    const more = rows.length > p.limit;
    const pageRows = more ? rows.slice(0, p.limit) : rows;
    const last = pageRows[pageRows.length - 1];
    const nextCursor = more && last
      ? [...p.sort.map((k) => this.cursorValue(k.field, last)), Number(last.id)]
      : null;
    return { rows: pageRows, nextCursor };
  }

  private cursorValue(field: string, row: Row): unknown {
    const v = row[this.entity.columnOf(field)];
    if (v === null || v === undefined) return null;
    if (this.entity.allFields[field].kind === 'boolean') return v === true || v === 1;
    return typeof v === 'bigint' ? Number(v) : v;
  }

  /** Count of matching rows, capped so a page never waits on counting a million rows. */
  async count(p: ListParams, cap: number | null): Promise<{ total: number; capped: boolean }> {
    const { rows } = await this.countQuery(p, cap).execute(this.db.kysely);
    const n = Number(rows[0].n);
    return cap === null ? { total: n, capped: false } : { total: Math.min(n, cap), capped: n > cap };
  }

  /** The count's SQL: exact when cap is null, else counts at most cap + 1 rows. */
  countQuery(p: Pick<ListParams, 'q' | 'filters' | 'trash' | 'clock'>, cap: number | null): RawBuilder<{ n: number }> {
    const table = sql.table(this.entity.table);
    if (this.db.dialect === 'sqlite' && searchTerms(p.q).some((t) => t.index !== 'scan')) {
      const { from, where } = this.sqliteSearchFrom(p, null, liveIdIndexOf(this.db, this.entity.table));
      if (cap === null) return sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`;
      return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${cap + 1}) AS s`;
    }
    const where = this.where(p);
    if (cap === null) return sql<{ n: number }>`SELECT count(*) AS n FROM ${table} AS t WHERE ${where}`;
    return sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${table} AS t WHERE ${where} LIMIT ${cap + 1}) AS s`;
  }

  /** The join a group-by level needs: a set of links counts a row once per linked value, and rows with none in the empty group. */
  groupJoin(field: string, level: number): Sql {
    const f = this.entity.allFields[field];
    if (f.kind !== 'references') return sql``;
    const j = sql.table(`j${level}`);
    return sql` LEFT JOIN (${liveLinks(linkOf(f))}) AS ${j} ON ${sql.ref(`j${level}.s`)} = t.id`;
  }

  /**
   * Expression a field groups by: a deadline by its state (overdue, today, later); other date-times by
   * their day in the installation's zone (the zone is an allow-listed IANA name, bound as a parameter;
   * SQLite asks the JS function registered in database.ts); a set of links by the linked id.
   */
  groupExpr(field: string, level: number, clock: Clock): Sql {
    const f = this.entity.allFields[field];
    if (f.kind === 'references') return sql.ref(`j${level}.o`);
    const c = this.col(field);
    if (f.due) return this.dueState(field, clock);
    if (f.kind === 'datetime') {
      return this.db.dialect === 'postgres' ? sql`to_char(${c} AT TIME ZONE ${clock.timeZone}, 'YYYY-MM-DD')` : sql`rapport_local_date(${c}, ${clock.timeZone})`;
    }
    return c;
  }
}
