import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Database, DbSchema } from '../../db/database.js';
import { badRequest, notFound, ProblemError } from '../errors.js';
import { userLabels } from '../labels.js';
import type { Locale } from '../list-params.js';
import { actorOf, localeOf, parseId } from '../record-routes.js';
import { RecordService } from '../records.js';
import type { Action } from '../../../shared/access.js';
import { PREVIEWABLE } from './content-type.js';
import { contentDisposition } from './file-name.js';
import { attachmentMaxBytes } from './limit.js';
import { noFilesProblem, refusedProblem, tooManyProblem } from './messages.js';
import { describeAttachmentRoutes } from './openapi.js';
import { receiveFiles } from './receive.js';
import { type AttachmentRow, deleteAttachment, findAttachment, insertAttachments, isLive, listAttachments, readAttachment } from './store.js';

/** What a file shown inline may do: show itself, nothing else (no script, no requests, its own origin). */
const INLINE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'; sandbox";
const DOWNLOAD_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** An attachment as the API returns it. */
async function present(executor: Kysely<DbSchema>, rows: readonly AttachmentRow[], locale: Locale) {
  const names = await userLabels(executor, rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by])), locale);
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
    _labels: { createdBy: r.created_by === null ? null : (names.get(r.created_by) ?? null) },
    previewable: PREVIEWABLE.has(r.content_type),
  }));
}

/** Errors of reading the request (bad multipart, a client gone) are the client's; a failing disk is ours. */
function uploadError(e: unknown, locale: Locale): unknown {
  if (e instanceof ProblemError) return e;
  const err = e as { code?: unknown; syscall?: unknown; statusCode?: unknown; message?: unknown };
  if (err.code === 'FST_FILES_LIMIT') return tooManyProblem(locale);
  if (typeof err.syscall === 'string') return e;
  return badRequest(`The upload could not be read as multipart/form-data: ${String(err.message ?? e).slice(0, 200)}`, [{ field: 'files', message: 'could not be read' }]);
}

/**
 * Attachment routes of every entity that declares `attachments` (core names none), and the routes of
 * one attachment by its id. Multipart parsing is registered in this scope only.
 */
export async function registerAttachmentRoutes(app: FastifyInstance, db: Database, entities: readonly EntityDef[]): Promise<void> {
  const carrying = entities.filter((e) => e.attachments);
  if (carrying.length === 0) return;
  describeAttachmentRoutes(carrying);

  const services = new Map(carrying.map((e) => [e.name, new RecordService(db, e)] as const));
  /** A file is its record's: reading it needs read on the record (else 404), adding or deleting one needs edit (else 403). */
  const authorize = async (req: FastifyRequest, entity: EntityDef, recordId: number, action: Action, executor: Kysely<DbSchema> = db.kysely) => {
    const service = services.get(entity.name);
    if (!service) throw notFound(`No ${entity.name} with id ${recordId}`);
    await service.authorize(recordId, actorOf(req), action, executor);
  };

  /** The attachment, while its entity carries attachments, its record is not in Trash and the actor may `action` the record. */
  async function liveAttachment(req: FastifyRequest<{ Params: { id: string } }>, action: Action): Promise<AttachmentRow> {
    const id = parseId(req.params.id);
    const a = await findAttachment(db.kysely, id);
    const entity = a && carrying.find((e) => e.name === a.entity);
    if (!a || !entity || !(await isLive(db.kysely, entity, a.record_id))) throw notFound(`No attachment with id ${id}`);
    await authorize(req, entity, a.record_id, action).catch((e: unknown) => {
      throw e instanceof ProblemError && e.status === 404 ? notFound(`No attachment with id ${id}`) : e;
    });
    return a;
  }

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: false });

    for (const entity of carrying) {
      const base = `/api/v1/${entity.path}/:id/attachments`;
      const liveRecord = async (req: FastifyRequest<{ Params: { id: string } }>, action: Action, executor: Kysely<DbSchema> = db.kysely) => {
        const id = parseId(req.params.id);
        if (!(await isLive(executor, entity, id))) throw notFound(`No ${entity.name} with id ${id}`);
        await authorize(req, entity, id, action, executor);
        return id;
      };

      scope.get<{ Params: { id: string } }>(base, async (req) => {
        const id = await liveRecord(req, 'read');
        return { items: await present(db.kysely, await listAttachments(db.kysely, entity, id), localeOf(req)) };
      });

      scope.post<{ Params: { id: string } }>(base, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
        const locale = localeOf(req);
        if (!req.isMultipart()) throw new ProblemError(415, 'Unsupported Media Type', 'Send the files as multipart/form-data (field "files")');
        const recordId = await liveRecord(req, 'edit');
        const maxBytes = await attachmentMaxBytes(db.kysely);
        const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rapport-upload-'));
        try {
          const receipt = await receiveFiles(req, dir, maxBytes).catch((e: unknown) => { throw uploadError(e, locale); });
          if (receipt.refusals.length) throw refusedProblem(receipt.refusals, locale, maxBytes);
          if (receipt.files.length === 0) throw noFilesProblem(locale);
          // All or nothing: every file of the request in one transaction, the record checked again inside it.
          const rows = await db.kysely.transaction().execute(async (trx) => {
            await liveRecord(req, 'edit', trx);
            return insertAttachments(trx, entity, recordId, receipt.files, actorOf(req).userId);
          });
          return reply.status(201).send({ items: await present(db.kysely, rows, locale) });
        } finally {
          await fs.promises.rm(dir, { recursive: true, force: true });
        }
      });
    }

    scope.get<{ Params: { id: string }; Querystring: { inline?: string } }>('/api/v1/attachments/:id', async (req, reply) => {
      const a = await liveAttachment(req, 'read');
      const etag = `"${a.sha256}"`;
      // Only images and PDF are ever shown inline; anything else is a download whatever is asked.
      const inline = (req.query.inline === '1' || req.query.inline === 'true') && PREVIEWABLE.has(a.content_type);
      reply
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', a.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private')
        .header('etag', etag)
        .header('content-security-policy', inline ? INLINE_CSP : DOWNLOAD_CSP);
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply
        .type(a.content_type.startsWith('text/') ? `${a.content_type}; charset=utf-8` : a.content_type)
        .header('content-length', a.size)
        .send(Readable.from(readAttachment(db.kysely, a)));
    });

    scope.delete<{ Params: { id: string } }>('/api/v1/attachments/:id', async (req, reply) => {
      const a = await liveAttachment(req, 'edit');
      await db.kysely.transaction().execute((trx) => deleteAttachment(trx, a.id));
      return reply.status(204).send();
    });
  });
}
