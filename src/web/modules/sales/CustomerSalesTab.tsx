import { Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saleEntity } from '../../../shared/entities/sale.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { useDictionary } from '../../core/lookups.js';
import { RelatedList } from '../../core/record/RelatedList.js';
import { recordKeys, recordsApi } from '../../core/records.js';
import { Figure } from '../../core/record/Figure.js';

/** Customer information → Sales: the total of the customer's sales (cancelled ones apart) from the server, and the list. */
export function CustomerSalesTab({ record }: RecordActionProps) {
  const { t, i18n } = useTranslation();
  const money = useMoneyFormat();
  const statuses = useDictionary('sale-status').data ?? [];
  const totals = useQuery({
    queryKey: [...recordKeys.all(saleEntity), 'customer-totals', record.id, i18n.language],
    queryFn: ({ signal }) => recordsApi.groups(saleEntity, { filters: [{ field: 'customerId', value: record.id }], locale: i18n.language }, 'statusId', signal, 'total'),
  });
  const cancelled = new Set(statuses.filter((s) => s.attributes.cancelled === true).map((s) => s.id));
  let count = 0;
  let sum = 0;
  let cancelledCount = 0;
  for (const g of totals.data?.groups ?? []) {
    if (typeof g.value === 'number' && cancelled.has(g.value)) cancelledCount += g.count;
    else { count += g.count; sum += g.sums?.total ?? 0; }
  }
  const name = String(record.name ?? '');
  return (
    <RelatedList
      entity={saleEntity}
      field="customerId"
      parent={record}
      parentTitle={name}
      columns={['number', 'orderDate', 'statusId', 'paymentTermsId', 'total', 'opportunityId']}
      sort="-orderDate"
      newLabel={t('sale.new')}
      label={t('sale.ofCustomer', { name })}
      summary={
        <Group gap="sm">
          <Figure label={t('sale.totalSales')} value={money(sum)} note={t('sale.countOf', { count })} />
          {cancelledCount > 0 && <Figure label={t('sale.cancelledCount')} value={String(cancelledCount)} />}
        </Group>
      }
    />
  );
}
