import { CompiledQuery, sql } from 'kysely';
import { customerEntity } from '../../shared/entities/customer.entity.js';
import type { Database } from '../db/database.js';
import { deferIndexes, insertSqliteRows } from '../db/bulk-load.js';
import { searchColumns, toColumns, type Row } from '../core/record-mapper.js';
import { nextCode } from '../core/records.js';
import { DICT_WEIGHTS, EMAIL_USERS, EN_FORMS, KO_FORMS, LANGS, ZH_FORMS, type Lang, type Part, type RegionInfo } from './demo-data.js';

export interface SeedOptions {
  /** How many customers to add (default 200). */
  customers?: number;
  /** PRNG seed: the same seed on an empty database gives the same rows. */
  seed?: number;
  /** Drop indexes/FTS triggers during the load and rebuild after; default: when adding 20,000 or more. */
  deferIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult { customers: number; firstCode: string | null; ms: number; rowsPerSecond: number; deferred: boolean }

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: Rand, n: number) => { let s = ''; for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10)); return s; };

/** Picks by weight in O(log n) from a prefix-sum table. */
export function weighted<T>(items: readonly T[], weightOf: (t: T) => number): (r: Rand) => T {
  const cum: number[] = [];
  let sum = 0;
  for (const it of items) { sum += weightOf(it); cum.push(sum); }
  return (r) => {
    const x = r() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid] > x) hi = mid; else lo = mid + 1; }
    return items[lo];
  };
}

const partWeight = (p: Part) => p[2] ?? 1;
const LANG_PICK = weighted(Object.keys(LANGS) as Lang[], (l) => LANGS[l].weight);
const PICKERS = Object.fromEntries((Object.keys(LANGS) as Lang[]).map((l) => [l, {
  region: weighted(LANGS[l].regions, (x: RegionInfo) => x.weight),
  brand: weighted(LANGS[l].brands, partWeight),
  core: weighted(LANGS[l].cores, partWeight),
}])) as Record<Lang, { region: (r: Rand) => RegionInfo; brand: (r: Rand) => Part; core: (r: Rand) => Part }>;

// Fixed dates keep the data identical from one run to the next.
const START = Date.parse('2022-01-03T00:00:00Z');
const END = Date.parse('2025-11-14T18:00:00Z');

function phone(r: Rand, lang: Lang, area: string, mobile: boolean): string {
  if (lang === 'ko') return mobile ? `010-${digits(r, 4)}-${digits(r, 4)}` : `${area}-${area === '02' ? int(r, 2, 9) + digits(r, 3) : int(r, 2, 9) + digits(r, 2)}-${digits(r, 4)}`;
  if (lang === 'zh') return mobile ? `1${pick(r, ['3', '5', '8'])}${digits(r, 1)} ${digits(r, 4)} ${digits(r, 4)}` : `${area}-${int(r, 2, 8)}${digits(r, area.length === 3 ? 7 : 6)}`;
  return `(${area}) ${int(r, 2, 9)}${digits(r, 2)}-${digits(r, 4)}`;
}

/** One demo customer as API field values (camelCase), before system columns. */
export function demoCustomer(r: Rand, dict: (key: string, r: Rand) => number | null): Record<string, unknown> {
  const lang = LANG_PICK(r);
  const L = LANGS[lang];
  const P = PICKERS[lang];
  const region = P.region(r);
  const [city, area, postal] = pick(r, region.cities);
  const brand = P.brand(r);
  const core = P.core(r);
  let name: string;
  if (lang === 'ko') {
    const form = pick(r, KO_FORMS);
    name = form === '(주)' ? `${brand[0]}${core[0]}(주)` : `${form}${brand[0]}${core[0]}`;
  } else if (lang === 'zh') {
    name = `${r() < 0.6 ? city : ''}${brand[0]}${core[0]}${pick(r, ZH_FORMS)}`;
  } else {
    name = `${brand[0]} ${core[0]} ${pick(r, EN_FORMS)}`.trim();
  }
  const n = r() < 0.7 ? '' : String(int(r, 1, 99));
  const domain = `${brand[1]}${lang === 'en' ? '' : '-'}${core[1]}${n}.${L.tld}`;
  const street = pick(r, L.streets);
  const no = int(r, 1, 999);
  const address = lang === 'ko' ? `${city} ${street} ${no}` : lang === 'zh' ? `${city}市${street}${no}号` : `${no} ${street}`;
  const postalCode = postal + digits(r, (lang === 'zh' ? 6 : 5) - postal.length);
  return {
    name,
    typeId: dict('customer-type', r),
    industryId: dict('industry', r),
    sourceId: dict('customer-source', r),
    ratingId: dict('customer-rating', r),
    statusId: dict('customer-status', r),
    phone: phone(r, lang, area, false),
    fax: r() < 0.3 ? phone(r, lang, area, false) : null,
    mobile: r() < 0.6 ? phone(r, lang, area, true) : null,
    email: r() < 0.9 ? `${pick(r, EMAIL_USERS)}@${domain}` : null,
    website: r() < 0.7 ? `https://www.${domain}` : null,
    country: L.country,
    regionId: dict(`region:${region.code}`, r),
    city,
    address,
    postalCode,
    notes: r() < 0.15 ? pick(r, L.notes) : null,
  };
}

