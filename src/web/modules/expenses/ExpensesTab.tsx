import { Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { expenseEntity } from '../../../shared/entities/expense.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { useMoneyFormat } from '../../core/lines/lineMath.js';
import { Figure } from '../../core/record/Figure.js';
import { RelatedList } from '../../core/record/RelatedList.js';
import { recordKeys, recordsApi } from '../../core/records.js';

/** A customer's or an opportunity's expenses: approved (and reimbursed), waiting for approval and drafts, summed by the server. */
function expensesTab(field: 'customerId' | 'opportunityId') {
  return function ExpensesTab({ record }: RecordActionProps) {
    const { t, i18n } = useTranslation();
    const money = useMoneyFormat();
    const totals = useQuery({
      queryKey: [...recordKeys.all(expenseEntity), 'totals', field, record.id, i18n.language],
      queryFn: ({ signal }) => recordsApi.groups(expenseEntity, { filters: [{ field, value: record.id }], locale: i18n.language }, 'status', signal, 'amount'),
    });
    const sum = (...statuses: string[]) => (totals.data?.groups ?? []).filter((g) => statuses.includes(String(g.value))).reduce((s, g) => s + (g.sums?.amount ?? 0), 0);
    const count = (...statuses: string[]) => (totals.data?.groups ?? []).filter((g) => statuses.includes(String(g.value))).reduce((s, g) => s + g.count, 0);
    const title = String(record.name ?? '');
    return (
      <RelatedList
        entity={expenseEntity}
        field={field}
        parent={record}
        parentTitle={title}
        columns={['date', 'description', 'categoryId', 'amount', 'status', 'ownerId']}
        sort="-date"
        newLabel={t('expense.new')}
        label={t('expense.of', { name: title })}
        summary={
          <Group gap="sm">
            <Figure label={t('expense.approvedTotal')} value={money(sum('approved', 'reimbursed'))} note={t('expense.countOf', { count: count('approved', 'reimbursed') })} />
            <Figure label={t('expense.pendingTotal')} value={money(sum('submitted'))} note={t('expense.countOf', { count: count('submitted') })} />
            <Figure label={t('expense.draftTotal')} value={money(sum('draft'))} note={t('expense.countOf', { count: count('draft') })} />
          </Group>
        }
      />
    );
  };
}

export const CustomerExpensesTab = expensesTab('customerId');
export const OpportunityExpensesTab = expensesTab('opportunityId');
