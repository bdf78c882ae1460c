import { Button, Menu } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconCheck, IconChevronDown, IconUsersPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customerGroupEntity } from '../../../shared/entities/customer-group.entity.js';
import type { BulkActionProps } from '../../core/extensions.js';
import { ColorDot } from '../../core/fields/ColorDot.js';
import { useEntityOptions } from '../../core/lookups.js';
import type { EntityRecord } from '../../core/records.js';
import { membersApi } from './membersApi.js';
import { memberKeys } from './useMemberFeed.js';

/** M3.c from the customer list: the selected customers join a group (one idempotent request). */
export function AddToGroupAction({ selectedIds, clearSelection }: BulkActionProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const groups = useEntityOptions(customerGroupEntity);
  const add = useMutation({
    mutationFn: (g: EntityRecord) => membersApi.add(g.id, [...selectedIds]),
    onSuccess: (_res, g) => {
      const n = new Intl.NumberFormat(i18n.language).format(selectedIds.length);
      notify({ color: 'teal', icon: <IconCheck size={18} />, message: t('groupMembers.addedTo', { count: selectedIds.length, n, name: String(g.name ?? g.id) }) });
      clearSelection();
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
    },
  });
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" leftSection={<IconUsersPlus size={14} aria-hidden />} rightSection={<IconChevronDown size={12} aria-hidden />} loading={add.isPending}>
          {t('groupMembers.addToGroup')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {(groups.data?.items ?? []).map((g) => (
          <Menu.Item key={g.id} leftSection={<ColorDot color={g.color} />} onClick={() => add.mutate(g)}>
            {String(g.name ?? `#${g.id}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
