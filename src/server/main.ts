import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { assertLocalHost, readConfig } from './config.js';

/**
 * What the web bundle is built from: its own code, and what it shares with the server (entities,
 * translations, money), the build's config and the installed packages. A change to any of them
 * makes the bundle stale (issue 10: a changed translation in src/shared was served old).
 */
export const WEB_SOURCES = ['src/web', 'src/shared', 'vite.config.ts', 'vite', 'package-lock.json'];

/** The built app is missing or older than one of its sources. */
export function isWebStale(webRoot: string, sources: readonly string[] = WEB_SOURCES): boolean {
  const index = path.join(webRoot, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return sources.some((s) => newestIn(s) > built);
}

/** Builds the web app when it is missing or stale, so `npm start` is enough. */
export async function buildWebIfNeeded(webRoot: string): Promise<void> {
  if (!isWebStale(webRoot)) return;
  console.log('Building the web app (first start, or the sources changed)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

/** The newest modification time of a file, or of any file under a folder (0 when it does not exist). */
function newestIn(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function serve(opts: { buildIfMissing?: boolean } = {}): Promise<void> {
  const config = readConfig();
  assertLocalHost(config.host);
  if (opts.buildIfMissing) await buildWebIfNeeded(config.webRoot);
  const app = await buildApp({ databaseUrl: config.databaseUrl, webRoot: config.webRoot, logger: false });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl.slice(7) : 'PostgreSQL';
  console.log(`Rapport is running at http://${config.host}:${config.port} (data: ${where})`);
  const stop = async () => { await app.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
