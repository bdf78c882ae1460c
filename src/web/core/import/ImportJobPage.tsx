import { Alert, Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { entityByName } from '../../../shared/entities/registry.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { isRunning } from './importApi.js';
import { STATUS_COLORS } from './importChoices.js';
import { ImportReport } from './ImportReport.js';
import { JobProgress } from './JobProgress.js';
import { MappingSummary } from './MappingSummary.js';
import { RevertButton } from './RevertButton.js';
import { useDateTime } from './useDateTime.js';
import { useImportJob } from './useImportJob.js';

/** `/imports/:id`: one job's report (the same as the wizard's), its progress while it runs, and Revert. */
export function ImportJobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const jobId = /^\d+$/.test(id) ? Number(id) : null;
  const query = useImportJob(jobId);
  const job = query.data;
  const title = job ? t('import.jobTitle', { file: job.fileName }) : t('import.historyTitle');
  usePageTitle(title);
  const entity = job ? entityByName(job.entity) : undefined;
  return (
    <Stack gap="md">
      <div>
        <Anchor component={Link} href="/imports" size="sm">
          <Group gap={4} component="span"><IconArrowLeft size={14} aria-hidden />{t('import.historyTitle')}</Group>
        </Anchor>
        <Title order={2}>{title}</Title>
      </div>
      {jobId === null && <Alert color="orange">{t('import.noSuchJob')}</Alert>}
      {query.isPending && jobId !== null && <Loader size="sm" />}
      {query.error && <Alert color="red">{query.error.message}</Alert>}
      {job && (
        <>
          <Group gap="sm">
            <Badge color={STATUS_COLORS[job.status]} variant="light" tt="none">{t(`import.status.${job.status}`)}</Badge>
            {job.dryRun && <Badge color="gray" variant="outline" tt="none">{t('import.dryRunBadge')}</Badge>}
            <Text size="sm" c="dimmed">{t('import.ranBy', { who: job.createdByName ?? '—', when: when(job.createdAt) })}</Text>
            <MappingSummary job={job} />
          </Group>
          {isRunning(job) ? <JobProgress job={job} /> : (
            <Group gap="sm">
              {entity && !job.dryRun && <Button component={Link} href={`/${entity.path}`} leftSection={<IconList size={16} aria-hidden />}>{t('import.openList')}</Button>}
              <RevertButton job={job} />
            </Group>
          )}
          <ImportReport job={job} />
        </>
      )}
    </Stack>
  );
}
