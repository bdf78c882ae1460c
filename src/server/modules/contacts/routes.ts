import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../core/errors.js';
import { actorOf, localeOf, parseId } from '../../core/record-routes.js';
import { RecordService } from '../../core/records.js';

const makePrimaryBody = z.strictObject({ version: z.number().int().nonnegative().optional() });

/** "Make primary" in Customer information's Contacts tab: one click, the previous primary unmarked in the same transaction. */
export function registerMakePrimaryRoute(app: FastifyInstance, db: Database): void {
  const service = new RecordService(db, contactEntity);
  app.post('/api/v1/contacts/:id/make-primary', async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const id = parseId(req.params.id);
    const parsed = makePrimaryBody.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const version = parsed.data.version ?? (await service.get(id, { actor: actorOf(req) })).version;
    return service.update(id, { isPrimary: true, version }, actorOf(req), { locale: localeOf(req) });
  });
}
