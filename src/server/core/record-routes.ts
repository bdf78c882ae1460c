import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntityDef } from '../../shared/entity/define.js';
import type { Database } from '../db/database.js';
import { badRequest, ProblemError } from './errors.js';
import { exportContext, exportCsv, exportFileName, exportRecordCsv, exportRecordXlsx, exportXlsx, recordFileName } from './export.js';
import { exportFormat, exportFormatNames, IMPORT_BODY_LIMIT, importFormat } from './formats.js';
import { fieldNameOrFail, parseListParams } from './list-params.js';
import { countRecords, groupRecords, listRecords } from './list-service.js';
import { ListQuery } from './list-query.js';
import { registerHistoryRoutes } from './field-history.js';
import { requestClock } from './installation.js';
import { noteUse } from './usage.js';
import { nextCode, RecordService } from './records.js';
import { localeOf, parseId } from './ids.js';
import { actorOf } from '../auth/request-context.js';
import { hiddenFields, scopeOf } from '../auth/access.js';
import { scopeFilters, visibleOrFail } from './list-params.js';
import { writeAudit } from './audit.js';
import { registerChangesRoutes } from './changes-routes.js';

type RawQuery = Record<string, string | string[] | undefined>;

export { actorOf } from '../auth/request-context.js';


export { localeOf, parseId } from './ids.js';

