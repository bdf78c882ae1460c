import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { lineAmount, lineTotals, type LineTotals } from '../../../shared/entity/line-items.js';
import { formatMoney, toMinor } from '../../../shared/money.js';
import type { FormLine } from '../fields/formValues.js';
import { currency, useCurrency } from '../money.js';

/** A line as the server will price it (the same shared rule), or null while it is incomplete. */
export function formLineAmount(l: FormLine): number | null {
  if (typeof l.quantity !== 'number' || typeof l.unitPrice !== 'number' || l.quantity <= 0) return null;
  const price = toMinor(l.unitPrice, currency());
  return price === null ? null : lineAmount(l.quantity, price, typeof l.discountPercent === 'number' ? l.discountPercent : 0);
}

export function formLineTotals(lines: readonly FormLine[]): LineTotals {
  const priced = lines.flatMap((l) => {
    const price = typeof l.unitPrice === 'number' ? toMinor(l.unitPrice, currency()) : null;
    return typeof l.quantity === 'number' && l.quantity > 0 && price !== null
      ? [{ quantity: l.quantity, unitPrice: price, discountPercent: typeof l.discountPercent === 'number' ? l.discountPercent : 0 }] : [];
  });
  return lineTotals(priced);
}

/** Minor units → `₩150,000` / `$19.99` in the UI language. */
export function useMoneyFormat(): (minor: number) => string {
  const c = useCurrency();
  const { i18n } = useTranslation();
  return useCallback((minor: number) => formatMoney(minor, c, i18n.language), [c, i18n.language]);
}
