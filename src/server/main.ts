import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.js';
import { assertLocalHost, readConfig } from './config.js';

/** Builds the web app when it is missing or older than its sources, so `npm start` is enough. */
export async function buildWebIfNeeded(webRoot: string): Promise<void> {
  const index = path.join(webRoot, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSource('src/web')) return;
  console.log('Building the web app (first start, or the sources changed)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

function newestSource(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
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
