import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../shared/entity/schema.js';
import { CLIENT_USAGE_EVENTS, USAGE_SUBJECT, type UsageEvent } from '../../shared/usage.js';
import type { Database, DbSchema } from '../db/database.js';
import { crossSiteReason } from './cross-site-guard.js';
import { invalid } from './errors.js';
import { actorOf } from './record-routes.js';
import { registerOpenApiPaths } from './openapi.js';
import type { Actor } from './records.js';

/** Notes that a user did something that leaves no record behind (src/shared/usage.ts). */
export async function recordUsage(executor: Kysely<DbSchema>, actor: Actor, event: UsageEvent, subject: string): Promise<void> {
  await sql`INSERT INTO usage_events (user_id, event, subject, at) VALUES (${actor.userId}, ${event}, ${subject.slice(0, 100)}, ${new Date().toISOString()})`.execute(executor);
}

/**
 * Notes a use the server sees itself (an export, an analysis run) — unless another site's page made
 * the browser ask: a GET from anywhere must not tick the user's lab.
 */
export async function noteUse(db: Database, req: FastifyRequest, event: UsageEvent, subject: string): Promise<void> {
  if (crossSiteReason({ method: 'POST', headers: req.headers }) !== null) return;
  await recordUsage(db.kysely, actorOf(req), event, subject);
}

/**
 * When the first `times` uses of these events on a subject (`*` for every subject) happened, oldest first; fewer
 * rows than `times` means it has not happened that often yet.
 */
export async function firstUses(executor: Kysely<DbSchema>, events: readonly UsageEvent[], subject: string, times: number): Promise<string[]> {
  const bySubject = subject === '*' ? sql`` : sql`AND subject = ${subject}`;
  const { rows } = await sql<{ at: string | Date }>`SELECT at FROM usage_events WHERE event IN (${sql.join(events)}) ${bySubject} ORDER BY at, id LIMIT ${times}`.execute(executor);
  return rows.map((r) => new Date(r.at).toISOString());
}

const body = z.strictObject({
  event: z.enum(CLIENT_USAGE_EVENTS as [UsageEvent, ...UsageEvent[]]),
  subject: z.string().regex(USAGE_SUBJECT, { message: 'must be 1–100 letters, digits or / : . _ -' }),
});

/** `POST /api/v1/usage {event, subject}`: the browser reports what the user did (a list grouped, a page opened). */
export function registerUsageRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/v1/usage', async (req, reply) => {
    const parsed = body.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    await recordUsage(db.kysely, actorOf(req), parsed.data.event, parsed.data.subject);
    return reply.code(204).send();
  });
  registerOpenApiPaths({
    '/api/v1/usage': {
      post: {
        summary: `Report what the user did that leaves no record (the guided lab reads it): {event: ${CLIENT_USAGE_EVENTS.join(' | ')}, subject: an entity path, page path or dictionary key}`,
        responses: { 204: { description: 'Noted' }, 400: { description: 'Unknown event or bad subject' } },
      },
    },
  });
}
