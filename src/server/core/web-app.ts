import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names what it builds into assets/ by content (`index-CuBz-DaX.js`): a file of that name never changes. */
const HASHED_ASSET = /^assets\/.+-[\w-]{8,}\.(?:js|mjs|css|svg|png|jpe?g|gif|webp|avif|woff2?|ttf|ico|json|wasm)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept, but asked about again each time (ETag, Last-Modified): a new build is seen at once. */
export const REVALIDATE = 'no-cache';

/** The cache policy of a file of the web root, by its path there (a `.br` or `.gz` copy as its original). */
export function cacheControlFor(relativePath: string): string {
  const original = relativePath.split(path.sep).join('/').replace(/\.(?:br|gz)$/, '');
  return HASHED_ASSET.test(original) ? IMMUTABLE : REVALIDATE;
}

/**
 * The built web app (dist/web): each file's brotli or gzip copy when the browser accepts it (written at build time,
 * vite/precompress.ts), hashed assets cached for a year, index.html and everything else revalidated. The SPA
 * fallback (core/errors.ts) sends index.html through the same options.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const root = path.resolve(webRoot);
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', cacheControlFor(path.relative(root, filePath)));
    },
  });
}
