import { sql } from 'kysely';
import { expenseEntity } from '../../shared/entities/expense.entity.js';
import { serviceFeedbackEntity } from '../../shared/entities/service-feedback.entity.js';
import { toMinor } from '../../shared/money.js';
import type { Database } from '../db/database.js';
import { installationCurrency } from '../core/currency.js';
import { registerHooks } from '../core/hooks.js';
import { RecordService } from '../core/records.js';
import { ACTIONS } from '../modules/expenses/actions.js';
import { expensePricingHooks } from '../modules/expenses/pricing.js';
import { serviceClockHooks } from '../modules/service-feedback/clock.js';
import { prng } from './demo.js';
import { systemActor } from '../auth/actor.js';

const SUBJECTS: readonly (readonly [string, string, string])[] = [
  ['Printer jams on every page', '프린터 용지 걸림', '打印机每页卡纸'], ['Delivery arrived late', '배송 지연 문의', '到货延迟'],
  ['Great installation team', '설치 팀 칭찬', '安装团队很专业'], ['Refund for a broken monitor', '모니터 파손 환불 요청', '显示器损坏退款'],
  ['When is the training?', '교육 일정 문의', '培训什么时候开始？'], ['Noise from the server room', '서버실 소음 불만', '机房噪音投诉'],
  ['Suggest a yearly plan', '연간 요금제 제안', '建议推出年付方案'], ['Licence key not working', '라이선스 키 오류', '许可证密钥无效'],
];

const EXPENSES: readonly (readonly [string, string, string, category: string, dollars: number])[] = [
  ['Taxi to the customer', '고객사 택시비', '去客户处的出租车费', 'taxi', 18], ['Train to Busan', '부산 KTX', '去釜山的火车票', 'train', 45],
  ['Client dinner', '고객 식사', '客户晚餐', 'client-meal', 120], ['Hotel, one night', '호텔 1박', '酒店一晚', 'lodging', 95],
  ['Demo samples', '데모 샘플', '演示样品', 'samples', 60], ['Parking', '주차비', '停车费', 'parking', 8],
];

/** A demo amount in the installation's currency (minor units): dollars, or roughly their worth in won, yuan or yen. */
export const RATE: Readonly<Record<string, number>> = { KRW: 1300, CNY: 7, JPY: 150, HKD: 8, TWD: 32 };

/**
 * Service feedback and expenses for a demo company: requests in every state of the service clock
 * and expenses at every step of their approval, through the record service (every rule applies).
 */
export async function seedDemoService(db: Database, customerIds: readonly number[], seed = 20261202): Promise<{ feedback: number; expenses: number }> {
  // The CLI seeds without building the app: the rules that live in modules are registered here.
  registerHooks(serviceFeedbackEntity, serviceClockHooks);
  registerHooks(expenseEntity, expensePricingHooks);
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const actor = systemActor(1);
  const currency = await installationCurrency(db.kysely);
  const money = (dollars: number) => toMinor(Math.round(dollars * (RATE[currency.code] ?? 1) * 100) / 100, currency) ?? 0;
  const codes = async (key: string) => new Map((await sql<{ id: number; code: string }>`SELECT id, code FROM dictionary_values WHERE dictionary_key = ${key}`.execute(db.kysely)).rows
    .map((x) => [x.code, Number(x.id)]));
  const [types, channels, priorities, statuses] = await Promise.all(['service-type', 'service-channel', 'service-priority', 'service-status'].map(codes));
  // A subcategory (Taxi) with its category (Travel); a category without children on its own.
  const categories = new Map((await sql<{ id: number; code: string; parent_id: number | null }>`SELECT id, code, parent_id FROM dictionary_values WHERE dictionary_key = 'expense-category'`
    .execute(db.kysely)).rows.map((x) => [x.code, x.parent_id === null ? { categoryId: Number(x.id) } : { categoryId: Number(x.parent_id), subcategoryId: Number(x.id) }]));
  const text = (t: readonly [string, string, string]) => { const x = r(); return x < 0.45 ? t[1] : x < 0.65 ? t[2] : t[0]; };
  const some = <T>(m: Map<string, T>) => pick([...m.values()]);

  const feedback = new RecordService(db, serviceFeedbackEntity);
  let fCount = 0;
  for (const customerId of customerIds.filter(() => r() < 0.25).slice(0, 60)) {
    const received = new Date(Date.now() - Math.floor(r() * 20 * 86_400_000)).toISOString();
    let f = await feedback.create({ subject: text(pick(SUBJECTS)), customerId, typeId: some(types), channelId: some(channels), priorityId: some(priorities), receivedAt: received }, actor);
    fCount++;
    for (const code of pick([[], ['in-progress'], ['in-progress', 'waiting'], ['in-progress', 'resolved'], ['in-progress', 'resolved', 'closed']])) {
      const statusId = statuses.get(code);
      if (statusId) f = await feedback.update(f.id, { statusId, version: f.version, ...(code === 'resolved' ? { resolution: pick(['부품 교체', 'Replaced the part', '已更换部件']), satisfaction: 3 + Math.floor(r() * 3) } : {}) }, actor);
    }
  }

  const expenses = new RecordService(db, expenseEntity);
  let eCount = 0;
  for (const customerId of customerIds.filter(() => r() < 0.3).slice(0, 80)) {
    const [en, ko, zh, category, dollars] = pick(EXPENSES);
    let e = await expenses.create({
      description: text([en, ko, zh]), ...categories.get(category), customerId,
      amount: money(dollars * (0.6 + r() * 0.8)), date: new Date(Date.now() - Math.floor(r() * 60 * 86_400_000)).toISOString().slice(0, 10),
    }, actor);
    eCount++;
    for (const action of pick([[], ['submit'], ['submit', 'approve'], ['submit', 'approve', 'reimburse'], ['submit', 'reject']])) {
      const a = ACTIONS[action];
      e = await expenses.systemUpdate(e.id, { status: a.to, ...a.set(actor.userId, action === 'reject' ? pick(['영수증 누락', 'Receipt missing', '缺少发票']) : null, new Date().toISOString()) }, actor);
    }
  }
  return { feedback: fCount, expenses: eCount };
}
