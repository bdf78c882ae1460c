import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contactEntity } from '../../../../shared/entities/contact.entity.js';
import type { Database } from '../../../db/database.js';
import { badRequest } from '../../../core/errors.js';
import { recordPages } from '../../../core/export.js';
import { registerExportFormat, registerImportFormat, registerTableFormat } from '../../../core/formats.js';
import { vCardTable } from './table.js';
import { actorOf, localeOf, parseId } from '../../../core/record-routes.js';
import { RecordService } from '../../../core/records.js';
import { cardOf, genderCodes } from './contact-card.js';
import { importVCards } from './import.js';
import { toVCard, type VCardVersion } from './write.js';

type RawQuery = Record<string, string | string[] | undefined>;

function versionOf(raw: RawQuery): VCardVersion {
  const v = raw.version ?? '4.0';
  if (v !== '3.0' && v !== '4.0') throw badRequest('version must be 3.0 or 4.0', [{ field: 'version', message: 'must be 3.0 or 4.0' }]);
  return v;
}

/** `filename*` carries a UTF-8 name (a Korean contact's name); `filename` an ASCII fallback. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * vCard through the generic export and import (`/contacts/export?format=vcf`,
 * `POST /contacts/import` with a .vcf body), plus one contact's card.
 */
export function registerVCard(app: FastifyInstance, db: Database): void {
  registerTableFormat('contact', 'vcard', vCardTable);
  registerExportFormat('contact', 'vcf', {
    contentType: 'text/vcard; charset=utf-8',
    options: ['version'],
    write(database, entity, params, query) {
      const version = versionOf(query);
      async function* cards(): AsyncGenerator<string> {
        const genders = await genderCodes(database.kysely);
        for await (const page of recordPages(database, entity, params, 500)) yield page.map((r) => toVCard(cardOf(r, genders), version)).join('');
      }
      return Readable.from(cards());
    },
  });
  registerImportFormat('contact', 'vcf', {
    contentTypes: ['text/vcard', 'text/x-vcard', 'text/directory', 'text/plain'],
    options: ['createCustomers', 'dryRun'],
    run: importVCards,
  });

  const service = new RecordService(db, contactEntity);
  app.get('/api/v1/contacts/:id/vcard', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const version = versionOf(req.query as RawQuery);
    const record = await service.get(parseId(req.params.id), { locale: localeOf(req), actor: actorOf(req) });
    const card = toVCard(cardOf(record, await genderCodes(db.kysely)), version);
    return reply.type('text/vcard; charset=utf-8').header('content-disposition', disposition(`${String(record.name)}.vcf`)).send(card);
  });
}
