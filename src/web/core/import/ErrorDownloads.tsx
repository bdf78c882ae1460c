import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/import.js';
import { errorsUrl } from './importApi.js';

/** "Download rows with errors": the rows as a file to fix and import again (the file's own columns plus "Error"), CSV or Excel. */
export function ErrorDownloads({ job, size = 'sm' }: { job: ImportJob; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (job.counts.errors === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size={size} variant="light" color="red" leftSection={<IconDownload size={14} aria-hidden />} rightSection={<IconChevronDown size={12} aria-hidden />}>
          {t('import.downloadErrors')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={errorsUrl(job.id, 'csv')} download leftSection={<IconFileText size={16} aria-hidden />}>{t('list.exportCsv')}</Menu.Item>
        <Menu.Item component="a" href={errorsUrl(job.id, 'xlsx')} download leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>{t('list.exportXlsx')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
