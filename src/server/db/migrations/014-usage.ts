// Frozen once shipped: never edit; add a new migration instead.
// What the user did in the app (issue 13): the guided lab judges steps that leave no data behind
// (grouped a list, edited a cell in place, opened History, exported) from these rows.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const d = ddlFor(dialectOf(db));
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`CREATE TABLE usage_events (
    id ${d.id},
    user_id INTEGER NOT NULL REFERENCES users(id),
    event TEXT NOT NULL,
    subject TEXT NOT NULL,
    at ${d.ts} NOT NULL)`);
  // A step asks for the first N times an event happened to a subject.
  await run(`CREATE INDEX usage_events_event ON usage_events (event, subject, at)`);
}
