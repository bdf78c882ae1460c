import type { EntityDef } from '../../src/shared/entity/define.js';
import type { FieldDef } from '../../src/shared/entity/field.js';
import { entityByName } from '../../src/shared/entities/registry.js';
import type { RapportApp } from '../../src/server/app.js';
import { call } from './http.js';

/**
 * A valid value for any field kind, so the contract test covers a new entity the moment
 * it is declared. References create their target record the same way.
 */
export async function sampleValue(app: RapportApp, f: FieldDef, seed: string): Promise<unknown> {
  const limit = f.maxLength ?? 200;
  switch (f.kind) {
    case 'text': case 'longtext': return `${seed} 삼성 华信`.slice(0, limit);
    case 'email': return `${seed.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'x'}@example.com`;
    case 'phone': return '+82 2-555-0100';
    case 'url': return 'https://example.com/';
    case 'color': return 'teal';
    case 'integer': case 'money': return Math.max(f.min ?? 0, Math.min(f.max ?? 1000, 42));
    case 'decimal': return 3.5;
    case 'percent': return 12.5;
    case 'date': return '2026-03-15';
    case 'datetime': return '2026-03-15T09:30:00.000Z';
    case 'boolean': return true;
    case 'enum': return f.options?.[0];
    case 'dictionary': {
      const res = await call<{ items: { id: number; parentId: number | null }[] }>(app, 'GET', `/api/v1/dictionaries/${f.dictionary}/values`);
      return res.body.items.find((v) => v.parentId === null)?.id ?? null;
    }
    case 'reference': {
      if (f.reference === 'user') return 1;
      const target = entityByName(f.reference ?? '');
      if (!target) return null;
      const body = await sampleBody(app, target, `${seed}-ref`, true);
      return (await call<{ id: number }>(app, 'POST', `/api/v1/${target.path}`, body)).body.id;
    }
    case 'references': {
      const target = entityByName(f.reference ?? '');
      if (!target) return [];
      const body = await sampleBody(app, target, `${seed}-refs-${Math.random().toString(36).slice(2, 8)}`, true);
      return [(await call<{ id: number }>(app, 'POST', `/api/v1/${target.path}`, body)).body.id];
    }
    case 'lines': {
      // One line of a new record of the lines' item entity: its price comes from the item, the amount from the server.
      // (`productId` is the key every line has, whatever entity the lines take their items from: line-items.ts.)
      const item = entityByName(f.lines?.item ?? '');
      if (!item) return [];
      const body = { ...(await sampleBody(app, item, `${seed}-item-${Math.random().toString(36).slice(2, 8)}`, true)), ...(item.lineItem ? { [item.lineItem.price]: 1250 } : {}) };
      const itemId = (await call<{ id: number }>(app, 'POST', `/api/v1/${item.path}`, body)).body.id;
      return [{ productId: itemId, quantity: 2, discountPercent: 10 }];
    }
    case 'computed': return undefined;
  }
}

/** A child value of the parent field's value (a subcategory of the sample's category). */
async function childSample(app: RapportApp, f: FieldDef, parentValue: unknown): Promise<unknown> {
  const res = await call<{ items: { id: number; parentId: number | null }[] }>(app, 'GET', `/api/v1/dictionaries/${f.dictionary}/values`);
  return res.body.items.find((v) => v.parentId === parentValue)?.id ?? null;
}

/** A list filter that matches a record's value of any kind (a set of links matches by one member). */
export function filterFor(field: string, value: unknown): string {
  if (value === null || (Array.isArray(value) && value.length === 0)) return `filter[${field}][empty]=1`;
  return `filter[${field}]=${encodeURIComponent(String(Array.isArray(value) ? value[0] : value))}`;
}

/** Whether a list may be sorted by the field (a set of links may not: that is a 400 naming it). */
export const isSortable = (f: FieldDef): boolean => f.kind !== 'references';

/** Whether a list may be filtered, sorted and grouped by the field at all (lines live with their record). */
export const isListable = (f: FieldDef): boolean => f.kind !== 'computed' && f.kind !== 'lines';

/** A create body with every writable field (or only the required ones). */
export async function sampleBody(app: RapportApp, entity: EntityDef, seed: string, requiredOnly = false): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(entity.fields)) {
    if (f.readOnly || f.kind === 'computed' || (requiredOnly && !f.required && !f.when?.required)) continue;
    body[name] = f.within && body[f.within.field] !== undefined
      ? await withinSample(app, f, body[f.within.field], seed)
      : f.parent && body[f.parent] !== undefined
        ? await childSample(app, f, body[f.parent])
        : await sampleValue(app, f, f.unique ? `${seed}-${name}-${Math.random().toString(36).slice(2, 8)}` : seed);
    if (f.maxLength && typeof body[name] === 'string') body[name] = (body[name] as string).slice(0, f.maxLength);
  }
  // A field that belongs to the other state of a boolean (`when`) stays out of the body.
  for (const [name, f] of Object.entries(entity.fields)) {
    if (f.when && name in body && (body[f.when.field] ?? false) !== f.when.equals) delete body[name];
  }
  return body;
}

/** A reference declared `within` another field: its target is created sharing that field's value (a contact of the sample's customer). */
async function withinSample(app: RapportApp, f: FieldDef, shared: unknown, seed: string): Promise<unknown> {
  const target = entityByName(f.reference ?? '');
  if (!target || !f.within) return null;
  const body = { ...(await sampleBody(app, target, `${seed}-within`, true)), [f.within.targetField]: shared };
  return (await call<{ id: number }>(app, 'POST', `/api/v1/${target.path}`, body)).body.id;
}
