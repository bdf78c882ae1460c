import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ENTITIES, entityByName, entityByPath } from '../../../shared/entities/registry.js';
import type { Database } from '../../db/database.js';
import { ownerInScope, scopeOf, scopeOwners } from '../../auth/access.js';
import { actorOf } from '../../auth/request-context.js';
import { parseBody } from '../body.js';
import { badRequest, invalid, ProblemError } from '../errors.js';
import { registerHooks } from '../hooks.js';
import { localeOf, parseId } from '../ids.js';
import { registerOpenApiPaths } from '../openapi.js';
import { RecordService } from '../records.js';
import { likelyDuplicates } from './check.js';
import { ensureKeys, keyHooks } from './keys.js';
import { MERGE_COLUMNS, mergeRecords, toMerge } from './merge.js';
import { duplicatePaths, MERGE_PATHS } from './openapi.js';
import { readableRecords, requireRead } from './readable.js';
import { scanDuplicates } from './scan.js';
import { undoMerge } from './undo.js';

type Query = Record<string, string | string[] | undefined>;

const id = z.number().int().min(1).max(2147483647);
const idList = z.array(id);
const checkBody = z.record(z.string(), z.unknown()).refine((v) => !('excludeId' in v) || v.excludeId === null || id.safeParse(v.excludeId).success, { message: 'excludeId must be a record id', path: ['excludeId'] });
const dismissBody = z.strictObject({ ids: idList.min(2).max(50) });
const mergeBody = z.strictObject({ fromIds: idList.min(1).max(20), values: z.record(z.string(), z.unknown()).default({}), version: z.number().int().min(1).optional() });

/** Query parameters: only the named ones, each once. */
function queryOf(req: FastifyRequest, allowed: readonly string[]): Record<string, string | undefined> {
  const q = (req.query ?? {}) as Query;
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) {
    if (![...allowed, 'locale'].includes(k)) throw badRequest(`Unknown parameter "${k.slice(0, 80)}"`, [{ field: k.slice(0, 80), message: 'unknown parameter' }]);
    if (Array.isArray(v)) throw badRequest(`${k} is given more than once`, [{ field: k, message: 'is given more than once' }]);
    out[k] = v === '' ? undefined : v;
  }
  return out;
}

function intParam(q: Record<string, string | undefined>, name: string, min: number, max: number, fallback: number): number {
  const v = q[name];
  if (v === undefined) return fallback;
  if (!/^\d{1,6}$/.test(v) || Number(v) < min || Number(v) > max) throw badRequest(`${name} must be a whole number from ${min} to ${max}`, [{ field: name, message: `must be a whole number from ${min} to ${max}` }]);
  return Number(v);
}

