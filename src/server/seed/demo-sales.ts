import { sql } from 'kysely';
import type { Line } from '../../shared/entity/line-items.js';
import { opportunityEntity } from '../../shared/entities/opportunity.entity.js';
import { productEntity } from '../../shared/entities/product.entity.js';
import { saleEntity } from '../../shared/entities/sale.entity.js';
import { toMinor } from '../../shared/money.js';
import type { Database } from '../db/database.js';
import { installationCurrency } from '../core/currency.js';
import { registerHooks } from '../core/hooks.js';
import { RecordService } from '../core/records.js';
import { opportunityStageHooks } from '../modules/opportunities/stage-rules.js';
import { saleLinkHooks } from '../modules/sales/sale-links.js';
import { prng } from './demo.js';
import { systemActor } from '../auth/actor.js';

/** A demo product: names in the three languages, its subcategory's code, unit, list and cost price in US dollars. */
type DemoProduct = readonly [en: string, ko: string, zh: string, subcategory: string, unit: string, price: number, cost: number | null, model?: string];

const PRODUCTS: readonly DemoProduct[] = [
  ['Business laptop 14"', '업무용 노트북 14형', '商务笔记本 14英寸', 'computers', 'each', 1290, 980, 'NB-1400'],
  ['Desktop workstation', '데스크톱 워크스테이션', '台式工作站', 'computers', 'each', 1850, 1420, 'WS-700'],
  ['27" 4K monitor', '27형 4K 모니터', '27英寸 4K 显示器', 'monitors', 'each', 450, 320, 'UHD-27'],
  ['24" office monitor', '24형 사무용 모니터', '24英寸 办公显示器', 'monitors', 'each', 210, 150, 'FHD-24'],
  ['Wireless keyboard and mouse', '무선 키보드 마우스 세트', '无线键鼠套装', 'peripherals', 'set', 65, 38],
  ['Docking station', '도킹 스테이션', '扩展坞', 'peripherals', 'each', 180, 120, 'DK-3'],
  ['Office suite licence', '오피스 제품군 라이선스', '办公套件许可证', 'licences', 'licence', 120, 60],
  ['Antivirus licence (1 year)', '백신 라이선스 (1년)', '杀毒软件许可证（1年）', 'licences', 'licence', 45, 20],
  ['Rapport CRM subscription', 'Rapport CRM 구독', 'Rapport CRM 订阅', 'subscriptions', 'month', 30, null],
  ['Cloud backup subscription', '클라우드 백업 구독', '云备份订阅', 'subscriptions', 'month', 18, 7],
  ['On-site installation', '현장 설치', '上门安装', 'installation', 'hour', 80, 45],
  ['Network setup', '네트워크 구축', '网络部署', 'installation', 'hour', 95, 55],
  ['Maintenance contract (1 year)', '유지보수 계약 (1년)', '年度维护合同', 'maintenance', 'each', 2400, 1300],
  ['Hardware repair', '하드웨어 수리', '硬件维修', 'maintenance', 'hour', 70, 40],
  ['CRM training (half day)', 'CRM 교육 (반일)', 'CRM 培训（半天）', 'training', 'each', 600, 250],
  ['Security awareness training', '보안 인식 교육', '安全意识培训', 'training', 'each', 450, 180],
];

/** A demo price in the installation's currency (minor units): dollars, or roughly their worth in won, yuan or yen. */
const RATE: Record<string, number> = { KRW: 1300, CNY: 7, JPY: 150, EUR: 1, GBP: 1, HKD: 8, TWD: 32 };

const OPPORTUNITY_NAMES: readonly (readonly [string, string, string])[] = [
  ['Office refresh', '사무실 PC 교체', '办公电脑更新'], ['New branch setup', '신규 지점 구축', '新分店建设'],
  ['Annual maintenance renewal', '연간 유지보수 갱신', '年度维护续约'], ['CRM rollout', 'CRM 도입', 'CRM 上线'],
  ['Security upgrade', '보안 강화', '安全升级'], ['Remote work kit', '재택근무 장비', '远程办公套装'],
];

/**
 * What makes sales look alive in a demo: a product catalogue (categories and subcategories,
 * prices in the installation's currency), opportunities at every stage with product lines and
 * their stage history (created at the first stage, then moved on, as a user would), and sales:
 * most won opportunities converted, a few sold directly. Through the normal record service, so
 * every rule (prices, totals, stages, links) applies; for demo sizes.
 */
