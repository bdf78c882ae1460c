import type { FastifyInstance } from 'fastify';
import { invalid } from './errors.js';

/** Half of a UTF-16 surrogate pair on its own: no UTF-8 text can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why no database column can keep this text as sent, or null. */
function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode text (it holds half of a surrogate pair)';
  return null;
}

/** The path of the first string no column can keep, with why, or null. */
function brokenText(value: unknown, path: string, depth = 0): { path: string; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message === null ? null : { path, message };
  }
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const found = brokenText(v, path ? `${path}.${k}` : k, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Text a database cannot keep as sent is refused up front, naming the field, for every route
 * and both databases alike: PostgreSQL text cannot hold NUL (U+0000), so it would fail inside a
 * query; a lone surrogate would be stored as U+FFFD (one on PostgreSQL, three on SQLite), so
 * what was saved would not be what was sent.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (req) => {
    const found = brokenText(req.query, '') ?? brokenText(req.body, '') ?? brokenText(req.params, '');
    if (found !== null) throw invalid([{ field: found.path || '(body)', message: found.message }]);
  });
}
