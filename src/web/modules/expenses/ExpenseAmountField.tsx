import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lineAmountExact } from '../../../shared/entity/line-items.js';
import type { FieldWidgetProps } from '../../core/extensions.js';
import { useDictionary } from '../../core/lookups.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';

/**
 * An expense's amount in its dialog: typed, unless its category is priced per unit (car mileage), when it is
 * quantity × the unit price, shown as the server will compute it.
 */
export function ExpenseAmountField({ values, input }: FieldWidgetProps) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const categories = useDictionary('expense-category').data ?? [];
  const priceOf = (id: unknown) => {
    const p = categories.find((c) => c.id === id)?.attributes.unitPrice;
    return typeof p === 'number' ? p : null;
  };
  const unit = priceOf(values.subcategoryId) ?? priceOf(values.categoryId);
  if (unit === null) return <>{input}</>;
  const q = typeof values.quantity === 'number' ? values.quantity : null;
  const amount = q === null ? null : Number(lineAmountExact(q, unit, 0));
  return (
    <TextInput name="amount" label={t('expense.field.amount')} readOnly variant="filled" tabIndex={-1}
      value={amount === null ? '' : money(amount)}
      description={t('expense.perUnit', { price: money(unit), quantity: q === null ? '—' : new Intl.NumberFormat(i18n.language).format(q) })} />
  );
}
