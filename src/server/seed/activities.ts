import { CompiledQuery, sql } from 'kysely';
import { activityEntity } from '../../shared/entities/activity.entity.js';
import type { Database } from '../db/database.js';
import { deferIndexes, insertSqliteRows } from '../db/bulk-load.js';
import { searchColumns } from '../core/record-mapper.js';
import { prng } from './demo.js';
import { installationTimeZone } from '../core/installation.js';
import { dueAtOf } from '../modules/activities/due.js';

export interface ActivitySeedOptions {
  activities?: number;
  seed?: number;
  /** First and last possible start (ms); activities before `now` are mostly ended. */
  from?: number;
  to?: number;
  now?: number;
  /** Owners are users 1..owners (created if missing). */
  owners?: number;
  deferIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ActivitySeedResult { activities: number; ms: number; rowsPerSecond: number; deferred: boolean; maxTimedSeconds: number; maxAllDayDays: number }

const COLUMNS = ['subject', 'type_id', 'customer_id', 'all_day', 'start_at', 'end_at', 'start_date', 'end_date', 'location', 'priority_id',
  'reminder_minutes', 'status', 'ended_at', 'due_at', 'outcome', 'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version',
  'search_text', 'search_grams'] as const;
const PG_TYPES: Record<string, string> = { type_id: 'int', customer_id: 'int', all_day: 'bool', start_at: 'timestamptz', end_at: 'timestamptz',
  start_date: 'date', end_date: 'date', priority_id: 'int', reminder_minutes: 'int', ended_at: 'timestamptz', due_at: 'timestamptz', owner_id: 'int', created_at: 'timestamptz',
  updated_at: 'timestamptz', created_by: 'int', updated_by: 'int', version: 'int' };
const PG_INSERT = `INSERT INTO activities (${COLUMNS.join(',')}) SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`;

const SUBJECTS: Record<string, readonly string[]> = {
  call: ['전화 상담', '견적 확인 전화', 'Follow-up call', '电话沟通'],
  visit: ['현장 방문', '본사 방문', 'Site visit', '客户拜访'],
  meeting: ['분기 실적 회의', '계약 조건 협의', 'Quarterly review', '项目会议'],
  email: ['제안서 발송', 'Send proposal', '发送报价'],
  task: ['견적서 작성', 'Prepare contract', '准备合同'],
  other: ['전시회 참가', 'Trade show', '展会'],
};
const PLACES = ['서울 강남구', '부산 해운대구', '上海浦东', 'Online', null, null];
const OUTCOMES = ['계약 체결', '추가 미팅 예정', 'No answer', '已确认订单', null];

/**
 * Demo and benchmark activities: mostly timed (15 min – 3 h, a few over several days), one in
 * ten all-day, past ones mostly ended with an outcome. Large loads defer index and FTS upkeep
 * (bulk-load.ts) and set the span statistics the calendar's bound reads.
 */
export async function seedActivities(db: Database, opts: ActivitySeedOptions = {}): Promise<ActivitySeedResult> {
  const total = opts.activities ?? 100;
  const started = performance.now();
  const r = prng(opts.seed ?? 20260301);
  const from = opts.from ?? Date.parse('2020-01-01T00:00:00Z');
  const to = opts.to ?? Date.parse('2031-01-01T00:00:00Z');
  const now = opts.now ?? Date.now();
  const owners = opts.owners ?? 1;
  const iso = new Date().toISOString();
  const tz = (await installationTimeZone(db.kysely)).zone;
  const { rows: userRows } = await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(db.kysely);
  for (let u = Number(userRows[0].n) + 1; u <= owners; u++) {
    await sql`INSERT INTO users (name, email, locale, created_at, updated_at) VALUES (${`User ${u}`}, NULL, 'en', ${iso}, ${iso})`.execute(db.kysely);
  }
  const { rows: dv } = await sql<{ id: number; dictionary_key: string; code: string }>`SELECT id, dictionary_key, code FROM dictionary_values
    WHERE dictionary_key IN ('activity-type', 'activity-priority')`.execute(db.kysely);
  const types = dv.filter((v) => v.dictionary_key === 'activity-type').map((v) => ({ id: Number(v.id), code: v.code }));
  const priorities = dv.filter((v) => v.dictionary_key === 'activity-priority').map((v) => Number(v.id));
  const { rows: cust } = await sql<{ id: number; name: string }>`SELECT id, name FROM customers WHERE deleted_at IS NULL ORDER BY id LIMIT 20000`.execute(db.kysely);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const sqliteBool = (b: boolean) => (db.dialect === 'sqlite' ? (b ? 1 : 0) : b);
  let maxSeconds = 0;
  let maxDays = 0;

  const rowValues = (): unknown[] => {
    const type = types.length ? pick(types) : null;
    const customer = cust.length ? pick(cust) : null;
    const subject = `${pick(SUBJECTS[type?.code ?? 'other'] ?? SUBJECTS.other)}${customer ? ` – ${customer.name}` : ''}`.slice(0, 200);
    const location = pick(PLACES);
    const start = from + Math.floor((r() * (to - from)) / 900_000) * 900_000;
    const roll = r();
    const allDay = roll < 0.1;
    let end: number;
    let startDate: string | null = null;
    let endDate: string | null = null;
    if (allDay) {
      const days = r() < 0.8 ? 0 : 1 + Math.floor(r() * 2);
      startDate = new Date(start).toISOString().slice(0, 10);
      endDate = days ? new Date(start + days * 86_400_000).toISOString().slice(0, 10) : null;
      end = start + (days + 1) * 86_400_000;
      maxDays = Math.max(maxDays, days);
    } else {
      const minutes = roll < 0.12 ? 60 * 24 * (1 + Math.floor(r() * 3)) : 15 * (1 + Math.floor(r() * 12));
      end = start + minutes * 60_000;
      maxSeconds = Math.max(maxSeconds, minutes * 60);
    }
    const ended = end < now && r() < 0.85;
    const endedAt = ended ? new Date(end + Math.floor(r() * 8) * 3_600_000).toISOString() : null;
    const created = new Date(start - Math.floor(r() * 30) * 86_400_000).toISOString();
    const rec: Record<string, unknown> = {
      subject, type_id: type?.id ?? null, customer_id: customer?.id ?? null, all_day: sqliteBool(allDay),
      start_at: allDay ? null : new Date(start).toISOString(), end_at: allDay ? null : new Date(end).toISOString(),
      start_date: startDate, end_date: endDate, location, priority_id: priorities.length ? pick(priorities) : null,
      reminder_minutes: !allDay && r() < 0.3 ? pick([5, 10, 15, 30, 60]) : null,
      status: ended ? 'ended' : 'planned', ended_at: endedAt, outcome: ended ? pick(OUTCOMES) : null,
      due_at: ended ? null : dueAtOf({ status: 'planned', allDay, startAt: allDay ? null : new Date(start).toISOString(), endAt: allDay ? null : new Date(end).toISOString(), startDate, endDate }, tz),
      owner_id: 1 + Math.floor(r() * owners), created_at: created, updated_at: endedAt ?? created, created_by: 1, updated_by: 1, version: ended ? 2 : 1,
      ...searchColumns(activityEntity, { subject, location }),
    };
    return COLUMNS.map((c) => rec[c] ?? null);
  };

  const defer = opts.deferIndexes ?? total >= 20_000;
  const restore = defer && total > 0 ? await deferIndexes(db, 'activities') : null;
  const batchRows = db.dialect === 'sqlite' ? 500 : 2000;
  const txRows = 10_000;
  let done = 0;
  try {
    if (db.sqlite) {
      insertSqliteRows(db.sqlite, 'activities', COLUMNS, total, rowValues, { batchRows, txRows, onProgress: opts.onProgress });
      done = total;
    } else {
      while (done < total) {
        const n = Math.min(txRows, total - done);
        await db.kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < n; i += batchRows) {
            const m = Math.min(batchRows, n - i);
            const arrays: unknown[][] = COLUMNS.map(() => []);
            for (let k = 0; k < m; k++) rowValues().forEach((v, j) => arrays[j].push(v));
            await trx.executeQuery(CompiledQuery.raw(PG_INSERT, arrays));
          }
        });
        done += n;
        opts.onProgress?.(done, total);
      }
    }
    await sql`UPDATE activity_span_stats SET max_timed_seconds = ${maxSeconds} WHERE id = 1 AND max_timed_seconds < ${maxSeconds}`.execute(db.kysely);
    await sql`UPDATE activity_span_stats SET max_all_day_days = ${maxDays} WHERE id = 1 AND max_all_day_days < ${maxDays}`.execute(db.kysely);
  } finally {
    if (restore) await restore();
  }
  const ms = performance.now() - started;
  return { activities: done, ms: Math.round(ms), rowsPerSecond: Math.round(done / (ms / 1000)), deferred: Boolean(restore), maxTimedSeconds: maxSeconds, maxAllDayDays: maxDays };
}
