import { Button } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RecordActionProps } from '../../core/extensions.js';
import { vcardUrl } from './contactsApi.js';

/** M5: one contact as a .vcf file (View contact and the contact's information page). */
export function ExportVcardAction({ record }: RecordActionProps) {
  const { t } = useTranslation();
  return (
    <Button component="a" href={vcardUrl(record.id)} download variant="default" leftSection={<IconAddressBook size={16} aria-hidden />}>
      {t('contact.exportVcard')}
    </Button>
  );
}
