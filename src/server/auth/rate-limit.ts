import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../db/database.js';
import { ProblemError } from '../core/errors.js';

/** Failed sign-ins counted over this window, per account and per address; kept in the database so every instance shares them. */
const WINDOW_MS = 15 * 60_000;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 30;

const subjects = (email: string, address: string) => [[`account:${email.trim().toLowerCase()}`, PER_ACCOUNT], [`address:${address}`, PER_ADDRESS]] as const;

/**
 * 429 while the account or the address has failed too often. The account is counted by the email
 * typed, whether or not it exists, so the answer never tells which emails have accounts.
 */
export async function assertNotLocked(executor: Kysely<DbSchema>, email: string, address: string, now = Date.now()): Promise<void> {
  const since = new Date(now - WINDOW_MS).toISOString();
  for (const [subject, limit] of subjects(email, address)) {
    const { rows } = await sql<{ at: string | Date }>`SELECT at FROM sign_in_failures WHERE subject = ${subject} AND at > ${since} ORDER BY at DESC LIMIT ${limit}`.execute(executor);
    if (rows.length >= limit) {
      const oldest = new Date(rows[rows.length - 1].at).getTime();
      const minutes = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 60_000));
      throw new ProblemError(429, 'Too Many Requests', `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, undefined, { retryAfterMinutes: minutes });
    }
  }
}

export async function noteFailure(executor: Kysely<DbSchema>, email: string, address: string, now = Date.now()): Promise<void> {
  const at = new Date(now).toISOString();
  const stale = new Date(now - 24 * 3600_000).toISOString();
  for (const [subject] of subjects(email, address)) {
    await sql`INSERT INTO sign_in_failures (subject, at) VALUES (${subject}, ${at})`.execute(executor);
    await sql`DELETE FROM sign_in_failures WHERE subject = ${subject} AND at < ${stale}`.execute(executor);
  }
}

/** A successful sign-in clears the account's count (not the address's: one address may try many accounts). */
export async function clearFailures(executor: Kysely<DbSchema>, email: string): Promise<void> {
  await sql`DELETE FROM sign_in_failures WHERE subject = ${`account:${email.trim().toLowerCase()}`}`.execute(executor);
}
