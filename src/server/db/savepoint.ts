import { type Kysely, sql } from 'kysely';
import type { DbSchema } from './database.js';

/**
 * Runs `run` inside a savepoint of the caller's transaction: on success it is kept (or, with
 * `undo`, rolled back all the same: a dry run), on a throw rolled back alone and the error passed
 * on, so one bad row of a batch leaves nothing of itself and the batch goes on.
 */
export async function inSavepoint<T>(trx: Kysely<DbSchema>, run: () => Promise<T>, opts: { undo?: boolean } = {}): Promise<T> {
  await sql`SAVEPOINT one_row`.execute(trx);
  try {
    const out = await run();
    if (opts.undo) await sql`ROLLBACK TO SAVEPOINT one_row`.execute(trx);
    await sql`RELEASE SAVEPOINT one_row`.execute(trx);
    return out;
  } catch (e) {
    await sql`ROLLBACK TO SAVEPOINT one_row`.execute(trx);
    await sql`RELEASE SAVEPOINT one_row`.execute(trx);
    throw e;
  }
}
