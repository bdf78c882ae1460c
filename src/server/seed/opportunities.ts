import { sql } from 'kysely';
import { lineAmountExact } from '../../shared/entity/line-items.js';
import type { EntityDef } from '../../shared/entity/define.js';
import { opportunityEntity } from '../../shared/entities/opportunity.entity.js';
import { productEntity } from '../../shared/entities/product.entity.js';
import { saleEntity } from '../../shared/entities/sale.entity.js';
import { percentOf } from '../../shared/money.js';
import type { Database } from '../db/database.js';
import { deferIndexes, insertPgRows, insertSqliteRows } from '../db/bulk-load.js';
import { installationCurrency } from '../core/currency.js';
import { searchColumns, toColumns, type Row } from '../core/record-mapper.js';
import { nextCode } from '../core/records.js';
import { stageOf, STAGE_DICTIONARY, type Stage } from '../modules/opportunities/stages.js';
import { prng, weighted } from './demo.js';

export interface OpportunitySeedOptions {
  /** Opportunities to add, spread over the live customers (default 100). */
  opportunities?: number;
  /** Products to add first (default 50); lines pick from every live product. */
  products?: number;
  /** PRNG seed: the same seed on the same database gives the same rows. */
  seed?: number;
  /** Fixed "now" (ms): nothing is created or closed after it. */
  now?: number;
  /** Owners are users 1..owners (created if missing). */
  owners?: number;
  /** Share of won opportunities converted to a sale (default 0.3). */
  saleShare?: number;
  /**
   * Sales made without an opportunity (a counter sale, a re-order), spread over the same chunks:
   * lets a benchmark reach a million sale lines without a million won opportunities. Default 0;
   * with 0 no extra random numbers are drawn, so the opportunities are the same as before.
   */
  directSales?: number;
  /** Drop indexes and search triggers during the load and rebuild after; default: from 20,000 opportunities. */
  deferIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface OpportunitySeedResult {
  products: number;
  opportunities: number;
  lines: number;
  stageHistory: number;
  sales: number;
  saleLines: number;
  /** Every row written, in all six tables. */
  rows: number;
  ms: number;
  /** Of which rebuilding the deferred indexes and search tables (and VACUUM ANALYZE on PostgreSQL). */
  indexRebuildMs: number;
  rowsPerSecond: number;
  opportunitiesPerSecond: number;
  deferred: boolean;
}

type Rand = () => number;
const DAY = 86_400_000;

// ---------------------------------------------------------------- word lists

type Words = readonly [en: string, ko: string, zh: string];
/** Per subcategory code: the product nouns, the units it is sold in, and its list price range in major units. */
const CATALOGUE: Readonly<Record<string, { nouns: readonly Words[]; units: readonly string[]; price: readonly [number, number] }>> = {
  computers: { nouns: [['Laptop', '노트북', '笔记本电脑'], ['Desktop PC', '데스크톱', '台式电脑'], ['Workstation', '워크스테이션', '工作站'], ['Rack server', '랙 서버', '机架服务器']], units: ['each'], price: [600, 4000] },
  monitors: { nouns: [['Monitor', '모니터', '显示器'], ['Curved monitor', '커브드 모니터', '曲面显示器'], ['Portable monitor', '휴대용 모니터', '便携显示器']], units: ['each'], price: [150, 1500] },
  peripherals: { nouns: [['Keyboard', '키보드', '键盘'], ['Mouse', '마우스', '鼠标'], ['Docking station', '도킹 스테이션', '扩展坞'], ['Webcam', '웹캠', '摄像头'], ['Printer toner', '프린터 토너', '打印机墨粉']], units: ['each', 'box', 'set'], price: [15, 400] },
  licences: { nouns: [['Office suite licence', '오피스 라이선스', '办公软件许可'], ['Antivirus licence', '백신 라이선스', '杀毒软件许可'], ['Database licence', 'DB 라이선스', '数据库许可']], units: ['licence'], price: [30, 1500] },
  subscriptions: { nouns: [['CRM subscription', 'CRM 구독', 'CRM 订阅'], ['Cloud backup', '클라우드 백업', '云备份'], ['Mail hosting', '메일 호스팅', '邮件托管']], units: ['month'], price: [5, 200] },
  installation: { nouns: [['On-site installation', '현장 설치', '上门安装'], ['Network setup', '네트워크 구축', '网络部署']], units: ['hour'], price: [50, 150] },
  maintenance: { nouns: [['Maintenance contract', '유지보수 계약', '维护合同'], ['Hardware repair', '하드웨어 수리', '硬件维修']], units: ['each', 'hour'], price: [200, 5000] },
  training: { nouns: [['CRM training', 'CRM 교육', 'CRM 培训'], ['Security training', '보안 교육', '安全培训']], units: ['each', 'hour'], price: [200, 3000] },
};
const BRANDS = ['Hanbit', 'Daesung', 'Orion', 'Nova', 'Apex', 'Zenith', 'Kestrel', '한빛', '대성', '미래', '华信', '星河', '天成'];
const SERIES = ['Pro', 'Air', 'Max', 'Lite', 'Plus', 'Ultra', 'S', 'X'];
const DESCRIPTIONS: Words = ['Includes a three-year warranty.', '3년 무상 보증 포함.', '含三年保修。'];

type Lang = 0 | 1 | 2; // en, ko, zh (the Words order)
/** [topic, weight]: the rare topics make a search term found in about 0.01% of opportunities. */
const TOPICS: Readonly<Record<Lang, readonly (readonly [string, number])[]>> = {
  0: [['Server refresh', 5], ['Office laptop rollout', 5], ['Annual maintenance renewal', 5], ['Licence true-up', 3], ['Security upgrade', 3],
    ['Staff training programme', 2], ['New branch setup', 2], ['Cloud backup migration', 3], ['Monitor replacement', 3], ['Quantum encryption pilot', 0.004]],
  1: [['서버 교체', 5], ['사무실 PC 교체', 5], ['연간 유지보수 갱신', 5], ['그룹웨어 도입', 3], ['보안 솔루션 구축', 3], ['ERP 고도화', 2],
    ['모니터 일괄 구매', 3], ['직원 교육 프로그램', 2], ['클라우드 백업 전환', 3], ['신규 지점 구축', 2], ['양자 암호 시범 사업', 0.004]],
  2: [['服务器升级', 5], ['办公电脑更新', 5], ['年度维护续约', 5], ['软件许可续订', 3], ['安全升级', 3], ['员工培训项目', 2], ['新分店建设', 2],
    ['云备份迁移', 3], ['量子加密试点', 0.004]],
};
const TOPIC_PICK = Object.fromEntries(([0, 1, 2] as const).map((l) => [l, weighted(TOPICS[l], (t) => t[1])])) as Record<Lang, (r: Rand) => readonly [string, number]>;
const PHASE: Words = ['phase 2', '2단계', '二期'];
const NEXT_STEPS: Readonly<Record<Lang, readonly string[]>> = {
  0: ['Send the quote', 'Book a demo', 'Call the buyer', 'Confirm the budget'],
  1: ['견적서 발송', '데모 일정 확정', '구매 담당자 미팅', '예산 확인'],
  2: ['发送报价', '安排演示', '拜访采购负责人', '确认预算'],
};
const LOST_REASONS = ['Price', 'Went with a competitor', 'No budget this year', '예산 부족', '경쟁사 선정', '价格太高', '选择了竞争对手'];
const NOTES: Words = ['Decision maker is the CFO.', '의사결정은 재무 이사.', '决策人是财务总监。'];

const langOf = (name: string): Lang => (/[\uac00-\ud7a3]/.test(name) ? 1 : /[\u4e00-\u9fff]/.test(name) ? 2 : 0);

// ---------------------------------------------------------------- columns

const PRODUCT_COLUMNS = ['id', 'name', 'code', 'category_id', 'subcategory_id', 'model', 'unit_id', 'list_price', 'cost_price', 'tax_rate', 'status',
  'description', 'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'search_text', 'search_grams'] as const;
const OPPORTUNITY_COLUMNS = ['id', 'name', 'customer_id', 'stage_id', 'probability', 'expected_close_date', 'source_id', 'amount', 'weighted_amount',
  'status', 'closed_at', 'next_step', 'lost_reason', 'notes', 'owner_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version',
  'search_text', 'search_grams'] as const;
const SALE_COLUMNS = ['id', 'number', 'customer_id', 'opportunity_id', 'order_date', 'status_id', 'payment_terms_id', 'total', 'owner_id',
  'created_at', 'updated_at', 'created_by', 'updated_by', 'version', 'search_text', 'search_grams'] as const;
const lineColumns = (parentKey: string) => [parentKey, 'position', 'product_id', 'description', 'quantity', 'unit_price', 'discount_percent', 'amount'] as const;
const HISTORY_COLUMNS = ['opportunity_id', 'from_stage_id', 'to_stage_id', 'amount', 'changed_at', 'changed_by'] as const;
/** PostgreSQL types of the columns that are not text (insertPgRows). */
const PG_TYPES: Readonly<Record<string, string>> = {
  id: 'int', category_id: 'int', subcategory_id: 'int', unit_id: 'int', list_price: 'bigint', cost_price: 'bigint', tax_rate: 'numeric',
  customer_id: 'int', stage_id: 'int', probability: 'numeric', expected_close_date: 'date', source_id: 'int', amount: 'bigint', weighted_amount: 'bigint',
  closed_at: 'timestamptz', opportunity_id: 'int', order_date: 'date', status_id: 'int', payment_terms_id: 'int', total: 'bigint',
  owner_id: 'int', created_at: 'timestamptz', updated_at: 'timestamptz', created_by: 'int', updated_by: 'int', version: 'int',
  sale_id: 'int', position: 'int', product_id: 'int', quantity: 'numeric', unit_price: 'bigint', discount_percent: 'numeric',
  from_stage_id: 'int', to_stage_id: 'int', changed_at: 'timestamptz', changed_by: 'int',
};
/** SQLite binds at most 32,766 parameters; multi-row INSERTs stay well under. */
const SQLITE_PARAMS_PER_STATEMENT = 12_000;
const TABLES = ['products', 'opportunities', 'opportunity_lines', 'opportunity_stage_history', 'sales', 'sale_lines'] as const;

interface Product { id: number; description: string; listPrice: number; unit: string; onSale: boolean }
interface StageInfo extends Stage { position: number; openIndex: number }

/**
 * Benchmark (and large demo) opportunities, written in bulk: a product catalogue from the
 * product-category dictionary's subcategories, then opportunities spread over the live
 * customers (a few big accounts, a long tail), 1–5 product lines each, 1–4 stage history rows,
 * and a sale (with the lines copied, numbered SO-<year>-<n>) for a share of the won ones.
 * Every derived value is what the record service would store: line amounts from
 * `lineAmountExact`, the amount their sum, probability and status from the stage's attributes
 * (stage-rules.ts), the weighted amount `percentOf(amount, probability)`, closedAt for won and
 * lost, the search columns from `searchColumns`. Large loads defer index and FTS upkeep (bulk-load.ts).
 */
export async function seedOpportunities(db: Database, opts: OpportunitySeedOptions = {}): Promise<OpportunitySeedResult> {
  const total = opts.opportunities ?? 100;
  const productCount = opts.products ?? 50;
  if (!Number.isInteger(total) || total < 0 || !Number.isInteger(productCount) || productCount < 0) throw new Error('opportunities and products must be whole numbers ≥ 0');
  const started = performance.now();
  const r = prng(opts.seed ?? 20261201);
  const now = opts.now ?? Date.now();
  const owners = opts.owners ?? 1;
  const saleShare = opts.saleShare ?? 0.3;
  const directSales = opts.directSales ?? 0;
  if (!Number.isInteger(directSales) || directSales < 0) throw new Error('directSales must be a whole number ≥ 0');
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);

  // Owners, as the activities seed makes them.
  const { rows: userRows } = await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(db.kysely);
  for (let u = Number(userRows[0].n) + 1; u <= owners; u++) {
    await sql`INSERT INTO users (name, email, locale, created_at, updated_at) VALUES (${`User ${u}`}, NULL, 'en', ${iso(now)}, ${iso(now)})`.execute(db.kysely);
  }
  const ownerCount = Math.max(1, owners);

  const { rows: dv } = await sql<{ id: number; dictionary_key: string; code: string; parent_id: number | null; position: number }>`SELECT id, dictionary_key, code, parent_id, position
    FROM dictionary_values WHERE dictionary_key IN ('product-category', 'product-unit', ${STAGE_DICTIONARY}, 'customer-source', 'sale-status', 'payment-terms')
    AND active = ${db.dialect === 'postgres' ? sql`TRUE` : sql`1`} ORDER BY position, id`.execute(db.kysely);
  const values = (key: string) => dv.filter((v) => v.dictionary_key === key);
  const unitIds = new Map(values('product-unit').map((v) => [v.code, Number(v.id)]));
  const unitCodes = new Map(values('product-unit').map((v) => [Number(v.id), v.code]));
  const subcategories = values('product-category').filter((v) => v.parent_id !== null);
  const sources = values('customer-source').map((v) => Number(v.id));
  const saleStatuses = values('sale-status');
  const paymentTerms = values('payment-terms').map((v) => Number(v.id));

  // Stages with their probability and outcome, read the way stage-rules.ts reads them.
  const stages: StageInfo[] = [];
  let openIndex = 0;
  for (const v of values(STAGE_DICTIONARY).filter((x) => x.parent_id === null)) {
    const s = await stageOf(db.kysely, Number(v.id));
    if (s) stages.push({ ...s, position: Number(v.position), openIndex: s.outcome === 'open' ? openIndex++ : -1 });
  }
  if (total > 0 && stages.length === 0) throw new Error('the opportunity-stage dictionary has no active values');
  const openStages = stages.filter((s) => s.outcome === 'open');
  const won = stages.filter((s) => s.outcome === 'won');
  const lost = stages.filter((s) => s.outcome === 'lost');
  // Early stages hold more opportunities than late ones; about a quarter are won, a sixth lost.
  const stagePick = weighted(stages, (s) => (s.outcome === 'open' ? Math.max(4, 22 - 5 * s.openIndex) : s.outcome === 'won' ? 25 / won.length : 17 / lost.length));
  const statusPick = weighted(saleStatuses, (s) => ({ confirmed: 20, shipped: 25, paid: 50, cancelled: 5 }[s.code] ?? 10));

  const { rows: cust } = await sql<{ id: number; name: string }>`SELECT id, name FROM customers WHERE deleted_at IS NULL ORDER BY id`.execute(db.kysely);
  if (total > 0 && cust.length === 0) throw new Error('seed customers first: opportunities belong to customers');
  const currency = await installationCurrency(db.kysely);
  const minor = (major: number) => Math.round(major * 10 ** currency.digits);
  const maxId = async (table: string) => Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM ${sql.table(table)}`.execute(db.kysely)).rows[0].m ?? 0);
  let productId = await maxId('products');
  let opportunityId = await maxId('opportunities');
  let saleId = await maxId('sales');
  const firstCode = productCount > 0 ? await nextCode(productEntity, db.kysely) : null;
  const auto = productEntity.autoCode;
  let codeNo = firstCode && auto ? Number(firstCode.slice(auto.prefix.length + 1)) : 1;
  // Sale numbers continue each year's series (SO-<year>-<n>, as records.ts nextCode numbers them).
  const saleNo = new Map<number, number>();
  const saleAuto = saleEntity.autoCode;
  for (let y = 2020; y <= new Date(now).getUTCFullYear() + 1 && saleAuto; y++) {
    const prefix = `${saleAuto.prefix}-${y}-`;
    const { rows } = await sql<{ n: string }>`SELECT number AS n FROM sales WHERE number >= ${prefix + '0'.repeat(saleAuto.digits)} AND number <= ${prefix + '9'.repeat(saleAuto.digits)} ORDER BY number DESC LIMIT 1`.execute(db.kysely);
    saleNo.set(y, rows[0] ? Number(rows[0].n.slice(prefix.length)) + 1 : 1);
  }
  const saleNumber = (orderDate: string) => {
    const y = Number(orderDate.slice(0, 4));
    const n = saleNo.get(y) ?? 1;
    saleNo.set(y, n + 1);
    return `${saleAuto?.prefix ?? 'SO'}-${y}-${String(n).padStart(saleAuto?.digits ?? 5, '0')}`;
  };

  const record = (entity: EntityDef, rec: Record<string, unknown>, system: Row, columns: readonly string[]): unknown[] => {
    const cols: Row = { ...toColumns(entity, rec, db.dialect), ...searchColumns(entity, rec), ...system };
    return columns.map((c) => cols[c] ?? null);
  };
  const sqliteBatch = (columns: readonly string[]) => Math.floor(SQLITE_PARAMS_PER_STATEMENT / columns.length);
  /** One table's rows, in one transaction per call (the caller chunks). */
  const insert = async (table: string, columns: readonly string[], n: number, rowValues: () => unknown[]) => {
    if (n === 0) return;
    if (db.sqlite) insertSqliteRows(db.sqlite, table, columns, n, rowValues, { batchRows: sqliteBatch(columns), txRows: n });
    else await insertPgRows(db, table, columns, PG_TYPES, n, rowValues, { batchRows: 5000, txRows: n });
  };
  const fromBuffer = (rows: unknown[][]) => { let i = 0; return () => rows[i++]; };

  const defer = opts.deferIndexes ?? total >= 20_000;
  const restores: (() => Promise<void>)[] = [];
  const counts = { products: 0, opportunities: 0, lines: 0, stageHistory: 0, sales: 0, saleLines: 0 };
  let indexRebuildMs = 0;
  try {
    if (defer && total > 0) for (const t of TABLES) restores.push(await deferIndexes(db, t, { foreignKeys: true }));

    // ------------------------------------------------ products
    const systemAt = (ms: number, owner: number, version = 1): Row => ({ owner_id: owner, created_by: owner, updated_by: owner, created_at: iso(ms), updated_at: iso(ms), version });
    const productStart = Date.parse('2023-01-02T00:00:00Z');
    await insert('products', PRODUCT_COLUMNS, productCount, () => {
      const sub = subcategories.length ? pick(subcategories) : null;
      const cat = (sub && CATALOGUE[sub.code]) ?? CATALOGUE.peripherals;
      const lang = int(0, 2) as Lang;
      const noun = pick(cat.nouns)[lang];
      const series = `${pick(SERIES)} ${int(1, 99)}`;
      const major = cat.price[0] + r() * (cat.price[1] - cat.price[0]);
      const listPrice = minor(major >= 100 ? Math.round(major / 10) * 10 : Math.round(major));
      const created = productStart + Math.floor(r() * (now - productStart) * 0.5);
      const rec = {
        name: `${pick(BRANDS)} ${noun} ${series}`, code: auto ? `${auto.prefix}-${String(codeNo++).padStart(auto.digits, '0')}` : null,
        categoryId: sub && sub.parent_id !== null ? Number(sub.parent_id) : null, subcategoryId: sub ? Number(sub.id) : null,
        model: `${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}-${int(100, 9999)}`,
        unitId: unitIds.get(pick(cat.units)) ?? null, listPrice, costPrice: r() < 0.1 ? null : Math.round(listPrice * (0.45 + r() * 0.4)),
        taxRate: r() < 0.8 ? 10 : 0, status: r() < 0.9 ? 'on-sale' : 'discontinued', description: r() < 0.4 ? DESCRIPTIONS[lang] : null,
      };
      return record(productEntity, rec, { id: ++productId, ...systemAt(created, 1, r() < 0.2 ? 2 : 1) }, PRODUCT_COLUMNS);
    });
    counts.products = productCount;
    // Lines pick from every live product (these and any there were), as a user would.
    const { rows: pr } = await sql<{ id: number; name: string; model: string | null; list_price: number | null; unit_id: number | null; status: string }>`SELECT id, name, model,
      list_price, unit_id, status FROM products WHERE deleted_at IS NULL ORDER BY id`.execute(db.kysely);
    const products: Product[] = pr.map((p) => ({
      id: Number(p.id), description: [p.name, p.model].filter((x) => typeof x === 'string' && x !== '').join(' · '),
      listPrice: p.list_price === null ? minor(100) : Number(p.list_price), unit: unitCodes.get(Number(p.unit_id)) ?? 'each', onSale: p.status === 'on-sale',
    }));

    // ------------------------------------------------ opportunities with lines, history and sales
    const quantity = (unit: string): number => {
      switch (unit) {
        case 'hour': return int(2, 160) / 2;
        case 'kg': return int(1, 200) / 2;
        case 'month': return pick([1, 3, 6, 12, 12, 24, 36]);
        case 'licence': return 1 + Math.floor(r() ** 2 * 500);
        default: return 1 + Math.floor(r() ** 2 * 50);
      }
    };
    const rangeFrom = Date.parse('2024-01-01T00:00:00Z');
    const rangeTo = Date.parse('2027-12-31T00:00:00Z');
    const oldest = Date.parse('2023-07-01T00:00:00Z');
    const chunkRows = 10_000;
    let done = 0;
    while (done < total) {
      const n = Math.min(chunkRows, total - done);
      const lineRows: unknown[][] = [];
      const historyRows: unknown[][] = [];
      const saleRows: unknown[][] = [];
      const saleLineRows: unknown[][] = [];
      const links: [opportunity: number, sale: number][] = [];
      await insert('opportunities', OPPORTUNITY_COLUMNS, n, () => {
        const id = ++opportunityId;
        // A few big accounts and a long tail: customer i gets about 1/√i of the share.
        const customer = cust[Math.floor(r() ** 2 * cust.length)];
        const lang = langOf(customer.name);
        const stage = stagePick(r);
        const closed = stage.outcome !== 'open';
        const owner = 1 + Math.floor(r() * ownerCount);
        // Closed ones were expected to close by about now; open ones anywhere in 2024–2027.
        const ecdTo = closed ? Math.min(rangeTo, now + 30 * DAY) : rangeTo;
        const ecd = rangeFrom + Math.floor(r() * ((ecdTo - rangeFrom) / DAY)) * DAY;
        const created = Math.max(oldest, Math.min(ecd - int(20, 400) * DAY + int(0, 86_399) * 1000, now - int(1, 30 * 24) * 3_600_000));
        const closedAt = closed ? Math.min(now, Math.max(created + DAY, ecd + int(-60, 30) * DAY + int(0, 86_399) * 1000)) : null;
        const lastChange = closedAt ?? (r() < 0.3 ? created : created + Math.floor(r() * (now - created)));

        const lines: { productId: number | null; description: string; quantity: number; unitPrice: number; discountPercent: number; amount: number }[] = [];
        let amount = 0n;
        for (let i = 0, count = int(1, 5); i < count; i++) {
          let product = products.length ? pick(products) : null;
          if (product && !product.onSale && !closed) product = pick(products); // open deals rarely quote a discontinued product
          const unitPrice = product ? (r() < 0.8 ? product.listPrice : Math.round(product.listPrice * (0.85 + r() * 0.15))) : minor(int(10, 2000));
          const discountPercent = r() < 0.6 ? 0 : pick([5, 10, 12.5, 15, 20]);
          const q = quantity(product?.unit ?? 'each');
          const exact = lineAmountExact(q, unitPrice, discountPercent);
          amount += exact;
          lines.push({ productId: product?.id ?? null, description: product?.description ?? 'Consulting', quantity: q, unitPrice, discountPercent, amount: Number(exact) });
        }
        const sum = Number(amount);
        const probability = stage.probability;

        // The stages it went through (1–4 history rows): some earlier open stages in order, then this
        // one. It was created at the first (the history's first row, at createdAt); a closed one
        // was moved to its outcome later (its last row, at closedAt).
        const before = openStages.filter((s) => closed || s.openIndex < stage.openIndex);
        const steps = Math.min(closed ? int(1, 3) : int(0, 3), before.length);
        const path: StageInfo[] = [];
        before.forEach((s, i) => { if (r() * (before.length - i) < steps - path.length) path.push(s); });
        path.push(stage);
        path.forEach((s, i) => {
          const at = path.length === 1 ? created : created + Math.floor(((lastChange - created) * i) / (path.length - 1));
          historyRows.push([id, i === 0 ? null : path[i - 1].id, s.id, sum, iso(at), owner]);
        });

        let updated = lastChange;
        let version = path.length;
        if (stage.outcome === 'won' && closedAt !== null && r() < saleShare) {
          const sid = ++saleId;
          const saleAt = Math.min(now, closedAt + int(0, 3 * 24) * 3_600_000);
          const orderDate = day(saleAt);
          const number = saleNumber(orderDate);
          saleRows.push(record(saleEntity, {
            number, customerId: customer.id, opportunityId: id, orderDate, statusId: saleStatuses.length ? Number(statusPick(r).id) : null,
            paymentTermsId: paymentTerms.length ? pick(paymentTerms) : null, total: sum,
          }, { id: sid, ...systemAt(saleAt, owner) }, SALE_COLUMNS));
          lines.forEach((l, i) => saleLineRows.push([sid, i, l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount]));
          links.push([id, sid]);
          // Converting links the opportunity to its sale (sale-links.ts): a new version.
          updated = saleAt;
          version++;
        }
        lines.forEach((l, i) => lineRows.push([id, i, l.productId, l.description, l.quantity, l.unitPrice, l.discountPercent, l.amount]));

        const topic = TOPIC_PICK[lang](r)[0];
        const suffix = r() < 0.5 ? ` ${new Date(ecd).getUTCFullYear()}` : r() < 0.2 ? ` ${PHASE[lang]}` : '';
        const rec = {
          name: `${customer.name} ${topic}${suffix}`.slice(0, 200), customerId: customer.id, stageId: stage.id, probability,
          expectedCloseDate: day(ecd), sourceId: sources.length && r() < 0.6 ? pick(sources) : null,
          amount: sum, weightedAmount: percentOf(sum, probability), status: stage.outcome, closedAt: closedAt === null ? null : iso(closedAt),
          nextStep: closed ? null : pick(NEXT_STEPS[lang]), lostReason: stage.outcome === 'lost' ? pick(LOST_REASONS) : null,
          notes: r() < 0.1 ? NOTES[lang] : null,
        };
        return record(opportunityEntity, rec, { id, owner_id: owner, created_by: owner, updated_by: owner, created_at: iso(created), updated_at: iso(updated), version }, OPPORTUNITY_COLUMNS);
      });
      // This chunk's share of the direct sales: a customer, 1–5 lines, dated any day from 2024 to now.
      for (let i = 0, m = Math.round((directSales * (done + n)) / total) - Math.round((directSales * done) / total); i < m; i++) {
        const sid = ++saleId;
        const customer = cust[Math.floor(r() ** 2 * cust.length)];
        const owner = 1 + Math.floor(r() * ownerCount);
        const saleAt = rangeFrom + Math.floor(r() * (now - rangeFrom));
        const orderDate = day(saleAt);
        let sum = 0n;
        for (let j = 0, count = int(1, 5); j < count; j++) {
          const product = products.length ? pick(products) : null;
          const unitPrice = product ? product.listPrice : minor(int(10, 2000));
          const discountPercent = r() < 0.6 ? 0 : pick([5, 10, 12.5, 15, 20]);
          const q = quantity(product?.unit ?? 'each');
          const exact = lineAmountExact(q, unitPrice, discountPercent);
          sum += exact;
          saleLineRows.push([sid, j, product?.id ?? null, product?.description ?? 'Consulting', q, unitPrice, discountPercent, Number(exact)]);
        }
        saleRows.push(record(saleEntity, {
          number: saleNumber(orderDate), customerId: customer.id, opportunityId: null, orderDate, statusId: saleStatuses.length ? Number(statusPick(r).id) : null,
          paymentTermsId: paymentTerms.length ? pick(paymentTerms) : null, total: Number(sum),
        }, { id: sid, ...systemAt(saleAt, owner) }, SALE_COLUMNS));
      }
      await insert('opportunity_lines', lineColumns('opportunity_id'), lineRows.length, fromBuffer(lineRows));
      await insert('opportunity_stage_history', HISTORY_COLUMNS, historyRows.length, fromBuffer(historyRows));
      await insert('sales', SALE_COLUMNS, saleRows.length, fromBuffer(saleRows));
      await insert('sale_lines', lineColumns('sale_id'), saleLineRows.length, fromBuffer(saleLineRows));
      // The opportunity → sale link, once the sale exists (each refers to the other).
      if (links.length && db.sqlite) {
        const link = db.sqlite.prepare('UPDATE opportunities SET sale_id = ? WHERE id = ?');
        db.sqlite.transaction(() => { for (const [o, s] of links) link.run(s, o); })();
      } else if (links.length) {
        await sql`UPDATE opportunities AS o SET sale_id = v.s FROM unnest(${links.map((l) => l[0])}::int[], ${links.map((l) => l[1])}::int[]) AS v(o, s)
          WHERE o.id = v.o`.execute(db.kysely);
      }
      counts.opportunities += n;
      counts.lines += lineRows.length;
      counts.stageHistory += historyRows.length;
      counts.sales += saleRows.length;
      counts.saleLines += saleLineRows.length;
      done += n;
      opts.onProgress?.(done, total);
    }
    if (db.dialect === 'postgres') {
      // Explicit ids were written: the identity sequences continue after them.
      for (const t of ['products', 'opportunities', 'sales']) {
        await sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), (SELECT max(id) FROM ${sql.table(t)}))`.execute(db.kysely);
      }
    }
  } finally {
    const t = performance.now();
    for (const restore of restores) await restore();
    indexRebuildMs = Math.round(performance.now() - t);
  }
  const ms = performance.now() - started;
  const rows = counts.products + counts.opportunities + counts.lines + counts.stageHistory + counts.sales + counts.saleLines;
  return {
    ...counts, rows, ms: Math.round(ms), indexRebuildMs, rowsPerSecond: Math.round(rows / (ms / 1000)),
    opportunitiesPerSecond: Math.round(counts.opportunities / (ms / 1000)), deferred: restores.length > 0,
  };
}
