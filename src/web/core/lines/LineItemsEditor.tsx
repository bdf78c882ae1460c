import { ActionIcon, Alert, Button, Group, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FieldDef } from '../../../shared/entity/field.js';
import { DISCOUNT_DECIMALS, QUANTITY_DECIMALS } from '../../../shared/entity/line-items.js';
import { entityByName } from '../../../shared/entities/registry.js';
import { toMajor } from '../../../shared/money.js';
import { ReferenceSelect } from '../fields/ReferenceSelect.js';
import { newLineKey, type FormLine, type FormValue } from '../fields/formValues.js';
import { currencySymbol, useCurrency } from '../money.js';
import { formLineAmount, formLineTotals, useMoneyFormat } from './lineMath.js';

interface Props {
  def: FieldDef;
  /** The field's label (Opportunity products), also the table's accessible name. */
  label: string;
  value: FormLine[];
  onChange: (value: FormValue) => void;
  /** The field's own error, and per-line errors by path (`lines.1.quantity`). */
  error?: string;
  errors?: Record<string, string>;
  /** The field's name, for per-line error paths. */
  name?: string;
  readOnly?: boolean;
}

const emptyLine = (): FormLine => ({ key: newLineKey(), productId: null, productLabel: null, description: '', quantity: 1, unitPrice: '', discountPercent: '' });

/**
 * Line items in place (M8.c): **Add** a line, pick its product (its description and list price
 * fill in), edit quantity, unit price and discount, remove lines. Amounts and totals are shown
 * as they will be computed; the server computes them again on save and its numbers are stored.
 */
export function LineItemsEditor({ def, label, value, onChange, error, errors = {}, name = 'lines', readOnly }: Props) {
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  const money = useMoneyFormat();
  const item = entityByName(def.lines?.item ?? '');
  const set = (i: number, change: Partial<FormLine>) => onChange(value.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const totals = formLineTotals(value);
  const err = (i: number, col: string) => errors[`${name}.${i}.${col}`];
  const n = (i: number) => i + 1;
  const lineLabel = (col: string, i: number) => t('line.cellLabel', { column: t(`line.${col}`), n: n(i) });
  const priceField = item?.lineItem?.price;
  const offered = item?.lineItem?.offered;

  return (
    <Stack gap="xs">
      {error && <Alert color="red" variant="light" py={6}>{error}</Alert>}
      <Paper withBorder style={{ overflowX: 'auto' }}>
        <Table verticalSpacing={4} horizontalSpacing={6} aria-label={label} miw={820}>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={32} fz="xs">{t('line.number')}</Table.Th>
              <Table.Th fz="xs" miw={200}>{t('line.product')}</Table.Th>
              <Table.Th fz="xs" miw={180}>{t('line.description')}</Table.Th>
              <Table.Th fz="xs" w={100} ta="right">{t('line.quantity')}</Table.Th>
              <Table.Th fz="xs" w={130} ta="right">{t('line.unitPrice')}</Table.Th>
              <Table.Th fz="xs" w={90} ta="right">{t('line.discountPercent')}</Table.Th>
              <Table.Th fz="xs" w={120} ta="right">{t('line.amount')}</Table.Th>
              {!readOnly && <Table.Th w={36} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {value.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8}>
                  <Text size="sm" c="dimmed" ta="center" py={6}>{t('line.none')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {value.map((l, i) => {
              const amount = formLineAmount(l);
              return (
                <Table.Tr key={l.key}>
                  <Table.Td fz="sm" c="dimmed">{n(i)}</Table.Td>
                  <Table.Td>
                    {item && !readOnly ? (
                      <ReferenceSelect
                        size="xs"
                        aria-label={lineLabel('product', i)}
                        target={item}
                        value={l.productId}
                        currentLabel={l.productLabel}
                        query={offered ? { [`filter[${offered.field}]`]: offered.value } : undefined}
                        error={err(i, 'productId')}
                        onChange={(v) => set(i, { productId: v, ...(v === null ? { productLabel: null } : {}) })}
                        onPick={(p) => {
                          const price = priceField && typeof p[priceField] === 'number' ? toMajor(p[priceField] as number, currency) : '';
                          const describe = (item.lineItem?.describe ?? []).map((f) => p[f]).filter((x) => typeof x === 'string' && x).join(' · ');
                          set(i, {
                            productId: p.id, productLabel: String(p[item.titleField] ?? ''),
                            ...(l.description.trim() ? {} : { description: describe }),
                            ...(l.unitPrice === '' ? { unitPrice: price } : {}),
                          });
                        }}
                      />
                    ) : (
                      <Text size="sm">{l.productLabel ?? ''}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={lineLabel('description', i)} value={l.description} maxLength={500} readOnly={readOnly}
                      error={err(i, 'description')} onChange={(e) => set(i, { description: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={lineLabel('quantity', i)} value={l.quantity} min={0} decimalScale={QUANTITY_DECIMALS} thousandSeparator="," readOnly={readOnly}
                      allowNegative={false} error={err(i, 'quantity')} onChange={(v) => set(i, { quantity: typeof v === 'number' ? v : '' })} styles={{ input: { textAlign: 'right' } }} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={lineLabel('unitPrice', i)} value={l.unitPrice} min={0} decimalScale={currency.digits} fixedDecimalScale={currency.digits > 0}
                      thousandSeparator="," allowNegative={false} readOnly={readOnly} error={err(i, 'unitPrice')} leftSection={<span aria-hidden>{currencySymbol(currency, i18n.language)}</span>}
                      onChange={(v) => set(i, { unitPrice: typeof v === 'number' ? v : '' })} styles={{ input: { textAlign: 'right' } }} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" aria-label={lineLabel('discountPercent', i)} value={l.discountPercent} min={0} max={100} decimalScale={DISCOUNT_DECIMALS} suffix="%" readOnly={readOnly}
                      allowNegative={false} error={err(i, 'discountPercent')} onChange={(v) => set(i, { discountPercent: typeof v === 'number' ? v : '' })} styles={{ input: { textAlign: 'right' } }} />
                  </Table.Td>
                  <Table.Td ta="right" fz="sm" fw={500} style={{ whiteSpace: 'nowrap' }} aria-label={lineLabel('amount', i)}>
                    {amount === null ? '—' : money(amount)}
                  </Table.Td>
                  {!readOnly && (
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={t('line.remove', { n: n(i) })} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="space-between" align="flex-start">
        {!readOnly ? (
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onChange([...value, emptyLine()])}>
            {t('line.add')}
          </Button>
        ) : <span />}
        <LineTotals gross={totals.gross} discount={totals.discount} total={totals.total} />
      </Group>
    </Stack>
  );
}

/** Subtotal, discount and total: the footer of a lines table, on screen and on paper. */
export function LineTotals({ gross, discount, total }: { gross: number; discount: number; total: number }) {
  const { t } = useTranslation();
  const money = useMoneyFormat();
  const row = (label: string, v: number, strong = false) => (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" c={strong ? undefined : 'dimmed'} fw={strong ? 600 : undefined}>{label}</Text>
      <Text size="sm" fw={strong ? 700 : 500} style={{ whiteSpace: 'nowrap' }}>{money(v)}</Text>
    </Group>
  );
  return (
    <Stack gap={2} miw={240} aria-label={t('line.totals')} role="group">
      {row(t('line.subtotal'), gross)}
      {discount !== 0 && row(t('line.discount'), -discount)}
      {row(t('line.total'), total, true)}
    </Stack>
  );
}
