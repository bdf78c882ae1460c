import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/import.js';
import { errorsUrl } from './importApi.js';

/** The rows with errors as a file to fix and import again (the file's own columns plus "Error"). */
export function ErrorDownloads({ job, size = 'sm' }: { job: ImportJob; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  if (job.counts.errors === 0) return null;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button size={size} variant="light" color="red" component="a" href={errorsUrl(job.id, 'csv')} download leftSection={<IconDownload size={14} aria-hidden />}>
        {t('import.downloadErrorsCsv')}
      </Button>
      <Button size={size} variant="subtle" color="red" component="a" href={errorsUrl(job.id, 'xlsx')} download leftSection={<IconDownload size={14} aria-hidden />}>
        {t('import.downloadErrorsXlsx')}
      </Button>
    </Group>
  );
}
