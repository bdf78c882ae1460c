/**
 * The app alone in its own process for the HTTP benches (bench/app-process.ts forks it): the load
 * generator and the measuring never share its event loop or its memory. Listens on a free port of
 * 127.0.0.1 and tells the parent which; closes and exits when the parent says `stop` or goes away.
 */
import { buildApp } from '../src/server/app.js';

const url = process.argv[2];
if (!url || !process.send) throw new Error('usage: forked by bench/app-process.ts with a database URL');
const app = await buildApp({ databaseUrl: url });
// Bench-only settings to measure a proposal (`synchronous=NORMAL`), from RAPPORT_BENCH_SQLITE_PRAGMAS.
for (const pragma of (process.env.RAPPORT_BENCH_SQLITE_PRAGMAS ?? '').split(',').filter(Boolean)) app.database.sqlite?.pragma(pragma);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await app.close();
  // An explicit exit writes the --cpu-prof profile, when one was asked for.
  process.exit(0);
}
process.on('message', (m) => {
  if (m === 'stop') void stop();
  // The V8 heap beside the resident size: tells garbage not yet collected from memory held.
  if (m === 'memory') process.send?.({ memory: process.memoryUsage() });
  // CPU time the app has used: per request, it does not depend on what else the machine runs.
  if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
process.on('disconnect', () => void stop());