export async function seedDemoSales(db: Database, customerIds: readonly number[], seed = 20261201): Promise<{ products: number; opportunities: number; sales: number }> {
  // The CLI seeds without building the app: the rules that live in modules are registered here.
  registerHooks(opportunityEntity, opportunityStageHooks);
  registerHooks(saleEntity, saleLinkHooks);
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const actor = systemActor(1);
  const currency = await installationCurrency(db.kysely);
  const money = (dollars: number) => toMinor(Math.round(dollars * (RATE[currency.code] ?? 1) * 100) / 100, currency) ?? 0;
  const codes = async (key: string) => new Map((await sql<{ id: number; code: string; parent_id: number | null }>`SELECT id, code, parent_id FROM dictionary_values
    WHERE dictionary_key = ${key}`.execute(db.kysely)).rows.map((x) => [x.code, { id: Number(x.id), parentId: x.parent_id === null ? null : Number(x.parent_id) }]));
  const categories = await codes('product-category');
  const units = await codes('product-unit');
  const stages = await codes('opportunity-stage');

  const products = new RecordService(db, productEntity);
  const made: { id: number; price: number }[] = [];
  for (const [en, ko, zh, sub, unit, price, cost, model] of PRODUCTS) {
    const lang = r();
    const subcategory = categories.get(sub);
    const p = await products.create({
      name: lang < 0.4 ? ko : lang < 0.6 ? zh : en, model: model ?? null, subcategoryId: subcategory?.id ?? null, unitId: units.get(unit)?.id ?? null,
      listPrice: money(price), costPrice: cost === null ? null : money(cost), taxRate: currency.code === 'KRW' ? 10 : currency.code === 'CNY' ? 13 : null,
    }, actor);
    made.push({ id: p.id, price: Number(p.listPrice) });
  }

  const opportunities = new RecordService(db, opportunityEntity);
  const sales = new RecordService(db, saleEntity);
  const order = ['initial-contact', 'needs-analysis', 'proposal', 'negotiation', 'won', 'lost'];
  const weights = [0.22, 0.18, 0.17, 0.13, 0.2, 0.1];
  const stageCode = () => { let x = r(); for (let i = 0; i < order.length; i++) { x -= weights[i]; if (x <= 0) return order[i]; } return order[0]; };
  const today = Date.now();
  const day = (offset: number) => new Date(today + offset * 86_400_000).toISOString().slice(0, 10);
  let oppCount = 0;
  let saleCount = 0;
  const chosen = customerIds.filter(() => r() < 0.45).slice(0, 400);
  for (const customerId of chosen) {
    const [en, ko, zh] = pick(OPPORTUNITY_NAMES);
    const lang = r();
    const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
      const p = pick(made);
      return { productId: p.id, quantity: 1 + Math.floor(r() * 20), discountPercent: r() < 0.3 ? pick([5, 10, 15]) : 0 };
    });
    const created = await opportunities.create({
      name: `${lang < 0.4 ? ko : lang < 0.6 ? zh : en} ${new Date(today).getUTCFullYear()}`, customerId, lines,
      expectedCloseDate: day(Math.floor(r() * 150) - 60), nextStep: null,
    }, actor);
    oppCount++;
    // Moved on from the first stage, stage by stage up to where it is now: the history the funnel reads.
    const target = stageCode();
    let current = created;
    const path = target === 'lost' ? order.slice(1, 1 + Math.floor(r() * 3)).concat('lost') : order.slice(1, order.indexOf(target) + 1);
    for (const code of path) {
      const stageId = stages.get(code)?.id;
      if (stageId) current = await opportunities.update(current.id, { stageId, version: current.version, ...(code === 'lost' ? { lostReason: pick(['Price', 'Went with a competitor', '예산 부족', '选择了竞争对手']) } : {}) }, actor);
    }
    await spreadOverWeeks(db, current.id, r);
    if (target === 'won' && r() < 0.7) {
      const copied = (current.lines as Line[]).map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice, discountPercent: l.discountPercent }));
      await sales.create({ customerId, opportunityId: current.id, lines: copied, orderDate: day(-Math.floor(r() * 60)) }, actor);
      saleCount++;
    }
  }
  for (const customerId of customerIds.filter(() => r() < 0.1).slice(0, 100)) {
    const p = pick(made);
    await sales.create({ customerId, orderDate: day(-Math.floor(r() * 120)), lines: [{ productId: p.id, quantity: 1 + Math.floor(r() * 5) }] }, actor);
    saleCount++;
  }
  return { products: made.length, opportunities: oppCount, sales: saleCount };
}

const DAY_MS = 86_400_000;

/**
 * A demo opportunity's stage changes, written just now, spread back over the weeks a salesperson
 * would have taken (2–30 days a stage, created up to ten months ago), so the funnel's time in stage
 * and its cohorts by created month show something real.
 */
async function spreadOverWeeks(db: Database, id: number, r: () => number): Promise<void> {
  const { rows } = await sql<{ id: number }>`SELECT id FROM opportunity_stage_history WHERE opportunity_id = ${id} ORDER BY id`.execute(db.kysely);
  const now = Date.now();
  const gaps = rows.map((_, i) => (i === 0 ? 0 : (2 + r() * 28) * DAY_MS));
  let t = now - gaps.reduce((a, g) => a + g, 0) - r() * 200 * DAY_MS;
  const created = t;
  let last = t;
  for (const [i, row] of rows.entries()) {
    t += gaps[i];
    last = Math.min(t, now);
    await sql`UPDATE opportunity_stage_history SET changed_at = ${new Date(last).toISOString()} WHERE id = ${row.id}`.execute(db.kysely);
  }
  const at = (ms: number) => new Date(ms).toISOString();
  await sql`UPDATE opportunities SET created_at = ${at(created)}, updated_at = ${at(last)} WHERE id = ${id}`.execute(db.kysely);
  await sql`UPDATE opportunities SET closed_at = ${at(last)} WHERE id = ${id} AND closed_at IS NOT NULL`.execute(db.kysely);
}
