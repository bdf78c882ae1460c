// The server's build (issue 14): src/cli.ts with the server and shared code, bundled by esbuild into
// one ESM file, dist/server/cli.js, which plain `node` runs (no TypeScript loader, no second process).
// Plain JavaScript because bin/rapport.js needs it before anything is compiled; the web app's
// staleness check (src/server/main.ts) uses the same isStale, so "stale" means one thing.
import fs from 'node:fs';
import path from 'node:path';

/** The bundle, relative to the package root. */
export const SERVER_OUTPUT = 'dist/server/cli.js';

/** What the bundle is made from: a change to any of them makes it stale. */
export const SERVER_SOURCES = ['src/cli.ts', 'src/server', 'src/shared', 'bin/build-server.js', 'tsconfig.json', 'package-lock.json'];

/**
 * The newest modification time of a file, or of any file under a folder (0 when it does not exist).
 * @param {string} target
 * @returns {number}
 */
export function newestIn(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The output is missing or older than one of its sources.
 * @param {string} output
 * @param {readonly string[]} sources
 * @returns {boolean}
 */
export function isStale(output, sources) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((s) => newestIn(s) > built);
}

/**
 * Bundles the server. Packages stay imports of node_modules (native better-sqlite3, and each
 * package's own files); JSON the code imports (translations) goes into the bundle. Code split:
 * what a command or route loads with import() (the report renderers, the seeders, backup and
 * restore) is a chunk of its own, read only when used, so a cold start reads only what serving needs.
 * @param {string} root the package root
 * @returns {Promise<void>}
 */
export async function buildServer(root) {
  const { build } = await import('esbuild');
  const outdir = path.dirname(path.join(root, SERVER_OUTPUT));
  const tmp = `${outdir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Moved in when complete, the entry last, so an interrupted build never leaves a half-written bundle
  // to run. Chunks are named by their content and older ones stay: a server started before this build
  // still finds the chunks it loads on first use (the report, an export).
  fs.mkdirSync(outdir, { recursive: true });
  const entry = path.basename(SERVER_OUTPUT);
  const files = fs.readdirSync(tmp).sort((x, y) => Number(x.startsWith(entry)) - Number(y.startsWith(entry)));
  for (const f of files) fs.renameSync(path.join(tmp, f), path.join(outdir, f));
  fs.rmSync(tmp, { recursive: true, force: true });
}

/**
 * Builds the server when it is missing or stale, so `npm start` on a fresh clone is enough.
 * @param {string} root the package root
 * @returns {Promise<boolean>} whether it was built
 */
export async function buildServerIfNeeded(root) {
  if (!isStale(path.join(root, SERVER_OUTPUT), SERVER_SOURCES.map((s) => path.join(root, s)))) return false;
  console.log('Building the server (first start, or the sources changed)…');
  await buildServer(root);
  return true;
}
