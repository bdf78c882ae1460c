import { Anchor, Badge, Button, Group, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportJob, ImportRowAction, ImportRowReport } from '../../../shared/import.js';
import { ACTION_COLORS } from './importChoices.js';
import { importApi, importKeys } from './importApi.js';

const PAGE = 50;
/** The issue field a revert gives a record it kept because it was edited after the import. */
const KEPT = '(record)';

/** "Field: message", the field named as the form names it. */
function issueText(entity: EntityDef | undefined, t: (k: string) => string, issue: ImportRowReport['issues'][number]): string {
  const def = entity?.allFields[issue.field];
  const field = def ? t(def.label) : issue.field === KEPT ? t('import.recordIssue') : issue.field;
  return field ? `${field}: ${issue.message}` : issue.message;
}

/** One page of a job's rows (all, or one action), with Previous / Next pages. */
export function ImportRowsTable({ job, entity, action }: { job: ImportJob; entity: EntityDef | undefined; action: ImportRowAction | null }) {
  const { t, i18n } = useTranslation();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const rows = useQuery({
    queryKey: importKeys.rows(job.id, action, cursor),
    queryFn: ({ signal }) => importApi.rows(job.id, action, cursor, PAGE, signal),
    placeholderData: keepPreviousData,
  });
  const recordsLive = !job.dryRun && job.revertedAt === null;
  const first = (cursors.length - 1) * PAGE + 1;
  const items = rows.data?.items ?? [];
  return (
    <Stack gap="xs">
      <ScrollArea.Autosize mah={520} type="auto">
        <Table striped withTableBorder fz="sm" verticalSpacing={4} aria-label={t('import.rowsTable')}>
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th w={64}>{t('import.row')}</Table.Th>
              <Table.Th w={120}>{t('import.result')}</Table.Th>
              <Table.Th>{t('import.values')}</Table.Th>
              <Table.Th>{t('import.issues')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td c="dimmed">{r.row.toLocaleString(i18n.language)}</Table.Td>
                <Table.Td>
                  <Badge color={ACTION_COLORS[r.action]} variant="light" tt="none">{t(`import.${job.dryRun ? 'willAction' : 'didAction'}.${r.action}`)}</Badge>
                  {/* A record a revert kept (edited since) is still there: its link shows after the revert too. */}
                  {r.recordId !== null && (recordsLive || r.issues.some((is) => is.field === KEPT)) && entity && (
                    <Anchor component={Link} href={`/${entity.path}/${r.recordId}`} size="xs" display="block" mt={2}>
                      {t('import.openRecord', { n: r.recordId })}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td maw={420}>
                  {/* The server keeps the cells of rows with something to say (errors, warnings); a plain created row has none. */}
                  <Text size="sm" lineClamp={2} c={r.cells.some((c) => c !== '') ? undefined : 'dimmed'}>{r.cells.filter((c) => c !== '').join(' · ') || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {r.issues.map((is, i) => (
                    <Text key={i} size="sm" c={r.action === 'error' ? 'red.8' : 'orange.9'}>{issueText(entity, t, is)}</Text>
                  ))}
                  {r.duplicates && r.duplicates.length > 0 && entity && (
                    <Text size="sm" c="orange.9">
                      {t('import.likelyDuplicates')}{' '}
                      {r.duplicates.map((d, i) => (
                        <span key={d.id}>
                          {i > 0 && ', '}
                          <Anchor component={Link} href={`/${entity.path}/${d.id}`} size="sm">{d.title}</Anchor>
                          {` (${d.score.toLocaleString(i18n.language)})`}
                        </span>
                      ))}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {items.length === 0 && !rows.isPending && (
              <Table.Tr><Table.Td colSpan={4}><Text size="sm" c="dimmed" ta="center" py="sm">{t('import.noRows')}</Text></Table.Td></Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">{items.length ? t('import.rowsShown', { from: first.toLocaleString(i18n.language), to: (first + items.length - 1).toLocaleString(i18n.language) }) : ''}</Text>
        <Group gap="xs">
          {rows.isFetching && <Loader size="xs" aria-label={t('import.loadingRows')} />}
          <Button size="xs" variant="default" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('import.previousPage')}</Button>
          <Button size="xs" variant="default" disabled={!rows.data?.nextCursor} onClick={() => rows.data?.nextCursor && setCursors((c) => [...c, rows.data.nextCursor])}>{t('import.nextPage')}</Button>
        </Group>
      </Group>
      {rows.error && <Text size="sm" c="red">{rows.error.message}</Text>}
    </Stack>
  );
}
