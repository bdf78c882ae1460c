import { sql } from 'kysely';
import type { EntityDef } from '../../shared/entity/define.js';
import { expenseEntity } from '../../shared/entities/expense.entity.js';
import { serviceFeedbackEntity } from '../../shared/entities/service-feedback.entity.js';
import { toMinor } from '../../shared/money.js';
import { addWorkingMinutes } from '../../shared/working-time.js';
import type { Database } from '../db/database.js';
import { deferIndexes, insertPgRows, insertSqliteRows } from '../db/bulk-load.js';
import { installationCurrency } from '../core/currency.js';
import { installationTimeZone } from '../core/installation.js';
import { parseJsonObject } from '../core/json.js';
import { searchColumns, toColumns, type Row } from '../core/record-mapper.js';
import { workingTime } from '../modules/service-feedback/working-time.js';
import { prng, weighted } from './demo.js';
import { RATE } from './demo-service.js';

export interface ServiceExpenseSeedOptions {
  /** Expenses to add (default 100). */
  expenses?: number;
  /** Service feedback records to add (default 100). */
  feedback?: number;
  /** PRNG seed: the same seed on the same database (and the same `now`) gives the same rows. */
  seed?: number;
  /**
   * "Now" (ms): nothing happens after it; running service clocks fall due around it, so overdue and
   * due today mean something for lists asked near this time.
   */
  now?: number;
  /** Owners are users 1..owners (created if missing). */
  owners?: number;
  /** Drop indexes and search triggers during the load and rebuild after; default: from 20,000 rows. */
  deferIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ServiceExpenseSeedResult {
  expenses: number;
  feedback: number;
  rows: number;
  ms: number;
  /** Of which rebuilding the deferred indexes and search tables (and VACUUM ANALYZE on PostgreSQL). */
  indexRebuildMs: number;
  rowsPerSecond: number;
  deferred: boolean;
  /** The `now` the service clocks were set against (ISO). */
  now: string;
}

type Rand = () => number;
const DAY = 86_400_000;
type Words = readonly [en: string, ko: string, zh: string];

/** Per leaf code of the expense-category dictionary: descriptions, amount range in dollars, and weight. */
const EXPENSE_KINDS: Readonly<Record<string, { words: readonly Words[]; dollars: readonly [number, number]; weight: number }>> = {
  taxi: { words: [['Taxi to the customer', '고객사 택시비', '去客户处的出租车费'], ['Taxi back to the office', '사무실 복귀 택시', '回公司的出租车']], dollars: [6, 60], weight: 20 },
  train: { words: [['Train to Busan', '부산 KTX', '去釜山的火车票'], ['Train to the branch', '지점 방문 기차표', '去分公司的火车']], dollars: [15, 120], weight: 8 },
  flight: { words: [['Flight to the trade fair', '전시회 항공권', '去展会的机票'], ['Flight to Jeju', '제주 출장 항공', '飞济州的机票']], dollars: [80, 900], weight: 3 },
  mileage: { words: [['Drive to the site', '현장 방문 자가용', '自驾去现场']], dollars: [10, 150], weight: 6 },
  parking: { words: [['Parking', '주차비', '停车费'], ['Highway toll', '고속도로 통행료', '高速公路通行费']], dollars: [2, 30], weight: 12 },
  'client-meal': { words: [['Client dinner', '고객 식사', '客户晚餐'], ['Lunch with the buyer', '구매 담당자 점심', '与采购午餐']], dollars: [30, 400], weight: 14 },
  'team-meal': { words: [['Team lunch', '팀 점심', '团队午餐'], ['Late-night meal', '야근 식대', '加班餐']], dollars: [20, 250], weight: 10 },
  lodging: { words: [['Hotel, one night', '호텔 1박', '酒店一晚'], ['Hotel, two nights', '호텔 2박', '酒店两晚']], dollars: [60, 400], weight: 6 },
  supplies: { words: [['Printer paper', '복사 용지', '打印纸'], ['Toner cartridge', '토너 카트리지', '墨盒']], dollars: [5, 200], weight: 10 },
  samples: { words: [['Demo samples', '데모 샘플', '演示样品'], ['Gift for the customer', '고객 선물', '客户礼品']], dollars: [20, 300], weight: 6 },
  other: { words: [['Courier', '퀵서비스', '快递费'], ['Conference fee', '세미나 참가비', '会议费']], dollars: [5, 500], weight: 5 },
};
const REJECTIONS = ['Receipt missing', '영수증 누락', '缺少发票', 'Not a business expense', '업무 무관 지출', '超出标准'];
const NOTE: Words = ['Receipt attached.', '영수증 첨부.', '已附发票。'];

const SUBJECTS: readonly Words[] = [
  ['Printer jams on every page', '프린터 용지 걸림', '打印机每页卡纸'], ['Delivery arrived late', '배송 지연 문의', '到货延迟'],
  ['Great installation team', '설치 팀 칭찬', '安装团队很专业'], ['Refund for a broken monitor', '모니터 파손 환불 요청', '显示器损坏退款'],
  ['When is the training?', '교육 일정 문의', '培训什么时候开始？'], ['Noise from the server room', '서버실 소음 불만', '机房噪音投诉'],
  ['Suggest a yearly plan', '연간 요금제 제안', '建议推出年付方案'], ['Licence key not working', '라이선스 키 오류', '许可证密钥无效'],
  ['Invoice amount is wrong', '청구 금액 오류', '发票金额有误'], ['Laptop will not boot', '노트북 부팅 불가', '笔记本无法开机'],
  ['Need an extra licence', '라이선스 추가 요청', '需要增加许可'], ['VPN keeps dropping', 'VPN 연결 끊김', 'VPN 经常断开'],
];
const DESCRIPTION: Words = ['Customer called twice about this.', '고객이 두 번 전화함.', '客户来电两次。'];
const RESOLUTIONS: Words = ['Replaced the part', '부품 교체', '已更换部件'];

/** Age mix of the requests: most are long done; recent ones are still being worked on. */
const RECENT_DAYS = 30;
const RECENT_SHARE = 0.03;
/** Requests go back this far; a yearly number series (SF-<year>-<5 digits>) then stays under 100,000 a year at 1M. */
const OLDEST = Date.parse('2012-01-01T00:00:00Z');

const EXPENSE_COLUMNS = ['id', 'date', 'category_id', 'subcategory_id', 'description', 'quantity', 'unit_price', 'amount', 'payment_method_id', 'paid_by',
  'customer_id', 'status', 'rejection_reason', 'approved_by', 'approved_at', 'notes', 'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by',
  'version', 'search_text', 'search_grams'] as const;
const FEEDBACK_COLUMNS = ['id', 'number', 'subject', 'customer_id', 'type_id', 'channel_id', 'priority_id', 'status_id', 'received_at', 'description',
  'resolution', 'first_responded_at', 'resolved_at', 'response_due_at', 'resolution_due_at', 'clock_paused_at', 'paused_minutes', 'satisfaction',
  'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'search_text', 'search_grams'] as const;
/** PostgreSQL types of the columns that are not text (insertPgRows). */
const PG_TYPES: Readonly<Record<string, string>> = {
  id: 'int', date: 'date', category_id: 'int', subcategory_id: 'int', quantity: 'numeric', unit_price: 'bigint', amount: 'bigint', payment_method_id: 'int',
  customer_id: 'int', approved_by: 'int', approved_at: 'timestamptz', type_id: 'int', channel_id: 'int', priority_id: 'int', status_id: 'int',
  received_at: 'timestamptz', first_responded_at: 'timestamptz', resolved_at: 'timestamptz', response_due_at: 'timestamptz', resolution_due_at: 'timestamptz',
  clock_paused_at: 'timestamptz', paused_minutes: 'int', satisfaction: 'int', owner_id: 'int', created_at: 'timestamptz', updated_at: 'timestamptz',
  created_by: 'int', updated_by: 'int', version: 'int',
};
const SQLITE_PARAMS_PER_STATEMENT = 12_000;
const TABLES = ['expenses', 'service_feedback'] as const;

/**
 * Benchmark (and large demo) expenses and service feedback, written in bulk over the live
 * customers (a few big accounts, a long tail). Expenses: a leaf of the expense-category
 * dictionary (Travel › Taxi, or Lodging on its own) with its category, amounts in the
 * installation's currency, statuses along the approval machine by age (old ones reimbursed,
 * approved or rejected; recent ones drafts and submitted), the approver for approved ones.
 * Service feedback: numbered SF-<year>-<n>, every status (waiting on customer pauses the clock),
 * and the due times the service clock (clock.ts) keeps: the priority's targets in working hours
 * after receipt, none once met, stopped or paused; a stale backlog and recent requests make
 * overdue, due today and later all non-trivial around `now`. Status history rows are not written
 * (no list reads them). Large loads defer index and FTS upkeep (bulk-load.ts).
 */
export async function seedServiceExpenses(db: Database, opts: ServiceExpenseSeedOptions = {}): Promise<ServiceExpenseSeedResult> {
  const nExpenses = opts.expenses ?? 100;
  const nFeedback = opts.feedback ?? 100;
  if (![nExpenses, nFeedback].every((n) => Number.isInteger(n) && n >= 0)) throw new Error('expenses and feedback must be whole numbers ≥ 0');
  const started = performance.now();
  const r = prng(opts.seed ?? 20261211);
  const now = Math.floor((opts.now ?? Date.now()) / 60_000) * 60_000;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);
  const text = (t: Words) => { const x = r(); return x < 0.45 ? t[1] : x < 0.65 ? t[2] : t[0]; };

  const { rows: userRows } = await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(db.kysely);
  const ownerCount = Math.max(1, opts.owners ?? 1);
  for (let u = Number(userRows[0].n) + 1; u <= ownerCount; u++) {
    await sql`INSERT INTO users (name, email, locale, created_at, updated_at) VALUES (${`User ${u}`}, NULL, 'en', ${iso(now)}, ${iso(now)})`.execute(db.kysely);
  }
  const { rows: dv } = await sql<{ id: number; dictionary_key: string; code: string; parent_id: number | null; attributes: unknown }>`SELECT id, dictionary_key, code,
    parent_id, attributes FROM dictionary_values WHERE dictionary_key IN ('expense-category', 'payment-method', 'service-type', 'service-channel', 'service-priority',
    'service-status') ORDER BY position, id`.execute(db.kysely);
  const values = (key: string) => dv.filter((v) => v.dictionary_key === key);
  const idOf = (key: string, code: string) => {
    const v = values(key).find((x) => x.code === code);
    if (!v) throw new Error(`dictionary ${key} has no value ${code}`);
    return Number(v.id);
  };
  // The leaves a user picks: a subcategory (with its category), or a category that has none.
  const cats = values('expense-category');
  const leaves = cats.filter((c) => c.parent_id !== null || !cats.some((x) => x.parent_id === c.id)).filter((c) => EXPENSE_KINDS[c.code])
    .map((c) => ({ code: c.code, categoryId: Number(c.parent_id ?? c.id), subcategoryId: c.parent_id === null ? null : Number(c.id) }));
  if (nExpenses > 0 && leaves.length === 0) throw new Error('the expense-category dictionary has none of the demo categories');
  const leafPick = weighted(leaves, (l) => EXPENSE_KINDS[l.code].weight);
  const payment = { corporate: idOf('payment-method', 'corporate-card'), personal: idOf('payment-method', 'personal-card'), cash: idOf('payment-method', 'cash'),
    transfer: idOf('payment-method', 'transfer') };

  const types = values('service-type').map((v) => Number(v.id));
  const channels = values('service-channel').map((v) => Number(v.id));
  const priorities = values('service-priority').map((v) => {
    const a = parseJsonObject(v.attributes);
    return { id: Number(v.id), code: v.code, response: Number(a.responseHours ?? 8), resolution: Number(a.resolutionHours ?? 40) };
  });
  const priorityPick = weighted(priorities, (p) => ({ normal: 55, high: 25, urgent: 8, low: 12 }[p.code] ?? 5));
  const status = Object.fromEntries(['open', 'in-progress', 'waiting', 'resolved', 'closed', 'rejected', 'duplicate'].map((c) => [c, idOf('service-status', c)]));
  const tz = (await installationTimeZone(db.kysely)).zone;
  const w = await workingTime(db.kysely);
  // addWorkingMinutes walks the calendar (Temporal): memoised per quarter hour of receipt and target, the offset within it added back.
  const dueMemo = new Map<string, number>();
  const dueAt = (from: number, minutes: number) => {
    const slot = Math.floor(from / 900_000) * 900_000;
    const key = `${slot}:${minutes}`;
    let d = dueMemo.get(key);
    if (d === undefined) { d = addWorkingMinutes(slot, minutes, w, tz); dueMemo.set(key, d); }
    return d + (from - slot);
  };

  const { rows: cust } = await sql<{ id: number }>`SELECT id FROM customers WHERE deleted_at IS NULL ORDER BY id`.execute(db.kysely);
  if ((nExpenses > 0 || nFeedback > 0) && cust.length === 0) throw new Error('seed customers first: expenses and service feedback belong to customers');
  // A few big accounts and a long tail: customer i gets about 1/√i of the share.
  const customer = () => Number(cust[Math.floor(r() ** 2 * cust.length)].id);
  const currency = await installationCurrency(db.kysely);
  const money = (dollars: number) => toMinor(Math.round(dollars * (RATE[currency.code] ?? 1) * 100) / 100, currency) ?? 0;
  const maxId = async (table: string) => Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM ${sql.table(table)}`.execute(db.kysely)).rows[0].m ?? 0);
  let expenseId = await maxId('expenses');
  let feedbackId = await maxId('service_feedback');
  // Numbers continue each year's series, as records.ts nextCode numbers them.
  const auto = serviceFeedbackEntity.autoCode;
  const prefix = auto?.prefix ?? 'SF';
  const digits = auto?.digits ?? 5;
  const numberNo = new Map<number, number>();
  for (let y = new Date(OLDEST).getUTCFullYear(); y <= new Date(now).getUTCFullYear(); y++) {
    const p = `${prefix}-${y}-`;
    const { rows } = await sql<{ n: string }>`SELECT number AS n FROM service_feedback WHERE number >= ${p + '0'.repeat(digits)} AND number <= ${p + '9'.repeat(digits)}
      ORDER BY number DESC LIMIT 1`.execute(db.kysely);
    numberNo.set(y, rows[0] ? Number(rows[0].n.slice(p.length)) + 1 : 1);
  }
  const numberFor = (received: number) => {
    const y = new Date(received).getUTCFullYear();
    const n = numberNo.get(y) ?? 1;
    if (n >= 10 ** digits) throw new Error(`more than ${10 ** digits - 1} service requests in ${y}: the yearly number series is full`);
    numberNo.set(y, n + 1);
    return `${prefix}-${y}-${String(n).padStart(digits, '0')}`;
  };

  const record = (entity: EntityDef, rec: Record<string, unknown>, system: Row, columns: readonly string[]): unknown[] => {
    const cols: Row = { ...toColumns(entity, rec, db.dialect), ...searchColumns(entity, rec), ...system };
    return columns.map((c) => cols[c] ?? null);
  };
  const insert = async (table: string, columns: readonly string[], n: number, rowValues: () => unknown[]) => {
    if (n === 0) return;
    if (db.sqlite) insertSqliteRows(db.sqlite, table, columns, n, rowValues, { batchRows: Math.floor(SQLITE_PARAMS_PER_STATEMENT / columns.length), txRows: n });
    else await insertPgRows(db, table, columns, PG_TYPES, n, rowValues, { batchRows: 5000, txRows: n });
  };
  const system = (created: number, updated: number, owner: number, updatedBy: number, version: number): Row => ({
    owner_id: owner, created_by: owner, updated_by: updatedBy, created_at: iso(created), updated_at: iso(updated), version,
  });

  const total = nExpenses + nFeedback;
  const defer = opts.deferIndexes ?? total >= 20_000;
  const restores: (() => Promise<void>)[] = [];
  let indexRebuildMs = 0;
  let done = 0;
  const chunkRows = 10_000;
  try {
    if (defer && total > 0) for (const t of TABLES) restores.push(await deferIndexes(db, t, { foreignKeys: true }));

    // ------------------------------------------------ expenses: three years back, the approval machine by age
    const expenseFrom = now - 3 * 365 * DAY;
    for (let left = nExpenses; left > 0;) {
      const n = Math.min(chunkRows, left);
      await insert('expenses', EXPENSE_COLUMNS, n, () => {
        const id = ++expenseId;
        const owner = 1 + Math.floor(r() * ownerCount);
        const spent = expenseFrom + Math.floor(r() * (now - expenseFrom));
        const created = Math.min(now, spent + int(0, 5 * 24) * 3_600_000);
        const age = (now - spent) / DAY;
        const x = r();
        const st = age < 7 ? (x < 0.45 ? 'draft' : x < 0.85 ? 'submitted' : x < 0.97 ? 'approved' : 'rejected')
          : age < 45 ? (x < 0.08 ? 'draft' : x < 0.25 ? 'submitted' : x < 0.65 ? 'approved' : x < 0.93 ? 'reimbursed' : 'rejected')
            : (x < 0.01 ? 'draft' : x < 0.02 ? 'submitted' : x < 0.06 ? 'approved' : x < 0.94 ? 'reimbursed' : 'rejected');
        const steps = { draft: 0, submitted: 1, approved: 2, rejected: 2, reimbursed: 3 }[st];
        const decided = Math.min(now, created + int(1, 10 * 24) * 3_600_000);
        const updated = steps === 0 ? created : steps === 3 ? Math.min(now, decided + int(1, 20) * DAY) : steps === 1 ? Math.min(now, created + int(0, 48) * 3_600_000) : decided;
        const leaf = leafPick(r);
        const kind = EXPENSE_KINDS[leaf.code];
        const dollars = kind.dollars[0] + r() ** 2 * (kind.dollars[1] - kind.dollars[0]);
        const km = leaf.code === 'mileage' ? int(10, 400) : null;
        const company = r() < 0.25;
        const approver = 1 + Math.floor(r() * Math.min(ownerCount, 5));
        const rec = {
          date: day(spent), categoryId: leaf.categoryId, subcategoryId: leaf.subcategoryId, description: text(pick(kind.words)),
          quantity: km, amount: money(dollars), paymentMethodId: company ? (r() < 0.8 ? payment.corporate : payment.transfer) : (r() < 0.7 ? payment.personal : payment.cash),
          paidBy: company ? 'company' : 'employee', customerId: r() < 0.7 ? customer() : null, status: st,
          rejectionReason: st === 'rejected' ? pick(REJECTIONS) : null,
          approvedBy: st === 'approved' || st === 'reimbursed' ? approver : null, approvedAt: st === 'approved' || st === 'reimbursed' ? iso(decided) : null,
          notes: r() < 0.1 ? text(NOTE) : null,
        };
        return record(expenseEntity, rec, { id, ...system(created, updated, owner, steps >= 2 ? approver : owner, 1 + steps) }, EXPENSE_COLUMNS);
      });
      left -= n;
      done += n;
      opts.onProgress?.(done, total);
    }

    // ------------------------------------------------ service feedback: a long done history, a stale backlog and recent work
    for (let left = nFeedback; left > 0;) {
      const n = Math.min(chunkRows, left);
      await insert('service_feedback', FEEDBACK_COLUMNS, n, () => {
        const id = ++feedbackId;
        const owner = 1 + Math.floor(r() * ownerCount);
        const recent = r() < RECENT_SHARE;
        const received = recent ? now - Math.floor(r() * RECENT_DAYS * DAY) : OLDEST + Math.floor(r() * (now - RECENT_DAYS * DAY - OLDEST));
        const age = (now - received) / DAY;
        const priority = priorityPick(r);
        const x = r();
        // Recent: still being worked on, some waiting on the customer; older: done, but for a forgotten backlog of 1.5%.
        const code = recent
          ? (age < 1 && x < 0.5 ? 'open' : x < 0.2 ? 'open' : x < 0.55 ? 'in-progress' : x < 0.7 ? 'waiting' : x < 0.88 ? 'resolved' : x < 0.95 ? 'closed' : x < 0.98 ? 'rejected' : 'duplicate')
          : (x < 0.005 ? 'open' : x < 0.012 ? 'in-progress' : x < 0.015 ? 'waiting' : x < 0.2 ? 'resolved' : x < 0.93 ? 'closed' : x < 0.97 ? 'rejected' : 'duplicate');
        const responded = code !== 'open';
        const firstResponse = responded ? Math.min(now, received + int(5, 8 * 60) * 60_000) : null;
        const running = code === 'open' || code === 'in-progress';
        const finished = ['resolved', 'closed', 'rejected', 'duplicate'].includes(code);
        const pausedAt = code === 'waiting' ? Math.min(now, (firstResponse ?? received) + int(1, 72) * 3_600_000) : null;
        const paused = code === 'waiting' || r() < 0.2 ? pick([0, 30, 60, 120, 240, 480]) : 0;
        const resolvedAt = finished ? Math.min(now, received + int(1, 14 * 24) * 3_600_000) : null;
        const lastChange = resolvedAt ?? pausedAt ?? firstResponse ?? received;
        const updated = code === 'closed' ? Math.min(now, lastChange + int(1, 7) * DAY) : lastChange;
        const rec = {
          number: numberFor(received), subject: text(pick(SUBJECTS)), customerId: customer(), typeId: pick(types), channelId: pick(channels),
          priorityId: priority.id, statusId: status[code], receivedAt: iso(received), description: r() < 0.3 ? text(DESCRIPTION) : null,
          resolution: code === 'resolved' || code === 'closed' ? text(RESOLUTIONS) : null,
          firstRespondedAt: firstResponse === null ? null : iso(firstResponse), resolvedAt: resolvedAt === null ? null : iso(resolvedAt),
          responseDueAt: running && !responded ? iso(dueAt(received, priority.response * 60 + paused)) : null,
          resolutionDueAt: running ? iso(dueAt(received, priority.resolution * 60 + paused)) : null,
          clockPausedAt: pausedAt === null ? null : iso(pausedAt), pausedMinutes: paused,
          satisfaction: finished && r() < 0.4 ? int(1, 5) : null,
        };
        const version = 1 + (responded ? 1 : 0) + (code === 'waiting' ? 1 : 0) + (finished ? 1 : 0) + (code === 'closed' ? 1 : 0);
        return record(serviceFeedbackEntity, rec, { id, ...system(received, updated, owner, owner, version) }, FEEDBACK_COLUMNS);
      });
      left -= n;
      done += n;
      opts.onProgress?.(done, total);
    }
    if (db.dialect === 'postgres') {
      // Explicit ids were written: the identity sequences continue after them.
      for (const t of TABLES) await sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), (SELECT coalesce(max(id), 1) FROM ${sql.table(t)}))`.execute(db.kysely);
    }
  } finally {
    const t = performance.now();
    for (const restore of restores) await restore();
    indexRebuildMs = Math.round(performance.now() - t);
  }
  const ms = performance.now() - started;
  return {
    expenses: nExpenses, feedback: nFeedback, rows: total, ms: Math.round(ms), indexRebuildMs, rowsPerSecond: Math.round(total / (ms / 1000)),
    deferred: restores.length > 0, now: iso(now),
  };
}
