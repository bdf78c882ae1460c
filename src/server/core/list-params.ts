import type { EntityDef } from '../../shared/entity/define.js';
import { AMOUNT_KINDS, DATE_MAX, DATE_MIN, instantInRange, RANGE_KINDS, type FieldDef } from '../../shared/entity/field.js';
import { ownFieldName, resolvePath } from '../../shared/entity/paths.js';
import { badRequest } from './errors.js';
import type { Clock } from './installation.js';
import { pathVisible, scopeOf, scopeOwners, type Access } from '../auth/access.js';
import { ProblemError } from './errors.js';

export const FILTER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'empty', 'due', 'reached', 'passed'] as const;
/** Operators that hold for an empty value (`ne 3` keeps the records without one), so a path through a missing record or no lines satisfies them. */
export const NULL_SATISFIES: readonly FilterOp[] = ['ne', 'nin'];
/** How many values `in`, `nin` and `passed` take. */
export const MAX_LIST_VALUES = 200;
/** The states of a deadline (a `due` field) relative to now: past, later today, after today. */
export const DUE_STATES = ['overdue', 'today', 'later'] as const;
export type DueState = (typeof DUE_STATES)[number];
export type FilterOp = (typeof FILTER_OPS)[number];
export const LOCALES = ['en', 'ko', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** `field` is a field path (paths.ts): the entity's own field, `customerId.typeId` or `lines.productId.categoryId`. */
export interface Filter { field: string; op: FilterOp; value: unknown }
export interface SortKey { field: string; desc: boolean }

export interface ListParams {
  q: string;
  sort: SortKey[];
  /** Whether the client chose the sort (else the entity's default applies, and a search may order newest first). */
  sortGiven: boolean;
  filters: Filter[];
  limit: number;
  cursor: unknown[] | null;
  groupBy: string[];
  /** Number fields summed per group (`sum=amount,weightedAmount`), beside the counts. */
  sums: string[];
  trash: boolean;
  /** `capped` (default): count up to a cap; `exact`; `none`: the client fetches it from /count. */
  totalMode: 'capped' | 'exact' | 'none';
  locale: Locale;
  /** Now and the installation's zone: what a whole day, "overdue" and "today" mean for this request. */
  clock: Clock;
  /** Whose rules the list follows: its records are scoped and its hidden fields left out. */
  access: Access;
  /** The searched fields a search may match, when the actor may not see them all (absent: all of them). */
  searchIn?: readonly string[];
}

export const MAX_LIMIT = 500;
const TOP_LEVEL = new Set(['q', 'sort', 'limit', 'cursor', 'groupBy', 'sum', 'trash', 'total', 'locale', 'format', 'columns']);
const FILTER_KEY = /^filter\[([A-Za-z][A-Za-z0-9]{0,63}(?:\.[A-Za-z][A-Za-z0-9]{0,63}){0,2})\](?:\[([a-z]{1,10})\])?$/;

export type RawQuery = Record<string, string | string[] | undefined>;

function one(raw: RawQuery, key: string): string | undefined {
  const v = raw[key];
  if (Array.isArray(v)) throw badRequest(`${key} is given more than once`, [{ field: key, message: 'is given more than once' }]);
  return v;
}

/** Field names come only from the entity definition: anything else is a 400, never SQL. */
export function fieldOrFail(entity: EntityDef, name: string, param: string): FieldDef {
  return entity.allFields[fieldNameOrFail(entity, name, param)];
}

/** The field's own name for a name or alias a client gave; unknown, computed and lines fields are a 400. */
export function fieldNameOrFail(entity: EntityDef, name: string, param: string): string {
  const field = ownFieldName(entity, name);
  if (!field || entity.allFields[field].kind === 'computed' || entity.allFields[field].kind === 'lines') throw badRequest(`Unknown field "${name}" in ${param}`, [{ field: param, message: `unknown field "${name}"` }]);
  return field;
}

/** The largest whole number a column of the kind holds: money is 64-bit (a JSON number's 53 bits), ids and integers 32-bit on PostgreSQL. */
const wholeNumberLimit = (f: FieldDef): number => (f.kind === 'money' ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1);

/** Parses a filter value as the field's kind; a value no column of the kind holds is a 400, not a failed query. */
export function coerceValue(f: FieldDef, raw: string, param: string): unknown {
  const fail = (msg: string) => badRequest(`${param}: ${msg}`, [{ field: param, message: msg }]);
  if (raw.length > 500) throw fail('is too long');
  switch (f.kind) {
    case 'integer': case 'dictionary': case 'reference': case 'references': case 'money': {
      const limit = wholeNumberLimit(f);
      if (!/^-?\d{1,16}$/.test(raw) || Math.abs(Number(raw)) > limit) throw fail(`must be a whole number from -${limit} to ${limit}`);
      return Number(raw);
    }
    case 'decimal': case 'percent': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) throw fail('must be a number');
      return n;
    }
    case 'boolean':
      if (['true', '1'].includes(raw)) return true;
      if (['false', '0'].includes(raw)) return false;
      throw fail('must be true or false');
    case 'date':
      if (!isDate(raw)) throw fail(`must be a date (YYYY-MM-DD) from ${DATE_MIN} to ${DATE_MAX}`);
      return raw;
    case 'datetime': {
      if (isDate(raw)) return raw; // a whole day
      const t = Date.parse(raw);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || !instantInRange(t)) throw fail(`must be a date-time (ISO 8601) from ${DATE_MIN} to ${DATE_MAX}`);
      return new Date(t).toISOString();
    }
    case 'enum':
      if (!(f.options ?? []).includes(raw)) throw fail(`must be one of ${(f.options ?? []).join(', ')}`);
      return raw;
    default:
      return raw;
  }
}

