import type { FastifyInstance, FastifyRequest } from 'fastify';
import { attributesOf } from '../../shared/dictionaries.js';
import type { Database } from '../db/database.js';
import { usagesOf } from './dictionary-usage.js';
import { requireRight } from '../auth/require.js';
import { DictionaryService } from './dictionary-values.js';
import { registerOpenApiPaths } from './openapi.js';
import { actorOf, localeOf, parseId } from './record-routes.js';

type KeyReq = FastifyRequest<{ Params: { key: string } }>;
type ValueReq = FastifyRequest<{ Params: { key: string; id: string } }>;

/** Dictionaries are data (DESIGN.md §3): listed, and their values edited, here; every dictionary the same way. */
export function registerDictionaryRoutes(app: FastifyInstance, db: Database): void {
  const service = new DictionaryService(db);
  const base = '/api/v1/dictionaries';

  app.get(base, async () => ({
    items: (await service.dictionaries()).map((d) => ({
      key: d.key,
      name: `dictionary.${d.key}`,
      hierarchical: d.hierarchical,
      attributes: attributesOf(d.key),
      // Where its values are chosen: the editor says what a merge or a deletion touches.
      usedBy: usagesOf(d.key).flatMap((u) => (u.entity && u.field ? [{ entity: u.entity, field: u.field }] : [])),
    })),
  }));

  app.get(`${base}/:key/values`, async (req: KeyReq) => ({ items: await service.values(req.params.key, localeOf(req)) }));
  // Counts over every record, whoever owns it: for those who manage dictionaries (the editor shows what a merge or delete touches).
  app.get(`${base}/:key/usage`, async (req: KeyReq) => {
    requireRight(req, 'dictionaries');
    return { counts: await service.usage(req.params.key) };
  });
  app.post(`${base}/:key/values`, async (req: KeyReq, reply) => reply.status(201).send(await service.create(req.params.key, req.body, localeOf(req))));
  app.post(`${base}/:key/reorder`, async (req: KeyReq) => ({ items: await service.reorder(req.params.key, req.body, localeOf(req)) }));
  app.get(`${base}/:key/values/:id`, async (req: ValueReq) => service.value(req.params.key, parseId(req.params.id), localeOf(req)));
  app.patch(`${base}/:key/values/:id`, async (req: ValueReq) => service.update(req.params.key, parseId(req.params.id), req.body, actorOf(req), localeOf(req)));
  app.delete(`${base}/:key/values/:id`, async (req: ValueReq, reply) => {
    await service.remove(req.params.key, parseId(req.params.id));
    return reply.status(204).send();
  });
  app.post(`${base}/:key/values/:id/merge`, async (req: ValueReq) => service.merge(req.params.key, parseId(req.params.id), req.body, actorOf(req), localeOf(req)));

  registerOpenApiPaths(DICTIONARY_PATHS);
}

const key = { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'e.g. product-category' };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const json = (properties: Record<string, unknown>) => ({ content: { 'application/json': { schema: { type: 'object', properties } } } });
const valueBody = {
  label: { type: 'string', description: 'Default label (shown where a locale has none)' },
  labels: { type: 'object', description: 'Per locale: {en, ko, "zh-CN"}; an empty one is removed' },
  parentId: { type: ['integer', 'null'], description: 'A top-level value, in a hierarchical dictionary' },
  color: { type: ['string', 'null'] }, active: { type: 'boolean' }, position: { type: 'integer' },
  attributes: { type: 'object', description: 'The dictionary\'s declared attributes (an opportunity stage: probability, outcome)' },
};

const DICTIONARY_PATHS: Record<string, unknown> = {
  '/api/v1/dictionaries': { get: { summary: 'Every dictionary: {items: [{key, name, hierarchical, attributes, usedBy}]}', responses: { 200: { description: 'Dictionaries' } } } },
  '/api/v1/dictionaries/{key}/values': {
    get: { summary: 'Its values in order (labels in the request locale): {items: [{id, code, label, defaultLabel, labels, parentId, color, position, active, attributes, version}]}', parameters: [key], responses: { 200: { description: 'Values' }, 404: { description: 'No such dictionary' } } },
    post: { summary: 'Add a value (code from the label unless given)', parameters: [key], requestBody: json({ ...valueBody, code: { type: 'string' } }), responses: { 201: { description: 'The value' }, 400: { description: 'Validation failed' } } },
  },
  '/api/v1/dictionaries/{key}/usage': { get: { summary: 'How many records use each value (live and in Trash): {counts: {id: n}}', parameters: [key], responses: { 200: { description: 'Counts' } } } },
  '/api/v1/dictionaries/{key}/reorder': { post: { summary: 'Order the values of one level: {ids: [every value with that parent, in order], parentId?}', parameters: [key], requestBody: json({ ids: { type: 'array', items: { type: 'integer' } }, parentId: { type: ['integer', 'null'] } }), responses: { 200: { description: 'The values' } } } },
  '/api/v1/dictionaries/{key}/values/{id}': {
    get: { summary: 'One value', parameters: [key, id], responses: { 200: { description: 'The value' } } },
    patch: { summary: 'Rename (per locale), recolour, reorder, deactivate; carries version (a stale one is 409 with current)', parameters: [key, id], requestBody: json({ ...valueBody, version: { type: 'integer' } }), responses: { 200: { description: 'The value' }, 409: { description: 'Stale version' } } },
    delete: { summary: 'Delete a value nothing uses (else 409 with inUse: deactivate or merge instead)', parameters: [key, id], responses: { 204: { description: 'Deleted' }, 409: { description: 'In use, or has child values' } } },
  },
  '/api/v1/dictionaries/{key}/values/{id}/merge': { post: { summary: 'Move every record using this value to intoId, then delete it (one transaction): {moved, into}', parameters: [key, id], requestBody: json({ intoId: { type: 'integer' } }), responses: { 200: { description: '{moved, into}' }, 400: { description: 'intoId not a value on the same level' } } } },
};
