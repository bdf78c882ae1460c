import { z } from 'zod';

/** How far a right reaches: no records, the user's own, their team's, or every record. */
export const SCOPES = ['none', 'own', 'team', 'all'] as const;
export type Scope = (typeof SCOPES)[number];
export const ACTIONS = ['create', 'read', 'edit', 'delete', 'export', 'import'] as const;
export type Action = (typeof ACTIONS)[number];
/** A field's rule for a role; a field a role does not name is read-write. */
export const FIELD_RULES = ['read-write', 'read-only', 'hidden'] as const;
export type FieldRule = (typeof FIELD_RULES)[number];
export const SPECIAL_RIGHTS = ['settings', 'dictionaries', 'users', 'audit', 'lab'] as const;
export type SpecialRight = (typeof SPECIAL_RIGHTS)[number];

export type EntityRights = Record<Action, Scope>;
export interface Permissions {
  entities: Record<string, EntityRights>;
  fields: Record<string, Record<string, FieldRule>>;
  special: SpecialRight[];
}

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/);
/** A role's rights as stored and as sent by an admin: schema-checked JSON, never code. */
export const permissionsSchema = z.object({
  entities: z.record(name, z.strictObject({
    create: z.enum(SCOPES), read: z.enum(SCOPES), edit: z.enum(SCOPES), delete: z.enum(SCOPES), export: z.enum(SCOPES), import: z.enum(SCOPES),
  }).partial()).default({}),
  fields: z.record(name, z.record(name, z.enum(FIELD_RULES))).default({}),
  special: z.array(z.enum(SPECIAL_RIGHTS)).default([]),
}).strict();

export const scopeRank = (s: Scope): number => SCOPES.indexOf(s);
const ruleRank = (r: FieldRule): number => 2 - FIELD_RULES.indexOf(r);

export const NO_RIGHTS: EntityRights = { create: 'none', read: 'none', edit: 'none', delete: 'none', export: 'none', import: 'none' };

/**
 * Several roles combine to the most permissive: the widest scope per action, the freest rule per
 * field (a field hidden by one role and not named by another is read-write), every special right.
 */
export function combinePermissions(all: readonly Permissions[]): Permissions {
  const entities: Record<string, EntityRights> = {};
  const fields: Record<string, Record<string, FieldRule>> = {};
  const special = new Set<SpecialRight>();
  const entityNames = new Set(all.flatMap((p) => Object.keys(p.entities)));
  for (const e of entityNames) {
    const rights: EntityRights = { ...NO_RIGHTS };
    for (const p of all) for (const a of ACTIONS) {
      const s = p.entities[e]?.[a] ?? 'none';
      if (scopeRank(s) > scopeRank(rights[a])) rights[a] = s;
    }
    entities[e] = rights;
    // A field stays restricted only when every role that may read the entity restricts it.
    const readers = all.filter((p) => (p.entities[e]?.read ?? 'none') !== 'none');
    const names = new Set(readers.flatMap((p) => Object.keys(p.fields[e] ?? {})));
    for (const f of names) {
      let best: FieldRule = 'hidden';
      for (const p of readers) {
        const r = p.fields[e]?.[f] ?? 'read-write';
        if (ruleRank(r) > ruleRank(best)) best = r;
      }
      if (best !== 'read-write') (fields[e] ??= {})[f] = best;
    }
  }
  for (const p of all) for (const s of p.special) special.add(s);
  return { entities, fields, special: [...special] };
}

/** The rule of one field (read-write when the role names none). */
export function fieldRuleOf(p: Permissions, entity: string, field: string): FieldRule {
  return p.fields[entity]?.[field] ?? 'read-write';
}
