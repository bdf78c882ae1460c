import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import type { Database } from '../../db/database.js';
import { toApiRecords } from '../../core/decorate.js';
import { notFound } from '../../core/errors.js';
import { pickLocale } from '../../core/list-params.js';
import { actorOf, parseId } from '../../core/record-routes.js';
import type { Row } from '../../core/record-mapper.js';
import { activityTypeCodes, ICS_TYPE } from './ics/index.js';
import { toICalendar } from './ics/write.js';

/** 32 random bytes, base64url: 43 characters, 256 bits. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Ended activities stay in the feed this long, so the calendar program still shows recent history. */
const RECENT_DAYS = 90;
const FEED_LIMIT = 5000;

/** Only the SHA-256 of a token is stored: a leaked database does not leak working feed URLs. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Per-user subscription feeds (SuiteCRM CVE-2025-54786 served its feed to anyone): the URL
 * carries a long random token, the only credential a calendar program can send; revoking it
 * makes the URL a 404 at once.
 */
export function registerFeeds(app: FastifyInstance, db: Database): void {
  app.post('/api/v1/calendar-feeds', async (req: FastifyRequest, reply) => {
    const token = randomBytes(32).toString('base64url');
    const now = new Date().toISOString();
    const { rows } = await sql<{ id: number }>`INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (${actorOf(req).userId}, ${tokenHash(token)}, ${now}) RETURNING id`.execute(db.kysely);
    const path = `/feeds/${token}.ics`;
    return reply.status(201).send({ id: Number(rows[0].id), url: `${req.protocol}://${req.headers.host ?? '127.0.0.1'}${path}`, path, token, createdAt: now });
  });

  app.get('/api/v1/calendar-feeds', async (req: FastifyRequest) => {
    const { rows } = await sql<{ id: number; created_at: string; last_used_at: string | null }>`SELECT id, created_at, last_used_at FROM calendar_feeds
      WHERE user_id = ${actorOf(req).userId} AND revoked_at IS NULL ORDER BY id`.execute(db.kysely);
    const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());
    return { items: rows.map((r) => ({ id: Number(r.id), createdAt: iso(r.created_at), lastUsedAt: iso(r.last_used_at) })) };
  });

  app.delete('/api/v1/calendar-feeds/:id', async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const id = parseId(req.params.id);
    const res = await sql`UPDATE calendar_feeds SET revoked_at = ${new Date().toISOString()} WHERE id = ${id} AND user_id = ${actorOf(req).userId} AND revoked_at IS NULL`.execute(db.kysely);
    if (Number(res.numAffectedRows ?? 0) !== 1) throw notFound(`No calendar feed with id ${id}`);
    return reply.status(204).send();
  });

  // No session: the token is the credential. Anything not a live token is the same 404.
  app.get('/feeds/:file', async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const m = /^(.+)\.ics$/.exec(req.params.file);
    const token = m?.[1] ?? '';
    if (!TOKEN.test(token)) throw notFound('No such feed');
    // A disabled user's feed URLs stop with their sessions and API tokens.
    const { rows } = await sql<{ id: number; user_id: number; active: boolean | number }>`SELECT f.id, f.user_id, u.active FROM calendar_feeds f JOIN users u ON u.id = f.user_id
      WHERE f.token_hash = ${tokenHash(token)} AND f.revoked_at IS NULL`.execute(db.kysely);
    const feed = rows[0];
    if (!feed || !(feed.active === true || feed.active === 1)) throw notFound('No such feed');
    const now = new Date();
    await sql`UPDATE calendar_feeds SET last_used_at = ${now.toISOString()} WHERE id = ${feed.id}`.execute(db.kysely);
    const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
    const activities = await sql<Row>`SELECT t.* FROM activities AS t WHERE t.deleted_at IS NULL AND t.owner_id = ${feed.user_id}
      AND (t.status = 'planned' OR t.ended_at >= ${since}) ORDER BY t.id DESC LIMIT ${FEED_LIMIT}`.execute(db.kysely);
    const locale = pickLocale(undefined, req.headers['accept-language']);
    const records = await toApiRecords(db.kysely, activityEntity, activities.rows, locale);
    const body = toICalendar(records, 'Rapport', { typeCodes: await activityTypeCodes(db.kysely), locale, now });
    return reply.type(ICS_TYPE).header('cache-control', 'private, max-age=300').send(body);
  });
}
