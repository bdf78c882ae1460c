// Frozen once shipped: never edit; add a new migration instead.
// Service feedback (M9) with its status history and service clock, and expenses (M10) with theirs;
// the dictionaries they use, in the three UI languages.
import type { Kysely } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';
import { createSearchIndexes, liveIndexes, recordColumns, run, seedDictionary, type SeedValue } from './record-table-v1.js';

const v = (code: string, en: string, ko: string, zh: string, attributes?: Record<string, unknown>, children?: readonly SeedValue[]): SeedValue => ({ code, en, ko, zh, attributes, children });

const SERVICE_TYPES: readonly SeedValue[] = [
  v('complaint', 'Complaint', '불만', '投诉'), v('inquiry', 'Inquiry', '문의', '咨询'), v('suggestion', 'Suggestion', '제안', '建议'),
  v('praise', 'Praise', '칭찬', '表扬'), v('repair', 'Repair / return', '수리 / 반품', '维修 / 退货'),
];
const SERVICE_CHANNELS: readonly SeedValue[] = [
  v('phone', 'Phone', '전화', '电话'), v('email', 'Email', '이메일', '电子邮件'), v('visit', 'Visit', '방문', '上门'),
  v('web', 'Web', '웹', '网站'), v('other', 'Other', '기타', '其他'),
];
// Normal first: a request left without a priority gets it. Targets in working hours.
const SERVICE_PRIORITIES: readonly SeedValue[] = [
  v('normal', 'Normal', '보통', '普通', { responseHours: 8, resolutionHours: 40 }),
  v('high', 'High', '높음', '高', { responseHours: 4, resolutionHours: 16 }),
  v('urgent', 'Urgent', '긴급', '紧急', { responseHours: 1, resolutionHours: 8 }),
  v('low', 'Low', '낮음', '低', { responseHours: 16, resolutionHours: 80 }),
];
const SERVICE_STATUSES: readonly SeedValue[] = [
  v('open', 'Open', '접수', '待处理', { meaning: 'open' }),
  v('in-progress', 'In progress', '처리 중', '处理中', { meaning: 'open' }),
  v('waiting', 'Waiting on customer', '고객 응답 대기', '等待客户', { meaning: 'waiting' }),
  v('resolved', 'Resolved', '해결됨', '已解决', { meaning: 'resolved' }),
  v('closed', 'Closed', '종료', '已关闭', { meaning: 'closed' }),
  v('rejected', 'Rejected', '반려', '已拒绝', { meaning: 'rejected' }),
  v('duplicate', 'Duplicate', '중복', '重复', { meaning: 'duplicate' }),
];
// Travel › Taxi. A category priced per unit (car mileage) gets its unit price in the dictionary editor:
// a price depends on the installation's currency, so none is seeded.
const EXPENSE_CATEGORIES: readonly SeedValue[] = [
  v('travel', 'Travel', '교통비', '差旅费', undefined, [
    v('taxi', 'Taxi', '택시', '出租车'), v('train', 'Train', '기차', '火车'), v('flight', 'Flight', '항공', '机票'),
    v('mileage', 'Car mileage (per km)', '자가용 주행 (km당)', '自驾里程（每公里）'), v('parking', 'Parking and tolls', '주차 및 통행료', '停车和过路费'),
  ]),
  v('meals', 'Meals and entertainment', '식대 및 접대비', '餐饮招待', undefined, [
    v('client-meal', 'Client meal', '고객 식사', '客户餐费'), v('team-meal', 'Team meal', '팀 식사', '团队餐费'),
  ]),
  v('lodging', 'Lodging', '숙박비', '住宿费'),
  v('supplies', 'Office supplies', '사무용품', '办公用品'),
  v('samples', 'Samples and gifts', '샘플 및 선물', '样品和礼品'),
  v('other', 'Other', '기타', '其他'),
];
const PAYMENT_METHODS: readonly SeedValue[] = [
  v('corporate-card', 'Corporate card', '법인카드', '公司卡'), v('personal-card', 'Personal card', '개인카드', '个人卡'),
  v('cash', 'Cash', '현금', '现金'), v('transfer', 'Bank transfer', '계좌이체', '银行转账'),
];

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const d = ddlFor(dialectOf(db));

  await run(db, `CREATE TABLE service_feedback (
    id ${d.id},
    number TEXT,
    subject TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    contact_id INTEGER REFERENCES contacts(id),
    product_id INTEGER REFERENCES products(id),
    sale_id INTEGER REFERENCES sales(id),
    type_id INTEGER REFERENCES dictionary_values(id),
    channel_id INTEGER REFERENCES dictionary_values(id),
    priority_id INTEGER REFERENCES dictionary_values(id),
    status_id INTEGER REFERENCES dictionary_values(id),
    received_at ${d.ts},
    description TEXT,
    resolution TEXT,
    first_responded_at ${d.ts},
    resolved_at ${d.ts},
    response_due_at ${d.ts},
    resolution_due_at ${d.ts},
    clock_paused_at ${d.ts},
    paused_minutes INTEGER NOT NULL DEFAULT 0,
    satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    satisfaction_comment TEXT,
    ${recordColumns(d)})`);
  await run(db, `CREATE UNIQUE INDEX service_feedback_unique_number ON service_feedback (number) WHERE deleted_at IS NULL`);
  await liveIndexes(db, 'service_feedback', ['number', 'subject', 'customer_id', 'contact_id', 'product_id', 'sale_id', 'type_id', 'channel_id', 'priority_id',
    'status_id', 'received_at', 'first_responded_at', 'resolved_at', 'response_due_at', 'resolution_due_at', 'satisfaction', 'updated_at', 'created_at', 'owner_id']);
  // A customer's or a product's requests newest first, and their open counts (the Service tabs).
  await run(db, `CREATE INDEX service_feedback_live_customer_received ON service_feedback (customer_id, received_at, id) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX service_feedback_live_product_received ON service_feedback (product_id, received_at, id) WHERE deleted_at IS NULL`);
  await createSearchIndexes(db, 'service_feedback');

  await run(db, `CREATE TABLE service_feedback_status_history (
    id ${d.id},
    feedback_id INTEGER NOT NULL REFERENCES service_feedback(id),
    from_status_id INTEGER REFERENCES dictionary_values(id),
    to_status_id INTEGER NOT NULL REFERENCES dictionary_values(id),
    changed_at ${d.ts} NOT NULL,
    changed_by INTEGER REFERENCES users(id))`);
  await run(db, `CREATE INDEX service_feedback_status_history_feedback ON service_feedback_status_history (feedback_id, id)`);
  await run(db, `CREATE INDEX service_feedback_status_history_from ON service_feedback_status_history (from_status_id)`);
  await run(db, `CREATE INDEX service_feedback_status_history_to ON service_feedback_status_history (to_status_id, changed_at)`);

  await run(db, `CREATE TABLE expenses (
    id ${d.id},
    date ${d.date} NOT NULL,
    category_id INTEGER NOT NULL REFERENCES dictionary_values(id),
    subcategory_id INTEGER REFERENCES dictionary_values(id),
    description TEXT NOT NULL,
    quantity ${d.decimal},
    unit_price ${d.money},
    amount ${d.money},
    payment_method_id INTEGER REFERENCES dictionary_values(id),
    paid_by TEXT NOT NULL DEFAULT 'employee' CHECK (paid_by IN ('employee', 'company')),
    customer_id INTEGER REFERENCES customers(id),
    opportunity_id INTEGER REFERENCES opportunities(id),
    sale_id INTEGER REFERENCES sales(id),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'reimbursed')),
    rejection_reason TEXT,
    approved_by INTEGER REFERENCES users(id),
    approved_at ${d.ts},
    notes TEXT,
    ${recordColumns(d)})`);
  await liveIndexes(db, 'expenses', ['date', 'category_id', 'subcategory_id', 'description', 'amount', 'payment_method_id', 'paid_by', 'customer_id',
    'opportunity_id', 'sale_id', 'status', 'approved_at', 'updated_at', 'created_at', 'owner_id']);
  // Sums by category or status read the amounts from the index (see 007 on why deleted_at is a key); the
  // approved expenses of a page of opportunities (their margin) likewise.
  await run(db, `CREATE INDEX expenses_live_category_totals ON expenses (category_id, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_status_totals ON expenses (status, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_opportunity_totals ON expenses (opportunity_id, status, amount, deleted_at) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX expenses_live_customer_totals ON expenses (customer_id, status, amount, deleted_at) WHERE deleted_at IS NULL`);
  await createSearchIndexes(db, 'expenses');

  await run(db, `CREATE TABLE expense_status_history (
    id ${d.id},
    expense_id INTEGER NOT NULL REFERENCES expenses(id),
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT,
    changed_at ${d.ts} NOT NULL,
    changed_by INTEGER REFERENCES users(id))`);
  await run(db, `CREATE INDEX expense_status_history_expense ON expense_status_history (expense_id, id)`);

  await seedDictionary(db, 'service-type', SERVICE_TYPES);
  await seedDictionary(db, 'service-channel', SERVICE_CHANNELS);
  await seedDictionary(db, 'service-priority', SERVICE_PRIORITIES);
  await seedDictionary(db, 'service-status', SERVICE_STATUSES);
  await seedDictionary(db, 'expense-category', EXPENSE_CATEGORIES, true);
  await seedDictionary(db, 'payment-method', PAYMENT_METHODS);
}
