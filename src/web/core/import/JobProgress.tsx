import { Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/import.js';
import { useJobAction } from './useImportJob.js';

/** Seconds as "1 h 5 min", "3 min 20 s", "12 s". */
function duration(seconds: number, t: (k: string, o: Record<string, number>) => string): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return t('import.hoursMinutes', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  if (s >= 60) return t('import.minutesSeconds', { m: Math.floor(s / 60), s: s % 60 });
  return t('import.seconds', { s });
}

/** A running job: how far through the file, rows so far, rows a second and time left, and Cancel. */
export function JobProgress({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const cancel = useJobAction('cancel');
  const n = (x: number) => x.toLocaleString(i18n.language);
  const { bytes, totalBytes, rowsPerSecond, secondsLeft } = job.progress;
  // The file is read ahead of the rows written: a running job never says 100%.
  const percent = totalBytes > 0 ? Math.min(99, Math.round((bytes / totalBytes) * 100)) : 0;
  const parts = [t('import.rowCount', { count: job.counts.rows, n: n(job.counts.rows) })];
  // A queued job has no speed yet, and "0 s left" would say it is done.
  const running = job.status === 'running';
  if (running && rowsPerSecond) parts.push(t('import.rowsPerSecond', { n: n(Math.round(rowsPerSecond)) }));
  if (running && secondsLeft) parts.push(t('import.timeLeft', { time: duration(secondsLeft, t) }));
  const label = job.dryRun ? t('import.dryRunProgress') : t('import.progress');
  return (
    <Stack gap={6} role="status" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm" fw={500}>{job.status === 'queued' ? t('import.queued') : job.dryRun ? t('import.checking', { file: job.fileName }) : t('import.importing', { file: job.fileName })}</Text>
        <Text size="sm" c="dimmed">{`${n(percent)}%`}</Text>
      </Group>
      <Progress value={percent} size="lg" aria-label={label} animated striped />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{parts.join(' · ')}</Text>
        {!job.dryRun && (
          <Button size="xs" variant="default" color="red" loading={cancel.isPending} onClick={() => cancel.mutate(job.id)}>
            {t('import.cancel')}
          </Button>
        )}
      </Group>
      {cancel.error && <Text size="sm" c="red">{cancel.error.message}</Text>}
    </Stack>
  );
}
