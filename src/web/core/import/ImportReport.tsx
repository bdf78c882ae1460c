import { Alert, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entityByName } from '../../../shared/entities/registry.js';
import type { ImportJob, ImportRowAction } from '../../../shared/import.js';
import { ErrorDownloads } from './ErrorDownloads.js';
import { ImportCounts } from './ImportCounts.js';
import { ROW_ACTIONS } from './importChoices.js';
import { ImportRowsTable } from './ImportRowsTable.js';

const ALL = 'all';

const countOf = (job: ImportJob, action: ImportRowAction) => ({ create: job.counts.created, update: job.counts.updated, unchanged: job.counts.unchanged, skip: job.counts.skipped, error: job.counts.errors })[action];

/**
 * A job's report, in the wizard and on its own page: the counts, then its rows page by page, all or one action at a
 * time, each with its issues ("Field: message") and likely duplicates; the rows with errors download as a file.
 */
export function ImportReport({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const entity = entityByName(job.entity);
  const [tab, setTab] = useState<string>(job.counts.errors > 0 ? 'error' : ALL);
  const n = (x: number) => x.toLocaleString(i18n.language);
  // Mantine names a tab `<id>-tab-<value>` and its panel `<id>-panel-<value>`: the rows below are that panel.
  const tabsId = `import-${job.id}-rows`;
  return (
    <Stack gap="sm" role="region" aria-label={job.dryRun ? t('import.dryRunReport') : t('import.report')}>
      <ImportCounts job={job} />
      {job.message && <Alert color={job.status === 'failed' ? 'red' : 'orange'}>{job.message}</Alert>}
      {job.status === 'cancelled' || job.status === 'interrupted' ? (
        <Text size="sm">{t('import.landed', { n: n(job.landedThroughRow) })}</Text>
      ) : null}
      {job.revertedAt !== null && (
        <Alert color={job.revertKept > 0 ? 'orange' : 'teal'} title={t('import.revertedTitle')}>
          {job.revertKept > 0 ? t('import.revertedKept', { count: job.revertKept, n: n(job.revertKept) }) : t('import.reverted')}
        </Alert>
      )}
      <Group justify="space-between" align="flex-end">
        <Tabs id={tabsId} value={tab} onChange={(v) => v && setTab(v)}>
          <Tabs.List aria-label={t('import.rowFilter')}>
            <Tabs.Tab value={ALL}>{t('import.allRows', { n: n(job.counts.rows) })}</Tabs.Tab>
            {ROW_ACTIONS.map((a) => (
              <Tabs.Tab key={a} value={a} disabled={countOf(job, a) === 0}>
                {t(`import.${job.dryRun ? 'tabs' : 'tabsDone'}.${a}`, { n: n(countOf(job, a)) })}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <ErrorDownloads job={job} />
      </Group>
      <div role="tabpanel" id={`${tabsId}-panel-${tab}`} aria-labelledby={`${tabsId}-tab-${tab}`}>
        <ImportRowsTable key={`${job.id}-${tab}-${job.status}`} job={job} entity={entity} action={tab === ALL ? null : (tab as ImportRowAction)} />
      </div>
    </Stack>
  );
}
