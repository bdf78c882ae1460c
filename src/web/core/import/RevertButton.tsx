import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/import.js';
import { notify } from '../notify.js';
import { canRevert } from './importChoices.js';
import { useJobAction } from './useImportJob.js';

/** Revert import, after a confirmation that says what it does (created records go, updated ones get their values back). */
export function RevertButton({ job, size = 'sm' }: { job: ImportJob; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const n = (x: number) => x.toLocaleString(i18n.language);
  const revert = useJobAction('revert', (done) => {
    setAsking(false);
    notify({ color: 'teal', message: done.revertKept > 0 ? t('import.revertedKept', { count: done.revertKept, n: n(done.revertKept) }) : t('import.reverted') });
  });
  if (!canRevert(job)) return null;
  return (
    <>
      <Button size={size} variant="default" color="red" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={() => { revert.reset(); setAsking(true); }}>
        {t('import.revert')}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('import.revertTitle', { file: job.fileName })} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <Stack gap="sm">
          <Text size="sm">{t('import.revertExplain', { created: n(job.counts.created), updated: n(job.counts.updated) })}</Text>
          <Text size="sm" c="dimmed">{t('import.revertKeepsEdited')}</Text>
          {revert.error && <Alert color="red">{revert.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>{t('action.cancel')}</Button>
            <Button color="red" loading={revert.isPending} onClick={() => revert.mutate(job.id)}>{t('import.revertConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
