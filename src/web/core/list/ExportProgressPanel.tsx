import { Affix, Button, Group, Loader, Paper, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExportProgress } from './useExportDownload.js';

const MB = 1024 * 1024;

/**
 * A running export's progress, in a corner of the page so the list stays usable: rows so far of
 * the rows the server announced (CSV), else the size received so far (XLSX cannot be counted as it arrives).
 */
export function ExportProgressPanel({ progress, failed, onCancel, onDismiss }: {
  progress: ExportProgress | null; failed: boolean; onCancel: () => void; onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (!progress && !failed) return null;
  const n = (x: number) => x.toLocaleString(i18n.language);
  const size = progress ? (progress.bytes / MB).toLocaleString(i18n.language, { maximumFractionDigits: 1 }) : '0';
  const counted = progress && progress.rows !== null && progress.total !== null && progress.total > 0;
  const percent = counted ? Math.min(100, Math.round((progress.rows! / progress.total!) * 100)) : null;
  const detail = !progress || progress.fileName === null ? '' : counted ? t('list.exportRows', { rows: n(Math.min(progress.rows!, progress.total!)), total: n(progress.total!) })
    : progress.rows !== null ? t('list.exportRowsSoFar', { rows: n(progress.rows) }) : t('list.exportReceived', { size });
  return (
    <Affix position={{ bottom: 20, right: 20 }} zIndex={300}>
      <Paper withBorder shadow="md" p="sm" w={320} role="status" aria-live="polite">
        {progress ? (
          <>
            <Text size="sm" fw={500} truncate>{progress.fileName === null ? t('list.exportPreparing') : t('list.exportRunning', { file: progress.fileName })}</Text>
            {percent !== null
              ? <Progress value={percent} mt={6} aria-label={t('list.exportProgress')} />
              : (
                <Group gap="xs" mt={6} role="progressbar" aria-label={t('list.exportProgress')} aria-valuetext={detail || undefined}>
                  <Loader size="xs" aria-hidden />
                </Group>
              )}
            <Group justify="space-between" mt={6} wrap="nowrap">
              <Text size="xs" c="dimmed">{detail}</Text>
              <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancel}>{t('action.cancel')}</Button>
            </Group>
          </>
        ) : (
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" c="red">{t('list.exportFailed')}</Text>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onDismiss}>{t('action.ok')}</Button>
          </Group>
        )}
      </Paper>
    </Affix>
  );
}
