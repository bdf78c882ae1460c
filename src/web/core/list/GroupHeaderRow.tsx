import { Group as MantineGroup, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Group } from '../records.js';

interface Props {
  group: Group;
  label: string;
  /** The group's sums as text ("Amount ₩120,000"), when the list sums its amounts. */
  sums?: string;
  expanded: boolean;
  onToggle: () => void;
}

/** "Label (count)" as a disclosure button; the count comes from the server, never from loaded rows. */
export function GroupHeader({ group, label, sums, expanded, onToggle }: Props) {
  const { t, i18n } = useTranslation();
  const count = new Intl.NumberFormat(i18n.language).format(group.count);
  return (
    <UnstyledButton onClick={onToggle} aria-expanded={expanded} w="100%" px={4} py={2}>
      <MantineGroup gap={6} wrap="nowrap">
        {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
        <Text size="sm" fw={600}>
          {t('list.groupCount', { label, count })}
        </Text>
        {sums && <Text size="sm" c="dimmed">{sums}</Text>}
      </MantineGroup>
    </UnstyledButton>
  );
}
