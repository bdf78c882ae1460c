import { type Kysely, sql } from 'kysely';
import { permissionsSchema, type Permissions } from '../../shared/access.js';
import type { Database, DbSchema } from '../db/database.js';
import { accessOf, type Access, type RoleGrant } from './access.js';
import { builtInPermissions, isBuiltInRole } from './built-in-roles.js';

export type AuthMode = 'setup' | 'local' | 'required';
export const SIGN_IN_KEY = 'signIn';

/** A role's rights: the built-in ones from code, the others from their stored (schema-checked) JSON. */
export function rolePermissions(builtIn: string | null, stored: string): Permissions {
  if (isBuiltInRole(builtIn)) return builtInPermissions(builtIn);
  try {
    const parsed = permissionsSchema.safeParse(JSON.parse(stored));
    if (parsed.success) return parsed.data as Permissions;
  } catch { /* a damaged row grants nothing */ }
  return { entities: {}, fields: {}, special: [] };
}

/**
 * Changes to users, teams, roles or the sign-in mode bump this, so this process sees them at
 * once; other instances see them within the cache's few seconds. Sessions themselves are read
 * on every request, so a disabled user or an ended session stops at once everywhere.
 */
let generation = 0;
export function accountsChanged(): void {
  generation += 1;
}

const TTL_MS = 3000;
const modeCache = new WeakMap<Kysely<DbSchema>, { state: AuthState; until: number; generation: number }>();
const accessCache = new WeakMap<Kysely<DbSchema>, Map<string, { access: Access; until: number; generation: number }>>();

/** How the installation signs people in, and the user it acts as without sign-in (its first user, the administrator). */
export interface AuthState { mode: AuthMode; localUserId: number }

/**
 * setup: nobody has a password yet; local: the standalone's "no sign-in on this computer"; required: everyone signs in.
 * Read on every request, so it is kept for a few seconds (one query for both answers when it is not).
 */
export async function authState(db: Database): Promise<AuthState> {
  const now = Date.now();
  const hit = modeCache.get(db.kysely);
  if (hit && hit.until > now && hit.generation === generation) return hit.state;
  const { rows } = await sql<{ accounts: number; sign_in: string | null; first: number | null }>`SELECT
    (SELECT count(*) FROM (SELECT 1 FROM users WHERE password_hash IS NOT NULL LIMIT 1) AS a) AS accounts,
    (SELECT value FROM settings WHERE key = ${SIGN_IN_KEY}) AS sign_in,
    (SELECT min(id) FROM users) AS first`.execute(db.kysely);
  const accounts = Number(rows[0]?.accounts ?? 0) > 0;
  const local = rows[0]?.sign_in === 'local' && db.dialect === 'sqlite';
  const state: AuthState = { mode: local ? 'local' : accounts ? 'required' : 'setup', localUserId: Number(rows[0]?.first ?? 1) };
  modeCache.set(db.kysely, { state, until: now + TTL_MS, generation });
  return state;
}

/** A user's access (their roles combined, their team's members), or one token's role instead of the user's. */
export async function loadAccess(executor: Kysely<DbSchema>, userId: number, tokenRoleId: number | null = null): Promise<Access> {
  const key = `${userId}:${tokenRoleId ?? ''}`;
  const now = Date.now();
  let cache = accessCache.get(executor);
  if (!cache) { cache = new Map(); accessCache.set(executor, cache); }
  const hit = cache.get(key);
  if (hit && hit.until > now && hit.generation === generation) return hit.access;
  const { rows: users } = await sql<{ team_id: number | null }>`SELECT team_id FROM users WHERE id = ${userId}`.execute(executor);
  const teamId = users[0]?.team_id === null || users[0]?.team_id === undefined ? null : Number(users[0].team_id);
  const { rows: team } = teamId === null ? { rows: [] as { id: number }[] } : await sql<{ id: number }>`SELECT id FROM users WHERE team_id = ${teamId} ORDER BY id`.execute(executor);
  const { rows: roles } = tokenRoleId === null
    ? await sql<{ name: string; built_in: string | null; permissions: string }>`SELECT r.name, r.built_in, r.permissions FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ${userId} ORDER BY r.id`.execute(executor)
    : await sql<{ name: string; built_in: string | null; permissions: string }>`SELECT name, built_in, permissions FROM roles WHERE id = ${tokenRoleId}`.execute(executor);
  const grants: RoleGrant[] = roles.map((r) => ({ name: r.name, permissions: rolePermissions(r.built_in, r.permissions) }));
  const access = accessOf(userId, teamId, team.map((r) => Number(r.id)), grants);
  if (cache.size > 1000) cache.clear();
  cache.set(key, { access, until: now + TTL_MS, generation });
  return access;
}
