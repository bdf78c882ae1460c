import type { EntityDef } from '../../shared/entity/define.js';
import type { FieldDef } from '../../shared/entity/field.js';
import { api, type Query } from './api.js';

/** A record as the API returns it: every entity field (null when empty) plus the system columns. */
export type RecordValue = string | number | boolean | null | number[];
/** Titles of referenced records in the request's locale: one per reference, a list per references field. */
export type RecordLabels = Record<string, string | null | string[]>;
export interface EntityRecord {
  id: number;
  version: number;
  _labels?: RecordLabels;
  [field: string]: RecordValue | RecordLabels | undefined;
}

/** The display title of a referenced record, from the record's `_labels`. */
export function labelOf(record: EntityRecord | undefined, field: string): string | null {
  const v = record?._labels?.[field];
  return typeof v === 'string' ? v : null;
}

/** The display titles of a references field, from the record's `_labels`. */
export function labelsOf(record: EntityRecord | undefined, field: string): string[] {
  const v = record?._labels?.[field];
  return Array.isArray(v) ? v : [];
}

export interface ListPage {
  items: EntityRecord[];
  /** null when the list asked for its total separately (`total=none`). */
  total: number | null;
  totalCapped: boolean;
  nextCursor: string | null;
}

export interface Group {
  value: string | number | boolean | null;
  label: string | null;
  count: number;
  /** With `sum=`: the summed fields of the group's records. */
  sums?: Record<string, number>;
  groups?: Group[];
}

export interface GroupsAnswer {
  groups: Group[];
  total: number;
  sums?: Record<string, number>;
}

/** A filter condition on one field path (`customerId.typeId`): `filter[field]=v` or `filter[field][op]=v`. */
export interface FieldFilter {
  field: string;
  op?: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'contains' | 'empty' | 'due' | 'reached' | 'passed';
  value: string | number | boolean;
}

/** What a list shows, independent of paging: the same for rows, groups and export. */
export interface ListParams {
  q?: string;
  sort?: string;
  filters?: FieldFilter[];
  trash?: boolean;
  locale?: string;
}

export function listQuery(params: ListParams): Query {
  const query: Query = { q: params.q?.trim() || undefined, sort: params.sort, locale: params.locale };
  if (params.trash) query.trash = 1;
  for (const f of params.filters ?? []) {
    const key = !f.op || f.op === 'eq' ? `filter[${f.field}]` : `filter[${f.field}][${f.op}]`;
    query[key] = typeof f.value === 'boolean' ? (f.value ? 1 : 0) : f.value;
  }
  return query;
}

/** The filter that selects exactly one group's rows (null = the empty group; a deadline's group is its state). */
export function groupFilter(field: string, value: Group['value'], def?: FieldDef): FieldFilter {
  if (value === null) return { field, op: 'empty', value: 1 };
  return def?.due ? { field, op: 'due', value } : { field, value };
}

export const PAGE_SIZE = 100;

export const recordsApi = {
  list: (entity: EntityDef, params: ListParams, cursor: string | null, signal?: AbortSignal) =>
    api<ListPage & { total: number }>(`/v1/${entity.path}`, { query: { ...listQuery(params), limit: PAGE_SIZE, cursor }, signal }),
  /** A page without its total, so rows never wait for counting (the grid asks `count` beside it). */
  page: (entity: EntityDef, params: ListParams, cursor: string | null, signal?: AbortSignal) =>
    api<ListPage>(`/v1/${entity.path}`, { query: { ...listQuery(params), limit: PAGE_SIZE, cursor, total: 'none' }, signal }),
  count: (entity: EntityDef, params: ListParams, signal?: AbortSignal) =>
    api<{ total: number; totalCapped: boolean }>(`/v1/${entity.path}/count`, { query: listQuery(params), signal }),
  /** Group counts from the server; `sum` names number fields summed per group (`amount,weightedAmount`). */
  groups: (entity: EntityDef, params: ListParams, groupBy: string, signal?: AbortSignal, sum?: string) =>
    api<GroupsAnswer>(`/v1/${entity.path}`, { query: { ...listQuery(params), groupBy, sum }, signal }),
  get: (entity: EntityDef, id: number | string, signal?: AbortSignal) =>
    api<EntityRecord>(`/v1/${entity.path}/${encodeURIComponent(String(id))}`, { signal }),
  create: (entity: EntityDef, body: Record<string, unknown>) => api<EntityRecord>(`/v1/${entity.path}`, { method: 'POST', body }),
  update: (entity: EntityDef, id: number, body: Record<string, unknown>) =>
    api<EntityRecord>(`/v1/${entity.path}/${id}`, { method: 'PATCH', body }),
  remove: (entity: EntityDef, id: number) => api<void>(`/v1/${entity.path}/${id}`, { method: 'DELETE' }),
  restore: (entity: EntityDef, id: number) => api<EntityRecord>(`/v1/${entity.path}/${id}/restore`, { method: 'POST' }),
  nextCode: (entity: EntityDef) => api<{ code: string }>(`/v1/${entity.path}/next-code`),
};

/** A plain URL for a streamed download: the browser handles the file, not fetch. */
export function exportUrl(entity: EntityDef, params: ListParams, format: string): string {
  const search = new URLSearchParams();
  const query: Query = { ...listQuery(params), format };
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') search.append(k, String(v));
  }
  return `/api/v1/${entity.path}/export?${search.toString()}`;
}

/** Query keys: everything about an entity starts with its path, so one invalidation refreshes it all. */
export const recordKeys = {
  all: (entity: EntityDef) => ['records', entity.path] as const,
  one: (entity: EntityDef, id: number | string) => ['records', entity.path, 'one', String(id)] as const,
  groups: (entity: EntityDef, params: ListParams, groupBy: string) => ['records', entity.path, 'groups', params, groupBy] as const,
  feed: (entity: EntityDef, params: ListParams, filter: FieldFilter | null) => ['records', entity.path, 'feed', params, filter] as const,
  count: (entity: EntityDef, params: ListParams) => ['records', entity.path, 'count', params] as const,
};
