import { Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { opportunityEntity } from '../../../shared/entities/opportunity.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { RelatedList } from '../../core/record/RelatedList.js';
import { Figure } from '../../core/record/Figure.js';
import { recordKeys, recordsApi } from '../../core/records.js';

/** Customer information → Opportunities: open pipeline (and weighted), won and lost totals from the server, and the list. */
export function CustomerOpportunitiesTab({ record }: RecordActionProps) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const filters = [{ field: 'customerId', value: record.id }];
  const totals = useQuery({
    queryKey: [...recordKeys.all(opportunityEntity), 'customer-totals', record.id, i18n.language],
    queryFn: ({ signal }) => recordsApi.groups(opportunityEntity, { filters, locale: i18n.language }, 'status', signal, 'amount,weightedAmount'),
  });
  const of = (status: string) => totals.data?.groups.find((g) => g.value === status);
  const figure = (status: string, label: string, weighted = false) => {
    const g = of(status);
    return <Figure label={label} value={money(g?.sums?.amount ?? 0)} note={`${t('opportunity.countOf', { count: g?.count ?? 0 })}${weighted ? ` · ${t('pipeline.weighted', { amount: money(g?.sums?.weightedAmount ?? 0) })}` : ''}`} />;
  };
  const name = String(record.name ?? '');
  return (
    <RelatedList
      entity={opportunityEntity}
      field="customerId"
      parent={record}
      parentTitle={name}
      columns={['name', 'stageId', 'status', 'probability', 'amount', 'weightedAmount', 'expectedCloseDate']}
      sort="-updatedAt"
      newLabel={t('opportunity.new')}
      label={t('opportunity.ofCustomer', { name })}
      summary={<Group gap="sm">{figure('open', t('opportunity.openPipeline'), true)}{figure('won', t('opportunity.wonTotal'))}{figure('lost', t('opportunity.lostTotal'))}</Group>}
    />
  );
}
