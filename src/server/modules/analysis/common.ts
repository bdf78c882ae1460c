import { sql } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import { resolvePath } from '../../../shared/entity/paths.js';
import type { Breakdown, FilterOptions, PeriodOptions } from '../../../shared/analysis.js';
import { withDefaults } from '../../../shared/dictionaries.js';
import { resolvePeriod, type Period } from '../../../shared/periods.js';
import type { Database } from '../../db/database.js';
import type { Filter, Locale } from '../../core/list-params.js';
import type { Drill } from '../../../shared/analysis-results.js';
import { enumLabel } from '../../core/i18n.js';
import { labelsFor } from '../../core/labels.js';
import { parseJsonObject } from '../../core/json.js';
import type { Access } from '../../auth/access.js';
import type { Clock } from '../../core/installation.js';


export function drill(entity: EntityDef, filters: readonly Filter[]): Drill {
  return {
    entity: entity.path,
    filters: filters.map((f) => ({ field: f.field, op: f.op, value: Array.isArray(f.value) ? f.value.join(',') : (f.value as string | number | boolean) })),
  };
}

/** The period the options name, seen from today in the installation's zone. */
export function periodOf(o: PeriodOptions, today: string): Period {
  if (o.period === 'custom') return { from: o.from ?? today, to: o.to ?? today };
  return resolvePeriod(o.period, today, o.months);
}

/** The field path each breakdown reads, on sales and on opportunities alike (both have a customer, an owner and lines). */
export const BREAKDOWN_PATHS: Readonly<Record<Breakdown, string>> = {
  owner: 'ownerId',
  customer: 'customerId',
  customerType: 'customerId.typeId',
  customerGroup: 'customerId.groupIds',
  region: 'customerId.regionId',
  productCategory: 'lines.productId.categoryId',
  product: 'lines.productId',
};

/** The filters every analysis offers (customer type, region, owner), as list filters. */
export function optionFilters(o: FilterOptions): Filter[] {
  const out: Filter[] = [];
  if (o.customerType.length) out.push({ field: 'customerId.typeId', op: 'in', value: o.customerType });
  if (o.region.length) out.push({ field: 'customerId.regionId', op: 'in', value: o.region });
  if (o.owner.length) out.push({ field: 'ownerId', op: 'in', value: o.owner });
  return out;
}

/** Ids of a dictionary's values whose attribute holds (the sale statuses that mean cancelled). */
export async function dictionaryIdsWhere(db: Database, key: string, test: (attributes: Record<string, unknown>) => boolean): Promise<number[]> {
  const { rows } = await sql<{ id: number; attributes: unknown }>`SELECT id, attributes FROM dictionary_values WHERE dictionary_key = ${key}`.execute(db.kysely);
  return rows.filter((r) => test(withDefaults(key, parseJsonObject(r.attributes)))).map((r) => Number(r.id));
}

/** Labels of a path's values (dictionary values, records, users, enum options) in the locale; text values are their own label. */
export async function keyLabels(db: Database, entity: EntityDef, path: string, keys: readonly (string | number | null)[], locale: Locale): Promise<Map<string | number, string>> {
  const p = resolvePath(entity, path);
  const out = new Map<string | number, string>();
  if (!p) return out;
  const ids = keys.filter((k): k is number => typeof k === 'number');
  if (p.field.kind === 'enum') {
    const owner = p.kind === 'own' ? entity.name : p.target.name;
    const name = p.kind === 'own' ? p.name : p.name ?? '';
    for (const k of keys) if (k !== null) out.set(k, enumLabel(locale, owner, name, String(k)));
    return out;
  }
  const labels = await labelsFor(db, p.field, ids, locale);
  for (const k of keys) {
    if (k === null) continue;
    out.set(k, typeof k === 'number' ? labels.get(k) ?? `#${k}` : k);
  }
  return out;
}

/** A share or change as a fraction rounded to 4 places (0.1234 = 12.34%), or null where the base is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** A request's clock with whose rules its numbers follow: every analysis counts only what the actor may read. */
export interface ScopedClock extends Clock { access: Access }
