import type { FieldDef } from '../../../shared/entity/field.js';
import { shownKind } from '../../../shared/entity/field.js';
import { toMinor, type Currency } from '../../../shared/money.js';
import type { Locale } from '../list-params.js';
import { midnightOf } from '../time-zones.js';

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/** How a file's cells are read: the language and date order they were written in, the installation's currency and zone. */
export interface ReadContext { locale: Locale; dateOrder: DateOrder; currency: Currency; timeZone: string }

export type Read = { value: unknown } | { message: string };

const TRUE = new Set(['true', 'yes', 'y', '1', 'o', '✓', '예', '네', '참', '是', '对', '真']);
const FALSE = new Set(['false', 'no', 'n', '0', '', '아니오', '아니요', '거짓', '否', '不', '假', '-', 'x']);
/** Spreadsheet day 0 (1899-12-30, the day before Excel's 1900-01-01 counting its phantom leap day). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const FORMULA_QUOTED = /^'[=+\-@\t\r]/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Text as typed; a leading apostrophe that an export added before formula-like text (export.ts `neutralise`) is taken off again. */
export function readText(text: string, multiline: boolean): string {
  const t = multiline ? text.replace(/\r\n?/g, '\n').trim() : text.replace(/\s+/g, ' ').trim();
  return FORMULA_QUOTED.test(t) ? t.slice(1) : t;
}

/** A number as people write it: full-width digits, thousands separators, spaces, a currency sign or code, a trailing %. */
export function readNumber(text: string): number | null {
  const t = text.normalize('NFKC').replace(/[\s,₩¥$€£元円원]/g, '').replace(/^(KRW|CNY|USD|JPY|EUR|RMB)|(KRW|CNY|USD|JPY|EUR|RMB)$/i, '').replace(/%$/, '');
  const neg = /^\((.*)\)$/.exec(t);
  const body = neg ? `-${neg[1]}` : t;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(body)) return null;
  const n = Number(body);
  return Number.isFinite(n) ? n : null;
}

const validDate = (y: number, m: number, d: number) => {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : null;
};

/** A spreadsheet serial day number (45658 = 2025-01-01) as a date and the day's fraction. */
function serialDate(n: number): { date: string; ms: number } | null {
  if (n < 1 || n > 2958465) return null;
  const ms = EXCEL_EPOCH + Math.round(n * 86400000);
  const day = new Date(ms).toISOString().slice(0, 10);
  return { date: day, ms };
}

/**
 * A date in the ways spreadsheets and people write it: 2024-03-05, 2024.3.5, 2024/03/05, 2024년 3월 5일,
 * 2024年3月5日, a spreadsheet serial number, or day and month in the file's order (3/5/2024 is 5 March
 * with m/d/y, 3 May with d/m/y). A time after the date is ignored.
 */
export function readDate(text: string, order: DateOrder): string | null {
  const t = text.normalize('NFKC').trim();
  if (/^\d+(\.\d+)?$/.test(t)) return serialDate(Number(t))?.date ?? null;
  let m = /^(\d{4})\s*[-./년年]\s*(\d{1,2})\s*[-./월月]\s*(\d{1,2})\s*[일日]?(?:[T\s].*)?$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[T\s].*)?$/.exec(t);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return order === 'dmy' ? validDate(y, b, a) : validDate(y, a, b);
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/**
 * An instant: ISO 8601 with an offset as it is; a date and time without one is the installation's
 * wall clock (what a person in the company typed); a spreadsheet serial number likewise.
 */
export function readDateTime(text: string, order: DateOrder, timeZone: string): string | null {
  const t = text.normalize('NFKC').trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  if (/^\d+(\.\d+)?$/.test(t)) {
    const s = serialDate(Number(t));
    return s ? new Date(midnightOf(s.ms, timeZone)).toISOString() : null;
  }
  const time = /(?:[T\s]|^)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|오전|오후|上午|下午)?\s*$/i.exec(t);
  const date = readDate(time ? t.slice(0, time.index).trim() || t : t, order);
  if (!date) return null;
  let h = time ? Number(time[1]) : 0;
  const mer = time?.[4]?.toLowerCase();
  if ((mer === 'pm' || mer === '오후' || mer === '下午') && h < 12) h += 12;
  if ((mer === 'am' || mer === '오전' || mer === '上午') && h === 12) h = 0;
  const wall = Date.parse(`${date}T${pad(h)}:${time ? time[2] : '00'}:${time?.[3] ?? '00'}Z`);
  return Number.isNaN(wall) ? null : new Date(midnightOf(wall, timeZone)).toISOString();
}

/** Yes or no in any of the three languages, or as 1/0, Y/N, O/X. */
export function readBoolean(text: string): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return null;
}

/**
 * One cell as the value of a field of a plain kind (text, numbers, money in major units, dates,
 * yes/no). Dictionary, enum and reference kinds are looked up by name elsewhere (lookups.ts).
 * An empty cell is null.
 */
export function readScalar(f: FieldDef, text: string, ctx: ReadContext): Read {
  const kind = shownKind(f);
  if (text.trim() === '') return { value: null };
  switch (kind) {
    case 'text': case 'phone': case 'email': case 'url': case 'color':
      return { value: readText(text, false) };
    case 'longtext':
      return { value: readText(text, true) };
    case 'integer': {
      const n = readNumber(text);
      return n === null || !Number.isInteger(n) ? { message: `is not a whole number: "${text.slice(0, 40)}"` } : { value: n };
    }
    case 'decimal': case 'percent': {
      const n = readNumber(text);
      return n === null ? { message: `is not a number: "${text.slice(0, 40)}"` } : { value: n };
    }
    case 'money': {
      const n = readNumber(text);
      if (n === null) return { message: `is not an amount: "${text.slice(0, 40)}"` };
      const minor = toMinor(n, ctx.currency);
      return minor === null ? { message: `has more decimals than ${ctx.currency.code} allows: "${text.slice(0, 40)}"` } : { value: minor };
    }
    case 'date': {
      const d = readDate(text, ctx.dateOrder);
      return d ? { value: d } : { message: `is not a date (2024-03-05): "${text.slice(0, 40)}"` };
    }
    case 'datetime': {
      const d = readDateTime(text, ctx.dateOrder, ctx.timeZone);
      return d ? { value: d } : { message: `is not a date and time (2024-03-05 14:30): "${text.slice(0, 40)}"` };
    }
    case 'boolean': {
      const b = readBoolean(text);
      return b === null ? { message: `is not yes or no: "${text.slice(0, 40)}"` } : { value: b };
    }
    default:
      return { message: 'cannot be imported' };
  }
}