/** Find duplicates, check a draft, "not duplicates", and merge, for one entity (issue 16). */
function registerEntityRoutes(app: FastifyInstance, db: Database, entity: EntityDef): void {
  const base = `/api/v1/${entity.path}`;
  const service = new RecordService(db, entity);

  app.get(`${base}/duplicates`, async (req) => {
    const q = queryOf(req, ['limit', 'cursor', 'minScore']);
    return scanDuplicates(db, entity, { actor: actorOf(req), limit: intParam(q, 'limit', 1, 100, 20), cursor: q.cursor ?? null, minScore: intParam(q, 'minScore', 0, 100, 0), locale: localeOf(req) });
  });

  app.post(`${base}/duplicates/check`, async (req) => {
    const q = queryOf(req, ['limit']);
    // A draft is checked on its way to being saved: a role that may neither create, edit nor import has none (and learns nothing from the body's checks).
    const actor = actorOf(req);
    requireRead(entity, actor);
    if ((['create', 'edit', 'import'] as const).every((a) => scopeOf(actor.access, entity, a) === 'none')) throw new ProblemError(403, 'Forbidden', `Your role does not let you create, edit or import ${entity.path}.`);
    const values = parseBody(checkBody, req.body);
    const excludeId = typeof values.excludeId === 'number' ? values.excludeId : null;
    return { matches: await likelyDuplicates(db, entity, values, { actor, limit: intParam(q, 'limit', 1, 50, 10), excludeId }) };
  });

  app.post(`${base}/duplicates/dismiss`, async (req, reply) => {
    queryOf(req, []);
    const actor = actorOf(req);
    requireRead(entity, actor);
    // "Not duplicates" changes what everyone's scan shows: it takes the right to edit the records.
    const edit = scopeOf(actor.access, entity, 'edit');
    if (edit === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you edit ${entity.path}.`);
    const ids = Array.from(new Set(parseBody(dismissBody, req.body).ids)).sort((a, b) => a - b);
    if (ids.length < 2) throw invalid([{ field: 'ids', message: 'needs at least two different records' }]);
    const readable = await readableRecords(db.kysely, entity, ids, actor);
    const missing = ids.filter((i) => !readable.has(i));
    if (missing.length) throw invalid([{ field: 'ids', message: `no ${entity.name} with id ${missing.slice(0, 20).join(', ')}` }]);
    if (ids.some((i) => !ownerInScope(actor.access, edit, readable.get(i)?.record.ownerId))) throw new ProblemError(403, 'Forbidden', `Your role does not let you edit every one of these ${entity.path}; nothing was saved.`);
    const now = new Date().toISOString();
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => sql`(${entity.name}, ${a}, ${b}, ${now}, ${actor.userId})`));
    await sql`INSERT INTO duplicate_dismissals (entity, low_id, high_id, created_at, created_by) VALUES ${sql.join(pairs)} ON CONFLICT DO NOTHING`.execute(db.kysely);
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>(`${base}/:id/merge`, async (req) => {
    queryOf(req, []);
    const survivorId = parseId(req.params.id);
    // Refused (404 unreadable, 403 not allowed) before the body is looked at.
    await service.authorize(survivorId, actorOf(req), 'edit');
    const body = parseBody(mergeBody, req.body);
    return mergeRecords(db, entity, survivorId, body, actorOf(req), localeOf(req));
  });
}

/** Merges of one entity, newest first, whose survivor the caller may read. */
function registerMergeRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/merges', async (req) => {
    const q = queryOf(req, ['entity', 'limit', 'cursor']);
    const entity = q.entity ? entityByName(q.entity) ?? entityByPath(q.entity) : undefined;
    if (!entity) throw badRequest('entity must name an entity (customer, contact, …)', [{ field: 'entity', message: 'must name an entity' }]);
    const actor = actorOf(req);
    requireRead(entity, actor);
    const limit = intParam(q, 'limit', 1, 200, 50);
    const cursor = q.cursor === undefined ? null : intParam(q, 'cursor', 1, 2147483647, 1);
    const owners = scopeOwners(actor.access, scopeOf(actor.access, entity, 'read'));
    const scope = owners === null ? sql`` : sql` AND s.owner_id IN (${sql.join([...owners])})`;
    const page = cursor === null ? sql`` : sql` AND m.id < ${cursor}`;
    const { rows } = await sql<Parameters<typeof toMerge>[0]>`SELECT ${MERGE_COLUMNS} FROM merges AS m
      JOIN ${sql.table(entity.table)} AS s ON s.id = m.survivor_id LEFT JOIN users AS u ON u.id = m.created_by
      WHERE m.entity = ${entity.name}${scope}${page} ORDER BY m.id DESC LIMIT ${limit + 1}`.execute(db.kysely);
    const items = rows.slice(0, limit).map(toMerge);
    return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].id) : null };
  });

  app.post<{ Params: { id: string } }>('/api/v1/merges/:id/undo', async (req) => {
    queryOf(req, []);
    const actor = actorOf(req);
    // Undo edits the survivor: a role that may edit nothing is refused before any merge is looked up.
    if (ENTITIES.every((e) => scopeOf(actor.access, e, 'edit') === 'none')) throw new ProblemError(403, 'Forbidden', 'Your role does not let you edit records, so it cannot undo merges.');
    return undoMerge(db, parseId(req.params.id), actor, localeOf(req));
  });
}

/**
 * Duplicates and merge for every entity: the key-keeping hook on each entity with match rules, keys
 * built for records written before (an upgrade), the routes and their OpenAPI entries.
 */
export async function registerDuplicates(app: FastifyInstance, db: Database, entities: readonly EntityDef[]): Promise<void> {
  for (const e of entities) {
    const hooks = keyHooks(e);
    if (hooks) registerHooks(e, hooks);
  }
  await ensureKeys(db, entities);
  for (const e of entities) registerEntityRoutes(app, db, e);
  registerMergeRoutes(app, db);
  registerOpenApiPaths({ ...Object.assign({}, ...entities.map(duplicatePaths)), ...MERGE_PATHS });
}
