import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { activityEntity } from '../../../../shared/entities/activity.entity.js';
import type { Database, DbSchema } from '../../../db/database.js';
import { recordPages } from '../../../core/export.js';
import { registerExportFormat } from '../../../core/formats.js';
import { translate } from '../../../core/i18n.js';
import { actorOf, localeOf, parseId } from '../../../core/record-routes.js';
import { RecordService } from '../../../core/records.js';
import { activityComponent, CALENDAR_END, calendarStart, toICalendar } from './write.js';

export const ICS_TYPE = 'text/calendar; charset=utf-8';

/** Activity type codes by value id, read per file (types are an editable dictionary). */
export async function activityTypeCodes(executor: Kysely<DbSchema>): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; code: string }>`SELECT id, code FROM dictionary_values WHERE dictionary_key = 'activity-type'`.execute(executor);
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

/** `filename*` carries a UTF-8 name (a Korean subject); `filename` an ASCII fallback. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** iCalendar through the generic export (`/activities/export?format=ics` with the list's filters) and one activity's file. */
export function registerIcs(app: FastifyInstance, db: Database): void {
  registerExportFormat('activity', 'ics', {
    contentType: ICS_TYPE,
    write(database, entity, params) {
      async function* lines(): AsyncGenerator<string> {
        const ctx = { typeCodes: await activityTypeCodes(database.kysely), locale: params.locale, now: new Date() };
        yield calendarStart(`Rapport – ${translate(params.locale, entity.pluralLabel, entity.path)}`);
        for await (const page of recordPages(database, entity, params, 500)) yield page.map((r) => activityComponent(r, ctx)).join('');
        yield CALENDAR_END;
      }
      return Readable.from(lines());
    },
  });

  const service = new RecordService(db, activityEntity);
  app.get('/api/v1/activities/:id/ics', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const locale = localeOf(req);
    const record = await service.get(parseId(req.params.id), { locale, actor: actorOf(req) });
    const ctx = { typeCodes: await activityTypeCodes(db.kysely), locale, now: new Date() };
    const body = toICalendar([record], `Rapport – ${String(record.subject)}`, ctx);
    return reply.type(ICS_TYPE).header('content-disposition', disposition(`${String(record.subject)}.ics`)).send(body);
  });
}
