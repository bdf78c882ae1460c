import type { EntityDef } from '../../../shared/entity/define.js';
import { hasColumn } from '../../../shared/entity/field.js';
import type { EntityRecord } from '../records.js';

/** One value a field has in some of the records being merged. */
export interface ValueOption {
  /** Stable key of the value (its JSON). */
  key: string;
  value: unknown;
  /** The records holding it, in the group's order; the first one is the display source. */
  holders: EntityRecord[];
}

export interface FieldChoice {
  field: string;
  options: ValueOption[];
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The fields whose value the user picks: stored in the record's own row (group memberships and lines move as
 * links, not as values), changeable by this user, and not already the same in every record.
 */
export function fieldChoices(entity: EntityDef, records: readonly EntityRecord[], writable: (field: string) => boolean): FieldChoice[] {
  const out: FieldChoice[] = [];
  for (const [field, def] of Object.entries(entity.allFields)) {
    if (!hasColumn(def) || def.readOnly || !writable(field)) continue;
    const options = new Map<string, ValueOption>();
    for (const r of records) {
      const v = r[field];
      if (isEmpty(v)) continue;
      const key = JSON.stringify(v);
      const known = options.get(key);
      if (known) known.holders.push(r);
      else options.set(key, { key, value: v, holders: [r] });
    }
    const allSame = options.size === 1 && records.every((r) => !isEmpty(r[field]));
    if (options.size === 0 || allSame) continue;
    out.push({ field, options: [...options.values()] });
  }
  return out;
}

/** The value kept when the user picks none: the survivor's own, else the first record's that has one. */
export function defaultChoice(choice: FieldChoice, survivorId: number): string {
  return (choice.options.find((o) => o.holders.some((h) => h.id === survivorId)) ?? choice.options[0]).key;
}

/** The body's `values`: every offered field with the value picked for it. */
export function chosenValues(choices: readonly FieldChoice[], picked: Readonly<Record<string, string>>, survivorId: number): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const c of choices) {
    const key = picked[c.field] ?? defaultChoice(c, survivorId);
    values[c.field] = c.options.find((o) => o.key === key)?.value ?? null;
  }
  return values;
}
