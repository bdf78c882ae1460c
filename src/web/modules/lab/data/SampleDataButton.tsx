import { Button, Text } from '@mantine/core';
import { IconDatabaseImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog.js';
import { labDataApi, useLabData } from './labDataApi.js';
import { useStartOver } from './useStartOver.js';

/** Load sample data: keeps a backup, then replaces the data with a practice company to explore. */
/** `compact`: a small button for a narrow panel (the lab panel's footer). */
export function SampleDataButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const lab = useLabData();
  const [open, setOpen] = useState(false);
  const load = useStartOver(() => labDataApi.sampleData(), 'labData.sample.done', () => setOpen(false));
  // Refused here (a team server): disabled; LabDataSetting says why.
  const refused = Boolean(lab.refused);
  return (
    <>
      <Button size={compact ? 'xs' : 'sm'} variant="default" leftSection={<IconDatabaseImport size={16} aria-hidden />} disabled={refused || lab.isPending}
        onClick={() => { load.reset(); setOpen(true); }}>
        {t('labData.sample.button')}
      </Button>
      {open && (
        <ConfirmDialog title={t('labData.sample.title')} confirmLabel={t('labData.sample.button')}
          pending={load.isPending} error={load.error} onConfirm={() => load.mutate(undefined)} onClose={() => setOpen(false)}>
          <Text size="sm">{t('labData.sample.body')}</Text>
        </ConfirmDialog>
      )}
    </>
  );
}
