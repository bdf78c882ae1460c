import { Alert, Anchor, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { AMOUNT_KINDS, shownKind } from '../../../shared/entity/field.js';
import { recordText } from '../fields/recordText.js';
import { useEntityAccess } from '../access.js';
import { useFormatter } from '../fields/useFormatter.js';
import { PAGE_SIZE, recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { RecordDialog } from './RecordDialog.js';

interface Props {
  /** The records listed (opportunities of a customer). */
  entity: EntityDef;
  /** Their field pointing at the record shown (customerId) and that record. */
  field: string;
  parent: EntityRecord;
  /** The parent's title, filled into a new record's picker. */
  parentTitle: string;
  columns: readonly string[];
  sort: string;
  /** Totals above the table. */
  summary?: ReactNode;
  /** Text of the New button. */
  newLabel: string;
  /** The table's accessible name. */
  label: string;
}

/**
 * A record's related records on its information page (Customer information → Opportunities,
 * Sales): newest first, each linking to its details, with New that fills the parent in.
 */
export function RelatedList({ entity, field, parent, parentTitle, columns: asked, sort, summary, newLabel, label }: Props) {
  const { t, i18n } = useTranslation();
  const access = useEntityAccess(entity);
  const columns = asked.filter(access.visible);
  const queryClient = useQueryClient();
  const format = useFormatter(entity);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...recordKeys.all(entity), 'related', field, parent.id, sort, i18n.language],
    queryFn: ({ signal }) => recordsApi.list(entity, { sort, locale: i18n.language, filters: [{ field, value: parent.id }] }, null, signal),
  });
  const items = list.data?.items ?? [];
  const isAmount = (c: string) => { const f = entity.allFields[c]; return f !== undefined && AMOUNT_KINDS.includes(shownKind(f)); };
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>{summary}</div>
        {access.can('create') && <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>{newLabel}</Button>}
      </Group>
      {list.error && <Alert color="red">{list.error.message}</Alert>}
      <Paper withBorder>
        <Table verticalSpacing={6} highlightOnHover aria-label={label}>
          <Table.Thead bg="gray.1">
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c} fz="xs" ta={isAmount(c) ? 'right' : undefined}>{t(entity.allFields[c]?.label ?? c)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.isPending && (
              <Table.Tr><Table.Td colSpan={columns.length}><Loader size="sm" /></Table.Td></Table.Tr>
            )}
            {list.data && items.length === 0 && (
              <Table.Tr><Table.Td colSpan={columns.length}><Text size="sm" c="dimmed" ta="center" py="sm">{t('list.noRecords')}</Text></Table.Td></Table.Tr>
            )}
            {items.map((r) => (
              <Table.Tr key={r.id}>
                {columns.map((c) => {
                  const text = recordText(format, r, c);
                  const numeric = isAmount(c);
                  return (
                    <Table.Td key={c} fz="sm" ta={numeric ? 'right' : undefined} style={numeric ? { whiteSpace: 'nowrap' } : undefined}>
                      {c === entity.titleField ? <Anchor component={Link} href={`/${entity.path}/${r.id}`} size="sm" fw={500}>{text || `#${r.id}`}</Anchor> : text}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {list.data && list.data.total > PAGE_SIZE && <Text size="xs" c="dimmed">{t('record.moreInList', { n: PAGE_SIZE })}</Text>}
      <RecordDialog
        entity={entity}
        opened={creating}
        initialValues={{ [field]: parent.id }}
        initialLabels={{ [field]: parentTitle }}
        onClose={() => setCreating(false)}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) })}
      />
    </Stack>
  );
}