const PG_TYPES: Record<string, string> = { type_id: 'int', industry_id: 'int', source_id: 'int', rating_id: 'int', status_id: 'int',
  region_id: 'int', owner_id: 'int', created_by: 'int', updated_by: 'int', version: 'int', created_at: 'timestamptz', updated_at: 'timestamptz' };
const COLUMNS = ['name', 'code', 'type_id', 'industry_id', 'source_id', 'rating_id', 'status_id', 'phone', 'fax', 'mobile', 'email',
  'website', 'country', 'region_id', 'city', 'address', 'postal_code', 'notes', 'owner_id', 'created_at', 'updated_at', 'created_by',
  'updated_by', 'version', 'search_text', 'search_grams'] as const;

const PG_INSERT = `INSERT INTO ${customerEntity.table} (${COLUMNS.join(',')}) SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`;

/**
 * Fills a demo company: Korean, Chinese and English customers with dictionary values,
 * local phone formats and varied dates. Inserts in batched transactions with multi-row
 * INSERTs; large loads defer index and FTS upkeep and rebuild at the end.
 */
export async function seedDemo(db: Database, opts: SeedOptions = {}): Promise<SeedResult> {
  const total = opts.customers ?? 200;
  if (!Number.isInteger(total) || total < 0) throw new Error('customers must be a whole number ≥ 0');
  const started = performance.now();
  const entity = customerEntity;
  const r = prng(opts.seed ?? 20251114);

  // Dictionary values by code, looked up once; region values are keyed `region:<code>`.
  const { rows: dv } = await sql<{ id: number; dictionary_key: string; code: string }>`SELECT id, dictionary_key, code FROM dictionary_values WHERE active = ${db.dialect === 'postgres' ? sql`TRUE` : sql`1`}`.execute(db.kysely);
  const byCode = new Map(dv.map((v) => [`${v.dictionary_key}:${v.code}`, Number(v.id)]));
  const pickers = new Map<string, (r: Rand) => number | null>();
  for (const [key, values] of Object.entries(DICT_WEIGHTS)) {
    const present = values.filter(([code]) => byCode.has(`${key}:${code}`));
    if (present.length === 0) { pickers.set(key, () => null); continue; }
    const w = weighted(present, (x) => x[1]);
    pickers.set(key, (rr) => byCode.get(`${key}:${w(rr)[0]}`) ?? null);
  }
  const dict = (key: string, rr: Rand): number | null => {
    if (key.startsWith('region:')) return byCode.get(key) ?? null;
    const p = pickers.get(key);
    // Keep the PRNG stream the same whether or not a dictionary exists.
    if (!p) { rr(); return null; }
    return p(rr);
  };
  const { rows: users } = await sql<{ id: number }>`SELECT id FROM users ORDER BY id LIMIT 1`.execute(db.kysely);
  const userId = users[0] ? Number(users[0].id) : null;
  const firstCode = total > 0 ? await nextCode(entity, db.kysely) : null;
  const auto = entity.autoCode;
  let codeNo = firstCode && auto ? Number(firstCode.slice(auto.prefix.length + 1)) : 1;

  const defer = opts.deferIndexes ?? total >= 20_000;
  const restore = defer && total > 0 ? await deferIndexes(db, entity.table) : null;
  const batchRows = db.dialect === 'sqlite' ? 500 : 2000; // SQLite: ≤ 13,000 bound parameters
  const txRows = 10_000;
  let done = 0;
  try {
    const rowValues = (): unknown[] => {
      const rec = demoCustomer(r, dict);
      if (auto) rec[auto.field] = `${auto.prefix}-${String(codeNo++).padStart(auto.digits, '0')}`;
      const created = START + Math.floor(r() * (END - START));
      const updated = r() < 0.3 ? created : created + Math.floor(r() * (END - created));
      const cols: Row = {
        ...toColumns(entity, rec, db.dialect),
        ...searchColumns(entity, rec),
        owner_id: userId, created_by: userId, updated_by: userId, version: 1,
        created_at: new Date(created).toISOString(), updated_at: new Date(updated).toISOString(),
      };
      return COLUMNS.map((c) => cols[c] ?? null);
    };
    if (db.sqlite) {
      insertSqliteRows(db.sqlite, entity.table, COLUMNS, total, rowValues, { batchRows, txRows, onProgress: opts.onProgress });
      done = total;
    } else {
      while (done < total) {
        const n = Math.min(txRows, total - done);
        await db.kysely.transaction().execute(async (trx) => {
          let inflight: Promise<unknown> | null = null;
          for (let i = 0; i < n; i += batchRows) {
            const m = Math.min(batchRows, n - i);
            // One array parameter per column through unnest(): a small statement PostgreSQL
            // parses and plans quickly, instead of 26,000 scalar parameters. The next batch
            // is generated while the server inserts the previous one.
            const arrays: unknown[][] = COLUMNS.map(() => []);
            for (let k = 0; k < m; k++) rowValues().forEach((v, j) => arrays[j].push(v));
            if (inflight) await inflight;
            inflight = trx.executeQuery(CompiledQuery.raw(PG_INSERT, arrays));
          }
          if (inflight) await inflight;
        });
        done += n;
        opts.onProgress?.(done, total);
      }
    }
  } finally {
    if (restore) await restore();
  }
  const ms = performance.now() - started;
  return { customers: done, firstCode, ms: Math.round(ms), rowsPerSecond: Math.round(done / (ms / 1000)), deferred: Boolean(restore) };
}
