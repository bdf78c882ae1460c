import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ENTITIES, entityByName } from '../../../shared/entities/registry.js';
import { IMPORT_ENCODINGS, type ImportOptions } from '../../../shared/import.js';
import type { Database } from '../../db/database.js';
import { actorOf } from '../../auth/request-context.js';
import { scopeOf } from '../../auth/access.js';
import type { Actor } from '../../auth/actor.js';
import { badRequest, notFound, ProblemError } from '../errors.js';
import { parseBody } from '../body.js';
import { localeOf, parseId } from '../ids.js';
import { LOCALES } from '../list-params.js';
import { errorFile } from './error-file.js';
import { createJob, getJob, listJobs, publicJob, reportRows, type StoredJob } from './jobs.js';
import { importableFields, matchableFields } from './mapping.js';
import { ImportRunner } from './runner.js';
import { previewUpload } from './source.js';
import { saveUpload, UploadTooLarge, uploadInfo, type UploadInfo } from './upload-store.js';
import { registerTemplateRoutes } from './templates.js';
import { mayImport, mayImportSomething } from './rights.js';
import { IMPORT_BODY_LIMIT } from '../formats.js';
import { registerOpenApiPaths } from '../openapi.js';

/** The largest file an import takes (a million rows of a wide CSV are about 300 MB). */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

const fieldName = z.string().max(80);
export const optionsSchema = z.strictObject({
  uploadId: z.string().uuid().optional(),
  format: z.enum(['csv', 'xlsx', 'vcard']).optional(),
  encoding: z.union([z.literal('auto'), z.enum(IMPORT_ENCODINGS)]).optional(),
  delimiter: z.string().max(2).optional(),
  sheet: z.string().max(100).optional(),
  mapping: z.record(z.string().max(500), fieldName.nullable()).optional(),
  constants: z.record(fieldName, z.string().max(2000)).optional(),
  mode: z.enum(['create', 'update', 'upsert']).optional(),
  matchOn: z.array(fieldName).max(5).optional(),
  multipleMatches: z.enum(['error', 'first', 'skip']).optional(),
  createMissingValues: z.boolean().optional(),
  locale: z.enum(LOCALES).optional(),
  dateOrder: z.enum(['ymd', 'mdy', 'dmy']).optional(),
  skipDuplicates: z.boolean().optional(),
  dryRun: z.boolean().optional(),
});

declare module 'fastify' {
  interface FastifyInstance { importRunner: ImportRunner }
}

function parseOptions(raw: unknown): ImportOptions {
  let value = raw;
  if (typeof raw === 'string') {
    try { value = JSON.parse(raw); } catch { throw badRequest('The options part is not JSON', [{ field: 'options', message: 'is not JSON' }]); }
  }
  return parseBody(optionsSchema, value);
}

