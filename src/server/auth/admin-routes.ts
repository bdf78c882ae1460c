import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { permissionsSchema } from '../../shared/access.js';
import type { Database, DbSchema } from '../db/database.js';
import { invalid, notFound, ProblemError } from '../core/errors.js';
import { writeAudit } from '../core/audit.js';
import { LOCALES } from '../core/list-params.js';
import { isTimeZone } from '../core/time-zones.js';
import { accountsChanged, loadAccess, rolePermissions } from './accounts.js';
import type { Actor } from './actor.js';
import { emailSchema, passwordSchema } from './auth-routes.js';
import { hashPassword } from './passwords.js';
import { requireRight } from './require.js';
import { actorOf } from './request-context.js';
import { localLabel } from '../core/labels.js';
import { endSessionsOf } from './sessions.js';
import { localeOf, parseId } from '../core/ids.js';
import { parseBody } from '../core/body.js';

const ID = z.number().int().positive().max(2147483647);
const name = z.string().trim().min(1).max(120);
const userFields = {
  name, email: emailSchema, locale: z.enum(LOCALES).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'is not a known IANA time zone' }).nullable().optional(),
  teamId: ID.nullable().optional(), roleIds: z.array(ID).max(20), active: z.boolean().optional(),
};
export const userCreate = z.strictObject({ ...userFields, password: passwordSchema, roleIds: userFields.roleIds.default([]) });
// No defaults here: a field a PATCH leaves out stays as it is (a default would reset roles on every rename).
export const userPatch = z.strictObject(userFields).partial().extend({ version: z.number().int().positive() }).strict();
export const teamBody = z.strictObject({ name });
export const rolePost = z.strictObject({ name, permissions: permissionsSchema });
export const rolePatch = z.strictObject({ name: name.optional(), permissions: permissionsSchema.optional(), version: z.number().int().positive() });

const stale = (what: string) => new ProblemError(409, 'Conflict', `This ${what} was changed by someone else; nothing was saved. Reload and apply your change again.`);
const bool = (db: Database, v: boolean) => (db.dialect === 'postgres' ? v : v ? 1 : 0);
type ById = FastifyRequest<{ Params: { id: string } }>;

