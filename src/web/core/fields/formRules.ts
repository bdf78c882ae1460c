import type { TFunction } from 'i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import type { Query } from '../api.js';
import type { FormValue, FormValues } from './formValues.js';
import type { FieldErrors } from './validation.js';

/**
 * The rules a definition declares between fields (`when`, `notBefore`, `within`), as the browser
 * applies them while the user types; the server applies the same ones on save (field-rules.ts).
 */

const isEmpty = (v: FormValue | undefined) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** A `when` field is shown only in its boolean's state (an unset box counts as false). */
export function isShown(def: FieldDef, values: FormValues): boolean {
  return !def.when || (values[def.when.field] === true) === def.when.equals;
}

/** Fields hidden by `when` are sent empty: the server refuses a value in the other state. */
export function clearHidden(entity: EntityDef, values: FormValues): FormValues {
  const out = { ...values };
  for (const [name, def] of Object.entries(entity.fields)) if (name in out && !isShown(def, values)) out[name] = def.kind === 'date' || def.kind === 'datetime' ? '' : null;
  return out;
}

/**
 * After a boolean switched: each field shown now that is empty takes its `carry` field's value, as a
 * date (the day of a date-time) or a date-time (09:00 on a date).
 */
export function carryOver(entity: EntityDef, values: FormValues, switched: string): FormValues {
  const out = { ...values };
  for (const [name, def] of Object.entries(entity.fields)) {
    const from = def.when?.carry;
    if (!from || def.when?.field !== switched || !isShown(def, out) || !isEmpty(out[name]) || typeof out[from] !== 'string' || !out[from]) continue;
    const source = out[from] as string;
    out[name] = def.kind === 'date' ? source.slice(0, 10) : def.kind === 'datetime' && source.length === 10 ? `${source}T09:00` : source;
  }
  return out;
}

/** Errors the form can tell as the user types: a `when` field required in its state, a value before its `notBefore` field. */
export function ruleErrors(entity: EntityDef, values: FormValues, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, def] of Object.entries(entity.fields)) {
    if (!isShown(def, values)) continue;
    if (def.when?.required && isEmpty(values[name])) errors[name] = t('validation.required');
    const other = def.notBefore;
    // Dates (YYYY-MM-DD) and date-times typed in one zone (YYYY-MM-DDTHH:mm) order as text.
    if (other && !isEmpty(values[name]) && !isEmpty(values[other]) && String(values[name]) < String(values[other])) {
      errors[name] = t('validation.notBefore', { field: t(entity.allFields[other]?.label ?? other) });
    }
  }
  return errors;
}

/** Only errors of fields the user has touched (or all of them once Save was pressed). */
export function shownErrors(all: FieldErrors, touched: ReadonlySet<string>): FieldErrors {
  return Object.fromEntries(Object.entries(all).filter(([f]) => touched.has(f)));
}

/** A `within` reference offers only records sharing the field's value (a contact of the chosen customer). */
export function withinQuery(def: FieldDef, values: FormValues): Query | undefined {
  const w = def.within;
  if (!w) return undefined;
  const v = values[w.field];
  return typeof v === 'number' ? { [`filter[${w.targetField}]`]: v } : undefined;
}

/** Fields whose choices depend on `field` (a customer's contact, opportunity, sale): cleared when it changes. */
export function dependentsOf(entity: EntityDef, field: string): string[] {
  return Object.entries(entity.fields).filter(([, f]) => f.within?.field === field || f.parent === field).map(([n]) => n);
}
