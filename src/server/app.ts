import fs from 'node:fs';
import path from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { ENTITIES } from '../shared/entities/registry.js';
import { openDatabase, type Database, type OpenOptions } from './db/database.js';
import { migrate } from './db/migrate.js';
import { keepPlannerStatsCurrent } from './db/planner-stats.js';
import { registerAttachmentRoutes } from './core/attachments/routes.js';
import { registerDictionaryRoutes } from './core/dictionary-routes.js';
import { clientErrorHandler } from './core/client-errors.js';
import { frameworkErrors, installErrorHandling } from './core/errors.js';
import { buildOpenApi } from './core/openapi.js';
import { registerRecordRoutes, textImport } from './core/record-routes.js';
import { registerImportRoutes } from './core/import/routes.js';
import { registerUsageRoutes } from './core/usage.js';
import { installNulGuard } from './core/nul-guard.js';
import { installCrossSiteGuard } from './core/cross-site-guard.js';
import { TEXT_IMPORT_TYPES } from './core/formats.js';
import { registerModules } from './modules/index.js';
import { registerCompression } from './core/compression.js';
import { registerWebApp } from './core/web-app.js';
import { installRequestContext } from './auth/request-context.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { registerAdminRoutes } from './auth/admin-routes.js';
import { registerTokenRoutes } from './auth/token-routes.js';
import { describeAccountRoutes } from './auth/openapi.js';
import { applyAuditRetention, registerAuditRoutes } from './core/audit-routes.js';
import { registerDuplicates } from './core/duplicates/routes.js';

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
  /** Behind a reverse proxy that terminates HTTPS: trust its X-Forwarded-* (cookies become Secure). */
  trustProxy?: boolean;
}

/** A route as registered: what the cross-site and contract tests walk (every route, none forgotten). */
export interface RouteEntry { method: string; url: string }

declare module 'fastify' {
  interface FastifyInstance { database: Database; routeTable: readonly RouteEntry[] }
}

export type RapportApp = FastifyInstance;

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
    trustProxy: options.trustProxy ?? false,
    // A request id unique across instances: the audit trail records it.
    genReqId: () => randomUUID(),
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
  await app.register(fastifyCookie);
  installRequestContext(app, database);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    // A route that set its own policy keeps it (an attachment shown inline is sandboxed more tightly).
    if (!req.url.startsWith('/api/docs') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    }
  });

  app.get('/api/health', async () => ({ status: 'ok' }));
  registerAuthRoutes(app, database);
  registerAdminRoutes(app, database);
  registerTokenRoutes(app, database);
  registerAuditRoutes(app, database);
  describeAccountRoutes();
  if (options.plannerStats) {
    // The retention setting, applied at start and daily (the served app; tests call it directly).
    await applyAuditRetention(database);
    const timer = setInterval(() => { applyAuditRetention(database).catch((e: unknown) => app.log.warn(`audit retention: ${String(e)}`)); }, 24 * 3600_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }
  // Modules and dictionaries first: the formats and routes they register belong in the OpenAPI document.
  registerModules(app, database);
  registerDictionaryRoutes(app, database);
  registerUsageRoutes(app, database);
  await registerAttachmentRoutes(app, database, ENTITIES);
  await registerDuplicates(app, database, ENTITIES);
  // Import files (vCard) may arrive as text bodies; registered before the import routes' scope, which inherits it.
  app.addContentTypeParser([...TEXT_IMPORT_TYPES], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerImportRoutes(app, database, (entity, req) => textImport(database, entity, req));
  const openapi = buildOpenApi(ENTITIES);
  app.get('/api/openapi.json', async () => openapi);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: openapi as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  for (const entity of ENTITIES) registerRecordRoutes(app, database, entity);
  await app.importRunner.resume();

  if (spa && options.webRoot) await registerWebApp(app, options.webRoot);
  return app;
}