/** A calendar date from DATE_MIN to DATE_MAX. */
const isDate = (raw: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw)) && raw >= DATE_MIN && raw <= DATE_MAX;

/** Reads a comma-separated list of values (at most MAX_LIST_VALUES). */
function valueList(f: FieldDef, value: string, param: string): unknown[] {
  const parts = value.split(',');
  if (parts.length > MAX_LIST_VALUES) throw badRequest(`${param} takes at most ${MAX_LIST_VALUES} values`, [{ field: param, message: `at most ${MAX_LIST_VALUES} values` }]);
  return parts.map((p) => coerceValue(f, p, param));
}

function parseFilter(entity: EntityDef, key: string, value: string): Filter {
  const m = FILTER_KEY.exec(key);
  if (!m) throw badRequest(`Malformed filter parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'malformed filter' }]);
  const [, given, rawOp] = m;
  const op = (rawOp ?? 'eq') as FilterOp;
  const param = `filter[${given}]${rawOp ? `[${rawOp}]` : ''}`;
  const path = resolvePath(entity, given);
  if (!path) throw badRequest(`Unknown field "${given}" in filter[${given}]`, [{ field: `filter[${given}]`, message: `unknown field "${given}"` }]);
  const f = path.field;
  const name = path.path;
  if (!FILTER_OPS.includes(op)) throw badRequest(`Unknown filter operator "${rawOp}"`, [{ field: param, message: `unknown operator; use one of ${FILTER_OPS.join(', ')}` }]);
  if (f.kind === 'references' && !['eq', 'ne', 'in', 'nin', 'empty'].includes(op)) {
    throw badRequest(`${param}: a set of links is filtered with eq, ne, in, nin or empty`, [{ field: param, message: 'use eq, ne, in, nin or empty' }]);
  }
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && !RANGE_KINDS.includes(f.kind)) {
    throw badRequest(`${param}: range operators need a number or date field`, [{ field: param, message: 'range operators need a number or date field' }]);
  }
  if (op === 'due') {
    if (!f.due) throw badRequest(`${param}: ${given} is not a deadline`, [{ field: param, message: 'due filters a deadline field' }]);
    if (!(DUE_STATES as readonly string[]).includes(value)) throw badRequest(`${param} must be one of ${DUE_STATES.join(', ')}`, [{ field: param, message: `must be one of ${DUE_STATES.join(', ')}` }]);
    return { field: name, op, value };
  }
  if (op === 'reached' || op === 'passed') {
    // Read from the field's history: reached a value at least once; passed the values in the order given.
    if (path.kind !== 'own' || !f.history) throw badRequest(`${param}: ${given} keeps no history`, [{ field: param, message: `${op} needs a field whose changes are kept` }]);
    return { field: name, op, value: op === 'reached' ? coerceValue(f, value, param) : valueList(f, value, param) };
  }
  if (op === 'empty') return { field: name, op, value: coerceValue({ kind: 'boolean', label: '' }, value, param) };
  if (op === 'contains') {
    if (value.length > 200) throw badRequest(`${param} is too long`, [{ field: param, message: 'is too long' }]);
    return { field: name, op, value };
  }
  if (op === 'in' || op === 'nin') return { field: name, op, value: valueList(f, value, param) };
  return { field: name, op, value: coerceValue(f, value, param) };
}

export function parseSort(entity: EntityDef, raw: string): SortKey[] {
  const keys = raw.split(',').filter(Boolean);
  if (keys.length > 4) throw badRequest('sort takes at most 4 fields', [{ field: 'sort', message: 'at most 4 fields' }]);
  return keys.map((k) => {
    const desc = k.startsWith('-');
    const field = fieldNameOrFail(entity, desc ? k.slice(1) : k, 'sort');
    if (entity.allFields[field].kind === 'references') {
      throw badRequest(`Cannot sort by "${field}": it holds a set of values`, [{ field: 'sort', message: `"${field}" holds a set of values and cannot be sorted` }]);
    }
    return { field, desc };
  }).filter((k) => k.field !== 'id' || keys.length === 1);
}

/** Reads and checks list query parameters against the entity definition; `extra` names further parameters the caller reads itself. */
export function parseListParams(entity: EntityDef, raw: RawQuery, clock: Clock, access: Access, acceptLanguage?: string, extra: readonly string[] = []): ListParams {
  const filters: Filter[] = [];
  for (const key of Object.keys(raw)) {
    if (key.startsWith('filter[')) {
      const v = one(raw, key) ?? '';
      filters.push(parseFilter(entity, key, v));
    } else if (!TOP_LEVEL.has(key) && !extra.includes(key)) {
      throw badRequest(`Unknown parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'unknown parameter' }]);
    }
  }
  if (filters.length > 30) throw badRequest('Too many filters', [{ field: 'filter', message: 'at most 30' }]);
  const q = (one(raw, 'q') ?? '').trim();
  if (q.length > 200) throw badRequest('q is too long', [{ field: 'q', message: 'at most 200 characters' }]);
  const limitRaw = one(raw, 'limit');
  let limit = 50;
  if (limitRaw !== undefined) {
    if (!/^\d{1,4}$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) {
      throw badRequest(`limit must be 1–${MAX_LIMIT}`, [{ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` }]);
    }
    limit = Number(limitRaw);
  }
  const sortRaw = one(raw, 'sort');
  // A default order on a field the actor may not see falls back to the newest first (the order itself would tell its values).
  const defaultSort = entity.defaultSort.split(',').some((k) => !pathVisible(access, entity, ownFieldOf(k))) ? '-id' : entity.defaultSort;
  const sort = parseSort(entity, sortRaw || defaultSort);
  const groupByRaw = one(raw, 'groupBy');
  const groupByGiven = groupByRaw ? groupByRaw.split(',') : [];
  if (groupByGiven.length > 2) throw badRequest('groupBy takes at most 2 fields', [{ field: 'groupBy', message: 'at most 2 fields' }]);
  const groupBy = groupByGiven.map((g) => fieldNameOrFail(entity, g, 'groupBy'));
  const sumRaw = one(raw, 'sum');
  const sums = Array.from(new Set((sumRaw ? sumRaw.split(',') : []).map((n) => fieldNameOrFail(entity, n, 'sum'))));
  if (sums.length > 4) throw badRequest('sum takes at most 4 fields', [{ field: 'sum', message: 'at most 4 fields' }]);
  for (const n of sums) {
    if (!AMOUNT_KINDS.includes(entity.allFields[n].kind)) throw badRequest(`Cannot sum "${n}": it is not a number`, [{ field: 'sum', message: `"${n}" is not a number field` }]);
  }
  if (sums.length && !groupBy.length) throw badRequest('sum needs groupBy', [{ field: 'sum', message: 'is given with groupBy' }]);
  const cursorRaw = one(raw, 'cursor');
  const cursor = cursorRaw ? decodeCursor(entity, sort, cursorRaw) : null;
  const trash = ['1', 'true'].includes(one(raw, 'trash') ?? '');
  const totalRaw = one(raw, 'total') ?? 'capped';
  if (totalRaw !== 'capped' && totalRaw !== 'exact' && totalRaw !== 'none') throw badRequest('total must be capped, exact or none', [{ field: 'total', message: 'must be capped, exact or none' }]);
  const totalMode = totalRaw;
  const given: [string, string][] = [...filters.map((f): [string, string] => [f.field, `filter[${f.field}]`]), ...sort.map((k): [string, string] => [k.field, 'sort']),
    ...groupBy.map((g): [string, string] => [g, 'groupBy']), ...sums.map((n): [string, string] => [n, 'sum'])];
  for (const [path, param] of given) visibleOrFail(entity, access, path, param);
  filters.push(...scopeFilters(entity, access, 'read'));
  const hidden = entity.searchFields.filter((f) => !pathVisible(access, entity, f));
  const searchIn = hidden.length ? { searchIn: entity.searchFields.filter((f) => !hidden.includes(f)) } : {};
  return { ...searchIn, q, sort, sortGiven: Boolean(sortRaw), filters, limit, cursor, groupBy, sums, trash, totalMode, locale: pickLocale(one(raw, 'locale'), acceptLanguage), clock, access };
}

const ownFieldOf = (sortKey: string) => (sortKey.startsWith('-') ? sortKey.slice(1) : sortKey);

/** A field the actor may not see is unknown to them: the same 400 as a misspelt name, never a hint of its values. */
export function visibleOrFail(entity: EntityDef, access: Access, path: string, param: string): void {
  if (!pathVisible(access, entity, path)) throw badRequest(`Unknown field "${path}" in ${param}`, [{ field: param, message: `unknown field "${path}"` }]);
}

/**
 * The records an action reaches, as filters every list, count, group, sum, export and analysis adds
 * (a filter on the owner, so the list's plans serve it like any other). No right at all is a 403.
 */
export function scopeFilters(entity: EntityDef, access: Access, action: 'read' | 'export'): Filter[] {
  const scope = scopeOf(access, entity, action);
  if (scope === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you ${action === 'read' ? 'see' : 'export'} ${entity.path}.`);
  const owners = scopeOwners(access, scope);
  if (owners === null) return [];
  return [owners.length === 1 ? { field: 'ownerId', op: 'eq', value: owners[0] } : { field: 'ownerId', op: 'in', value: [...owners] }];
}

export function pickLocale(explicit: string | undefined, acceptLanguage?: string): Locale {
  for (const cand of [explicit, ...(acceptLanguage ?? '').split(',').map((s) => s.split(';')[0].trim())]) {
    if (!cand) continue;
    if (cand.toLowerCase().startsWith('ko')) return 'ko';
    if (cand.toLowerCase().startsWith('zh')) return 'zh-CN';
    if (cand.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

/** The cursor carries the last row's sort values and id; it is checked like any input. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

function decodeCursor(entity: EntityDef, sort: SortKey[], raw: string): unknown[] {
  const fail = () => badRequest('cursor is not valid for this list', [{ field: 'cursor', message: 'is not valid (it belongs to another sort or is damaged)' }]);
  if (raw.length > 2000) throw fail();
  let parsed: unknown;
  try { parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')); } catch { throw fail(); }
  if (!Array.isArray(parsed) || parsed.length !== sort.length + 1) throw fail();
  const id = parsed[parsed.length - 1];
  if (typeof id !== 'number' || !Number.isInteger(id) || Math.abs(id) > wholeNumberLimit(entity.allFields.id)) throw fail();
  sort.forEach((k, i) => {
    const v: unknown = parsed[i];
    if (v === null) return;
    const f = entity.allFields[k.field];
    // Compared with the column in SQL: a value the column cannot hold would fail the query, not the cursor.
    const ok = ['decimal', 'percent'].includes(f.kind) ? typeof v === 'number' && Number.isFinite(v)
      : ['integer', 'money', 'dictionary', 'reference'].includes(f.kind) ? typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= wholeNumberLimit(f)
        : f.kind === 'boolean' ? typeof v === 'boolean' || v === 0 || v === 1
          : f.kind === 'date' ? typeof v === 'string' && isDate(v)
            : f.kind === 'datetime' ? typeof v === 'string' && instantInRange(Date.parse(v))
              : typeof v === 'string';
    if (!ok) throw fail();
  });
  return parsed;
}
