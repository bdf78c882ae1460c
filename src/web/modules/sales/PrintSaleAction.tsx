import { Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RecordActionProps } from '../../core/extensions.js';

/** Sales details → Print: the printable sale in its own tab (browser print, or save as PDF). */
export function PrintSaleAction({ record }: RecordActionProps) {
  const { t } = useTranslation();
  return (
    <Button variant="default" component="a" href={`/sales/${record.id}/print`} target="_blank" rel="noopener" leftSection={<IconPrinter size={16} aria-hidden />}>
      {t('sale.print')}
    </Button>
  );
}
