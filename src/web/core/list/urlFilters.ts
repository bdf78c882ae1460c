import type { EntityDef } from '../../../shared/entity/define.js';
import { resolvePath } from '../../../shared/entity/paths.js';
import type { FieldFilter } from '../records.js';

const OPS = new Set<NonNullable<FieldFilter['op']>>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'contains', 'empty', 'due', 'reached', 'passed']);
const KEY = /^filter\[([A-Za-z0-9.]{1,200})\](?:\[([a-z]{1,10})\])?$/;

/**
 * The filters a list's URL carries (`/sales?filter[orderDate][gte]=2026-11-01&filter[customerId.typeId]=3`):
 * what an analysis, a dashboard tile or a shared link opens. Only paths the entity knows are kept; the
 * server checks values as it does for any request.
 */
export function filtersFromSearch(entity: EntityDef, search: string): FieldFilter[] {
  const out: FieldFilter[] = [];
  for (const [key, value] of new URLSearchParams(search)) {
    const m = KEY.exec(key);
    if (!m || !resolvePath(entity, m[1])) continue;
    const op = (m[2] ?? 'eq') as NonNullable<FieldFilter['op']>;
    if (!OPS.has(op)) continue;
    out.push({ field: m[1], op, value });
  }
  return out;
}

/** A list URL with filters, for a link or navigation (`drill` in an analysis result). */
export function listHref(entityPath: string, filters: readonly { field: string; op?: string; value: string | number | boolean }[]): string {
  const params = new URLSearchParams();
  for (const f of filters) params.append(!f.op || f.op === 'eq' ? `filter[${f.field}]` : `filter[${f.field}][${f.op}]`, String(f.value));
  const qs = params.toString();
  return qs ? `/${entityPath}?${qs}` : `/${entityPath}`;
}

/** The query string without one filter (a chip's ×), or without every filter. */
export function searchWithout(search: string, remove: (f: { field: string; op: string }) => boolean): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    const m = KEY.exec(key);
    if (m && remove({ field: m[1], op: m[2] ?? 'eq' })) params.delete(key);
  }
  return params.toString();
}
