import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../core/errors.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { actorOf } from '../../core/record-routes.js';
import { isTimeZone } from '../../core/time-zones.js';

/** The user's time zone; null means "the browser's". Validated against the IANA allow-list. */
const patchBody = z.strictObject({
  timeZone: z.string().max(64).refine(isTimeZone, { message: 'is not a known IANA time zone' }).nullable().optional(),
});

const key = (userId: number, name: string) => `user:${userId}:${name}`;

async function read(db: Database, userId: number): Promise<{ timeZone: string | null }> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${key(userId, 'timeZone')}`.execute(db.kysely);
  return { timeZone: rows[0]?.value ?? null };
}

/** Per-user settings (GET/PATCH /api/v1/settings), kept in the settings table until accounts have their own. */
export function registerSettings(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/settings', async (req: FastifyRequest) => read(db, actorOf(req).userId));
  app.patch('/api/v1/settings', async (req: FastifyRequest) => {
    const parsed = patchBody.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const userId = actorOf(req).userId;
    const tz = parsed.data.timeZone;
    if (tz === null) await sql`DELETE FROM settings WHERE key = ${key(userId, 'timeZone')}`.execute(db.kysely);
    else if (tz !== undefined) {
      await sql`INSERT INTO settings (key, value) VALUES (${key(userId, 'timeZone')}, ${tz}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(db.kysely);
    }
    return read(db, userId);
  });
  registerOpenApiPaths({
    '/api/v1/settings': {
      get: { summary: 'The local user\'s settings: {timeZone} (null: the browser\'s)', responses: { 200: { description: '{timeZone}' } } },
      patch: { summary: 'Change settings: {timeZone?: IANA zone | null}', responses: { 200: { description: '{timeZone}' }, 400: { description: 'Unknown zone' } } },
    },
  });
}
