// Frozen once shipped: never edit; add a new migration instead.
// Products (M7) and dictionaries edited where they are used (M7.c, M7.d): value attributes,
// the hierarchical product category dictionary (categories with subcategories) and units.
import type { Kysely } from 'kysely';
import type { DbSchema } from '../database.js';
import { dialectOf, ddlFor } from '../ddl.js';
import { createSearchIndexes, liveIndexes, recordColumns, run, seedDictionary, type SeedValue } from './record-table-v1.js';

const v = (code: string, en: string, ko: string, zh: string, children?: readonly SeedValue[]): SeedValue => ({ code, en, ko, zh, children });

const CATEGORIES: readonly SeedValue[] = [
  v('hardware', 'Hardware', '하드웨어', '硬件', [
    v('computers', 'Computers', '컴퓨터', '电脑'), v('monitors', 'Monitors', '모니터', '显示器'), v('peripherals', 'Peripherals', '주변기기', '外设'),
  ]),
  v('software', 'Software', '소프트웨어', '软件', [
    v('licences', 'Licences', '라이선스', '许可证'), v('subscriptions', 'Subscriptions', '구독', '订阅'),
  ]),
  v('services', 'Services', '서비스', '服务', [
    v('installation', 'Installation', '설치', '安装'), v('maintenance', 'Maintenance', '유지보수', '维护'), v('training', 'Training', '교육', '培训'),
  ]),
];

const UNITS: readonly SeedValue[] = [
  v('each', 'Each', '개', '个'), v('box', 'Box', '상자', '箱'), v('set', 'Set', '세트', '套'), v('kg', 'kg', 'kg', '千克'),
  v('hour', 'Hour', '시간', '小时'), v('month', 'Month', '개월', '月'), v('licence', 'Licence', '라이선스', '许可'),
];

export async function up(db: Kysely<DbSchema>): Promise<void> {
  const d = ddlFor(dialectOf(db));

  // Attributes a dictionary declares for its values (shared/dictionaries.ts), as JSON.
  await run(db, `ALTER TABLE dictionary_values ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}'`);
  // A category's subcategories, in order; also what a parent's deletion checks.
  await run(db, `CREATE INDEX dictionary_values_parent ON dictionary_values (parent_id, position, id)`);

  await run(db, `CREATE TABLE products (
    id ${d.id},
    name TEXT NOT NULL,
    code TEXT,
    category_id INTEGER REFERENCES dictionary_values(id),
    subcategory_id INTEGER REFERENCES dictionary_values(id),
    model TEXT,
    unit_id INTEGER REFERENCES dictionary_values(id),
    list_price ${d.money},
    cost_price ${d.money},
    tax_rate ${d.decimal},
    status TEXT NOT NULL DEFAULT 'on-sale' CHECK (status IN ('on-sale', 'discontinued')),
    description TEXT,
    ${recordColumns(d)})`);
  await run(db, `CREATE UNIQUE INDEX products_unique_code ON products (code) WHERE deleted_at IS NULL`);
  await liveIndexes(db, 'products', ['name', 'code', 'category_id', 'subcategory_id', 'model', 'unit_id', 'list_price', 'cost_price', 'status',
    'updated_at', 'created_at', 'owner_id']);
  // "On sale in this category, by name": the product picker of a line and the grouped list.
  await run(db, `CREATE INDEX products_live_category_name ON products (category_id, name, id) WHERE deleted_at IS NULL`);
  await run(db, `CREATE INDEX products_live_status_name ON products (status, name, id) WHERE deleted_at IS NULL`);
  await createSearchIndexes(db, 'products');

  await seedDictionary(db, 'product-category', CATEGORIES, true);
  await seedDictionary(db, 'product-unit', UNITS);
}
