import { z } from 'zod';

/**
 * Dictionaries are data (DESIGN.md §3): their values are rows users edit. Some dictionaries
 * give each value a few attributes beyond its label (an opportunity stage's win probability and
 * outcome); those are declared here, once, and drive the server's validation and the editor's
 * inputs alike, so a dictionary with attributes needs no editor code of its own.
 */
/** A dictionary value as the API returns it (`GET /api/v1/dictionaries/<key>/values`). */
export interface DictionaryValue {
  id: number;
  code: string;
  /** In the request's locale (its own label there, else the default label). */
  label: string;
  /** The label shown where the value has none for a locale. */
  defaultLabel: string;
  labels: Partial<Record<string, string>>;
  parentId: number | null;
  color: string | null;
  position: number;
  active: boolean;
  attributes: Record<string, unknown>;
  version: number;
}

export interface DictionaryAttribute {
  readonly name: string;
  /** `number` (hours, …) and `money` (minor units of the installation's currency) may be empty (null). */
  readonly kind: 'percent' | 'enum' | 'boolean' | 'number' | 'money';
  /** i18n key of the attribute's label. */
  readonly label: string;
  /** For kind `enum`: stable codes, each labelled by the i18n key `dictionary.attribute.<name>Option.<option>`. */
  readonly options?: readonly string[];
  /** For kind `number`: its bounds. */
  readonly min?: number;
  readonly max?: number;
  readonly default: number | string | boolean | null;
}

export const DICTIONARY_ATTRIBUTES: Readonly<Record<string, readonly DictionaryAttribute[]>> = {
  'opportunity-stage': [
    { name: 'probability', kind: 'percent', label: 'dictionary.attribute.probability', default: 0 },
    { name: 'outcome', kind: 'enum', options: ['open', 'won', 'lost'], label: 'dictionary.attribute.outcome', default: 'open' },
  ],
  'sale-status': [
    { name: 'cancelled', kind: 'boolean', label: 'dictionary.attribute.cancelled', default: false },
  ],
  // M9: a priority's service targets, in working hours (Settings → Working time).
  'service-priority': [
    { name: 'responseHours', kind: 'number', min: 0, max: 10_000, label: 'dictionary.attribute.responseHours', default: null },
    { name: 'resolutionHours', kind: 'number', min: 0, max: 10_000, label: 'dictionary.attribute.resolutionHours', default: null },
  ],
  // M9: what a status means to the service clock: waiting pauses it; resolved, closed, rejected and duplicate stop it.
  'service-status': [
    { name: 'meaning', kind: 'enum', options: ['open', 'waiting', 'resolved', 'closed', 'rejected', 'duplicate'], label: 'dictionary.attribute.meaning', default: 'open' },
  ],
  // M10: a category priced per unit (mileage per km): an expense's amount is its quantity × this price.
  'expense-category': [
    { name: 'unitPrice', kind: 'money', label: 'dictionary.attribute.unitPrice', default: null },
  ],
};

export function attributesOf(key: string): readonly DictionaryAttribute[] {
  // Own keys only: a key from the URL such as `__proto__` or `constructor` is no dictionary.
  return Object.hasOwn(DICTIONARY_ATTRIBUTES, key) ? DICTIONARY_ATTRIBUTES[key] : [];
}

/** The attributes object a write may carry for this dictionary (any subset; unknown names are refused). */
export function attributesSchema(key: string) {
  const shape: Record<string, z.ZodType> = {};
  for (const a of attributesOf(key)) {
    if (a.kind === 'percent') shape[a.name] = z.number().finite().min(0).max(100).optional();
    else if (a.kind === 'boolean') shape[a.name] = z.boolean().optional();
    else if (a.kind === 'number') shape[a.name] = z.number().finite().min(a.min ?? -1e12).max(a.max ?? 1e12).nullable().optional();
    else if (a.kind === 'money') shape[a.name] = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional();
    else {
      const [first, ...rest] = a.options ?? [];
      shape[a.name] = first === undefined ? z.never() : z.enum([first, ...rest]).optional();
    }
  }
  return z.strictObject(shape);
}

/** Stored attributes with every declared attribute present (defaults for the missing ones). */
export function withDefaults(key: string, stored: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attributesOf(key)) out[a.name] = stored[a.name] ?? a.default;
  return out;
}
