import { ActionIcon, Badge, Button, Group, Loader, Menu, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ColorDot } from '../../core/fields/ColorDot.js';
import type { EntityRecord } from '../../core/records.js';
import classes from './GroupList.module.css';

interface Props {
  groups: EntityRecord[] | undefined;
  selectedId: number | null;
  onSelect: (group: EntityRecord) => void;
  onNew: () => void;
  onEdit: (group: EntityRecord) => void;
  onDelete: (group: EntityRecord) => void;
}

const nameOf = (g: EntityRecord) => String(g.name ?? `#${g.id}`);

/** The groups with their colour and member count; choosing one shows its members beside the list. */
export function GroupList({ groups, selectedId, onSelect, onNew, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <Paper withBorder p="xs" component="nav" aria-label={t('customerGroup.plural')}>
      <Group justify="space-between" px={6} pb={6}>
        <Text size="sm" fw={600} c="dimmed">
          {groups ? t('customerGroup.count', { count: groups.length, n: nf.format(groups.length) }) : ''}
        </Text>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onNew}>
          {t('customerGroup.new')}
        </Button>
      </Group>
      {!groups && <Loader size="sm" m="sm" />}
      <Stack gap={2}>
        {groups?.map((g) => {
          const selected = g.id === selectedId;
          const count = typeof g.memberCount === 'number' ? g.memberCount : 0;
          return (
            <Group key={g.id} gap={0} wrap="nowrap" className={classes.item} data-selected={selected || undefined}>
              <UnstyledButton className={classes.select} onClick={() => onSelect(g)} aria-current={selected ? 'true' : undefined}>
                <ColorDot color={g.color} size={12} />
                <span className={classes.name}>{nameOf(g)}</span>
                <Badge size="sm" variant={selected ? 'filled' : 'light'} color="gray" className={classes.count} aria-label={t('groupMembers.countLabel', { count, n: nf.format(count) })}>
                  {nf.format(count)}
                </Badge>
              </UnstyledButton>
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('groupMembers.groupActions', { name: nameOf(g) })}>
                    <IconDots size={16} aria-hidden />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={14} aria-hidden />} onClick={() => onEdit(g)}>
                    {t('action.edit')}
                  </Menu.Item>
                  <Menu.Item color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => onDelete(g)}>
                    {t('action.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}
