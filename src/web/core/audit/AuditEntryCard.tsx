import { Badge, Button, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowBackUp, IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { Formatter } from '../fields/useFormatter.js';
import type { AuditChange, AuditEntry } from './auditApi.js';
import { fieldLabel, sideText } from './changeText.js';
import { useAuditText } from './useAuditText.js';
import { useMe } from '../../auth/useMe.js';

const ACTION_COLORS: Record<string, string> = { create: 'teal', update: 'indigo', delete: 'red', restore: 'grape', export: 'gray', permission: 'orange', merge: 'cyan', import: 'blue' };

interface Props {
  entry: AuditEntry;
  entity: EntityDef | undefined;
  format: Formatter | null;
  /** A way to put a field's previous value back, when there is one (the Changes tab). */
  onRestore?: (change: AuditChange, label: string, value: string) => (() => void) | undefined;
  /** Shown after who and when (the Audit log: which record). */
  extra?: ReactNode;
}

/** One entry of the audit trail: who, when, what they did, and each changed field's before → after. */
export function AuditEntryCard({ entry: given, entity, format, onRestore, extra }: Props) {
  const { t } = useTranslation();
  const { fieldRule } = useMe();
  // A field hidden from this user is not shown in its history either (the server leaves it out too).
  const entry = { ...given, changes: given.changes.filter((c) => fieldRule(given.entity, c.field) !== 'hidden') };
  const text = useAuditText();
  const who = text.actor(entry.actor);
  const when = text.when(entry.at);
  const action = text.action(entry);
  return (
    <Paper withBorder p="sm" component="article" aria-label={t('changes.entryLabel', { action, who, when })}>
      <Group gap="xs" wrap="wrap" mb={entry.changes.length || entry.detail ? 6 : 0}>
        <Badge color={ACTION_COLORS[entry.action] ?? 'gray'} variant="light" tt="none">{action}</Badge>
        <Text size="sm" fw={600}>{who}</Text>
        <Text size="sm" c="dimmed">{when}</Text>
        {extra}
      </Group>
      {entry.detail && <Text size="sm" c="dimmed" mb={entry.changes.length ? 6 : 0}>{entry.detail}</Text>}
      {entry.changes.length > 0 && (
        <Table verticalSpacing={4} horizontalSpacing="xs" layout="fixed" aria-label={t('changes.fieldsLabel', { action, who, when })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th fz="xs" c="dimmed" w="22%">{t('changes.field')}</Table.Th>
              <Table.Th fz="xs" c="dimmed">{t('changes.before')}</Table.Th>
              <Table.Th fz="xs" c="dimmed" w={28} aria-hidden />
              <Table.Th fz="xs" c="dimmed">{t('changes.after')}</Table.Th>
              {onRestore && <Table.Th fz="xs" w={190}><VisuallyHidden>{t('changes.restoreColumn')}</VisuallyHidden></Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.changes.map((c) => {
              const label = fieldLabel(entity, c.field, t);
              const before = sideText(entity, format, c, 'before', t);
              const restore = onRestore?.(c, label, before);
              return (
                <Table.Tr key={c.field}>
                  <Table.Td fz="sm" fw={500}>{label}</Table.Td>
                  <Table.Td fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>{before}</Table.Td>
                  <Table.Td aria-hidden><IconArrowRight size={14} color="var(--mantine-color-gray-6)" /></Table.Td>
                  <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>{sideText(entity, format, c, 'after', t)}</Table.Td>
                  {onRestore && (
                    <Table.Td ta="right">
                      {restore && (
                        <Button size="compact-xs" variant="subtle" leftSection={<IconArrowBackUp size={14} aria-hidden />} onClick={restore}>
                          {t('changes.restore')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
