import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANALYSES, checkBuckets, readOptions, type AnalysisName, type AnalysisOptions } from '../../../shared/analysis.js';
import type { AnalysisResult } from '../../../shared/analysis-tables.js';
import { localDate } from '../../core/time-zones.js';
import type { Database } from '../../db/database.js';
import { badRequest, invalid } from '../../core/errors.js';
import { requestClock } from '../../core/installation.js';
import { pickLocale, type Locale } from '../../core/list-params.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { noteUse } from '../../core/usage.js';
import { periodOf } from './common.js';
import { composition } from './composition.js';
import { dashboard } from './dashboard.js';
import { sendAnalysisExport } from './export.js';
import { funnel } from './funnel.js';
import { ANALYSIS_PATHS } from './openapi.js';
import { trend } from './trend.js';
import type { ScopedClock } from './common.js';
import { actorOf } from '../../auth/request-context.js';

type Query = Record<string, string | string[] | undefined>;

async function run(db: Database, name: AnalysisName, options: AnalysisOptions[AnalysisName], clock: ScopedClock, locale: Locale): Promise<AnalysisResult> {
  const p = periodOf(options, localDate(clock.now, clock.timeZone));
  if (name === 'trend') {
    const o = options as AnalysisOptions['trend'];
    const tooMany = checkBuckets(p, o.granularity);
    if (tooMany) throw invalid([tooMany]);
    return trend(db, o, p, clock, locale);
  }
  if (name === 'funnel') return funnel(db, options as AnalysisOptions['funnel'], p, clock, locale);
  return composition(db, options as AnalysisOptions['composition'], p, clock, locale);
}

/**
 * Sales analysis (M11) and the home dashboard: `GET /api/v1/analysis/{trend,funnel,composition}` with
 * the options dialog's fields as query parameters (`format=csv|xlsx` for the table as a file), and
 * `GET /api/v1/dashboard`. All numbers come from the core aggregate layer.
 */
export function registerAnalysis(app: FastifyInstance, db: Database): void {
  for (const name of ANALYSES) {
    app.get(`/api/v1/analysis/${name}`, async (req: FastifyRequest<{ Querystring: Query }>, reply: FastifyReply) => {
      const query = req.query ?? {};
      const { options, errors } = readOptions(name, query);
      const format = typeof query.format === 'string' ? query.format : undefined;
      if (format !== undefined && format !== 'csv' && format !== 'xlsx') errors.push({ field: 'format', message: 'must be csv or xlsx' });
      if (errors.length) throw invalid(errors);
      const locale = pickLocale(typeof query.locale === 'string' ? query.locale : undefined, req.headers['accept-language']);
      const clock = { ...(await requestClock(db.kysely)), access: actorOf(req).access };
      const result = await run(db, name, options, clock, locale);
      await noteUse(db, req, 'analysed', name);
      if (format === 'csv' || format === 'xlsx') return sendAnalysisExport(db, reply, result, format, locale, clock);
      return result;
    });
  }
  app.get('/api/v1/dashboard', async (req: FastifyRequest<{ Querystring: Query }>) => {
    const query = req.query ?? {};
    for (const key of Object.keys(query)) if (key !== 'locale') throw badRequest(`Unknown parameter "${key.slice(0, 80)}"`, [{ field: key.slice(0, 80), message: 'unknown parameter' }]);
    const locale = pickLocale(typeof query.locale === 'string' ? query.locale : undefined, req.headers['accept-language']);
    return dashboard(db, { ...(await requestClock(db.kysely)), access: actorOf(req).access }, locale);
  });
  registerOpenApiPaths(ANALYSIS_PATHS);
}
