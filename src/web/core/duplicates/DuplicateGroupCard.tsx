import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowMerge, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { EntityDef } from '../../../shared/entity/define.js';
import { useEntityAccess } from '../access.js';
import { recordText } from '../fields/recordText.js';
import type { Formatter } from '../fields/useFormatter.js';
import { memberRecord, type DuplicateGroup } from './duplicatesApi.js';
import { ScoreBadge } from './ScoreBadge.js';
import { useReasonText } from './useReasonText.js';

interface Props {
  entity: EntityDef;
  group: DuplicateGroup;
  format: Formatter;
  canMerge: boolean;
  /** "Not duplicates" changes everyone's queue: the server asks the right to edit the records. */
  canDismiss: boolean;
  dismissing: boolean;
  onDismiss: () => void;
  onMerge: () => void;
}

/** Besides the fields that matched, a few of the list's own columns tell two look-alikes apart. */
const CONTEXT_FIELDS = 3;

/** One group of the review queue: its score, why its records look alike, and the records side by side. */
export function DuplicateGroupCard({ entity, group, format, canMerge, canDismiss, dismissing, onDismiss, onMerge }: Props) {
  const { t } = useTranslation();
  const access = useEntityAccess(entity);
  const reasonText = useReasonText(entity);
  const titles = group.records.map((r) => r.title).join(', ');
  const matched = [...new Set(group.reasons.map((r) => r.field))].filter((f) => f !== entity.titleField && access.visible(f));
  const context = entity.listColumns.filter((f) => f !== entity.titleField && !matched.includes(f) && access.visible(f) && group.records.some((r) => r.values[f] != null && r.values[f] !== '')).slice(0, CONTEXT_FIELDS);
  return (
    <Paper component="article" withBorder p="md" radius="md" aria-label={t('duplicates.groupLabel', { titles })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Group gap="xs">
              <ScoreBadge score={group.score} />
              <Text size="sm" c="dimmed">{t('duplicates.records', { count: group.records.length })}</Text>
            </Group>
            <List size="sm" spacing={2} aria-label={t('duplicates.reasons')}>
              {group.reasons.map((r, i) => <List.Item key={i}>{reasonText(r)}</List.Item>)}
            </List>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {canDismiss && (
              <Button variant="default" size="xs" leftSection={<IconX size={14} aria-hidden />} loading={dismissing} onClick={onDismiss}>
                {t('duplicates.notDuplicates')}
              </Button>
            )}
            {canMerge && (
              <Button size="xs" color="orange" leftSection={<IconArrowMerge size={14} aria-hidden />} onClick={onMerge}>
                {t('duplicates.mergeEllipsis')}
              </Button>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: Math.min(group.records.length, 3) }} spacing="sm">
          {group.records.map((m) => {
            const record = memberRecord(m);
            return (
              <Paper key={m.id} bg="gray.0" p="sm" radius="sm">
                <Anchor component={Link} href={`/${entity.path}/${m.id}`} fw={600}>{m.title}</Anchor>
                <Text size="xs" c="dimmed">#{m.id}</Text>
                <Stack gap={2} mt={6} component="dl" style={{ margin: 0 }}>
                  {[...matched, ...context].map((f) => (
                    <Group key={f} gap={6} wrap="nowrap" align="baseline">
                      <Text component="dt" size="xs" c="dimmed" style={{ flexShrink: 0 }}>{t(entity.allFields[f]?.label ?? f)}</Text>
                      <Text component="dd" size="sm" m={0} fw={matched.includes(f) ? 600 : undefined} style={{ overflowWrap: 'anywhere' }}>
                        {recordText(format, record, f) || '—'}
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
