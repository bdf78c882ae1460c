import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../../../shared/entity/schema.js';
import type { Database, DbSchema } from '../../../db/database.js';
import { invalid } from '../../../core/errors.js';
import { setSetting } from '../../../core/installation.js';
import { parseJsonObject } from '../../../core/json.js';
import { actorOf } from '../../../core/record-routes.js';

export interface LabStudent { name: string | null; course: string | null }

/** Per user, like the user's own time zone: on a team server each student has a report of their own. */
const studentKey = (userId: number) => `user:${userId}:labStudent`;

const text = (max: number) => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
  .trim().min(1, { message: 'is required' }).max(max, { message: `is longer than ${max} characters` });
const body = z.strictObject({ name: text(120), course: text(200) });

/** The student's name and course as stored; nulls until asked (the report then leaves blanks to fill in). */
export async function readStudent(executor: Kysely<DbSchema>, userId: number): Promise<LabStudent> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${studentKey(userId)}`.execute(executor);
  const stored = parseJsonObject(rows[0]?.value);
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  return { name: text(stored.name), course: text(stored.course) };
}

/** GET/PUT /api/v1/lab/student: `{name, course}`, asked once by the Lab report button. */
export function registerLabStudent(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/lab/student', async (req: FastifyRequest) => readStudent(db.kysely, actorOf(req).userId));
  app.put('/api/v1/lab/student', async (req: FastifyRequest) => {
    const parsed = body.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const userId = actorOf(req).userId;
    await setSetting(db.kysely, studentKey(userId), JSON.stringify(parsed.data));
    return readStudent(db.kysely, userId);
  });
}
