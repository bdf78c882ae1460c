import path from 'node:path';
import { isStale } from '../../bin/build-server.js';
import { buildApp } from './app.js';
import { readConfig } from './config.js';

/**
 * What the web bundle is built from: its own code, and what it shares with the server (entities,
 * translations, money), the build's config and the installed packages. A change to any of them
 * makes the bundle stale (issue 10: a changed translation in src/shared was served old).
 */
export const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'vite', 'package-lock.json'];

/** The built app is missing or older than one of its sources (the same test as the server's own build). */
export function isWebStale(webRoot: string, sources: readonly string[] = WEB_SOURCES): boolean {
  return isStale(path.join(webRoot, 'index.html'), sources);
}

/** Builds the web app when it is missing or stale, so `npm start` is enough. */
export async function buildWebIfNeeded(webRoot: string): Promise<void> {
  if (!isWebStale(webRoot)) return;
  console.log('Building the web app (first start, or the sources changed)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

export async function serve(opts: { buildIfMissing?: boolean } = {}): Promise<void> {
  const config = readConfig();
  if (opts.buildIfMissing) await buildWebIfNeeded(config.webRoot);
  const app = await buildApp({ databaseUrl: config.databaseUrl, webRoot: config.webRoot, logger: false, plannerStats: true, trustProxy: config.trustProxy });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice(7) : 'PostgreSQL';
  // The port it got: PORT=0 asks the system for a free one (the compiled-server test does).
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  console.log(`Rapport is running at http://${config.host}:${port} (data: ${where})`);
  const stop = async () => { await app.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
