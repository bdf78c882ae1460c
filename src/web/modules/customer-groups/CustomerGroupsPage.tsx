import { Alert, Grid, Stack, Text, Title } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { usePageTitle } from '../../app/usePageTitle.js';
import { useEntityOptions } from '../../core/lookups.js';
import { DeleteDialog } from '../../core/record/DeleteDialog.js';
import { RecordDialogOnDemand } from '../../core/record/RecordDialogOnDemand.js';
import { recordKeys, recordsApi, type EntityRecord } from '../../core/records.js';
import { GroupList } from './GroupList.js';
import { GroupMembersArea } from './GroupMembersArea.js';

/** M3.a: the Customer groups folder — the groups on the left, the chosen group's members area beside them. */
export function CustomerGroupsPage({ entity }: { entity: EntityDef }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  usePageTitle(t('customerGroup.list'));
  const groups = useEntityOptions(entity);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<{ record?: EntityRecord } | null>(null);
  const [deleting, setDeleting] = useState<EntityRecord | null>(null);

  const items = groups.data?.items;
  const selected = items?.find((g) => g.id === selectedId) ?? items?.[0];

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['records'] });
  const remove = useMutation({
    mutationFn: (g: EntityRecord) => recordsApi.remove(entity, g.id),
    onSuccess: (_v, g) => {
      notify({ color: 'gray', message: t('record.deleted', { name: String(g.name ?? g.id) }) });
      setDeleting(null);
      if (g.id === selected?.id) setSelectedId(null);
      refresh();
    },
  });

  return (
    <Stack gap="sm">
      <Title order={2}>
        {t('customerGroup.list')}
      </Title>
      {groups.error && <Alert color="red">{groups.error.message}</Alert>}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <GroupList
            groups={items}
            selectedId={selected?.id ?? null}
            onSelect={(g) => setSelectedId(g.id)}
            onNew={() => setDialog({})}
            onEdit={(g) => setDialog({ record: g })}
            onDelete={setDeleting}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
          {selected ? (
            <GroupMembersArea group={selected} />
          ) : (
            items && (
              <Text c="dimmed" size="sm" mt="md">
                {t('groupMembers.noGroups')}
              </Text>
            )
          )}
        </Grid.Col>
      </Grid>
      <RecordDialogOnDemand
        entity={entity}
        record={dialog?.record}
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        onSaved={(saved) => {
          refresh();
          if (!dialog?.record) setSelectedId(saved.id);
        }}
      />
      <DeleteDialog
        name={String(deleting?.name ?? '')}
        opened={deleting !== null}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Stack>
  );
}
