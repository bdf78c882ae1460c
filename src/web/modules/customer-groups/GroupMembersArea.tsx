import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconUsersPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerEntity } from '../../../shared/entities/customer.entity.js';
import { ColorDot } from '../../core/fields/ColorDot.js';
import { EntityList } from '../../core/list/EntityList.js';
import type { EntityRecord, FieldFilter } from '../../core/records.js';
import { GroupMembersDialog } from './GroupMembersDialog.js';

/** M3.b: the chosen group's members (the customer list narrowed to the group, paged on the server). */
export function GroupMembersArea({ group }: { group: EntityRecord }) {
  const { t } = useTranslation();
  const [dialogOpen, setDialogOpen] = useState(false);
  const name = String(group.name ?? `#${group.id}`);
  const filters = useMemo<FieldFilter[]>(() => [{ field: 'group', value: group.id }], [group.id]);
  const newValues = useMemo(() => ({ groupIds: [group.id] }), [group.id]);
  const newLabels = useMemo(() => ({ groupIds: [name] }), [name]);
  return (
    <Stack gap="sm">
      <div>
        <Group gap="sm" wrap="nowrap">
          <ColorDot color={group.color} size={14} />
          <Title order={3}>
            {name}
          </Title>
        </Group>
        {typeof group.description === 'string' && group.description && (
          <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {group.description}
          </Text>
        )}
      </div>
      <EntityList
        key={group.id}
        entity={customerEntity}
        title={t('groupMembers.heading')}
        headingOrder={3}
        fixedFilters={filters}
        newValues={newValues}
        newLabels={newLabels}
        // Members are added with the dialog, not by creating customers (the generic text would say New record).
        emptyText={t('groupMembers.emptyGroup')}
        actions={
          <Button variant="light" leftSection={<IconUsersPlus size={16} aria-hidden />} onClick={() => setDialogOpen(true)}>
            {t('groupMembers.open')}
          </Button>
        }
      />
      <GroupMembersDialog groupId={group.id} groupName={name} opened={dialogOpen} onClose={() => setDialogOpen(false)} />
    </Stack>
  );
}
