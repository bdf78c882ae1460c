import { notFound } from './errors.js';

/** A record id from a URL: a whole number a column holds, else a 404 (never a 500 from the database). */
export function parseId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw) || Number(raw) < 1 || Number(raw) > 2147483647) throw notFound(`No record with id ${raw.slice(0, 40)}`);
  return Number(raw);
}
