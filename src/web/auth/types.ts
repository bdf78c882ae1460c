/** The accounts API's shapes as the web app reads them (docs: scratch/issue15-contract.md). */

export type Scope = 'all' | 'team' | 'own' | 'none';
export const SCOPES: readonly Scope[] = ['all', 'team', 'own', 'none'];
export type Action = 'create' | 'read' | 'edit' | 'delete' | 'export' | 'import';
export const ACTIONS: readonly Action[] = ['create', 'read', 'edit', 'delete', 'export', 'import'];
/** A field's rule; a field a role does not name is read-write. */
export type FieldRule = 'read-write' | 'read-only' | 'hidden';
export const FIELD_RULES: readonly FieldRule[] = ['read-write', 'read-only', 'hidden'];
export type SpecialRight = 'settings' | 'dictionaries' | 'users' | 'audit' | 'lab';
export const SPECIAL_RIGHTS: readonly SpecialRight[] = ['settings', 'dictionaries', 'users', 'audit', 'lab'];

export type EntityRights = Partial<Record<Action, Scope>>;

export interface Permissions {
  entities: Record<string, EntityRights>;
  fields: Record<string, Record<string, FieldRule>>;
  special: SpecialRight[];
}

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
