import type { ColumnKind } from '../../../../shared/analysis-tables.js';
import { shownKind, type FieldDef } from '../../../../shared/entity/field.js';
import { formatMoney as money, type Currency } from '../../../../shared/money.js';
import { enumLabel, translate, translateWith } from '../../../core/i18n.js';
import type { Locale } from '../../../core/list-params.js';

/** What every value of one report is written with: the reader's language, the installation's zone and currency. */
export interface ReportFormat { locale: Locale; timeZone: string; currency: Currency }

const DAY_SECONDS = 86_400;

/** An instant as the installation's wall clock, in the reader's words ("2026. 12. 2. 오후 1:37"). */
export function formatInstant(iso: string, f: ReportFormat): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  // Korean and Chinese reports read a 24-hour clock (Node's ICU writes "PM" in Korean, not "오후").
  return new Intl.DateTimeFormat(f.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: f.timeZone, hourCycle: f.locale === 'en' ? undefined : 'h23' }).format(ms);
}

/** A calendar date (YYYY-MM-DD) in the reader's words; it has no zone, so it is read as UTC. */
export function formatDate(date: string, f: ReportFormat, style: 'medium' | 'long' = 'medium'): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(ms)) return date;
  return new Intl.DateTimeFormat(f.locale, { dateStyle: style, timeZone: 'UTC' }).format(ms);
}

/** Money in minor units, in the installation's currency. */
export const formatMoney = (minor: number, f: ReportFormat) => money(minor, f.currency, f.locale);

export const formatNumber = (n: number, f: ReportFormat, digits = 2) => new Intl.NumberFormat(f.locale, { maximumFractionDigits: digits }).format(n);

/** One field of a record as text: labels for dictionaries and references, money formatted, dates in the zone. */
export function fieldText(entityName: string, name: string, field: FieldDef, value: unknown, label: string | string[] | null | undefined, f: ReportFormat): string {
  if (Array.isArray(label)) return label.join(', ');
  if (value === null || value === undefined || value === '') return '';
  if (label !== undefined) return label ?? String(value);
  switch (shownKind(field)) {
    case 'money': return typeof value === 'number' ? formatMoney(value, f) : String(value);
    case 'percent': return typeof value === 'number' ? `${formatNumber(value, f)}%` : String(value);
    case 'decimal': case 'integer': return typeof value === 'number' ? formatNumber(value, f, 6) : String(value);
    case 'boolean': return translate(f.locale, value ? 'field.yes' : 'field.no', value ? 'Yes' : 'No');
    case 'enum': return enumLabel(f.locale, entityName, name, String(value));
    case 'datetime': return formatInstant(String(value), f);
    case 'date': return formatDate(String(value), f);
    default: return String(value);
  }
}

/** An analysis table's cell as the analysis page shows it: money, counts, shares and changes in %, times in days. */
export function analysisCellText(v: string | number | null, kind: ColumnKind, f: ReportFormat): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'money': return formatMoney(v, f);
    case 'share': return new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1 }).format(v);
    case 'change': return new Intl.NumberFormat(f.locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v);
    case 'duration': return translateWith(f.locale, 'analysis.days', { n: formatNumber(v / DAY_SECONDS, f, 1) });
    case 'count': return formatNumber(v, f, 0);
    default: return String(v);
  }
}
