// Frozen once shipped: never edit; add a new migration instead.
// Contact activities (M6): the activities table with what the calendar, history and reminder
// queries need, the end/reopen log, the span statistics that bound the calendar's overlap
// query, per-user calendar feed tokens, and the activity type and priority dictionaries.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, type Ddl, ddlFor } from '../ddl.js';

function recordColumns(d: Ddl): string {
  return `owner_id INTEGER REFERENCES users(id),
    created_at ${d.ts} NOT NULL,
    updated_at ${d.ts} NOT NULL,
    created_by INTEGER REFERENCES users(id),
    updated_by INTEGER REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    deleted_at ${d.ts},
    search_text TEXT NOT NULL DEFAULT '',
    search_grams TEXT NOT NULL DEFAULT ''`;
}

type Label = readonly [code: string, en: string, ko: string, zh: string];

const DICTIONARIES: Record<string, readonly Label[]> = {
  'activity-type': [
    ['call', 'Call', '전화', '电话'], ['visit', 'Visit', '방문', '拜访'], ['meeting', 'Meeting', '회의', '会议'],
    ['email', 'Email', '이메일', '邮件'], ['task', 'Task', '작업', '任务'], ['other', 'Other', '기타', '其他'],
  ],
  'activity-priority': [
    ['high', 'High', '높음', '高'], ['normal', 'Normal', '보통', '普通'], ['low', 'Low', '낮음', '低'],
  ],
};

