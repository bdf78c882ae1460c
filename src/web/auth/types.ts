/** The accounts API's shapes as the web app reads them (docs: scratch/issue15-contract.md). */

import type { Action, FieldRule, Permissions, Scope, SpecialRight } from '../../shared/access.js';

export type { Action, EntityRights, FieldRule, Permissions, Scope, SpecialRight } from '../../shared/access.js';

/** The scopes as the role editor offers them: the widest first. */
export const SCOPES: readonly Scope[] = ['all', 'team', 'own', 'none'];
export const ACTIONS: readonly Action[] = ['create', 'read', 'edit', 'delete', 'export', 'import'];
export const FIELD_RULES: readonly FieldRule[] = ['read-write', 'read-only', 'hidden'];
export const SPECIAL_RIGHTS: readonly SpecialRight[] = ['settings', 'dictionaries', 'users', 'audit', 'lab'];

/** `setup`: no password yet; `local`: no sign-in on this computer; `required`: everyone signs in. */
export type AuthMode = 'setup' | 'local' | 'required';

export interface RoleRef {
  id: number;
  name: string;
}

export interface MeUser {
  id: number;
  name: string;
  email: string | null;
  locale: string | null;
  timeZone: string | null;
  teamId: number | null;
  teamName: string | null;
  roles: RoleRef[];
}

/** GET /api/v1/auth/me */
export interface Me {
  mode: AuthMode;
  database: 'sqlite' | 'postgres';
  signedIn: boolean;
  csrfToken: string | null;
  user: MeUser | null;
  permissions: Permissions | null;
}
