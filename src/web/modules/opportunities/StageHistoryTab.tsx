import { Alert, Loader, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import { api } from '../../core/api.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { recordKeys } from '../../core/records.js';

interface StageChange {
  id: number;
  amount: number | null;
  changedAt: string;
  _labels: { fromStageId: string | null; toStageId: string; changedBy: string | null };
}

/** Opportunity details → Stage history: every stage change, when and by whom, with the amount at the time. */
export function StageHistoryTab({ record }: RecordActionProps) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const history = useQuery({
    queryKey: [...recordKeys.all(opportunityEntity), 'stage-history', record.id, record.version, i18n.language],
    queryFn: ({ signal }) => api<{ items: StageChange[] }>(`/v1/opportunities/${record.id}/stage-history`, { query: { locale: i18n.language }, signal }),
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (history.isPending) return <Loader size="sm" />;
  if (history.error) return <Alert color="red">{history.error.message}</Alert>;
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label={t('opportunity.stageHistory')}>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th fz="xs">{t('opportunity.changedAt')}</Table.Th>
            <Table.Th fz="xs">{t('opportunity.fromStage')}</Table.Th>
            <Table.Th fz="xs">{t('opportunity.toStage')}</Table.Th>
            <Table.Th fz="xs" ta="right">{t('opportunity.field.amount')}</Table.Th>
            <Table.Th fz="xs">{t('opportunity.changedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.items.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td fz="sm">{when.format(new Date(h.changedAt))}</Table.Td>
              <Table.Td fz="sm" c="dimmed">{h._labels.fromStageId ?? t('opportunity.created')}</Table.Td>
              <Table.Td fz="sm" fw={500}>{h._labels.toStageId}</Table.Td>
              <Table.Td fz="sm" ta="right">{h.amount === null ? '' : money(h.amount)}</Table.Td>
              <Table.Td fz="sm">{h._labels.changedBy ?? ''}</Table.Td>
            </Table.Tr>
          ))}
          {history.data.items.length === 0 && (
            <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed">{t('list.noRecords')}</Text></Table.Td></Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
