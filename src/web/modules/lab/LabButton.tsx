import { Button } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLab } from './labApi.js';
import { setLabPanelOpened, useLabPanelOpened } from './labPanelStore.js';

/** The header's Lab button: opens and hides the guided lab beside the page, with the steps done so far. */
export function LabButton() {
  const { t } = useTranslation();
  const opened = useLabPanelOpened();
  const lab = useLab();
  if (!lab.data?.enabled) return null;
  const done = lab.data.steps.filter((s) => s.done).length;
  return (
    <Button
      variant={opened ? 'light' : 'subtle'}
      color="indigo"
      size="compact-sm"
      leftSection={<IconSchool size={18} aria-hidden />}
      aria-pressed={opened}
      aria-label={t('lab.button')}
      title={t('lab.progress', { done, total: lab.data.steps.length })}
      onClick={() => setLabPanelOpened(!opened)}
    >
      {t('lab.button')}
    </Button>
  );
}
