import { ACTIONS, SPECIAL_RIGHTS, type Action, type EntityRights, type Permissions, type Scope } from '../../shared/access.js';
import { ENTITIES } from '../../shared/entities/registry.js';

export const BUILT_IN_ROLES = ['administrator', 'manager', 'salesRep', 'viewer'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const every = (scope: (a: Action) => Scope): EntityRights => Object.fromEntries(ACTIONS.map((a) => [a, scope(a)])) as EntityRights;

/** What each built-in role may do, over every entity in the registry (a new entity is covered at once). */
const RIGHTS: Record<BuiltInRole, { rights: (a: Action) => Scope; special: Permissions['special'] }> = {
  administrator: { rights: () => 'all', special: [...SPECIAL_RIGHTS] },
  // A manager runs a team: everything the team owns, and the shared dictionaries.
  manager: { rights: () => 'team', special: ['dictionaries'] },
  // A sales representative sees the team's records and changes their own.
  salesRep: { rights: (a) => (a === 'read' ? 'team' : 'own'), special: [] },
  viewer: { rights: (a) => (a === 'read' ? 'all' : 'none'), special: [] },
};

export function builtInPermissions(role: BuiltInRole): Permissions {
  const r = RIGHTS[role];
  return { entities: Object.fromEntries(ENTITIES.map((e) => [e.name, every(r.rights)])), fields: {}, special: [...r.special] };
}

export const isBuiltInRole = (s: unknown): s is BuiltInRole => (BUILT_IN_ROLES as readonly unknown[]).includes(s);
