import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportOptions } from '../../../shared/import.js';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ApiError } from '../api.js';
import { importApi, importKeys, isRunning } from './importApi.js';
import { ImportReport } from './ImportReport.js';
import { JobProgress } from './JobProgress.js';
import { useImportJob } from './useImportJob.js';

/**
 * The dry run's and the real run's step: a button starts the job, its progress shows while it runs, then its report.
 * `after` adds the finished job's own actions (Open the list, Revert).
 */
export function ImportJobStep({ entity, jobId, onStarted, options, startLabel, hint, after, disabled }: {
  entity: EntityDef;
  jobId: number | null;
  onStarted: (job: ImportJob) => void;
  options: () => ImportOptions;
  startLabel: string;
  hint: string;
  after?: (job: ImportJob) => ReactNode;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: () => importApi.start(entity, options()),
    // The job as the start answered it shows at once (its progress bar), before the first poll.
    onSuccess: (started) => {
      queryClient.setQueryData(importKeys.job(started.id), started);
      onStarted(started);
    },
  });
  const job = useImportJob(jobId);
  const data = job.data;
  const fieldName = (f: string) => { const d = entity.allFields[f]; return d ? t(d.label) : f; };
  return (
    <Stack gap="md">
      {jobId === null && (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">{hint}</Text>
          <Button size="md" onClick={() => start.mutate()} loading={start.isPending} disabled={disabled}>{startLabel}</Button>
        </Stack>
      )}
      {start.error && (
        <Alert color="red" title={t('import.startFailed')}>
          {start.error.message}
          {start.error instanceof ApiError && start.error.fieldErrors.map((e, i) => <Text key={i} size="sm">{`${fieldName(e.field)}: ${e.message}`}</Text>)}
        </Alert>
      )}
      {jobId !== null && !data && <Group gap="xs" role="status"><Loader size="xs" /><Text size="sm">{t('import.queued')}</Text></Group>}
      {data && isRunning(data) && <JobProgress job={data} />}
      {data && !isRunning(data) && (
        <>
          <Text fw={600} role="status">{t(`import.finished.${data.dryRun ? 'dry' : 'real'}.${data.status}`, { file: data.fileName })}</Text>
          {after?.(data)}
          <ImportReport job={data} />
        </>
      )}
      {job.error && <Alert color="red">{job.error.message}</Alert>}
    </Stack>
  );
}
