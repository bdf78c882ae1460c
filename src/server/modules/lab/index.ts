import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../../shared/entity/schema.js';
import type { LabState } from '../../../shared/lab/steps.js';
import type { Database } from '../../db/database.js';
import { invalid } from '../../core/errors.js';
import { requestClock, setSetting } from '../../core/installation.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { registerLabData } from './data/index.js';
import { registerLabReport } from './report/index.js';
import { labProgress } from './progress.js';

const LAB_KEY = 'lab';

async function labEnabled(db: Database): Promise<boolean> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${LAB_KEY}`.execute(db.kysely);
  return rows[0]?.value !== 'off';
}

async function labState(db: Database): Promise<LabState> {
  const enabled = await labEnabled(db);
  return { enabled, steps: enabled ? await labProgress(db, await requestClock(db.kysely)) : [] };
}

const patchBody = z.strictObject({ enabled: z.boolean() });

/**
 * The guided lab (issue 13): `GET /api/v1/lab` judges the manual's steps from the data and usage;
 * `PATCH /api/v1/lab {enabled}` turns the lab off for a company that does not need it; starting over
 * (reset, sample data, backups) is in ./data.
 */
export function registerLab(app: FastifyInstance, db: Database): void {
  registerLabData(app, db);
  registerLabReport(app, db);
  app.get('/api/v1/lab', async () => labState(db));
  app.patch('/api/v1/lab', async (req) => {
    const parsed = patchBody.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    await setSetting(db.kysely, LAB_KEY, parsed.data.enabled ? 'on' : 'off');
    return labState(db);
  });
  registerOpenApiPaths({
    '/api/v1/lab': {
      get: {
        summary: 'The guided lab: {enabled, steps: [{id (the manual\'s M1.c), module, done, doneAt}]}, each step judged from the data and what the user did (none while the lab is off)',
        responses: { 200: { description: 'The lab' } },
      },
      patch: { summary: 'Turn the guided lab on or off: {enabled}', responses: { 200: { description: 'The lab' }, 400: { description: 'enabled is not a boolean' } } },
    },
  });
}
