/** Field kinds every entity is built from (DESIGN.md §2). */
export const FIELD_KINDS = [
  'text', 'longtext', 'email', 'phone', 'url', 'color', 'integer', 'decimal', 'money', 'percent',
  'date', 'datetime', 'boolean', 'enum', 'dictionary', 'reference', 'references', 'computed',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/**
 * The link table behind a `references` field: one row per (self, other) pair, with
 * `created_at` and `created_by` columns beside the two keys (every link table has them).
 */
export interface ThroughDef {
  readonly table: string;
  /** Column holding this record's id. */
  readonly selfKey: string;
  /** Column holding the referenced record's id. */
  readonly otherKey: string;
}

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
  /** Target entity name (or `user`), for kinds `reference` and `references`. */
  readonly reference?: string;
  /** For kind `references`: the link table (the field has no column of its own). */
  readonly through?: ThroughDef;
  /** Another name the list's query parameters accept for this field (`filter[group]` for `groupIds`). */
  readonly alias?: string;
  /**
   * Text with per-locale values in a `<column>_labels` JSON column (seeded data shown in the
   * user's language); writing the field sets the value and clears the translations.
   */
  readonly translatable?: boolean;
  /** For kind `computed`: the kind of the value it yields (for the API description and formatting). */
  readonly valueKind?: FieldKind;
  /** Included in the `q` substring search. */
  readonly search?: boolean;
  /** Has an index, so it may be sorted, filtered and grouped at scale. All fields may be; indexed ones are fast. */
  readonly indexed?: boolean;
  /** Server fills it; clients may not write it. */
  readonly readOnly?: boolean;
  /** Default for new records (a literal). */
  readonly default?: string | number | boolean;
  /**
   * For kind `enum`: the fixed values (stable codes stored as text). Unlike a dictionary,
   * users cannot edit them, because code depends on them; each is labelled by the i18n key
   * `<entity>.<field>.<option>`.
   */
  readonly options?: readonly string[];
  /**
   * The field belongs to one state of a boolean field (an all-day activity has dates, a timed
   * one instants): it must be empty unless `field` is `equals` (a missing value counts as
   * false), and with `required` it must be given when it is.
   */
  readonly when?: { readonly field: string; readonly equals: boolean; readonly required?: boolean };
  /** The value may not be before another field's value of the same kind (an end and its start). */
  readonly notBefore?: string;
  /**
   * For kind `reference`: the referenced record must have `targetField` equal to this record's
   * `field` (a contact of the activity's customer); an empty `field` is filled from the target.
   */
  readonly within?: { readonly field: string; readonly targetField: string };
}

export const TEXT_LIMITS: Partial<Record<FieldKind, number>> = {
  text: 200, longtext: 10000, email: 254, phone: 40, url: 2000, color: 20,
};

/** Kinds whose value is a number in JSON. */
export const NUMERIC_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'dictionary', 'reference'];
/** Kinds that support range filters (`gte`, `lt`, ...). */
export const RANGE_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'date', 'datetime'];

/** Mantine's palette names, or a #rgb / #rrggbb hex colour. */
export const COLOR_NAMES = ['dark', 'gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;
export const COLOR_PATTERN = new RegExp(`^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|${COLOR_NAMES.join('|')})$`);

/** A field stored in a column of the record's own table (a `references` field lives in its link table; computed ones nowhere). */
export const hasColumn = (f: FieldDef): boolean => f.kind !== 'computed' && f.kind !== 'references';
