import type { FastifyInstance } from 'fastify';
import { invalid } from './errors.js';

/** The path of the first string holding a NUL character, or null. */
function nulPath(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = nulPath(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * PostgreSQL text cannot hold NUL (U+0000): such input is refused up front, naming the
 * field, for every route and both databases alike, instead of failing inside a query.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    const where = nulPath(req.query, '') ?? nulPath(req.body, '') ?? nulPath(req.params, '');
    if (where !== null) throw invalid([{ field: where || '(body)', message: 'must not contain a NUL character' }]);
  });
}
