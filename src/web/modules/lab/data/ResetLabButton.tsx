import { Button, Text } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './ConfirmDialog.js';
import { labDataApi, useLabData } from './labDataApi.js';
import { useStartOver } from './useStartOver.js';

/** Reset lab: after typing the reset word (in the UI's language), keeps a backup and starts an empty database. */
/** `compact`: a small button for a narrow panel (the lab panel's footer). */
export function ResetLabButton({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const lab = useLabData();
  const [open, setOpen] = useState(false);
  const reset = useStartOver(labDataApi.reset, 'labData.reset.done', () => setOpen(false));
  const word = t('labData.reset.word');
  // Refused here (a team server): disabled; LabDataSetting says why.
  const refused = Boolean(lab.refused);
  return (
    <>
      <Button size={compact ? 'xs' : 'sm'} variant="outline" color="red" leftSection={<IconRestore size={16} aria-hidden />} disabled={refused || lab.isPending}
        onClick={() => { reset.reset(); setOpen(true); }}>
        {t('labData.reset.button')}
      </Button>
      {open && (
        <ConfirmDialog title={t('labData.reset.title')} confirmLabel={t('labData.reset.button')} word={word}
          pending={reset.isPending} error={reset.error} onConfirm={() => reset.mutate(word)} onClose={() => setOpen(false)}>
          <Text size="sm">{t('labData.reset.body')}</Text>
        </ConfirmDialog>
      )}
    </>
  );
}
