import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconCoin, IconSend, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { expenseEntity } from '../../../shared/entities/expense.entity.js';
import { ConflictError } from '../../core/api.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { notify } from '../../core/notify.js';
import { recordKeys } from '../../core/records.js';
import { actionsFor, expensesApi, type ExpenseAction } from './expenseActions.js';

const ICONS: Record<ExpenseAction, ReactNode> = {
  submit: <IconSend size={16} aria-hidden />, approve: <IconCheck size={16} aria-hidden />, reject: <IconX size={16} aria-hidden />,
  reset: <IconArrowBackUp size={16} aria-hidden />, reimburse: <IconCoin size={16} aria-hidden />,
};
const COLORS: Partial<Record<ExpenseAction, string>> = { approve: 'teal', reject: 'red', reimburse: 'indigo' };

/** M10 on an expense's page and view: Submit, Approve, Reject (asks why), Reset to draft, Reimburse — those its status allows. */
export function ExpenseActions({ record }: RecordActionProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const act = useMutation({
    mutationFn: ({ action, why }: { action: ExpenseAction; why?: string }) => expensesApi.act(record.id, action, { version: record.version, reason: why }),
    onSuccess: (saved, { action }) => {
      queryClient.setQueryData(recordKeys.one(expenseEntity, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      setRejecting(false);
      setReason('');
      notify({ color: 'teal', message: t(`expense.done.${action}`, { name: String(saved.description ?? '') }) });
    },
    onError: (err) => {
      // Someone moved it first: show it as it is now, and say so.
      if (err instanceof ConflictError) void queryClient.invalidateQueries({ queryKey: recordKeys.all(expenseEntity) });
      notify({ color: 'orange', message: err instanceof ConflictError ? t('expense.conflict') : err.message });
    },
  });
  const actions = actionsFor(record);
  if (actions.length === 0) return null;
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        {actions.map((a) => (
          <Button key={a} variant={COLORS[a] ? 'light' : 'default'} color={COLORS[a]} leftSection={ICONS[a]} loading={act.isPending && act.variables?.action === a}
            onClick={() => (a === 'reject' ? setRejecting(true) : act.mutate({ action: a }))}>
            {t(`expense.action.${a}`)}
          </Button>
        ))}
      </Group>
      <Modal opened={rejecting} onClose={() => setRejecting(false)} title={t('expense.rejectTitle')} size="md" styles={{ title: { fontWeight: 600 } }}
        closeButtonProps={{ 'aria-label': t('action.close') }}>
        <form onSubmit={(e) => { e.preventDefault(); if (reason.trim()) act.mutate({ action: 'reject', why: reason.trim() }); }}>
          <Stack gap="sm">
            <Textarea label={t('expense.field.rejectionReason')} required value={reason} maxLength={500} autosize minRows={2} data-autofocus
              onChange={(e) => setReason(e.currentTarget.value)} error={act.error && !(act.error instanceof ConflictError) ? act.error.message : undefined} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setRejecting(false)}>{t('action.cancel')}</Button>
              <Button type="submit" color="red" disabled={!reason.trim()} loading={act.isPending}>{t('expense.action.reject')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
