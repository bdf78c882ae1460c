import { build } from 'vite';

/** The stories run against the production build, exactly as `npm start` serves it: build it once. */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
