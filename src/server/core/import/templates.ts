import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { ENTITIES, entityByName } from '../../../shared/entities/registry.js';
import type { ImportTemplate } from '../../../shared/import.js';
import type { Database } from '../../db/database.js';
import { actorOf } from '../../auth/request-context.js';
import { scopeOf } from '../../auth/access.js';
import type { Actor } from '../../auth/actor.js';
import { parseBody } from '../body.js';
import { badRequest, invalid, notFound, ProblemError } from '../errors.js';
import { parseId } from '../ids.js';
import { mayImportSomething } from './rights.js';

const templateSchema = z.strictObject({
  entity: z.string().max(80),
  name: z.string().trim().min(1).max(100),
  mapping: z.record(z.string().max(500), z.string().max(80).nullable()),
  constants: z.record(z.string().max(80), z.string().max(2000)).default({}),
  mode: z.enum(['create', 'update', 'upsert']).default('create'),
  matchOn: z.array(z.string().max(80)).max(5).default([]),
});

interface TemplateRow { id: number; entity: string; name: string; mapping: string; constants: string; mode: string; match_on: string; created_at: unknown }

const toTemplate = (r: TemplateRow): ImportTemplate => ({
  id: Number(r.id), entity: r.entity, name: r.name, mapping: JSON.parse(r.mapping) as ImportTemplate['mapping'], constants: JSON.parse(r.constants) as ImportTemplate['constants'],
  mode: r.mode as ImportTemplate['mode'], matchOn: JSON.parse(r.match_on) as string[], createdAt: new Date(r.created_at instanceof Date ? r.created_at : String(r.created_at)).toISOString(),
});

function importable(name: string, actor: Actor): boolean {
  const e = entityByName(name);
  return Boolean(e && scopeOf(actor.access, e, 'import') !== 'none');
}

/** Saved mappings: the columns of a file a company exports every month, mapped once. */
export function registerTemplateRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/import-templates', async (req) => {
    const actor = actorOf(req);
    const entity = (req.query as Record<string, string | undefined>).entity;
    if (entity !== undefined && !entityByName(entity)) throw badRequest(`Unknown entity "${entity.slice(0, 60)}"`, [{ field: 'entity', message: 'is not an entity' }]);
    const names = (entity ? [entity] : ENTITIES.map((e) => e.name)).filter((n) => importable(n, actor));
    if (names.length === 0) return { items: [] };
    const { rows } = await sql<TemplateRow>`SELECT * FROM import_templates WHERE entity IN (${sql.join(names)}) ORDER BY lower(name), id`.execute(db.kysely);
    return { items: rows.map(toTemplate) };
  });

  app.post('/api/v1/import-templates', async (req, reply) => {
    const actor = actorOf(req);
    mayImportSomething(actor);
    const t = parseBody(templateSchema, req.body);
    if (!entityByName(t.entity)) throw invalid([{ field: 'entity', message: 'is not an entity' }]);
    if (!importable(t.entity, actor)) throw new ProblemError(403, 'Forbidden', `Your role does not let you import ${t.entity} records.`);
    const { rows: clash } = await sql`SELECT 1 FROM import_templates WHERE entity = ${t.entity} AND lower(name) = ${t.name.toLowerCase()}`.execute(db.kysely);
    if (clash.length) throw invalid([{ field: 'name', message: 'is already the name of another template' }]);
    const { rows } = await sql<TemplateRow>`INSERT INTO import_templates (entity, name, mapping, constants, mode, match_on, created_by, created_at)
      VALUES (${t.entity}, ${t.name}, ${JSON.stringify(t.mapping)}, ${JSON.stringify(t.constants)}, ${t.mode}, ${JSON.stringify(t.matchOn)}, ${actor.userId}, ${new Date().toISOString()})
      RETURNING *`.execute(db.kysely);
    return reply.status(201).send(toTemplate(rows[0]));
  });

  app.delete<{ Params: { id: string } }>('/api/v1/import-templates/:id', async (req, reply) => {
    const actor = actorOf(req);
    mayImportSomething(actor);
    const id = parseId(req.params.id);
    const { rows } = await sql<{ entity: string }>`SELECT entity FROM import_templates WHERE id = ${id}`.execute(db.kysely);
    if (!rows[0] || !importable(rows[0].entity, actor)) throw notFound(`No import template with id ${id}`);
    await sql`DELETE FROM import_templates WHERE id = ${id}`.execute(db.kysely);
    return reply.status(204).send();
  });
}
