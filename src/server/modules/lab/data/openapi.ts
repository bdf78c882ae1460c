const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const refused = problem('Refused on a team server (PostgreSQL) until accounts and administrators arrive');
const backup = {
  type: 'object',
  properties: {
    name: { type: 'string', example: 'lab-20261202-043725-123-reset.db' },
    size: { type: 'integer', description: 'bytes' },
    createdAt: { type: 'string', format: 'date-time' },
    reason: { type: 'string', enum: ['reset', 'sample-data', 'restore'], description: 'the action that replaced the data this backup holds' },
  },
};
const kept = { description: 'Done; `backup` is the copy of the data that was replaced (with its folder and file)', content: { 'application/json': { schema: { type: 'object', properties: { backup } } } } };
const name = [{ name: 'name', in: 'path', required: true, schema: { type: 'string', pattern: '^lab-\\d{8}-\\d{6}-\\d{3}-(reset|sample-data|restore)\\.db$' } }];

/** The lab's "starting over" routes (issue 13), for /api/openapi.json. */
export const LAB_DATA_PATHS: Record<string, unknown> = {
  '/api/v1/lab/reset': {
    post: {
      summary: 'Reset lab: keep a backup of the current data, then start an empty database (a new installation\'s dictionaries and groups; the first-start answers are kept)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['confirm'], properties: { confirm: { type: 'string', enum: ['RESET', '초기화', '重置'], description: 'the reset word the user typed, in any of the three languages' } } } } } },
      responses: { 200: kept, 400: problem('The confirm word is wrong (field `confirm`); nothing was changed'), 403: refused },
    },
  },
  '/api/v1/lab/sample-data': {
    post: {
      summary: 'Load sample data: keep a backup of the current data, then replace it with a practice company (60 customers with contacts, groups, activities, products, opportunities, sales, service feedback and expenses)',
      responses: { 200: kept, 403: refused },
    },
  },
  '/api/v1/lab/backups': {
    get: {
      summary: 'The backups the lab kept (newest first) and the folder they are in',
      responses: { 200: { description: 'Backups', content: { 'application/json': { schema: { type: 'object', properties: { folder: { type: 'string' }, items: { type: 'array', items: backup } } } } } }, 403: refused },
    },
  },
  '/api/v1/lab/backups/{name}/restore': {
    post: {
      summary: 'Restore a backup: keep a backup of the current data, then bring the backup\'s data back (a backup from an older version is migrated first)',
      parameters: name,
      responses: { 200: kept, 403: refused, 404: problem('No such backup'), 409: problem('Not a Rapport database, or written by a newer version') },
    },
  },
  '/api/v1/lab/backups/{name}': {
    delete: { summary: 'Delete a backup file', parameters: name, responses: { 204: { description: 'Deleted' }, 403: refused, 404: problem('No such backup') } },
  },
};
