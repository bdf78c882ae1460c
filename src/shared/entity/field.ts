/** Field kinds every entity is built from (DESIGN.md §2). */
export const FIELD_KINDS = [
  'text', 'longtext', 'email', 'phone', 'url', 'color', 'integer', 'decimal', 'money', 'percent',
  'date', 'datetime', 'boolean', 'enum', 'dictionary', 'reference', 'references', 'lines', 'computed',
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

/**
 * The table behind a `lines` field: a record's line items (opportunity products, sales lines),
 * replaced as a whole with the record in one transaction. Every lines table has the same columns
 * (line-items.ts); the sum of the line amounts is written to the record's `totalField`.
 */
export interface LinesDef {
  readonly table: string;
  /** Column holding the record's id. */
  readonly parentKey: string;
  /** A money field of the record that holds the sum of the line amounts whenever there are lines. */
  readonly totalField: string;
  /** The entity a line's `productId` refers to; its definition's `lineItem` says what a line takes from it. */
  readonly item: string;
}

/**
 * The table that keeps every change of a field's value (an opportunity's stage, a service request's
 * status): one row per change with the value before and after, when and by whom, written in the
 * change's own transaction. Besides `from`/`to` columns every history table has `changed_at` and
 * `changed_by`; `snapshot` copies other fields of the record as they were (the amount at the time).
 */
export interface HistoryDef {
  readonly table: string;
  /** Column holding the record's id. */
  readonly recordKey: string;
  readonly fromColumn: string;
  readonly toColumn: string;
  /** Fields of the record copied into each row: field name → column. */
  readonly snapshot?: Readonly<Record<string, string>>;
  /** The path segment of its route: `GET /<entities>/:id/<route>` (`stage-history`). */
  readonly route: string;
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
  /** For kind `lines`: the line items table. */
  readonly lines?: LinesDef;
  /** Every change of the value is kept in this table (kinds `dictionary`, `enum`, `reference`). */
  readonly history?: HistoryDef;
  /**
   * For kind `dictionary` of a hierarchical dictionary: the value must be a child of the value in
   * this field (a subcategory of the chosen category). Choosing a child fills the parent field; a
   * write that changes the parent without naming the child clears the child.
   */
  readonly parent?: string;
  /**
   * For kind `computed`: the value from the record's own values (a margin from two prices), the
   * same function on the server (every read) and in the browser (a form shows it as it is typed).
   */
  readonly derive?: (record: Readonly<Record<string, unknown>>) => unknown;
  /** For kind `dictionary`: a new record left without a value gets the dictionary's first active (top-level) value. */
  readonly defaultFirst?: boolean;
  /** For kind `date`: a new record left without a value gets today's date in the installation's time zone. */
  readonly defaultToday?: boolean;
  /** For kind `datetime`: a new record left without a value gets the current instant (a request's received time). */
  readonly defaultNow?: boolean;
  /**
   * For kind `computed`: the sum of a number field over the live records of another entity that
   * refer to this one (an opportunity's approved expenses), optionally only those whose `where`
   * field holds one of the values. Read for a page of records in one grouped query.
   */
  readonly rollup?: { readonly entity: string; readonly key: string; readonly sum: string; readonly where?: { readonly field: string; readonly in: readonly string[] } };
  /** Another name the list's query parameters accept for this field (`filter[group]` for `groupIds`). */
  readonly alias?: string;
  /**
   * Text with per-locale values in a `<column>_labels` JSON column (seeded data shown in the
   * user's language); writing the field sets the value and clears the translations.
   */
  readonly translatable?: boolean;
  /** For kind `computed`: the kind of the value it yields (for the API description and formatting). */
  readonly valueKind?: FieldKind;
  /**
   * For kind `datetime`: a deadline (a service request's resolution due time), empty while no clock
   * runs. Lists filter it by state, `filter[f][due]=overdue|today|later`, and group it by those
   * states, relative to now and today in the installation's time zone.
   */
  readonly due?: boolean;
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
  readonly when?: {
    readonly field: string;
    readonly equals: boolean;
    readonly required?: boolean;
    /**
     * In a form, when the boolean switches to this field's state and this field is empty, it takes the
     * other state's field: a date the day of a date-time, a date-time 09:00 on a date (All day ↔ timed).
     */
    readonly carry?: string;
  };
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

/**
 * What a decimal or percent column keeps (PostgreSQL NUMERIC(20,6)): 6 decimals and 14 digits
 * before the point (a larger number fails the query). SQLite's REAL would keep more decimals, so
 * both databases are held to this.
 */
export const DECIMAL_PLACES = 6;
export const DECIMAL_LIMIT = 99_999_999_999_999;

/**
 * Dates and instants both databases hold and read back alike: years 1 to 9999 (PostgreSQL has
 * no year 0; past 9999 an ISO instant needs six digits and a sign, which PostgreSQL does not read).
 */
export const DATE_MIN = '0001-01-01';
export const DATE_MAX = '9999-12-31';
const INSTANT_MIN = Date.parse(`${DATE_MIN}T00:00:00.000Z`);
const INSTANT_MAX = Date.parse(`${DATE_MAX}T23:59:59.999Z`);
/** Whether an instant (milliseconds since the epoch) falls on a date from DATE_MIN to DATE_MAX in UTC. */
export const instantInRange = (ms: number): boolean => ms >= INSTANT_MIN && ms <= INSTANT_MAX;

/** Kinds whose value is a number in JSON. */
export const NUMERIC_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'dictionary', 'reference'];
/** Kinds whose values are quantities people read and add up: right-aligned in tables, summable in group-by. */
export const AMOUNT_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent'];

/** The kind a value is shown, formatted and exported as: a computed field's `valueKind`, else the field's own. */
export const shownKind = (f: FieldDef): FieldKind => (f.kind === 'computed' && f.valueKind ? f.valueKind : f.kind);

/** Kinds that support range filters (`gte`, `lt`, ...). */
export const RANGE_KINDS: readonly FieldKind[] = ['integer', 'decimal', 'money', 'percent', 'date', 'datetime'];

/** Mantine's palette names, or a #rgb / #rrggbb hex colour. */
export const COLOR_NAMES = ['dark', 'gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange'] as const;
export const COLOR_PATTERN = new RegExp(`^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|${COLOR_NAMES.join('|')})$`);

/** A field stored in a column of the record's own table (a `references` field lives in its link table, `lines` in its lines table; computed ones nowhere). */
export const hasColumn = (f: FieldDef): boolean => f.kind !== 'computed' && f.kind !== 'references' && f.kind !== 'lines';
