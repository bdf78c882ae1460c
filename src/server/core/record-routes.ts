import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database } from '../db/database.js';
import { badRequest, notFound } from './errors.js';
import { exportCsv, exportFileName, exportXlsx } from './export.js';
import { fieldOrFail, parseListParams } from './list-params.js';
import { groupRecords, listRecords } from './list-service.js';
import { nextCode, RecordService, type Actor } from './records.js';

type RawQuery = Record<string, string | string[] | undefined>;

/** Until accounts exist (a later issue) every request acts as the local user. */
export function actorOf(_req: FastifyRequest): Actor {
  return { userId: 1 };
}

function parseId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2147483647) throw notFound(`No record with id ${raw.slice(0, 40)}`);
  return Number(raw);
}

/** The generic REST routes of one entity (DESIGN.md §4). */
export function registerRecordRoutes(app: FastifyInstance, db: Database, entity: EntityDef): void {
  const base = `/api/v1/${entity.path}`;
  const service = new RecordService(db, entity);
  const params = (req: FastifyRequest) => parseListParams(entity, req.query as RawQuery, req.headers['accept-language']);

  app.get(base, async (req) => {
    const p = params(req);
    return p.groupBy.length ? groupRecords(db, entity, p) : listRecords(db, entity, p);
  });

  app.get(`${base}/export`, async (req, reply) => {
    const p = params(req);
    const raw = req.query as RawQuery;
    const format = raw.format ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw badRequest('format must be csv or xlsx', [{ field: 'format', message: 'must be csv or xlsx' }]);
    const columns = typeof raw.columns === 'string' && raw.columns
      ? raw.columns.split(',').map((c) => { fieldOrFail(entity, c, 'columns'); return c; })
      : entity.exportColumns;
    reply.header('content-disposition', `attachment; filename="${exportFileName(entity, format)}"`);
    if (format === 'csv') {
      reply.type('text/csv; charset=utf-8');
      return reply.send(exportCsv(db, entity, p, columns));
    }
    reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(exportXlsx(db, entity, p, columns));
  });

  if (entity.autoCode) {
    app.get(`${base}/next-code`, async () => ({ code: await nextCode(entity, db.kysely) }));
  }

  app.get<{ Params: { id: string } }>(`${base}/:id`, async (req) => service.get(parseId(req.params.id)));

  app.post(base, async (req, reply) => {
    const record = await service.create(req.body ?? {}, actorOf(req));
    return reply.status(201).header('location', `${base}/${record.id}`).send(record);
  });

  app.patch<{ Params: { id: string } }>(`${base}/:id`, async (req) => service.update(parseId(req.params.id), req.body ?? {}, actorOf(req)));

  app.delete<{ Params: { id: string } }>(`${base}/:id`, async (req, reply) => {
    await service.remove(parseId(req.params.id), actorOf(req));
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>(`${base}/:id/restore`, async (req) => service.restore(parseId(req.params.id), actorOf(req)));
}
