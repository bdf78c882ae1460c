import { z } from 'zod';
import type { EntityDef } from './define.js';
import { COLOR_PATTERN, DATE_MAX, DATE_MIN, DECIMAL_LIMIT, DECIMAL_PLACES, instantInRange, TEXT_LIMITS, type FieldDef } from './field.js';
import { hasAtMostDecimals, linesSchema } from './line-items.js';

const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;
const ID = z.number().int().positive().max(2147483647);

/** The zod type of one field's value, before optionality. */
export function fieldValueSchema(f: FieldDef): z.ZodType {
  const limit = f.maxLength ?? TEXT_LIMITS[f.kind] ?? 200;
  switch (f.kind) {
    case 'text':
    case 'longtext':
    case 'phone':
      return z.string().trim().max(limit);
    case 'email':
      return z.string().trim().max(limit).pipe(z.union([z.literal(''), z.email()]));
    case 'url':
      return z.string().trim().max(limit).refine((v) => v === '' || SAFE_URL.test(v), { message: 'must start with http://, https://, mailto: or tel:' });
    case 'color':
      return z.string().trim().max(limit).refine((v) => v === '' || COLOR_PATTERN.test(v), { message: 'must be a colour name (blue, red, …) or #rrggbb' });
    case 'integer':
      // An integer column has 32 bits on PostgreSQL: a larger value would fail inside the query.
      return boundNumber(z.number().int(), { ...f, min: f.min ?? -(2 ** 31), max: f.max ?? 2 ** 31 - 1 });
    case 'money':
      return boundNumber(z.number().int(), { ...f, min: f.min ?? Number.MIN_SAFE_INTEGER, max: f.max ?? Number.MAX_SAFE_INTEGER });
    case 'decimal':
      return columnDecimal(boundNumber(z.number().finite(), { ...f, min: f.min ?? -DECIMAL_LIMIT, max: f.max ?? DECIMAL_LIMIT }));
    case 'percent':
      // The field's own bounds, else 0–100: each bound once, so a value out of range is one error, not two.
      return columnDecimal(boundNumber(z.number().finite(), { ...f, min: f.min ?? 0, max: f.max ?? 100 }));
    case 'date':
      return z.iso.date().refine((v) => v >= DATE_MIN && v <= DATE_MAX, { message: `must be a date from ${DATE_MIN} to ${DATE_MAX}` });
    case 'datetime':
      return z.iso.datetime({ offset: true }).refine((v) => instantInRange(Date.parse(v)), { message: `must be an instant from ${DATE_MIN} to ${DATE_MAX} (UTC)` });
    case 'boolean':
      return z.boolean();
    case 'enum': {
      const [first, ...rest] = f.options ?? [];
      return first === undefined ? z.never() : z.enum([first, ...rest]);
    }
    case 'dictionary':
    case 'reference':
      return ID;
    case 'references':
      // A set: order and repeats do not matter on the way in; the API returns it sorted.
      return z.array(ID).max(1000).transform((ids) => Array.from(new Set(ids)).sort((a, b) => a - b));
    case 'lines':
      return linesSchema;
    case 'computed':
      return z.never();
  }
}

function boundNumber(s: z.ZodNumber, f: FieldDef): z.ZodNumber {
  let out = s;
  if (f.min !== undefined) out = out.min(f.min);
  if (f.max !== undefined) out = out.max(f.max);
  return out;
}

/**
 * A decimal as its column keeps it (DECIMAL_PLACES): more decimals are refused, so no database
 * rounds what was typed; float noise below them (5e-324, 0.1 + 0.2) is rounded away on both.
 */
function columnDecimal(s: z.ZodNumber): z.ZodNumber {
  return s
    .refine((n) => hasAtMostDecimals(n, DECIMAL_PLACES), { message: `has more than ${DECIMAL_PLACES} decimals` })
    .overwrite((n) => Number(n.toFixed(DECIMAL_PLACES)));
}