/** The file part and the options part of a multipart request; the file goes straight to the database as it arrives. */
async function receive(req: FastifyRequest, db: Database, entity: EntityDef, actor: Actor): Promise<{ upload: UploadInfo | null; options: ImportOptions }> {
  let upload: UploadInfo | null = null;
  let options: ImportOptions = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') { part.file.resume(); throw badRequest('Send the file in the part named "file"', [{ field: part.fieldname.slice(0, 40), message: 'is not a part this route reads' }]); }
        upload = await saveUpload(db, entity.name, part.filename || 'import', part.file, actor.userId, MAX_IMPORT_BYTES);
        if (part.file.truncated) throw new UploadTooLarge('too large');
      } else if (part.fieldname === 'options') options = parseOptions(part.value);
    }
  } catch (e) {
    if (e instanceof ProblemError) throw e;
    if (e instanceof UploadTooLarge) throw new ProblemError(413, 'Content Too Large', `An import file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, [{ field: 'file', message: 'is too large' }]);
    throw badRequest(`The upload could not be read as multipart/form-data: ${e instanceof Error ? e.message.slice(0, 200) : 'unreadable'}`, [{ field: 'file', message: 'could not be read' }]);
  }
  if (upload && upload.size === 0) throw badRequest('The file is empty', [{ field: 'file', message: 'is empty' }]);
  return { upload, options };
}

/** An upload named by id: the caller's own, for this entity. */
async function ownUpload(db: Database, id: string, entity: EntityDef, actor: Actor): Promise<UploadInfo> {
  const u = await uploadInfo(db, id);
  if (!u || u.entity !== entity.name || (u.createdBy !== actor.userId && actor.kind !== 'system')) throw notFound('No such upload (it may be older than a day): send the file again');
  return u;
}


/** A job the caller may see: one of an entity they may import, and (without the audit right) one they ran. */
async function visibleJob(db: Database, raw: string, actor: Actor): Promise<StoredJob> {
  mayImportSomething(actor);
  const job = await getJob(db.kysely, parseId(raw));
  const entity = job ? entityByName(job.entity) : undefined;
  if (!job || !entity || scopeOf(actor.access, entity, 'import') === 'none' || (job.createdBy !== actor.userId && !actor.access.permissions.special.includes('audit'))) {
    throw notFound(`No import job with id ${raw.slice(0, 20)}`);
  }
  return job;
}

/** Checks the options against the entity before a job is made: every mapped field, constant and match field must be importable. */
function checkOptions(entity: EntityDef, o: ImportOptions, actor: Actor): void {
  const importable = new Set(importableFields(entity).map(([n]) => n));
  const issues: { field: string; message: string }[] = [];
  for (const [column, field] of Object.entries(o.mapping ?? {})) {
    if (field !== null && !importable.has(field) && field !== 'id') issues.push({ field: `mapping.${column.slice(0, 60)}`, message: `"${field}" is not a field this import can fill` });
  }
  const mapped = Object.values(o.mapping ?? {}).filter((f): f is string => f !== null);
  const twice = mapped.find((f, i) => mapped.indexOf(f) !== i);
  if (twice) issues.push({ field: 'mapping', message: `maps two columns to ${twice}` });
  for (const field of Object.keys(o.constants ?? {})) if (!importable.has(field)) issues.push({ field: `constants.${field}`, message: 'is not a field this import can fill' });
  const mode = o.mode ?? 'create';
  const matchable = new Set(matchableFields(entity));
  if (mode !== 'create' && !(o.matchOn ?? []).length) issues.push({ field: 'matchOn', message: 'is required to update records: name the fields that find them' });
  for (const f of o.matchOn ?? []) {
    if (!matchable.has(f)) issues.push({ field: 'matchOn', message: `"${f}" cannot be matched on` });
    else if (!mapped.includes(f) && !(f in (o.constants ?? {}))) issues.push({ field: 'matchOn', message: `"${f}" is not mapped from a column` });
  }
  if (mode !== 'create' && scopeOf(actor.access, entity, 'edit') === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you edit ${entity.path}: import with "create" only.`);
  if (mode !== 'update' && scopeOf(actor.access, entity, 'create') === 'none') throw new ProblemError(403, 'Forbidden', `Your role does not let you create ${entity.path}: import with "update" only.`);
  if (o.createMissingValues && !actor.access.permissions.special.includes('dictionaries')) issues.push({ field: 'createMissingValues', message: 'needs the right to edit dictionaries' });
  if (issues.length) throw badRequest('The import options are not valid', issues);
}

/**
 * Makes a job of an upload and its options (the route and `rapport import` both): the preview's reading
 * of the file's head settles format, encoding, delimiter and sheet; completes the mapping, checks every option
 * against the entity and the actor's rights, and stores the job as queued. Returns its id.
 */
export async function startImport(db: Database, entity: EntityDef, u: UploadInfo, options: ImportOptions & { locale: NonNullable<ImportOptions['locale']> }, actor: Actor): Promise<number> {
  mayImport(entity, actor);
  const preview = await previewUpload(db, entity, u, options, options.locale);
  const mapping = options.mapping ? Object.fromEntries(preview.headers.map((h) => [h, options.mapping?.[h] ?? null])) : preview.mapping;
  const full: ImportOptions = { ...options, uploadId: u.id, format: preview.format, delimiter: preview.delimiter ?? undefined, sheet: preview.sheet ?? undefined, mapping };
  checkOptions(entity, full, actor);
  if (!Object.values(mapping).some((f) => f !== null) && !Object.keys(full.constants ?? {}).length) throw badRequest('No column is mapped to a field', [{ field: 'mapping', message: 'maps no column' }]);
  return createJob(db, { entity: entity.name, uploadId: u.id, fileName: u.fileName, format: preview.format, encoding: preview.encoding, dryRun: Boolean(options.dryRun), options: full, mapping, headers: preview.headers, totalBytes: u.size, userId: actor.userId });
}

