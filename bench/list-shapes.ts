/**
 * Random list shapes drawn from the entity registry (issue 14): what a user builds in the grid with
 * a few clicks — up to three filters (equality, `in`, a range, `contains`) on the columns the list
 * shows, sorted by any of them, either way. bench/list-random.ts measures them at 1M rows beside the
 * best raw SQL; test/list-shape-plans.test.ts checks that none of them gets a plan that scans a table.
 * Values come from a `ValuePool` (sampled rows of the data set), so a shape may find rows or none.
 */
import type { EntityDef } from '../src/shared/entity/define.js';
import type { FieldDef } from '../src/shared/entity/field.js';

export type ShapeOp = 'eq' | 'in' | 'range' | 'contains';
export interface ShapeFilter { field: string; op: ShapeOp; values: unknown[] }
export interface ListShape { entity: EntityDef; filters: ShapeFilter[]; sort: { field: string; desc: boolean } }

const TEXT_KINDS = new Set(['text', 'email', 'phone', 'url']);
const CHOICE_KINDS = new Set(['dictionary', 'reference', 'enum', 'boolean']);
const RANGE_KINDS = new Set(['date', 'datetime', 'integer', 'decimal', 'money', 'percent']);

/** The columns a user sorts by: what the list shows (a computed value or a set of links is not sortable) and the record's dates. */
export function sortableFields(entity: EntityDef): string[] {
  const shown = [...entity.listColumns, 'createdAt', 'updatedAt'];
  return Array.from(new Set(shown)).filter((f) => {
    const kind = entity.allFields[f]?.kind;
    return kind !== undefined && kind !== 'computed' && kind !== 'references' && kind !== 'lines' && kind !== 'longtext';
  });
}

/** The operators a user's filter on the field offers in the grid. */
export function opsFor(field: FieldDef): ShapeOp[] {
  if (CHOICE_KINDS.has(field.kind)) return field.kind === 'boolean' ? ['eq'] : ['eq', 'in'];
  if (RANGE_KINDS.has(field.kind)) return ['range', 'eq'];
  if (TEXT_KINDS.has(field.kind)) return ['contains', 'eq'];
  return [];
}

/** Columns a user filters on: the sortable ones with an operator. */
export function filterableFields(entity: EntityDef): string[] {
  return sortableFields(entity).filter((f) => opsFor(entity.allFields[f]).length > 0);
}

/** Values of a field seen in the data (several, so `in` and ranges have something to pick), and ones it never holds. */
export interface ValuePool { seen(field: string): unknown[]; absent(field: string, def: FieldDef): unknown }

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** A substring a user would type: 1–4 characters from inside a seen value (Hangul and Han count as characters). */
function substringOf(r: Rand, value: string): string {
  const chars = Array.from(value.toLowerCase()).filter((c) => c.trim() !== '');
  if (chars.length === 0) return 'a';
  const len = Math.min(chars.length, 1 + Math.floor(r() * 4));
  const start = Math.floor(r() * (chars.length - len + 1));
  return chars.slice(start, start + len).join('');
}

function filterFor(r: Rand, entity: EntityDef, field: string, pool: ValuePool, found: boolean): ShapeFilter | null {
  const def = entity.allFields[field];
  const seen = pool.seen(field).filter((v) => v !== null && v !== undefined);
  const op = pick(r, opsFor(def));
  const one = () => (found && seen.length ? pick(r, seen) : pool.absent(field, def));
  if (op === 'eq') return { field, op, values: [one()] };
  if (op === 'in') {
    const n = 2 + Math.floor(r() * 3);
    const values = Array.from({ length: n }, one);
    return { field, op, values: Array.from(new Set(values.map((v) => JSON.stringify(v)))).map((s) => JSON.parse(s) as unknown) };
  }
  if (op === 'contains') {
    const v = found && seen.length ? substringOf(r, String(pick(r, seen))) : String(pool.absent(field, def));
    return { field, op, values: [v] };
  }
  // A range between two seen values (found), or one past every value (not found).
  if (!seen.length) return null;
  const a = pick(r, seen);
  const b = pick(r, seen);
  const [lo, hi] = String(a) <= String(b) && typeof a === typeof b && (typeof a !== 'number' || (a as number) <= (b as number)) ? [a, b] : [b, a];
  return found ? { field, op, values: [lo, hi] } : { field, op, values: [pool.absent(field, def), null] };
}

/** One random shape: 0–3 filters on distinct columns and a sort; `found` (80%) draws filter values from the data. */
export function randomShape(r: Rand, entity: EntityDef, pool: ValuePool): ListShape {
  const fields = filterableFields(entity);
  const count = Math.floor(r() * 4);
  const chosen = new Set<string>();
  while (chosen.size < Math.min(count, fields.length)) chosen.add(pick(r, fields));
  const found = r() < 0.8;
  const filters = Array.from(chosen).map((f, i) => filterFor(r, entity, f, pool, found || i > 0)).filter((f): f is ShapeFilter => f !== null);
  return { entity, filters, sort: { field: pick(r, sortableFields(entity)), desc: r() < 0.5 } };
}

/** The shape as the list route's query parameters (what the grid sends). */
export function shapeQuery(shape: ListShape, limit = 50): Record<string, string> {
  const q: Record<string, string> = { sort: `${shape.sort.desc ? '-' : ''}${shape.sort.field}`, limit: String(limit) };
  const text = (v: unknown) => (typeof v === 'boolean' ? String(v) : String(v));
  for (const f of shape.filters) {
    if (f.op === 'eq') q[`filter[${f.field}]`] = text(f.values[0]);
    else if (f.op === 'in') q[`filter[${f.field}][in]`] = f.values.map(text).join(',');
    else if (f.op === 'contains') q[`filter[${f.field}][contains]`] = text(f.values[0]);
    else {
      q[`filter[${f.field}][gte]`] = text(f.values[0]);
      if (f.values[1] !== null) q[`filter[${f.field}][lte]`] = text(f.values[1]);
    }
  }
  return q;
}

/** A pool for plan checks on an empty database, where a well-formed value of the kind is enough. */
export const ANY_VALUES: ValuePool = {
  seen: () => [],
  absent: (_field, def) => absentValue(def),
};

/** A value of the field's kind that the data holds nowhere (an enum has none: its first value). */
export function absentValue(def: FieldDef): unknown {
  switch (def.kind) {
    case 'date': return '2031-01-01';
    case 'datetime': return '2031-01-01T00:00:00.000Z';
    case 'boolean': return true;
    case 'enum': return def.options?.[0];
    case 'text': case 'email': case 'phone': case 'url': return 'zqxj';
    default: return 999_999;
  }
}
