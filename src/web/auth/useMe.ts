import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { authApi, meKey } from './authApi.js';
import type { Action, FieldRule, Me, Permissions, Scope, SpecialRight } from './types.js';

export type { Action, FieldRule, Me, Permissions, Scope, SpecialRight } from './types.js';

/** The signed-in user (or the local user) and what they may do; loads once and is kept. */
export function useMeQuery() {
  return useQuery({ queryKey: meKey, queryFn: authApi.me, staleTime: 5 * 60_000, retry: 1 });
}

export interface MeAccess {
  me: Me | undefined;
  /** Loading, or nothing known: every check answers as the server would for no rights. */
  isPending: boolean;
  /** The scope of an action on an entity (registry name, e.g. `customer`): 'none' when not granted. */
  scope: (entityName: string, action: Action) => Scope;
  /** Whether the action is granted on at least some records of the entity. */
  can: (entityName: string, action: Action) => boolean;
  /** A field's rule for this user: read-write unless a role makes it read-only or hidden. */
  fieldRule: (entityName: string, field: string) => FieldRule;
  hasSpecial: (name: SpecialRight) => boolean;
}

/** Pure checks over one permissions object, for code outside React too. */
export function accessOf(permissions: Permissions | null | undefined): Omit<MeAccess, 'me' | 'isPending'> {
  const scope = (entityName: string, action: Action): Scope => permissions?.entities[entityName]?.[action] ?? 'none';
  return {
    scope,
    can: (entityName, action) => scope(entityName, action) !== 'none',
    fieldRule: (entityName, field) => permissions?.fields[entityName]?.[field] ?? 'read-write',
    hasSpecial: (name) => permissions?.special.includes(name) ?? false,
  };
}

/**
 * `useMe()`: who is using the app and what they may do. In setup and local mode the server answers
 * with user 1 and every right, so the checks pass as before accounts existed.
 */
export function useMe(): MeAccess {
  const query = useMeQuery();
  const permissions = query.data?.permissions;
  return useMemo(() => ({ me: query.data, isPending: query.isPending, ...accessOf(permissions) }), [query.data, query.isPending, permissions]);
}
