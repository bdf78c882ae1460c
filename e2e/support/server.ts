import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type RapportApp } from '../../src/server/app.js';

export interface StoryServer {
  app: RapportApp;
  baseUrl: string;
  close: () => Promise<void>;
}

const WEB_ROOT = 'dist/web';

export interface ServerOptions {
  /** Leave the first start's questions unanswered (the story answers them); by default they are answered with the defaults. */
  firstStart?: boolean;
}

/** A fresh database in a temp dir per story file, serving the built web app on a free port. */
export async function startServer(options: ServerOptions = {}): Promise<StoryServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-e2e-'));
  const databaseUrl = `sqlite:${path.join(dir, 'e2e.db')}`;
  const app = await buildApp({ databaseUrl, webRoot: WEB_ROOT });
  if (!options.firstStart) {
    const res = await app.inject({ method: 'PATCH', url: '/api/v1/settings', payload: { setupDone: true } });
    if (res.statusCode !== 200) throw new Error(`setup: ${res.statusCode} ${res.body}`);
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not report a port');
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
