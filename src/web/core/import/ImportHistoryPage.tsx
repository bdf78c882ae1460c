import { Alert, Anchor, Badge, Button, Group, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { ENTITIES, entityByName } from '../../../shared/entities/registry.js';
import type { ImportJob } from '../../../shared/import.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { ErrorDownloads } from './ErrorDownloads.js';
import { importApi, importKeys, isRunning } from './importApi.js';
import { STATUS_COLORS } from './importChoices.js';
import { MappingSummary } from './MappingSummary.js';
import { RevertButton } from './RevertButton.js';
import { useDateTime } from './useDateTime.js';

/** `/imports`: every import job, newest first — what, from which file, who, when, how it ended — with its report, Revert and error rows. */
export function ImportHistoryPage() {
  const { t, i18n } = useTranslation();
  const title = t('import.historyTitle');
  usePageTitle(title);
  const when = useDateTime();
  const [entity, setEntity] = useState<string | null>(null);
  const jobs = useInfiniteQuery({
    queryKey: importKeys.jobs(entity),
    queryFn: ({ pageParam, signal }) => importApi.jobs(entity, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A running job's row moves on its own.
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(isRunning)) ? 1000 : false),
  });
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  const n = (x: number) => x.toLocaleString(i18n.language);
  const entityName = (job: ImportJob) => { const e = entityByName(job.entity); return e ? t(e.pluralLabel) : job.entity; };
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{title}</Title>
        <Select
          label={t('import.entityFilter')}
          placeholder={t('import.allEntities')}
          data={ENTITIES.map((e) => ({ value: e.name, label: t(e.pluralLabel) }))}
          value={entity}
          onChange={setEntity}
          clearable
          w={240}
        />
      </Group>
      {jobs.error && <Alert color="red">{jobs.error.message}</Alert>}
      <ScrollArea type="auto">
        <Table striped withTableBorder fz="sm" verticalSpacing={6} aria-label={title} miw={900}>
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th>{t('import.colWhen')}</Table.Th>
              <Table.Th>{t('import.colFile')}</Table.Th>
              <Table.Th>{t('import.colStatus')}</Table.Th>
              <Table.Th>{t('import.colCounts')}</Table.Th>
              <Table.Th>{t('import.colActions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((job) => (
              <Table.Tr key={job.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{when(job.createdAt)}</Text>
                  <Text size="xs" c="dimmed">{t('import.by', { who: job.createdByName ?? '—' })}</Text>
                </Table.Td>
                <Table.Td miw={200}>
                  <Anchor component={Link} href={`/imports/${job.id}`} size="sm" aria-label={t('import.reportOf', { file: job.fileName, n: job.id })} style={{ overflowWrap: 'anywhere' }}>{job.fileName}</Anchor>
                  <Text size="xs" c="dimmed">{entityName(job)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={STATUS_COLORS[job.status]} variant="light" tt="none" style={{ minWidth: 'max-content' }}>{t(`import.status.${job.status}`)}</Badge>
                    {job.dryRun && <Badge color="gray" variant="outline" tt="none" style={{ minWidth: 'max-content' }}>{t('import.dryRunBadge')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t('import.rowCount', { count: job.counts.rows, n: n(job.counts.rows) })}</Text>
                  <Text size="xs" c="dimmed">{t(job.dryRun ? 'import.countsDry' : 'import.countsReal', { created: n(job.counts.created), updated: n(job.counts.updated), errors: n(job.counts.errors) })}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <MappingSummary job={job} />
                    <RevertButton job={job} size="xs" />
                    <ErrorDownloads job={job} size="xs" />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && !jobs.isPending && (
              <Table.Tr><Table.Td colSpan={5}><Text size="sm" c="dimmed" ta="center" py="md">{t('import.noJobs')}</Text></Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {jobs.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>{t('import.loadMore')}</Button>
        </Group>
      )}
    </Stack>
  );
}
