import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { shownKind, type FieldDef } from '../../../shared/entity/field.js';
import { formatMoney, type Currency } from '../../../shared/money.js';
import { dictionariesApi } from '../dictionaries/dictionariesApi.js';
import { useCurrency } from '../money.js';
import { useUsers, type DictionaryValue } from '../lookups.js';
import { useTimeZone } from '../timeZone.js';

export type Formatter = (field: string, value: unknown) => string;

/**
 * Turns stored values into display text in the user's language: dictionary ids to labels, user ids to
 * names, dates in the locale's format. Loads each dictionary the entity uses once, shared by every cell.
 */
export function useFormatter(entity: EntityDef): Formatter {
  const { i18n, t } = useTranslation();
  const locale = i18n.language;
  const dictKeys = useMemo(
    () => [...new Set(Object.values(entity.allFields).flatMap((f) => (f.kind === 'dictionary' && f.dictionary ? [f.dictionary] : [])))],
    [entity],
  );
  // A stable `combine` is only re-run when some dictionary's data changes, so the formatter (and every
  // memoised grid cell using it) stays the same object across renders.
  const combine = useCallback(
    (results: { data?: DictionaryValue[] }[]) => {
      const map = new Map<string, Map<number, string>>();
      dictKeys.forEach((key, i) => map.set(key, new Map((results[i]?.data ?? []).map((v) => [v.id, v.label]))));
      return map;
    },
    [dictKeys],
  );
  const dictLabels = useQueries({
    queries: dictKeys.map((key) => ({
      queryKey: ['dictionary', key, locale],
      staleTime: 5 * 60_000,
      queryFn: ({ signal }: { signal: AbortSignal }) => dictionariesApi.values(key, signal),
    })),
    combine,
  });
  const users = useUsers();
  const currency = useCurrency();

  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const tz = useTimeZone();
  const formats = useMemo(() => makeFormats(locale, tz), [locale, tz]);

  return useCallback(
    (field: string, value: unknown) => {
      const def = entity.allFields[field];
      if (!def) return value === null || value === undefined ? '' : String(value);
      if (def.kind === 'enum' && typeof value === 'string') return t(`${entity.name}.${field}.${value}`, { defaultValue: value });
      return formatValue(def, value, { dictLabels, userNames, formats, currency, locale, yes: t('field.yes'), no: t('field.no'), colorName: (c) => t(`color.${c}`, { defaultValue: c }) });
    },
    [entity, dictLabels, userNames, formats, currency, locale, t],
  );
}

interface Formats {
  number: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
}

function makeFormats(locale: string, tz: string): Formats {
  return {
    number: new Intl.NumberFormat(locale),
    // Dates are calendar days: format them in UTC so a day never shifts with the viewer's time zone.
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
    // Instants in the zone from Settings (DESIGN.md §9): a grid and a dialog never disagree by an offset.
    dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }),
  };
}

interface FormatContext {
  dictLabels: Map<string, Map<number, string>>;
  userNames: Map<number, string>;
  formats: Formats;
  currency: Currency;
  locale: string;
  yes: string;
  no: string;
  colorName: (name: string) => string;
}

function formatValue(def: FieldDef, value: unknown, ctx: FormatContext): string {
  if (value === null || value === undefined || value === '') return '';
  // A computed value is formatted as the kind it yields (a member count as a number).
  if (shownKind(def) !== def.kind) return formatValue({ ...def, kind: shownKind(def) }, value, ctx);
  if (Array.isArray(value)) return value.map((v) => formatValue({ ...def, kind: 'reference' }, v, ctx)).join(', ');
  switch (def.kind) {
    case 'color':
      return typeof value === 'string' && !value.startsWith('#') ? ctx.colorName(value) : String(value);
    case 'dictionary':
      return ctx.dictLabels.get(def.dictionary ?? '')?.get(Number(value)) ?? `#${String(value)}`;
    case 'reference':
      if (def.reference === 'user') return ctx.userNames.get(Number(value)) ?? `#${String(value)}`;
      return `#${String(value)}`;
    case 'money':
      return typeof value === 'number' ? formatMoney(value, ctx.currency, ctx.locale) : String(value);
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? ctx.formats.number.format(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? `${ctx.formats.number.format(value)}%` : String(value);
    case 'date': {
      const d = new Date(`${String(value)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? String(value) : ctx.formats.date.format(d);
    }
    case 'datetime': {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? String(value) : ctx.formats.dateTime.format(d);
    }
    case 'boolean':
      return value ? ctx.yes : ctx.no;
    default:
      return String(value);
  }
}

/** Only these link schemes are ever rendered as links (no `javascript:`). */
export function safeHref(kind: FieldDef['kind'], value: string): string | undefined {
  const v = value.trim();
  if (kind === 'email') return /^[^\s@]+@[^\s@]+$/.test(v) ? `mailto:${v}` : undefined;
  if (kind === 'phone') return /^[+\d][\d\s().-]*$/.test(v) ? `tel:${v.replace(/[^\d+]/g, '')}` : undefined;
  if (kind === 'url') return /^(https?:\/\/|mailto:|tel:)/i.test(v) ? v : undefined;
  return undefined;
}
