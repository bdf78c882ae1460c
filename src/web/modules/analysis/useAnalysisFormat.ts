import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnKind } from '../../../shared/analysis-tables.js';
import { formatMoney, toMajor } from '../../../shared/money.js';
import { useCurrency } from '../../core/money.js';

export interface AnalysisFormat {
  /** A cell of a table by its column's kind. */
  cell(kind: ColumnKind, v: string | number | null): string;
  money(minor: number): string;
  /** Money on an axis: short (120만, 1.2M, 120万). */
  axisMoney(minor: number): string;
  count(n: number): string;
  share(f: number | null): string;
  /** A change with its sign (+12.5%, −3.0%). */
  change(f: number | null): string;
}

/** Numbers, money, shares and durations as the user's language writes them. */
export function useAnalysisFormat(): AnalysisFormat {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const currency = useCurrency();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const f: AnalysisFormat = {
      money: (minor) => formatMoney(minor, currency, locale),
      axisMoney: (minor) => compact.format(toMajor(minor, currency)),
      count: (n) => number.format(n),
      share: (x) => (x === null ? '—' : pct.format(x)),
      change: (x) => (x === null ? '—' : signed.format(x)),
      cell: (kind, v) => {
        if (v === null) return '—';
        if (typeof v === 'string') return v;
        switch (kind) {
          case 'money': return f.money(v);
          case 'share': return f.share(v);
          case 'change': return f.change(v);
          // Time in a stage: minutes or hours when short, else days.
          case 'duration': return v < 3_600 ? t('analysis.minutes', { n: days.format(Math.round(v / 60)) })
            : v < 2 * 86_400 ? t('analysis.hours', { n: days.format(v / 3_600) }) : t('analysis.days', { n: days.format(v / 86_400) });
          default: return number.format(v);
        }
      },
    };
    return f;
  }, [locale, currency, t]);
}
