import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { writableFields } from '../../../shared/entity/schema.js';
import { toMajor, toMinor } from '../../../shared/money.js';
import { currency } from '../money.js';
import { displayTimeZone, installationToday, isoToZonedInput, zonedInputToIso } from '../timeZone.js';
import type { EntityRecord } from '../records.js';

/**
 * What a form control holds: text kinds keep the raw string the user typed, so nothing is lost
 * on error; money is held in major units as typed (19.99), the API's minor units only on the wire;
 * lines are the line editor's rows.
 */
export type FormValue = string | number | boolean | null | number[] | FormLine[];

/** A line as the line editor holds it: prices in major units, like every money input. */
export interface FormLine {
  /** Stable React key while editing (the stored id, or a new one). */
  key: string;
  productId: number | null;
  productLabel: string | null;
  description: string;
  quantity: number | '';
  unitPrice: number | '';
  discountPercent: number | '';
}
export type FormValues = Record<string, FormValue>;

const NUMBER_KINDS = new Set(['integer', 'decimal', 'money', 'percent']);

export function emptyValue(def: FieldDef): FormValue {
  if (def.default !== undefined) return def.default;
  if (def.defaultToday) return installationToday();
  // Unset, not false: the server decides (a customer's first contact becomes its primary contact).
  if (def.kind === 'boolean') return null;
  if (def.kind === 'references' || def.kind === 'lines') return [];
  if (NUMBER_KINDS.has(def.kind) || def.kind === 'dictionary' || def.kind === 'reference') return null;
  return '';
}

export function emptyForm(entity: EntityDef): FormValues {
  const out: FormValues = {};
  for (const [name, def] of writableFields(entity)) out[name] = emptyValue(def);
  return out;
}

/** The form's view of a stored value (datetime becomes the local `datetime-local` string). */
export function toFormValue(def: FieldDef, value: unknown): FormValue {
  if (value === null || value === undefined) return emptyValue({ ...def, default: undefined });
  if (def.kind === 'datetime' && typeof value === 'string') return isoToZonedInput(value, displayTimeZone());
  if (def.kind === 'money' && typeof value === 'number') return toMajor(value, currency());
  if (def.kind === 'lines' && Array.isArray(value)) return value.map((l) => lineToForm(l as ApiLine));
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

export function recordToForm(entity: EntityDef, record: EntityRecord): FormValues {
  const out: FormValues = {};
  for (const [name, def] of writableFields(entity)) out[name] = toFormValue(def, record[name]);
  return out;
}

/** The API's value for one form value: blank means null; numbers from strings; local datetimes to ISO. */
export function toApiValue(def: FieldDef, value: FormValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return null;
    if (NUMBER_KINDS.has(def.kind) || def.kind === 'dictionary' || def.kind === 'reference') {
      // Number inputs may hand over text ("1,299.00"); separators are the display's, not the value's.
      const n = Number(NUMBER_KINDS.has(def.kind) ? trimmed.replace(/,/g, '') : trimmed);
      // Keep an unparsable value as text so validation names the field instead of silently dropping it.
      if (!Number.isFinite(n)) return trimmed;
      return def.kind === 'money' ? moneyToApi(n) : n;
    }
    // A date-time is typed as the wall clock of the zone it is shown in (Settings, else the browser's).
    if (def.kind === 'datetime') return zonedInputToIso(trimmed, displayTimeZone());
    return value;
  }
  if (def.kind === 'money' && typeof value === 'number') return moneyToApi(value);
  if (def.kind === 'lines' && Array.isArray(value)) return (value as FormLine[]).map(lineToApi);
  return value;
}

/** Major units as typed → minor units; a value with too many decimals stays as typed, so validation names it. */
export function moneyToApi(major: number): number {
  return toMinor(major, currency()) ?? major;
}

interface ApiLine { id: number; productId: number | null; description: string | null; quantity: number; unitPrice: number; discountPercent: number; _labels?: { productId: string | null } }

let newLineKeys = 0;
export const newLineKey = () => `new-${++newLineKeys}`;

export function lineToForm(l: ApiLine): FormLine {
  return {
    key: `line-${l.id}`, productId: l.productId, productLabel: l._labels?.productId ?? null, description: l.description ?? '',
    quantity: l.quantity, unitPrice: toMajor(l.unitPrice, currency()), discountPercent: l.discountPercent,
  };
}

/** A line for the API: empty numbers left out (the server fills the product's price), prices in minor units. */
export function lineToApi(l: FormLine): Record<string, unknown> {
  const out: Record<string, unknown> = { productId: l.productId, description: l.description.trim() || null, quantity: l.quantity === '' ? null : l.quantity };
  if (l.unitPrice !== '') out.unitPrice = moneyToApi(l.unitPrice);
  if (l.discountPercent !== '') out.discountPercent = l.discountPercent;
  return out;
}

/** Payload for POST (every writable field) or PATCH (only the fields that changed). */
export function formToPayload(entity: EntityDef, values: FormValues, initial?: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, def] of writableFields(entity)) {
    if (!(name in values)) continue;
    const next = toApiValue(def, values[name]);
    // A checkbox never touched is left out of a new record: the server applies its rule (first contact is primary).
    if (!initial && def.kind === 'boolean' && next === null) continue;
    if (initial && sameApiValue(toApiValue(def, initial[name] ?? null), next)) continue;
    out[name] = next;
  }
  return out;
}

/** Equal as the API sees them; a set of ids is equal whatever its order; lines are equal line by line. */
export function sameApiValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b) && (a.some((x) => typeof x === 'object') || b.some((x) => typeof x === 'object'))) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const sorted = (x: unknown[]) => [...x].map(Number).sort((m, n) => m - n);
    const sa = sorted(a);
    const sb = sorted(b);
    return sa.every((v, i) => v === sb[i]);
  }
  return a === b;
}
