import fs from 'node:fs';
import path from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { ENTITIES } from '../shared/entities/registry.js';
import { openDatabase, type Database, type OpenOptions } from './db/database.js';
import { migrate } from './db/migrate.js';
import { keepPlannerStatsCurrent } from './db/planner-stats.js';
import { registerAttachmentRoutes } from './core/attachments/routes.js';
import { registerDictionaryRoutes } from './core/dictionary-routes.js';
import { clientErrorHandler } from './core/client-errors.js';
import { frameworkErrors, installErrorHandling, ProblemError, sendProblem } from './core/errors.js';
import { buildOpenApi } from './core/openapi.js';
import { registerRecordRoutes } from './core/record-routes.js';
import { registerUsageRoutes } from './core/usage.js';
import { installNulGuard } from './core/nul-guard.js';
import { installCrossSiteGuard } from './core/cross-site-guard.js';
import { TEXT_IMPORT_TYPES } from './core/formats.js';
import { registerModules } from './modules/index.js';
import { registerCompression } from './core/compression.js';
import { registerWebApp } from './core/web-app.js';

export interface AppOptions {
  /** `sqlite:<file>` or `postgres://...` */
  databaseUrl: string;
  /** Built web app to serve (dist/web); omitted in API tests. */
  webRoot?: string;
  logger?: boolean;
  /** Every statement the app runs (bench/analysis.ts shows the app's SQL and plans). */
  onQuery?: OpenOptions['onQuery'];
  /** Keep the planner's statistics current in the background (db/planner-stats.ts): the served app does; tests need not. */
  plannerStats?: boolean;
}

/** A route as registered: what the cross-site and contract tests walk (every route, none forgotten). */
export interface RouteEntry { method: string; url: string }

declare module 'fastify' {
  interface FastifyInstance { database: Database; routeTable: readonly RouteEntry[] }
}

export type RapportApp = FastifyInstance;

/** Hosts a browser may use to reach this server; others are refused until accounts exist (no DNS rebinding). */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export async function buildApp(options: AppOptions): Promise<RapportApp> {
  const database = openDatabase(options.databaseUrl, { onQuery: options.onQuery });
  try {
    await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate('database', database);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) routeTable.push({ method, url: r.url });
  });
  app.addHook('onClose', async () => database.close());
  if (options.plannerStats) {
    const stop = keepPlannerStatsCurrent(database, (e) => app.log.warn(`planner statistics: ${e instanceof Error ? e.message : String(e)}`));
    app.addHook('onClose', async () => stop());
  }
  // Before any route: every answer passes its onSend hook.
  await registerCompression(app);
  const spa = Boolean(options.webRoot && fs.existsSync(path.join(options.webRoot, 'index.html')));
  installErrorHandling(app, { spaIndex: spa });
  installNulGuard(app);
  installCrossSiteGuard(app);

  app.addHook('onRequest', async (req, reply) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!LOCAL_HOSTS.has(host)) {
      return sendProblem(reply, new ProblemError(421, 'Misdirected Request',
        'Rapport has no user accounts yet, so it only answers on 127.0.0.1 / localhost.'));
    }
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // A route that set its own policy keeps it (an attachment shown inline is sandboxed more tightly).
    if (!req.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    }
  });

  app.get('/api/health', async () => ({ status: 'ok' }));
  // Modules and dictionaries first: the formats and routes they register belong in the OpenAPI document.
  registerModules(app, database);
  registerDictionaryRoutes(app, database);
  registerUsageRoutes(app, database);
  await registerAttachmentRoutes(app, database, ENTITIES);
  const openapi = buildOpenApi(ENTITIES);
  app.get('/api/openapi.json', async () => openapi);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: openapi as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Import files (vCard, CSV) arrive as text; the import route allows them a larger body.
  app.addContentTypeParser([...TEXT_IMPORT_TYPES], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  for (const entity of ENTITIES) registerRecordRoutes(app, database, entity);

  if (spa && options.webRoot) await registerWebApp(app, options.webRoot);
  return app;
}
