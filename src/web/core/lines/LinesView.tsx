import { Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lineTotals, type Line } from '../../../shared/entity/line-items.js';
import { LineTotals } from './LineItemsEditor.js';
import { useMoneyFormat } from './lineMath.js';

/** Lines as stored (the server's amounts), read-only: View dialogs and the printed sale. */
export function LinesView({ label, lines, compact }: { label: string; lines: readonly Line[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 });
  const totals = lineTotals(lines);
  return (
    <Stack gap="xs">
      <Paper withBorder={!compact}>
        <Table verticalSpacing={4} aria-label={label} striped={!compact}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th fz="xs" w={32}>{t('line.number')}</Table.Th>
              <Table.Th fz="xs">{t('line.product')}</Table.Th>
              <Table.Th fz="xs">{t('line.description')}</Table.Th>
              <Table.Th fz="xs" ta="right">{t('line.quantity')}</Table.Th>
              <Table.Th fz="xs" ta="right">{t('line.unitPrice')}</Table.Th>
              <Table.Th fz="xs" ta="right">{t('line.discountPercent')}</Table.Th>
              <Table.Th fz="xs" ta="right">{t('line.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}><Text size="sm" c="dimmed" ta="center">{t('line.none')}</Text></Table.Td>
              </Table.Tr>
            )}
            {lines.map((l, i) => (
              <Table.Tr key={l.id}>
                <Table.Td fz="sm" c="dimmed">{i + 1}</Table.Td>
                <Table.Td fz="sm">{l._labels.productId ?? ''}</Table.Td>
                <Table.Td fz="sm">{l.description ?? ''}</Table.Td>
                <Table.Td fz="sm" ta="right">{number.format(l.quantity)}</Table.Td>
                <Table.Td fz="sm" ta="right" style={{ whiteSpace: 'nowrap' }}>{money(l.unitPrice)}</Table.Td>
                <Table.Td fz="sm" ta="right">{l.discountPercent ? `${number.format(l.discountPercent)}%` : ''}</Table.Td>
                <Table.Td fz="sm" ta="right" fw={500} style={{ whiteSpace: 'nowrap' }}>{money(l.amount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Stack align="flex-end">
        <LineTotals gross={totals.gross} discount={totals.discount} total={totals.total} />
      </Stack>
    </Stack>
  );
}
