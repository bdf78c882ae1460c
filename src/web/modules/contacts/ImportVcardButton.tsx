import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportVcardDialog } from './ImportVcardDialog.js';

/** The contact list's Import vCard button (a list tool). */
export function ImportVcardButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={() => setOpen(true)}>
        {t('vcard.import')}
      </Button>
      <ImportVcardDialog opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