/** Users, teams and roles for those with the users right (issue 15); every change is audited. */
export function registerAdminRoutes(app: FastifyInstance, db: Database): void {
  const tx = <T>(run: (trx: Kysely<DbSchema>) => Promise<T>) => db.kysely.transaction().execute(run).finally(accountsChanged);

  /** Accounts with their team and roles: two queries for a whole list (`id` null) or one account. */
  async function accounts(executor: Kysely<DbSchema>, id: number | null) {
    const only = id === null ? sql`` : sql` WHERE u.id = ${id}`;
    const { rows } = await sql<Record<string, unknown>>`SELECT u.id, u.name, u.name_labels, u.email, u.locale, u.time_zone, u.team_id, t.name AS team_name, u.active, u.last_sign_in_at,
      u.version, u.created_at, u.updated_at FROM users u LEFT JOIN teams t ON t.id = u.team_id${only} ORDER BY u.name, u.id LIMIT 5000`.execute(executor);
    const onlyRoles = id === null ? sql`` : sql` WHERE ur.user_id = ${id}`;
    const { rows: roles } = await sql<{ user_id: number; id: number; name: string }>`SELECT ur.user_id, r.id, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id${onlyRoles} ORDER BY r.id`.execute(executor);
    const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
    return rows.map((u) => {
      const held = roles.filter((r) => Number(r.user_id) === Number(u.id));
      return {
        id: Number(u.id), name: u.name as string, nameLabels: u.name_labels, email: u.email, locale: u.locale, timeZone: u.time_zone, teamId: u.team_id === null ? null : Number(u.team_id), teamName: u.team_name,
        roleIds: held.map((r) => Number(r.id)), roles: held.map((r) => ({ id: Number(r.id), name: r.name })), active: u.active === true || u.active === 1,
        lastSignInAt: iso(u.last_sign_in_at), version: Number(u.version), createdAt: iso(u.created_at), updatedAt: iso(u.updated_at),
      };
    });
  }
  async function user(executor: Kysely<DbSchema>, id: number) {
    const [u] = await accounts(executor, id);
    if (!u) throw notFound(`No user with id ${id}`);
    const { nameLabels: _labels, ...rest } = u;
    return rest;
  }
  async function checkRefs(trx: Kysely<DbSchema>, teamId: number | null | undefined, roleIds: readonly number[] | undefined) {
    if (teamId) {
      const { rows } = await sql`SELECT 1 FROM teams WHERE id = ${teamId}`.execute(trx);
      if (!rows.length) throw invalid([{ field: 'teamId', message: 'refers to a team that does not exist' }]);
    }
    if (roleIds?.length) {
      const { rows } = await sql<{ id: number }>`SELECT id FROM roles WHERE id IN (${sql.join(roleIds)})`.execute(trx);
      if (rows.length !== new Set(roleIds).size) throw invalid([{ field: 'roleIds', message: 'refers to a role that does not exist' }]);
    }
  }
  async function emailFree(trx: Kysely<DbSchema>, email: string, id: number | null) {
    const { rows } = await sql`SELECT 1 FROM users WHERE lower(email) = ${email} AND id <> ${id ?? 0}`.execute(trx);
    if (rows.length) throw invalid([{ field: 'email', message: 'is already used by another user' }]);
  }
  async function setRoles(trx: Kysely<DbSchema>, id: number, roleIds: readonly number[]) {
    await sql`DELETE FROM user_roles WHERE user_id = ${id}`.execute(trx);
    for (const r of new Set(roleIds)) await sql`INSERT INTO user_roles (user_id, role_id) VALUES (${id}, ${r})`.execute(trx);
  }
  /** An installation always keeps one active administrator who can sign in. */
  async function keepAnAdmin(trx: Kysely<DbSchema>) {
    const { rows } = await sql`SELECT 1 FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
      WHERE r.built_in = 'administrator' AND u.active = ${bool(db, true)} AND u.password_hash IS NOT NULL LIMIT 1`.execute(trx);
    if (!rows.length) throw new ProblemError(409, 'Conflict', 'This would leave no active administrator; nothing was saved.');
  }
  const audit = (trx: Kysely<DbSchema>, actor: Actor, entity: string, recordId: number, detail: string, changes?: { field: string; before: unknown; after: unknown }[]) =>
    writeAudit(trx, actor, { entity, recordId, action: 'permission', detail, changes });

  // Everyone picks owners from the names; those with the users right get the whole accounts.
  app.get('/api/v1/users', async (req) => {
    const actor = actorOf(req);
    const locale = localeOf(req);
    const all = await accounts(db.kysely, null);
    if (!actor.access.permissions.special.includes('users')) return { items: all.map((u) => ({ id: u.id, name: localLabel(u.nameLabels, u.name, locale) })) };
    const items = all.map(({ nameLabels, ...u }) => ({ ...u, name: localLabel(nameLabels, u.name, locale) }));
    return { items, total: items.length };
  });
  app.get('/api/v1/users/:id', async (req: ById) => { requireRight(req, 'users'); return user(db.kysely, parseId(req.params.id)); });
  app.post('/api/v1/users', async (req, reply) => {
    const actor = requireRight(req, 'users');
    const b = parseBody(userCreate, req.body);
    // A user with a password turns sign-in on: the administrator needs one first, or nobody could manage accounts.
    if (req.authMode === 'setup') throw new ProblemError(409, 'Conflict', 'Create the administrator first (first start, or Settings → Sign-in); then add users.');
    const hash = await hashPassword(b.password);
    const id = await tx(async (trx) => {
      await emailFree(trx, b.email, null);
      await checkRefs(trx, b.teamId, b.roleIds);
      const now = new Date().toISOString();
      const { rows } = await sql<{ id: number }>`INSERT INTO users (name, email, locale, time_zone, team_id, password_hash, active, created_at, updated_at)
        VALUES (${b.name}, ${b.email}, ${b.locale ?? 'en'}, ${b.timeZone ?? null}, ${b.teamId ?? null}, ${hash}, ${bool(db, b.active ?? true)}, ${now}, ${now}) RETURNING id`.execute(trx);
      const newId = Number(rows[0].id);
      await setRoles(trx, newId, b.roleIds);
      await audit(trx, actor, 'user', newId, 'user created', [{ field: 'roleIds', before: null, after: b.roleIds }, { field: 'teamId', before: null, after: b.teamId ?? null }]);
      return newId;
    });
    return reply.status(201).send(await user(db.kysely, id));
  });
  app.patch('/api/v1/users/:id', async (req: ById) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    const b = parseBody(userPatch, req.body);
    await tx(async (trx) => {
      const before = await user(trx, id);
      if (b.email !== undefined) await emailFree(trx, b.email, id);
      await checkRefs(trx, b.teamId, b.roleIds);
      const set = [sql`version = version + 1`, sql`updated_at = ${new Date().toISOString()}`];
      if (b.name !== undefined) set.push(sql`name = ${b.name}`, sql`name_labels = NULL`);
      if (b.email !== undefined) set.push(sql`email = ${b.email}`);
      if (b.locale !== undefined) set.push(sql`locale = ${b.locale}`);
      if (b.timeZone !== undefined) set.push(sql`time_zone = ${b.timeZone}`);
      if (b.teamId !== undefined) set.push(sql`team_id = ${b.teamId}`);
      if (b.active !== undefined) set.push(sql`active = ${bool(db, b.active)}`);
      const res = await sql`UPDATE users SET ${sql.join(set)} WHERE id = ${id} AND version = ${b.version}`.execute(trx);
      if (Number(res.numAffectedRows ?? 0) !== 1) throw stale('user');
      if (b.roleIds !== undefined) await setRoles(trx, id, b.roleIds);
      if (b.active === false) await endSessionsOf(trx, id);
      await keepAnAdmin(trx);
      const changes = (['name', 'email', 'locale', 'timeZone', 'teamId', 'roleIds', 'active'] as const).filter((k) => b[k] !== undefined && JSON.stringify(b[k]) !== JSON.stringify(before[k]))
        .map((k) => ({ field: k, before: before[k], after: b[k] }));
      await audit(trx, actor, 'user', id, 'user changed', changes);
    });
    return user(db.kysely, id);
  });
  app.post('/api/v1/users/:id/password', async (req: ById, reply) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    const b = parseBody(z.strictObject({ password: passwordSchema }), req.body);
    const hash = await hashPassword(b.password);
    await tx(async (trx) => {
      await user(trx, id);
      await sql`UPDATE users SET password_hash = ${hash}, updated_at = ${new Date().toISOString()} WHERE id = ${id}`.execute(trx);
      await endSessionsOf(trx, id);
      await audit(trx, actor, 'user', id, 'password reset by an administrator');
    });
    return reply.status(204).send();
  });
  app.post('/api/v1/users/:id/sign-out-everywhere', async (req: ById, reply) => {
    requireRight(req, 'users');
    await endSessionsOf(db.kysely, parseId(req.params.id));
    return reply.status(204).send();
  });
  app.get('/api/v1/users/:id/permissions', async (req: ById) => {
    requireRight(req, 'users');
    const id = parseId(req.params.id);
    await user(db.kysely, id);
    const access = await loadAccess(db.kysely, id);
    return { userId: id, permissions: access.permissions, grantedBy: access.grantedBy, teamUserIds: access.teamUserIds };
  });

  // Teams
  const team = async (executor: Kysely<DbSchema>, id: number) => {
    const { rows } = await sql<{ id: number; name: string; version: number; n: number }>`SELECT t.id, t.name, t.version, (SELECT count(*) FROM users u WHERE u.team_id = t.id) AS n
      FROM teams t WHERE t.id = ${id}`.execute(executor);
    if (!rows[0]) throw notFound(`No team with id ${id}`);
    return { id: Number(rows[0].id), name: rows[0].name, version: Number(rows[0].version), userCount: Number(rows[0].n) };
  };
  const nameFree = async (trx: Kysely<DbSchema>, table: 'teams' | 'roles', n: string, id: number | null) => {
    const { rows } = await sql`SELECT 1 FROM ${sql.table(table)} WHERE lower(name) = ${n.toLowerCase()} AND id <> ${id ?? 0}`.execute(trx);
    if (rows.length) throw invalid([{ field: 'name', message: 'is already used' }]);
  };
  app.get('/api/v1/teams', async (req) => {
    requireRight(req, 'users');
    const { rows } = await sql<{ id: number }>`SELECT id FROM teams ORDER BY lower(name)`.execute(db.kysely);
    const items = await Promise.all(rows.map((r) => team(db.kysely, Number(r.id))));
    return { items, total: items.length };
  });
  app.post('/api/v1/teams', async (req, reply) => {
    const actor = requireRight(req, 'users');
    const b = parseBody(teamBody, req.body);
    const id = await tx(async (trx) => {
      await nameFree(trx, 'teams', b.name, null);
      const now = new Date().toISOString();
      const { rows } = await sql<{ id: number }>`INSERT INTO teams (name, created_at, updated_at) VALUES (${b.name}, ${now}, ${now}) RETURNING id`.execute(trx);
      await audit(trx, actor, 'team', Number(rows[0].id), `team created: ${b.name}`);
      return Number(rows[0].id);
    });
    return reply.status(201).send(await team(db.kysely, id));
  });
  app.patch('/api/v1/teams/:id', async (req: ById) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    const b = parseBody(teamBody.extend({ version: z.number().int().positive() }), req.body);
    await tx(async (trx) => {
      const before = await team(trx, id);
      await nameFree(trx, 'teams', b.name, id);
      const res = await sql`UPDATE teams SET name = ${b.name}, version = version + 1, updated_at = ${new Date().toISOString()} WHERE id = ${id} AND version = ${b.version}`.execute(trx);
      if (Number(res.numAffectedRows ?? 0) !== 1) throw stale('team');
      await audit(trx, actor, 'team', id, 'team renamed', [{ field: 'name', before: before.name, after: b.name }]);
    });
    return team(db.kysely, id);
  });
  app.delete('/api/v1/teams/:id', async (req: ById, reply) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    await tx(async (trx) => {
      const t = await team(trx, id);
      if (t.userCount > 0) throw new ProblemError(409, 'Conflict', `The team ${t.name} still has ${t.userCount} users; move them first.`);
      await sql`DELETE FROM teams WHERE id = ${id}`.execute(trx);
      await audit(trx, actor, 'team', id, `team deleted: ${t.name}`);
    });
    return reply.status(204).send();
  });

  // Roles
  const role = async (executor: Kysely<DbSchema>, id: number) => {
    const { rows } = await sql<{ id: number; name: string; built_in: string | null; permissions: string; version: number; n: number }>`SELECT r.id, r.name, r.built_in, r.permissions, r.version,
      (SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id) AS n FROM roles r WHERE r.id = ${id}`.execute(executor);
    const r = rows[0];
    if (!r) throw notFound(`No role with id ${id}`);
    return { id: Number(r.id), name: r.name, builtIn: r.built_in, permissions: rolePermissions(r.built_in, r.permissions), version: Number(r.version), userCount: Number(r.n) };
  };
  app.get('/api/v1/roles', async (req) => {
    actorOfAny(req);
    const { rows } = await sql<{ id: number }>`SELECT id FROM roles ORDER BY id`.execute(db.kysely);
    const items = await Promise.all(rows.map((r) => role(db.kysely, Number(r.id))));
    return { items, total: items.length };
  });
  app.get('/api/v1/roles/:id', async (req: ById) => { requireRight(req, 'users'); return role(db.kysely, parseId(req.params.id)); });
  app.post('/api/v1/roles', async (req, reply) => {
    const actor = requireRight(req, 'users');
    const b = parseBody(rolePost, req.body);
    const id = await tx(async (trx) => {
      await nameFree(trx, 'roles', b.name, null);
      const now = new Date().toISOString();
      const { rows } = await sql<{ id: number }>`INSERT INTO roles (name, permissions, created_at, updated_at) VALUES (${b.name}, ${JSON.stringify(b.permissions)}, ${now}, ${now}) RETURNING id`.execute(trx);
      await audit(trx, actor, 'role', Number(rows[0].id), `role created: ${b.name}`, [{ field: 'permissions', before: null, after: b.permissions }]);
      return Number(rows[0].id);
    });
    return reply.status(201).send(await role(db.kysely, id));
  });
  app.patch('/api/v1/roles/:id', async (req: ById) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    const b = parseBody(rolePatch, req.body);
    await tx(async (trx) => {
      const before = await role(trx, id);
      if (before.builtIn) throw new ProblemError(409, 'Conflict', 'A built-in role cannot be changed; make a new role instead.');
      if (b.name !== undefined) await nameFree(trx, 'roles', b.name, id);
      const res = await sql`UPDATE roles SET name = ${b.name ?? before.name}, permissions = ${JSON.stringify(b.permissions ?? before.permissions)}, version = version + 1,
        updated_at = ${new Date().toISOString()} WHERE id = ${id} AND version = ${b.version}`.execute(trx);
      if (Number(res.numAffectedRows ?? 0) !== 1) throw stale('role');
      await audit(trx, actor, 'role', id, 'role changed', [
        ...(b.name !== undefined && b.name !== before.name ? [{ field: 'name', before: before.name, after: b.name }] : []),
        ...(b.permissions !== undefined ? [{ field: 'permissions', before: before.permissions, after: b.permissions }] : []),
      ]);
    });
    return role(db.kysely, id);
  });
  app.delete('/api/v1/roles/:id', async (req: ById, reply) => {
    const actor = requireRight(req, 'users');
    const id = parseId(req.params.id);
    await tx(async (trx) => {
      const r = await role(trx, id);
      if (r.builtIn) throw new ProblemError(409, 'Conflict', 'A built-in role cannot be deleted.');
      const { rows } = await sql`SELECT 1 FROM api_tokens WHERE role_id = ${id} AND revoked_at IS NULL LIMIT 1`.execute(trx);
      if (r.userCount > 0 || rows.length) throw new ProblemError(409, 'Conflict', `The role ${r.name} is still given to users or API tokens.`);
      await sql`DELETE FROM roles WHERE id = ${id}`.execute(trx);
      await audit(trx, actor, 'role', id, `role deleted: ${r.name}`);
    });
    return reply.status(204).send();
  });
}

/** Any signed-in actor may read the role names (the token dialog offers them). */
function actorOfAny(req: FastifyRequest): void {
  if (!req.actor) throw new ProblemError(401, 'Unauthorized', 'Sign in to use Rapport.');
}