const nonBlank = (s: z.ZodType) => s.refine((v) => typeof v === 'string' && v.length > 0, { message: 'is required' });

const isTextKind = (f: FieldDef) => ['text', 'longtext', 'phone', 'email', 'url', 'color'].includes(f.kind);

/** Fields a client may write. */
export function writableFields(entity: EntityDef): [string, FieldDef][] {
  return Object.entries(entity.allFields).filter(([, f]) => !f.readOnly && f.kind !== 'computed');
}

/**
 * An entity's schema built once and reused: building one takes milliseconds, parsing with it
 * microseconds, and a definition does not change while the program runs.
 */
function once<S>(build: (entity: EntityDef) => S): (entity: EntityDef) => S {
  const built = new WeakMap<EntityDef, S>();
  return (entity) => {
    let s = built.get(entity);
    if (s === undefined) { s = build(entity); built.set(entity, s); }
    return s;
  };
}

/** Create schema: required fields must be present and non-empty; blank text becomes null. */
export const createSchema = once(buildCreateSchema);
/** Update schema: writable fields (some or all of them), plus the version the client last saw. */
export const updateSchema = once(buildUpdateSchema);

function buildCreateSchema(entity: EntityDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of writableFields(entity)) {
    let s = fieldValueSchema(f);
    if (f.required) {
      if (isTextKind(f)) s = nonBlank(s);
      shape[name] = s;
    } else {
      shape[name] = s.nullable().optional();
    }
  }
  return z.strictObject(shape);
}

function buildUpdateSchema(entity: EntityDef) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, f] of writableFields(entity)) {
    let s = fieldValueSchema(f);
    if (f.required && isTextKind(f)) s = nonBlank(s);
    shape[name] = f.required ? s.optional() : s.nullable().optional();
  }
  shape.version = z.number().int().nonnegative();
  return z.strictObject(shape);
}

/** Shape of a record as the API returns it (for OpenAPI). */
export function recordSchema(entity: EntityDef) {
  const shape: Record<string, z.ZodType> = {};
  const labels: Record<string, z.ZodType> = {};
  for (const [name, f] of Object.entries(entity.allFields)) {
    if (f.kind === 'computed') shape[name] = f.valueKind ? fieldValueSchema({ ...f, kind: f.valueKind }).nullable() : z.unknown();
    else if (f.kind === 'references') shape[name] = z.array(ID);
    else if (f.kind === 'lines') shape[name] = z.array(lineRecordSchema).describe('On single-record reads (GET /{id}, POST, PATCH); lists leave it out');
    else shape[name] = fieldValueSchema(f).nullable();
    if (f.kind === 'references') labels[name] = z.array(z.string());
    if (f.kind === 'reference' || f.kind === 'dictionary') labels[name] = z.string().nullable();
  }
  shape.deletedAt = z.iso.datetime().nullable();
  shape._labels = z.object(labels).describe('Display text of each reference, references and dictionary field, in the request locale');
  return z.object(shape);
}

const lineRecordSchema = z.object({
  id: ID, position: z.number().int(), productId: ID.nullable(), description: z.string().nullable(),
  quantity: z.number(), unitPrice: z.number().int(), discountPercent: z.number(), amount: z.number().int(),
  _labels: z.object({ productId: z.string().nullable() }),
});

export interface FieldIssue { field: string; message: string }

/** Flattens a zod error into `{field, message}` pairs that name the field. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Named where it is: an unknown key inside an object (a line, a stage's attributes) carries that object's path.
      for (const k of issue.keys) out.push({ field: [...issue.path.map(String), k].join('.'), message: 'is not a known field' });
      continue;
    }
    out.push({ field: issue.path.map(String).join('.') || '(body)', message: issue.message });
  }
  return out;
}

/** Normalises blank text to null, so "" and null mean the same. */
export function blankToNull(values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  return out;
}
