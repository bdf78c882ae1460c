// Frozen once shipped: never edit; add a new migration instead.
// A user's name may be a placeholder shown in the reader's language (the standalone app's
// "Local user" until its owner gives a name), like the translations of seeded dictionary values.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { run } from './record-table-v1.js';

const LOCAL_USER_LABELS = JSON.stringify({ en: 'Local user', ko: '로컬 사용자', 'zh-CN': '本地用户' });

export async function up(db: Kysely<DbSchema>): Promise<void> {
  await run(db, `ALTER TABLE users ADD COLUMN name_labels TEXT`);
  await sql`UPDATE users SET name_labels = ${LOCAL_USER_LABELS} WHERE name = 'Local user'`.execute(db);
}
