import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconChecklist } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BulkActionProps } from '../../core/extensions.js';
import { notify } from '../../core/notify.js';
import { expensesApi, type ExpenseAction } from './expenseActions.js';

const BULK: readonly ExpenseAction[] = ['submit', 'approve', 'reimburse'];

/**
 * Submit, approve or reimburse the selected expenses: one request per expense, so each is checked on its
 * own (a draft among submitted ones is skipped, not the whole batch refused) and each records its approver.
 */
export function BulkExpenseActions({ selectedIds, clearSelection }: BulkActionProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: async (action: ExpenseAction) => {
      let done = 0;
      let skipped = 0;
      for (const id of selectedIds) {
        try {
          await expensesApi.act(id, action, {});
          done += 1;
        } catch {
          skipped += 1;
        }
      }
      return { done, skipped };
    },
    onSuccess: ({ done, skipped }, action) => {
      const nf = new Intl.NumberFormat(i18n.language);
      notify({ color: skipped ? 'orange' : 'teal', message: t('expense.bulkDone', { action: t(`expense.action.${action}`), done: nf.format(done), skipped: nf.format(skipped) }) });
      clearSelection();
      void queryClient.invalidateQueries({ queryKey: ['records'] });
    },
  });
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" leftSection={<IconChecklist size={14} aria-hidden />} rightSection={<IconChevronDown size={12} aria-hidden />} loading={run.isPending}>
          {t('expense.bulkActions')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {BULK.map((a) => <Menu.Item key={a} onClick={() => run.mutate(a)}>{t(`expense.action.${a}`)}</Menu.Item>)}
      </Menu.Dropdown>
    </Menu>
  );
}
