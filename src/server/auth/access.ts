import { combinePermissions, fieldRuleOf, scopeRank, type Action, type FieldRule, type Permissions, type Scope } from '../../shared/access.js';
import type { EntityDef } from '../../shared/entity/define.js';
import { resolvePath } from '../../shared/entity/paths.js';
import { builtInPermissions } from './built-in-roles.js';

/**
 * What one actor may do: the combined permissions of their roles and the owners their "team"
 * scope reaches. Every read and write path takes one (DESIGN.md §9), so the rules hold everywhere.
 */
export interface Access {
  readonly userId: number;
  readonly teamId: number | null;
  /** The users of the actor's team, the actor included (only the actor without a team). */
  readonly teamUserIds: readonly number[];
  readonly permissions: Permissions;
  /** Which role grants each right (for "Why can I see this?"): entity → action → role name. */
  readonly grantedBy: Readonly<Record<string, Partial<Record<Action, string>>>>;
}

/** Access with every right: system jobs, seeds, and a standalone app without sign-in. */
export function fullAccess(userId = 1): Access {
  const permissions = builtInPermissions('administrator');
  return { userId, teamId: null, teamUserIds: [userId], permissions, grantedBy: {} };
}

export interface RoleGrant { name: string; permissions: Permissions }

export function accessOf(userId: number, teamId: number | null, teamUserIds: readonly number[], roles: readonly RoleGrant[]): Access {
  const permissions = combinePermissions(roles.map((r) => r.permissions));
  const grantedBy: Record<string, Partial<Record<Action, string>>> = {};
  for (const [entity, rights] of Object.entries(permissions.entities)) {
    for (const [action, scope] of Object.entries(rights) as [Action, Scope][]) {
      const role = roles.find((r) => r.permissions.entities[entity]?.[action] === scope);
      if (role && scope !== 'none') (grantedBy[entity] ??= {})[action] = role.name;
    }
  }
  return { userId, teamId, teamUserIds: teamUserIds.includes(userId) ? teamUserIds : [...teamUserIds, userId], permissions, grantedBy };
}

export function scopeOf(access: Access, entity: EntityDef, action: Action): Scope {
  return access.permissions.entities[entity.name]?.[action] ?? 'none';
}

/** Whether a record with this owner is within a scope. */
export function ownerInScope(access: Access, scope: Scope, ownerId: unknown): boolean {
  if (scope === 'all') return true;
  if (scope === 'none' || ownerId === null || ownerId === undefined) return false;
  const id = Number(ownerId);
  return scope === 'own' ? id === access.userId : access.teamUserIds.includes(id);
}

/** The owners a scope reaches, or null for every record. */
export function scopeOwners(access: Access, scope: Scope): readonly number[] | null {
  if (scope === 'all') return null;
  if (scope === 'own') return [access.userId];
  if (scope === 'team') return access.teamUserIds;
  return [];
}

export function fieldRule(access: Access, entity: EntityDef, field: string): FieldRule {
  return fieldRuleOf(access.permissions, entity.name, field);
}

/** The entity's fields this actor may not see. */
export function hiddenFields(access: Access, entity: EntityDef): ReadonlySet<string> {
  const rules = access.permissions.fields[entity.name] ?? {};
  return new Set(Object.entries(rules).filter(([, r]) => r === 'hidden').map(([f]) => f));
}

/**
 * Whether a field path (`customerId.typeId`) may be used to filter, sort or group: every segment's
 * field must be visible, and a path into another entity needs read on it. A field hidden on output
 * but usable in filters and counts is a leak (LESSONS.md), so it is refused as if it did not exist.
 */
export function pathVisible(access: Access, entity: EntityDef, path: string): boolean {
  const p = resolvePath(entity, path);
  if (!p) return true;
  const first = p.kind === 'own' ? p.name : p.via;
  if (fieldRule(access, entity, first) === 'hidden') return false;
  if (p.kind === 'own') return true;
  if (scopeRank(scopeOf(access, p.target, 'read')) === 0) return false;
  return p.name === null || fieldRule(access, p.target, p.name) !== 'hidden';
}

/** A record without the fields the actor may not see (labels included). */
export function redact<R extends Record<string, unknown>>(access: Access, entity: EntityDef, record: R): R {
  const hidden = hiddenFields(access, entity);
  if (hidden.size === 0) return record;
  const out: Record<string, unknown> = { ...record };
  for (const f of hidden) delete out[f];
  const labels = out._labels;
  if (labels && typeof labels === 'object') {
    const kept: Record<string, unknown> = { ...(labels as Record<string, unknown>) };
    for (const f of hidden) delete kept[f];
    out._labels = kept;
  }
  return out as R;
}
