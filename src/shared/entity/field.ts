/** Field kinds every entity is built from (DESIGN.md §2). */
export const FIELD_KINDS = [
  'text', 'longtext', 'email', 'phone', 'url', 'integer', 'decimal', 'money', 'percent',
  'date', 'datetime', 'boolean', 'dictionary', 'reference', 'computed',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FieldDef {
  readonly kind: FieldKind;
  /** i18n key of the label, e.g. `customer.field.name`. */
  readonly label: string;
  readonly required?: boolean;
  /** Maximum length for text kinds (defaults per kind). */
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  /** Unique among live (not deleted) records; enforced by a unique index too. */
  readonly unique?: boolean;
  /** Dictionary key, for kind `dictionary` (e.g. `customer-type`). */
  readonly dictionary?: string;
  /** Target entity name (or `user`), for kind `reference`. */
  readonly reference?: string;
  /** Included in the `q` substring search. */
  readonly search?: boolean;
  /** Has an index, so it may be sorted, filtered and grouped at scale. All fields may be; indexed ones are fast. */
  readonly indexed?: boolean;
  /** Server fills it; clients may not write it. */
  readonly readOnly?: boolean;
  /** Default for new records (a literal). */
  readonly default?: string | number | boolean;
}

export const TEXT_LIMITS: Partial<Record<FieldKind, number>> = {
  text: 200, longtext: 10000, email: 254, phone: 40, url: 2000,
};

/** Kinds whose value is a number in JSON. */
export const NUMERIC_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'dictionary', 'reference'];
/** Kinds that support range filters (`gte`, `lt`, ...). */
export const RANGE_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'date', 'datetime'];
