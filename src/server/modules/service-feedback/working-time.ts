import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../../shared/entity/schema.js';
import { DEFAULT_WORKING_TIME, minutesOfDay, workingTimeProblem, type WorkingTime } from '../../../shared/working-time.js';
import type { Database, DbSchema } from '../../db/database.js';
import { invalid } from '../../core/errors.js';
import { setSetting } from '../../core/installation.js';
import { parseJsonObject } from '../../core/json.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { actorOf } from '../../core/record-routes.js';

const KEY = 'workingTime';

/** The working time service clocks count (Settings): stored as JSON, read back checked, else the default. */
export async function workingTime(executor: Kysely<DbSchema>): Promise<WorkingTime> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${KEY}`.execute(executor);
  const o = parseJsonObject(rows[0]?.value);
  const w = { days: Array.isArray(o.days) ? o.days.filter((d): d is number => typeof d === 'number') : [], start: String(o.start ?? ''), end: String(o.end ?? '') };
  return workingTimeProblem(w) === null ? w : DEFAULT_WORKING_TIME;
}

const body = z.strictObject({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  start: z.string().refine((s) => minutesOfDay(s) !== null, { message: 'must be HH:MM' }),
  end: z.string().refine((s) => minutesOfDay(s) !== null, { message: 'must be HH:MM' }),
});

/**
 * `GET/PUT /api/v1/settings/working-time`: the days and hours the service clock runs. A change
 * re-times every running clock in the same transaction (`onChange`), so due times never disagree
 * with the working time they were counted in.
 */
export function registerWorkingTimeRoutes(app: FastifyInstance, db: Database, onChange: (trx: Kysely<DbSchema>, userId: number) => Promise<void>): void {
  app.get('/api/v1/settings/working-time', async () => workingTime(db.kysely));
  app.put('/api/v1/settings/working-time', async (req) => {
    const parsed = body.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const w: WorkingTime = { days: Array.from(new Set(parsed.data.days)).sort(), start: parsed.data.start, end: parsed.data.end };
    const problem = workingTimeProblem(w);
    if (problem) throw invalid([{ field: problem.includes('end') ? 'end' : 'days', message: problem }]);
    return db.kysely.transaction().execute(async (trx) => {
      await setSetting(trx, KEY, JSON.stringify(w));
      await onChange(trx, actorOf(req).userId);
      return w;
    });
  });
  registerOpenApiPaths({
    '/api/v1/settings/working-time': {
      get: { summary: 'The working time service clocks count: {days: [1..7, 1 = Monday], start: "HH:MM", end: "HH:MM"} in the installation\'s time zone', responses: { 200: { description: 'Working time' } } },
      put: { summary: 'Change the working time; every running service clock is re-timed in the same transaction', responses: { 200: { description: 'Working time' }, 400: { description: 'Bad days or hours (field named)' } } },
    },
  });
}
