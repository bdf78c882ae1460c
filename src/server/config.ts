import path from 'node:path';

export interface Config {
  databaseUrl: string;
  port: number;
  host: string;
  dataDir: string;
  webRoot: string;
  /** Behind a reverse proxy that terminates HTTPS (TRUST_PROXY=1): session cookies become Secure. */
  trustProxy: boolean;
}

/** Settings from the environment; defaults give the standalone app (DESIGN.md §6). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.RAPPORT_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'rapport.db')}`,
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    webRoot: path.resolve(env.RAPPORT_WEB_ROOT ?? 'dist/web'),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
  };
}
