import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../../db/database.js';
import { badRequest } from '../../../core/errors.js';
import { requestClock } from '../../../core/installation.js';
import { pickLocale } from '../../../core/list-params.js';
import { registerOpenApiPaths } from '../../../core/openapi.js';
import { actorOf } from '../../../core/record-routes.js';
import { buildLabReport } from './report-model.js';
import { readStudent, registerLabStudent } from './student.js';

type Query = Record<string, string | string[] | undefined>;
const FORMATS = ['html', 'docx'] as const;
const PARAMS = new Set(['format', 'locale']);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The page may run only its own print button's script (a fresh nonce), load nothing, and not be framed. */
const reportCsp = (nonce: string) => `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/**
 * The lab report (issue 13): `GET /api/v1/lab/report?format=html|docx` — the report written during
 * the lab, as a printable page or a Word document — and the student's name and course it shows.
 */
export function registerLabReport(app: FastifyInstance, db: Database): void {
  registerLabStudent(app, db);
  app.get('/api/v1/lab/report', async (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
    const query = req.query ?? {};
    for (const key of Object.keys(query)) {
      if (!PARAMS.has(key)) throw badRequest(`Unknown parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'unknown parameter' }]);
      if (Array.isArray(query[key])) throw badRequest(`${key} is given more than once`, [{ field: key, message: 'is given more than once' }]);
    }
    const format = (query.format as string | undefined) ?? 'html';
    if (!(FORMATS as readonly string[]).includes(format)) throw badRequest('format must be html or docx', [{ field: 'format', message: 'must be html or docx' }]);
    const locale = pickLocale(typeof query.locale === 'string' ? query.locale : undefined, req.headers['accept-language']);
    const clock = await requestClock(db.kysely);
    const report = await buildLabReport(db, clock, locale, await readStudent(db.kysely, actorOf(req).userId));
    reply.header('cache-control', 'no-store');
    if (format === 'docx') {
      // The renderers (docx, echarts) load on the first report, not at start (issue 14).
      const { reportDocx } = await import('./report-docx.js');
      const file = await reportDocx(report);
      return reply
        .type(DOCX_TYPE)
        .header('content-disposition', `attachment; filename="lab-report-${report.isoDate}.docx"`)
        .header('x-content-type-options', 'nosniff')
        .send(file);
    }
    const { reportHtml } = await import('./report-html.js');
    const nonce = randomBytes(16).toString('base64');
    return reply.type('text/html; charset=utf-8').header('content-security-policy', reportCsp(nonce)).send(reportHtml(report, nonce));
  });
  registerOpenApiPaths({
    '/api/v1/lab/report': {
      get: {
        summary: 'The lab report: the student, the date, the purpose and environment, each step of the manual with when it was done, the records created '
          + '(at most 200 per table), and the three analyses with default options. html: a printable page (A4, charts as inline SVG); docx: a Word document to add observations to',
        parameters: [
          { name: 'format', in: 'query', schema: { type: 'string', enum: [...FORMATS], default: 'html' } },
          { name: 'locale', in: 'query', schema: { type: 'string', enum: ['en', 'ko', 'zh-CN'] } },
        ],
        responses: { 200: { description: 'text/html, or the .docx file as an attachment' }, 400: { description: 'Unknown format or parameter' } },
      },
    },
    '/api/v1/lab/student': {
      get: { summary: 'The student shown on the lab report: {name, course} (null until given)', responses: { 200: { description: 'The student' } } },
      put: {
        summary: 'Set the student: {name (1–120 characters), course (1–200)}',
        requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['name', 'course'], properties: { name: { type: 'string', maxLength: 120 }, course: { type: 'string', maxLength: 200 } } } } } },
        responses: { 200: { description: 'The student' }, 400: { description: 'A field is missing, blank or too long' } },
      },
    },
  });
}
