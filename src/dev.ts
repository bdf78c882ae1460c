import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { readConfig } from './server/config.js';

/**
 * `npm run dev`: the web app from Vite's dev server with live reload (React Fast Refresh) at
 * http://127.0.0.1:5173, and the API restarted by `tsx watch` whenever server or shared code
 * changes. Vite forwards /api to the API (vite.config.ts), keeping the Host and Origin of the
 * page, so the server's local-host and same-origin checks hold as in production.
 */
async function dev(): Promise<void> {
  const config = readConfig();
  // tsx watch follows the server's imports (src/server, src/shared) and restarts it on a change.
  const api = spawn(process.execPath, [fileURLToPath(import.meta.resolve('tsx/cli')), 'watch', '--clear-screen=false', 'src/cli.ts', 'serve'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: String(config.port) },
  });
  const web = await createServer({ configFile: 'vite.config.ts', server: { host: '127.0.0.1', strictPort: false } });
  await web.listen();
  const url = web.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
  console.log(`Rapport (development): open ${url} — the page reloads as you edit src/web; the API on :${config.port} restarts when src/server or src/shared change.`);
  const stop = async () => {
    api.kill('SIGTERM');
    await web.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  api.on('exit', (code, signal) => {
    if (signal !== 'SIGTERM') console.error(`The API stopped (${signal ?? code}).`);
  });
}

dev().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
