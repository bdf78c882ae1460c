import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { notFound } from './errors.js';
import { localLabel } from './labels.js';
import { pickLocale } from './list-params.js';

type Query = { locale?: string };

const locale = (req: FastifyRequest<{ Querystring: Query }>) => pickLocale(req.query.locale, req.headers['accept-language']);

/** Dictionaries are data (DESIGN.md §3): read here; the editor comes with the products issue. */
export function registerDictionaryRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/dictionaries', async () => {
    const { rows } = await sql<{ key: string; hierarchical: unknown }>`SELECT key, hierarchical FROM dictionaries ORDER BY position, key`.execute(db.kysely);
    return { items: rows.map((r) => ({ key: r.key, name: `dictionary.${r.key}`, hierarchical: r.hierarchical === true || r.hierarchical === 1 })) };
  });

  app.get<{ Params: { key: string }; Querystring: Query }>('/api/v1/dictionaries/:key/values', async (req) => {
    const { rows: dict } = await sql`SELECT key FROM dictionaries WHERE key = ${req.params.key}`.execute(db.kysely);
    if (dict.length === 0) throw notFound(`No dictionary "${req.params.key.slice(0, 60)}"`);
    const { rows } = await sql<{ id: number; code: string; label: string; labels: string; parent_id: number | null; color: string | null; position: number; active: unknown }>`
      SELECT id, code, label, labels, parent_id, color, position, active FROM dictionary_values
      WHERE dictionary_key = ${req.params.key} ORDER BY position, id`.execute(db.kysely);
    const loc = locale(req);
    return {
      items: rows.map((r) => ({
        id: Number(r.id), code: r.code, label: localLabel(r.labels, r.label, loc), labels: safeLabels(r.labels),
        parentId: r.parent_id === null ? null : Number(r.parent_id), color: r.color, position: Number(r.position),
        active: r.active === true || r.active === 1,
      })),
    };
  });

  app.get('/api/v1/users', async () => {
    const { rows } = await sql<{ id: number; name: string }>`SELECT id, name FROM users ORDER BY name, id`.execute(db.kysely);
    return { items: rows.map((r) => ({ id: Number(r.id), name: r.name })) };
  });
}

function safeLabels(json: string): Record<string, string> {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}
