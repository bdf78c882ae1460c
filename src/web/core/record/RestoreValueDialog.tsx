import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ConflictError } from '../api.js';
import { changesKey, auditApi } from '../audit/auditApi.js';
import { notify } from '../notify.js';
import { recordKeys, type EntityRecord } from '../records.js';
import { useKeepWords } from '../audit/keepWords.js';

export interface RestoreTarget {
  entryId: number;
  field: string;
  /** The field's label and the value it goes back to, as the Changes tab shows them. */
  label: string;
  value: string;
}

interface Props {
  entity: EntityDef;
  record: EntityRecord;
  target: RestoreTarget | null;
  onClose: () => void;
}

/** "Restore this value": asks first, sends the record's version, and says plainly when someone saved in between (409). */
export function RestoreValueDialog({ entity, record, target, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keepWords = useKeepWords();
  const restore = useMutation({
    mutationFn: (x: RestoreTarget) => auditApi.restore(entity, record.id, x.entryId, x.field, record.version),
    onSuccess: (saved, x) => {
      queryClient.setQueryData(recordKeys.one(entity, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
      notify({ color: 'teal', message: t('changes.restored', { field: x.label, value: x.value }) });
      onClose();
    },
    onError: (err) => {
      // Someone saved meanwhile: show their version and its changes, so the user decides again on what is there now.
      if (err instanceof ConflictError) {
        void queryClient.invalidateQueries({ queryKey: recordKeys.one(entity, record.id) });
        void queryClient.invalidateQueries({ queryKey: changesKey(entity, record.id) });
      }
    },
  });
  const close = () => {
    restore.reset();
    onClose();
  };
  const stale = restore.error instanceof ConflictError;
  return (
    <Modal opened={target !== null} onClose={close} title={t('changes.restoreTitle')} closeButtonProps={{ 'aria-label': t('action.close') }}
      styles={{ title: { fontWeight: 600 }, body: keepWords }}>
      {target && (
        <Stack gap="md">
          <Text size="sm">{t('changes.restoreText', { field: target.label, value: target.value })}</Text>
          {restore.error && (
            <Alert color={stale ? 'orange' : 'red'} title={stale ? t('changes.staleTitle') : t('error.title')}>
              {stale ? t('changes.stale') : restore.error.message}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>{t('action.cancel')}</Button>
            <Button onClick={() => restore.mutate(target)} loading={restore.isPending}>
              {t('changes.restoreConfirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
