import type { EntityDef } from './define.js';
import type { FieldDef, LinesDef } from './field.js';
import { entityByName } from '../entities/registry.js';

/**
 * A field path: a field of the entity itself (`ownerId`), a field of the record a reference
 * points to (`customerId.typeId`: a sale's customer's type), or a field of a record's line items
 * (`lines.productId`, `lines.productId.categoryId`: the products a sale's lines name, their
 * categories). Lists filter by paths (`filter[customerId.typeId]=3`) and analyses group by them,
 * so the number an analysis shows and the list it opens read the same condition.
 *
 * A path through lines holds for a record when one of its lines satisfies it; a record without
 * lines counts as one line with nothing on it (analyses count its total under "no product").
 */
export type FieldPath =
  | { readonly kind: 'own'; readonly path: string; readonly name: string; readonly field: FieldDef }
  | { readonly kind: 'ref'; readonly path: string; readonly via: string; readonly target: EntityDef; readonly name: string; readonly field: FieldDef }
  | {
    readonly kind: 'lines'; readonly path: string; readonly via: string; readonly lines: LinesDef;
    /** The item entity (products) and one of its fields; absent for `lines.productId` itself. */
    readonly target: EntityDef; readonly name: string | null; readonly field: FieldDef;
  };

/** The line item's own reference to its item (a sale line's product). */
export const LINE_ITEM_KEY = 'productId';

/** Kinds a path may end in: values a filter compares and a group-by groups (no computed values, no nested lines). */
const usable = (f: FieldDef | undefined): f is FieldDef => Boolean(f) && f?.kind !== 'computed' && f?.kind !== 'lines';

/** A field's own name for a name or alias (`group` for `groupIds`). */
export function ownFieldName(entity: EntityDef, name: string): string | undefined {
  if (Object.hasOwn(entity.allFields, name)) return name;
  return Object.entries(entity.allFields).find(([, f]) => f.alias === name)?.[0];
}

/** Resolves a path against the definitions, or undefined when any segment is unknown or not usable. */
export function resolvePath(entity: EntityDef, path: string): FieldPath | undefined {
  const parts = path.split('.');
  if (parts.length > 3 || parts.some((p) => !/^[A-Za-z][A-Za-z0-9]{0,63}$/.test(p))) return undefined;
  const first = ownFieldName(entity, parts[0]);
  if (first === undefined) return undefined;
  const f = entity.allFields[first];
  if (parts.length === 1) return usable(f) ? { kind: 'own', path: first, name: first, field: f } : undefined;
  if (f.kind === 'reference' && parts.length === 2) {
    const target = entityByName(f.reference ?? '');
    const name = target && ownFieldName(target, parts[1]);
    if (!target || name === undefined || !usable(target.allFields[name])) return undefined;
    return { kind: 'ref', path: `${first}.${name}`, via: first, target, name, field: target.allFields[name] };
  }
  if (f.kind === 'lines' && f.lines && parts[1] === LINE_ITEM_KEY) {
    const target = entityByName(f.lines.item);
    if (!target) return undefined;
    if (parts.length === 2) {
      return { kind: 'lines', path: `${first}.${LINE_ITEM_KEY}`, via: first, lines: f.lines, target, name: null, field: { kind: 'reference', reference: target.name, label: target.label } };
    }
    const name = ownFieldName(target, parts[2]);
    if (name === undefined || !usable(target.allFields[name])) return undefined;
    return { kind: 'lines', path: `${first}.${LINE_ITEM_KEY}.${name}`, via: first, lines: f.lines, target, name, field: target.allFields[name] };
  }
  return undefined;
}

/** The i18n keys that name a path, outermost first (`sale.field.customer`, `customer.field.type`). */
export function pathLabels(entity: EntityDef, p: FieldPath): string[] {
  if (p.kind === 'own') return [p.field.label];
  const via = entity.allFields[p.via].label;
  if (p.kind === 'ref') return [via, p.field.label];
  return p.name === null ? [via, p.target.label] : [via, p.target.label, p.field.label];
}