/** The generic import (issue 16): every entity, CSV and XLSX, as background jobs with a report, cancel and revert. */
export function registerImportRoutes(app: FastifyInstance, db: Database, textImport: (entity: EntityDef, req: FastifyRequest) => Promise<unknown>): void {
  const runner = new ImportRunner(db, (e) => app.log.error(e));
  app.decorate('importRunner', runner);
  app.addHook('onClose', async () => runner.stop());

  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false });
    for (const entity of ENTITIES) {
      const base = `/api/v1/${entity.path}/import`;
      scope.post(`${base}/preview`, async (req) => {
        const actor = actorOf(req);
        mayImport(entity, actor);
        const { upload, options } = req.isMultipart() ? await receive(req, db, entity, actor) : { upload: null, options: parseOptions(req.body) };
        const u = upload ?? (options.uploadId ? await ownUpload(db, options.uploadId, entity, actor) : null);
        if (!u) throw badRequest('Send a file (multipart part "file") or the uploadId of an earlier one', [{ field: 'file', message: 'is required' }]);
        return previewUpload(db, entity, u, options, options.locale ?? localeOf(req));
      });

      // One URL for both: a multipart file (or an earlier upload) runs the generic pipeline; a text body runs a format a module registered (vCard).
      scope.post(base, { bodyLimit: IMPORT_BODY_LIMIT }, async (req, reply) => {
        const actor = actorOf(req);
        const json = !req.isMultipart() && String(req.headers['content-type'] ?? '').startsWith('application/json');
        if (!req.isMultipart() && !json) return textImport(entity, req);
        mayImport(entity, actor);
        const { upload, options } = req.isMultipart() ? await receive(req, db, entity, actor) : { upload: null, options: parseOptions((req.body as { options?: unknown } | null)?.options ?? req.body) };
        const u = upload ?? (options.uploadId ? await ownUpload(db, options.uploadId, entity, actor) : null);
        if (!u) throw badRequest('Send a file (multipart part "file") or options.uploadId', [{ field: 'file', message: 'is required' }]);
        const id = await startImport(db, entity, u, { ...options, locale: options.locale ?? localeOf(req) }, actor);
        runner.enqueue(id);
        const job = await getJob(db.kysely, id);
        return reply.status(202).send({ job: job ? publicJob(job) : null });
      });
    }
  });

  app.get('/api/v1/import-jobs', async (req) => {
    const actor = actorOf(req);
    const q = req.query as Record<string, string | undefined>;
    const wanted = q.entity ? [q.entity] : ENTITIES.map((e) => e.name);
    const allowed = wanted.filter((n) => { const e = entityByName(n); return e && scopeOf(actor.access, e, 'import') !== 'none'; });
    const limit = q.limit === undefined ? 50 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw badRequest('limit must be 1–200', [{ field: 'limit', message: 'must be a whole number from 1 to 200' }]);
    const cursor = q.cursor === undefined ? null : parseId(q.cursor);
    const jobs = (await listJobs(db, allowed, limit + 1, cursor)).filter((j) => j.createdBy === actor.userId || actor.access.permissions.special.includes('audit'));
    const page = jobs.slice(0, limit);
    return { items: page.map(publicJob), nextCursor: jobs.length > limit ? String(page[page.length - 1].id) : null };
  });

  app.get<{ Params: { id: string } }>('/api/v1/import-jobs/:id', async (req) => publicJob(await visibleJob(db, req.params.id, actorOf(req))));

  app.get<{ Params: { id: string } }>('/api/v1/import-jobs/:id/rows', async (req) => {
    const job = await visibleJob(db, req.params.id, actorOf(req));
    const q = req.query as Record<string, string | undefined>;
    const actions = ['create', 'update', 'unchanged', 'skip', 'error'] as const;
    const action = q.action === undefined ? null : actions.find((a) => a === q.action);
    if (action === undefined) throw badRequest('action must be create, update, unchanged, skip or error', [{ field: 'action', message: 'is not an action' }]);
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badRequest('limit must be 1–1000', [{ field: 'limit', message: 'must be a whole number from 1 to 1000' }]);
    const after = q.cursor === undefined ? 0 : parseId(q.cursor);
    const rows = await reportRows(db, job.id, action ?? null, limit + 1, after);
    const page = rows.slice(0, limit);
    return { items: page, nextCursor: rows.length > limit ? String(page[page.length - 1].row) : null };
  });

  app.get<{ Params: { id: string } }>('/api/v1/import-jobs/:id/errors', async (req, reply) => {
    const job = await visibleJob(db, req.params.id, actorOf(req));
    const format = (req.query as Record<string, string | undefined>).format ?? 'csv';
    if (format !== 'csv' && format !== 'xlsx') throw badRequest('format must be csv or xlsx', [{ field: 'format', message: 'must be csv or xlsx' }]);
    const name = `${job.fileName.replace(/\.[^.]+$/, '')}-errors.${format}`;
    reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    reply.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(errorFile(db, job.id, job.headers, format, localeOf(req)));
  });

  app.post<{ Params: { id: string } }>('/api/v1/import-jobs/:id/cancel', async (req) => {
    const job = await visibleJob(db, req.params.id, actorOf(req));
    if (job.status !== 'queued' && job.status !== 'running') throw new ProblemError(409, 'Conflict', `Import #${job.id} has ended (${job.status}): there is nothing to cancel.`);
    if (job.status === 'queued') await sql`UPDATE import_jobs SET status = 'cancelled', finished_at = ${new Date().toISOString()}, message = ${'Cancelled before it started: nothing landed.'} WHERE id = ${job.id} AND status = 'queued'`.execute(db.kysely);
    await sql`UPDATE import_jobs SET cancel_requested = ${db.dialect === 'postgres' ? true : 1} WHERE id = ${job.id}`.execute(db.kysely);
    return publicJob((await getJob(db.kysely, job.id)) ?? job);
  });

  app.post<{ Params: { id: string } }>('/api/v1/import-jobs/:id/revert', async (req) => {
    const actor = actorOf(req);
    const job = await visibleJob(db, req.params.id, actor);
    const { revertJob } = await import('./revert.js');
    await revertJob(db, job, actor);
    return publicJob((await getJob(db.kysely, job.id)) ?? job);
  });

  registerTemplateRoutes(app, db);
  registerOpenApiPaths(IMPORT_JOB_PATHS);
}

