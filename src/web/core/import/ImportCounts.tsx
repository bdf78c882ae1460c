import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/import.js';

/** The job's counts; a dry run says what would happen ("To create"), a real run what did ("Created"). */
export function ImportCounts({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const c = job.counts;
  const words = job.dryRun ? 'import.willCount' : 'import.didCount';
  const items: { key: string; n: number; color?: string }[] = [
    { key: 'rows', n: c.rows },
    { key: 'created', n: c.created, color: c.created ? 'teal' : undefined },
    { key: 'updated', n: c.updated, color: c.updated ? 'blue' : undefined },
    { key: 'unchanged', n: c.unchanged },
    { key: 'skipped', n: c.skipped, color: c.skipped ? 'yellow.8' : undefined },
    { key: 'errors', n: c.errors, color: c.errors ? 'red' : undefined },
    { key: 'warnings', n: c.warnings, color: c.warnings ? 'orange' : undefined },
  ];
  return (
    <SimpleGrid cols={{ base: 3, md: 7 }} spacing="xs" role="list" aria-label={t('import.counts')}>
      {items.map((it) => (
        <Paper key={it.key} withBorder p="xs" role="listitem" aria-label={`${t(`${words}.${it.key}`)}: ${it.n.toLocaleString(i18n.language)}`}>
          <Text size="xs" c="dimmed" aria-hidden>{t(`${words}.${it.key}`)}</Text>
          <Text fw={700} fz="xl" c={it.color} aria-hidden>{it.n.toLocaleString(i18n.language)}</Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