const BUILT_IN_EXPORTS = ['csv', 'xlsx'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The generic REST routes of one entity (DESIGN.md §4). */
export function registerRecordRoutes(app: FastifyInstance, db: Database, entity: EntityDef): void {
  const base = `/api/v1/${entity.path}`;
  const service = new RecordService(db, entity);
  const params = async (req: FastifyRequest, extra: readonly string[] = []) => parseListParams(entity, req.query as RawQuery, await requestClock(db.kysely), actorOf(req).access, req.headers['accept-language'], extra);

  app.get(base, async (req) => {
    const p = await params(req);
    return p.groupBy.length ? groupRecords(db, entity, p) : listRecords(db, entity, p);
  });

  app.get(`${base}/count`, async (req) => countRecords(db, entity, await params(req)));

  app.get(`${base}/export`, async (req, reply) => {
    const raw = req.query as RawQuery;
    const format = typeof raw.format === 'string' ? raw.format : 'csv';
    const extra = format !== 'csv' && format !== 'xlsx' ? exportFormat(entity.name, format) : undefined;
    if (!BUILT_IN_EXPORTS.includes(format) && !extra) {
      const names = [...BUILT_IN_EXPORTS, ...exportFormatNames(entity.name)].join(', ');
      throw badRequest(`format must be one of ${names}`, [{ field: 'format', message: `must be one of ${names}` }]);
    }
    const p = await params(req, extra?.options ?? []);
    // Export is its own right: the rows exported are those both readable and exportable.
    const actor = actorOf(req);
    p.filters.push(...scopeFilters(entity, actor.access, 'export'));
    // The exact number of rows to come, so the browser can show how far the download has come.
    const [ctx, rows] = await Promise.all([exportContext(db, p.locale), new ListQuery(db, entity).count(p, null)]);
    await noteUse(db, req, 'exported', entity.path);
    await writeAudit(db.kysely, actor, { entity: entity.name, recordId: null, action: 'export', detail: `${format}: ${rows.total} rows; ${new URLSearchParams(raw as Record<string, string>).toString().slice(0, 900)}` });
    reply.header('content-disposition', `attachment; filename="${exportFileName(entity, format, ctx)}"`);
    reply.header('x-total-count', String(rows.total));
    if (extra) return reply.type(extra.contentType).send(extra.write(db, entity, p, raw));
    const hidden = hiddenFields(actor.access, entity);
    const columns = typeof raw.columns === 'string' && raw.columns
      ? raw.columns.split(',').map((c) => fieldNameOrFail(entity, c, 'columns')).map((c) => { visibleOrFail(entity, actor.access, c, 'columns'); return c; })
      : entity.exportColumns.filter((c) => !hidden.has(c));
    if (format === 'csv') {
      reply.type('text/csv; charset=utf-8');
      return reply.send(exportCsv(db, entity, p, columns, ctx));
    }
    reply.type(XLSX_TYPE);
    return reply.send(exportXlsx(db, entity, p, columns, ctx));
  });

  // One record as a file: its fields, then its lines with their total (an opportunity with its products).
  app.get<{ Params: { id: string }; Querystring: RawQuery }>(`${base}/:id/export`, async (req, reply) => {
    const format = typeof req.query.format === 'string' ? req.query.format : 'xlsx';
    if (!BUILT_IN_EXPORTS.includes(format)) throw badRequest(`format must be one of ${BUILT_IN_EXPORTS.join(', ')}`, [{ field: 'format', message: `must be one of ${BUILT_IN_EXPORTS.join(', ')}` }]);
    for (const key of Object.keys(req.query)) {
      if (key !== 'format' && key !== 'locale') throw badRequest(`Unknown parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'unknown parameter' }]);
    }
    const locale = localeOf(req);
    const actor = actorOf(req);
    const id = parseId(req.params.id);
    // The export right of this record's owner, not only of the entity: 404 unreadable, 403 outside the export scope.
    await service.authorize(id, actor, 'export');
    const record = await service.get(id, { locale, actor });
    const ctx = await exportContext(db, locale);
    await writeAudit(db.kysely, actor, { entity: entity.name, recordId: record.id, action: 'export', detail: format });
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(recordFileName(entity, record, format))}`);
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportRecordCsv(entity, record, ctx));
    return reply.type(XLSX_TYPE).send(await exportRecordXlsx(entity, record, ctx));
  });

  if (entity.autoCode) {
    app.get(`${base}/next-code`, async () => ({ code: await nextCode(entity, db.kysely) }));
  }

  registerHistoryRoutes(app, db, entity, async (req, raw) => {
    const id = parseId(raw);
    await service.get(id, { actor: actorOf(req) });
    return { id, locale: localeOf(req) };
  });
  registerChangesRoutes(app, db, entity, service);

  app.get<{ Params: { id: string } }>(`${base}/:id`, async (req) => service.get(parseId(req.params.id), { locale: localeOf(req), actor: actorOf(req) }));

  app.post(base, async (req, reply) => {
    const record = await service.create(req.body ?? {}, actorOf(req), { locale: localeOf(req) });
    return reply.status(201).header('location', `${base}/${record.id}`).send(record);
  });

  app.patch<{ Params: { id: string } }>(`${base}/:id`, async (req) => service.update(parseId(req.params.id), req.body ?? {}, actorOf(req), { locale: localeOf(req) }));

  app.delete<{ Params: { id: string } }>(`${base}/:id`, async (req, reply) => {
    await service.remove(parseId(req.params.id), actorOf(req));
    return reply.status(204).send();
  });

  app.post<{ Params: { id: string } }>(`${base}/:id/restore`, async (req) => service.restore(parseId(req.params.id), actorOf(req), { locale: localeOf(req) }));
}

/** An import whose body is the file as text, in a format a module registered for the entity (vCard for contacts). */
export async function textImport(db: Database, entity: EntityDef, req: FastifyRequest): Promise<unknown> {
  const raw = req.query as RawQuery;
  const format = importFormat(entity.name, typeof raw.format === 'string' ? raw.format : undefined, String(req.headers['content-type'] ?? ''));
  if (!format) throw new ProblemError(415, 'Unsupported Media Type', `No import format for ${entity.path} matches this request's Content-Type or ?format= (send CSV or XLSX as multipart/form-data)`);
  for (const key of Object.keys(raw)) {
    if (![...(format.options ?? []), 'format', 'locale'].includes(key)) throw badRequest(`Unknown parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'unknown parameter' }]);
  }
  if (scopeOf(actorOf(req).access, entity, 'import') === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you import ${entity.path}.`);
  if (typeof req.body !== 'string') throw new ProblemError(415, 'Unsupported Media Type', 'Send the file itself as the request body (e.g. Content-Type: text/vcard)');
  if (req.body.length > IMPORT_BODY_LIMIT) throw new ProblemError(413, 'Content Too Large', `A ${format.contentTypes[0]} import may be at most ${IMPORT_BODY_LIMIT / 1024 / 1024} MB.`);
  return format.run({ db, entity, body: req.body, query: raw, actor: actorOf(req), locale: localeOf(req) });
}
