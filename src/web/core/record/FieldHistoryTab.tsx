import { Alert, Loader, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { AMOUNT_KINDS, shownKind } from '../../../shared/entity/field.js';
import { api } from '../api.js';
import type { Formatter } from '../fields/useFormatter.js';
import { recordKeys, type EntityRecord } from '../records.js';
import { useTimeZone } from '../timeZone.js';

interface Change {
  id: number;
  changedAt: string;
  [snapshot: string]: unknown;
  _labels: { from: string | null; to: string | null; changedBy: string | null };
}

interface Props {
  entity: EntityDef;
  record: EntityRecord;
  /** The tracked field (its definition's `history`). */
  field: string;
  format: Formatter;
}

/** "<Field> history" on a record's page, for any field whose changes are kept: when, from, to, the values kept with it, who. */
export function FieldHistoryTab({ entity, record, field, format }: Props) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const def = entity.fields[field];
  const route = def?.history?.route ?? '';
  const snapshot = Object.keys(def?.history?.snapshot ?? {});
  const history = useQuery({
    queryKey: [...recordKeys.all(entity), route, record.id, record.version, i18n.language],
    queryFn: ({ signal }) => api<{ items: Change[] }>(`/v1/${entity.path}/${record.id}/${route}`, { query: { locale: i18n.language }, signal }),
  });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const label = t('record.fieldHistory', { field: t(def?.label ?? field) });
  if (history.isPending) return <Loader size="sm" />;
  if (history.error) return <Alert color="red">{history.error.message}</Alert>;
  const numeric = (s: string) => AMOUNT_KINDS.includes(shownKind(entity.allFields[s]));
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label={label}>
        <Table.Thead bg="gray.1">
          <Table.Tr>
            <Table.Th fz="xs">{t('history.changedAt')}</Table.Th>
            <Table.Th fz="xs">{t('history.from')}</Table.Th>
            <Table.Th fz="xs">{t('history.to')}</Table.Th>
            {snapshot.map((s) => <Table.Th key={s} fz="xs" ta={numeric(s) ? 'right' : undefined}>{t(entity.allFields[s]?.label ?? s)}</Table.Th>)}
            <Table.Th fz="xs">{t('history.changedBy')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.data.items.map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td fz="sm">{when.format(new Date(h.changedAt))}</Table.Td>
              <Table.Td fz="sm" c="dimmed">{h._labels.from ?? t('history.created')}</Table.Td>
              <Table.Td fz="sm" fw={500}>{h._labels.to}</Table.Td>
              {snapshot.map((s) => <Table.Td key={s} fz="sm" ta={numeric(s) ? 'right' : undefined}>{format(s, h[s])}</Table.Td>)}
              <Table.Td fz="sm">{h._labels.changedBy ?? ''}</Table.Td>
            </Table.Tr>
          ))}
          {history.data.items.length === 0 && (
            <Table.Tr><Table.Td colSpan={4 + snapshot.length}><Text size="sm" c="dimmed">{t('list.noRecords')}</Text></Table.Td></Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