const LIVE = 'WHERE deleted_at IS NULL';

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const dialect = dialectOf(db);
  const d = ddlFor(dialect);
  const run = (text: string) => sql.raw(text).execute(db);
  const now = new Date().toISOString();

  await run(`CREATE TABLE activities (
    id ${d.id},
    subject TEXT NOT NULL,
    type_id INTEGER REFERENCES dictionary_values(id),
    customer_id INTEGER REFERENCES customers(id),
    contact_id INTEGER REFERENCES contacts(id),
    all_day ${d.bool} NOT NULL DEFAULT ${d.false},
    start_at ${d.ts},
    end_at ${d.ts},
    start_date ${d.date},
    end_date ${d.date},
    location TEXT,
    priority_id INTEGER REFERENCES dictionary_values(id),
    description TEXT,
    reminder_minutes INTEGER,
    reminder_dismissed_at ${d.ts},
    status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'ended')),
    ended_at ${d.ts},
    outcome TEXT,
    ${recordColumns(d)})`);
  // Sort, filter and group by any list column, keyset-paged (as for the other tables).
  for (const col of ['subject', 'type_id', 'customer_id', 'contact_id', 'all_day', 'start_at', 'end_at', 'start_date', 'end_date',
    'priority_id', 'status', 'ended_at', 'updated_at', 'created_at', 'owner_id']) {
    await run(`CREATE INDEX activities_live_${col} ON activities (${col}, id) ${LIVE}`);
  }
  // History (M6.f): filter[status]=ended&sort=-endedAt, alone or with a customer, contact, type or owner.
  await run(`CREATE INDEX activities_live_status_ended ON activities (status, ended_at, id) ${LIVE}`);
  for (const col of ['customer_id', 'contact_id', 'type_id', 'owner_id']) {
    await run(`CREATE INDEX activities_live_${col}_status_ended ON activities (${col}, status, ended_at, id) ${LIVE}`);
  }
  // "My calendar": one owner's window reads one range of these instead of every owner's
  // activities in it (1M rows, month view, filter[ownerId]: 60 ms → see bench/activities.ts).
  await run(`CREATE INDEX activities_live_owner_start_at ON activities (owner_id, start_at, id) ${LIVE}`);
  await run(`CREATE INDEX activities_live_owner_start_date ON activities (owner_id, start_date, id) ${LIVE}`);
  // Due reminders: a user's planned, not dismissed activities with a reminder, by start (a short range of it).
  await run(`CREATE INDEX activities_reminders ON activities (owner_id, start_at, id)
    WHERE deleted_at IS NULL AND status = 'planned' AND reminder_minutes IS NOT NULL AND reminder_dismissed_at IS NULL`);
  await run(`CREATE INDEX activities_live_id ON activities (id) ${LIVE}`);
  await run(`CREATE INDEX activities_trash ON activities (deleted_at, id) WHERE deleted_at IS NOT NULL`);
  await createSearchIndexes(db, dialect, 'activities');

  // End / reopen, each recorded in the same transaction as the change (M6.e).
  await run(`CREATE TABLE activity_events (
    id ${d.id},
    activity_id INTEGER NOT NULL REFERENCES activities(id),
    action TEXT NOT NULL CHECK (action IN ('end', 'reopen')),
    at ${d.ts} NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    outcome TEXT)`);
  await run(`CREATE INDEX activity_events_activity ON activity_events (activity_id, id)`);

  // The longest activity ever written (it only grows): the calendar looks for starts no
  // earlier than the window's start minus this, so its overlap query reads one index range.
  await run(`CREATE TABLE activity_span_stats (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    max_timed_seconds INTEGER NOT NULL DEFAULT 0,
    max_all_day_days INTEGER NOT NULL DEFAULT 0)`);
  await run(`INSERT INTO activity_span_stats (id, max_timed_seconds, max_all_day_days) VALUES (1, 0, 0)`);

  // Subscription feeds: only a SHA-256 hash of each token is stored.
  await run(`CREATE TABLE calendar_feeds (
    id ${d.id},
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at ${d.ts} NOT NULL,
    last_used_at ${d.ts},
    revoked_at ${d.ts})`);
  await run(`CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id, id)`);

  const t = dialect === 'postgres' ? sql`TRUE` : sql`1`;
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM dictionaries`.execute(db);
  let dictPos = Number(rows[0].n);
  for (const [key, values] of Object.entries(DICTIONARIES)) {
    await sql`INSERT INTO dictionaries (key, position) VALUES (${key}, ${dictPos++})`.execute(db);
    let pos = 0;
    for (const [code, en, ko, zh] of values) {
      await sql`INSERT INTO dictionary_values (dictionary_key, code, label, labels, position, active, created_at, updated_at)
        VALUES (${key}, ${code}, ${en}, ${JSON.stringify({ en, ko, 'zh-CN': zh })}, ${pos++}, ${t}, ${now}, ${now})`.execute(db);
    }
  }
}

/** Substring search, as 001 builds it for customers: trigrams for 3+ characters, a gram index for 1–2. */
async function createSearchIndexes(db: Kysely<DbSchema>, dialect: string, table: string): Promise<void> {
  const run = (text: string) => sql.raw(text).execute(db);
  if (dialect === 'postgres') {
    await run(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await run(`CREATE INDEX ${table}_search_trgm ON ${table} USING gin (search_text gin_trgm_ops)`);
    await run(`CREATE INDEX ${table}_search_grams ON ${table} USING gin (string_to_array(search_grams, ' '))`);
    return;
  }
  await run(`CREATE VIRTUAL TABLE ${table}_fts USING fts5(search_text, content='${table}', content_rowid='id', tokenize='trigram')`);
  await run(`CREATE VIRTUAL TABLE ${table}_grams USING fts5(search_grams, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`);
  await run(`CREATE TRIGGER ${table}_search_ai AFTER INSERT ON ${table} BEGIN
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
  await run(`CREATE TRIGGER ${table}_search_ad AFTER DELETE ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
  END`);
  await run(`CREATE TRIGGER ${table}_search_au AFTER UPDATE OF search_text, search_grams ON ${table} BEGIN
    INSERT INTO ${table}_fts(${table}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO ${table}_grams(${table}_grams, rowid, search_grams) VALUES ('delete', old.id, old.search_grams);
    INSERT INTO ${table}_fts(rowid, search_text) VALUES (new.id, new.search_text);
    INSERT INTO ${table}_grams(rowid, search_grams) VALUES (new.id, new.search_grams);
  END`);
}
