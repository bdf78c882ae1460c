// Frozen once shipped: never edit; add a new migration instead.
// The dictionaries customers use, in the three UI languages, and the local user.
import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf } from '../ddl.js';

type Label = readonly [code: string, en: string, ko: string, zh: string];

const DICTIONARIES: Record<string, readonly Label[]> = {
  'customer-type': [
    ['customer', 'Customer', '고객', '客户'], ['partner', 'Partner', '파트너', '合作伙伴'],
    ['reseller', 'Reseller', '대리점', '经销商'], ['supplier', 'Supplier', '공급업체', '供应商'],
    ['competitor', 'Competitor', '경쟁사', '竞争对手'], ['other', 'Other', '기타', '其他'],
  ],
  industry: [
    ['manufacturing', 'Manufacturing', '제조업', '制造业'], ['it', 'Information technology', '정보기술', '信息技术'],
    ['retail', 'Retail', '소매업', '零售业'], ['finance', 'Finance', '금융', '金融'],
    ['education', 'Education', '교육', '教育'], ['healthcare', 'Healthcare', '의료', '医疗'],
    ['construction', 'Construction', '건설', '建筑'], ['logistics', 'Logistics', '물류', '物流'],
    ['food', 'Food and beverage', '식음료', '餐饮'], ['government', 'Government', '공공기관', '政府'],
  ],
  'customer-source': [
    ['referral', 'Referral', '소개', '推荐'], ['website', 'Website', '웹사이트', '网站'],
    ['exhibition', 'Trade show', '전시회', '展会'], ['cold-call', 'Cold call', '전화 영업', '电话营销'],
    ['advertising', 'Advertising', '광고', '广告'], ['partner', 'Partner', '파트너', '合作伙伴'],
  ],
  'customer-rating': [
    ['a', 'A – key', 'A – 핵심', 'A – 核心'], ['b', 'B – important', 'B – 중요', 'B – 重要'],
    ['c', 'C – normal', 'C – 일반', 'C – 一般'], ['d', 'D – low', 'D – 낮음', 'D – 低'],
  ],
  'customer-status': [
    ['prospect', 'Prospect', '잠재', '潜在'], ['active', 'Active', '거래 중', '合作中'],
    ['inactive', 'Inactive', '휴면', '休眠'], ['lost', 'Lost', '이탈', '流失'],
  ],
  region: [
    ['seoul', 'Seoul', '서울', '首尔'], ['busan', 'Busan', '부산', '釜山'], ['incheon', 'Incheon', '인천', '仁川'],
    ['gyeonggi', 'Gyeonggi', '경기', '京畿道'], ['daegu', 'Daegu', '대구', '大邱'], ['daejeon', 'Daejeon', '대전', '大田'],
    ['gwangju', 'Gwangju', '광주', '光州'], ['ulsan', 'Ulsan', '울산', '蔚山'], ['jeju', 'Jeju', '제주', '济州'],
    ['beijing', 'Beijing', '베이징', '北京'], ['shanghai', 'Shanghai', '상하이', '上海'],
    ['guangdong', 'Guangdong', '광둥', '广东'], ['jiangsu', 'Jiangsu', '장쑤', '江苏'], ['zhejiang', 'Zhejiang', '저장', '浙江'],
    ['california', 'California', '캘리포니아', '加利福尼亚'], ['new-york', 'New York', '뉴욕', '纽约'],
  ],
};

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const now = new Date().toISOString();
  const t = dialectOf(db) === 'postgres' ? sql`TRUE` : sql`1`;
  await sql`INSERT INTO users (name, email, locale, created_at, updated_at) VALUES ('Local user', NULL, 'en', ${now}, ${now})`.execute(db);
  let dictPos = 0;
  for (const [key, values] of Object.entries(DICTIONARIES)) {
    await sql`INSERT INTO dictionaries (key, position) VALUES (${key}, ${dictPos++})`.execute(db);
    let pos = 0;
    for (const [code, en, ko, zh] of values) {
      const labels = JSON.stringify({ en, ko, 'zh-CN': zh });
      await sql`INSERT INTO dictionary_values (dictionary_key, code, label, labels, position, active, created_at, updated_at)
        VALUES (${key}, ${code}, ${en}, ${labels}, ${pos++}, ${t}, ${now}, ${now})`.execute(db);
    }
  }
}