const jobId = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }];
const described = (summary: string, extra: Record<string, unknown> = {}) => ({ summary, parameters: jobId, responses: { 200: { description: 'ImportJob' }, 404: { description: 'No such job (or not the caller\'s)' } }, ...extra });
const IMPORT_JOB_PATHS: Record<string, unknown> = {
  '/api/v1/import-jobs': { get: { summary: 'Import history, newest first: every job of the entities the caller may import (everyone\'s with the audit right, else their own); ?entity, limit, cursor', responses: { 200: { description: '{items: ImportJob[], nextCursor}' } } } },
  '/api/v1/import-jobs/{id}': { get: described('A job: status, counts, progress (bytes, rows/s, seconds left), the rows that landed') },
  '/api/v1/import-jobs/{id}/rows': { get: described('The job\'s report, a row of the file each: action (create, update, unchanged, skip, error), record, issues, likely duplicates; ?action, limit, cursor') },
  '/api/v1/import-jobs/{id}/errors': { get: described('The rows that failed as a file (?format=csv|xlsx): the file\'s columns plus Error; fixed, it imports again') },
  '/api/v1/import-jobs/{id}/cancel': { post: described('Stop a running job after its current chunk (what landed stays, and is reported)') },
  '/api/v1/import-jobs/{id}/revert': { post: described('Undo an import: created records go to Trash, updated ones get their values back unless edited since (those are kept and marked in the report)') },
  '/api/v1/import-templates': {
    get: { summary: 'Saved mappings (?entity)', responses: { 200: { description: '{items: ImportTemplate[]}' } } },
    post: { summary: 'Save a mapping: {entity, name, mapping, constants, mode, matchOn}', responses: { 201: { description: 'ImportTemplate' }, 400: { description: 'Validation failed' } } },
  },
  '/api/v1/import-templates/{id}': { delete: { summary: 'Delete a saved mapping', parameters: jobId, responses: { 204: { description: 'Deleted' } } } },
};
