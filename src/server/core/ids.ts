import type { FastifyRequest } from 'fastify';
import { notFound } from './errors.js';
import { pickLocale, type Locale } from './list-params.js';

/** A record id from a URL: a whole number a column holds, else a 404 (never a 500 from the database). */
export function parseId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2147483647) throw notFound(`No record with id ${raw.slice(0, 40)}`);
  return Number(raw);
}

/** The request's locale: `?locale=`, else Accept-Language (the list's rule). */
export function localeOf(req: FastifyRequest): Locale {
  const q = (req.query ?? {}) as Record<string, unknown>;
  return pickLocale(typeof q.locale === 'string' ? q.locale : undefined, req.headers['accept-language']);
}
