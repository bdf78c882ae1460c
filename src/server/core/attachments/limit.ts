import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../../db/database.js';

/** Settings key of the largest file an attachment may be, in bytes. */
export const ATTACHMENT_MAX_KEY = 'attachmentMaxBytes';
export const ATTACHMENT_MAX_DEFAULT = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_RANGE = { min: 1024, max: 100 * 1024 * 1024 } as const;

/** The size limit from Settings; a missing or damaged row (outside the allowed range) reads as the default. */
export async function attachmentMaxBytes(executor: Kysely<DbSchema>): Promise<number> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${ATTACHMENT_MAX_KEY}`.execute(executor);
  const n = Number(rows[0]?.value);
  return Number.isInteger(n) && n >= ATTACHMENT_MAX_RANGE.min && n <= ATTACHMENT_MAX_RANGE.max ? n : ATTACHMENT_MAX_DEFAULT;
}
