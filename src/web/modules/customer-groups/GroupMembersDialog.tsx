import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membersApi } from './membersApi.js';
import { MemberPane } from './MemberPane.js';
import { addRecords, hasChanges, NO_CHANGES, pendingCount, removeRecords, toPatch, type PendingMembers } from './pendingMembers.js';
import { memberKeys } from './useMemberFeed.js';
import { useMemberSide, type MemberSideState } from './useMemberSide.js';
import { useCloseGuard } from '../../core/record/UnsavedChangesDialog.js';

interface Props {
  groupId: number;
  groupName: string;
  opened: boolean;
  onClose: () => void;
}

/**
 * M3.b "Add/Remove group members": customers not in the group on the left, members on the right.
 * Add and Remove only move rows between the lists (pending, shown at once); OK applies every change
 * in one PATCH (one transaction), Cancel forgets them.
 */
export function GroupMembersDialog({ groupId, groupName, opened, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<PendingMembers>(NO_CHANGES);
  const nf = new Intl.NumberFormat(i18n.language);

  const left = useMemberSide(groupId, 'non-members', opened, {
    movedIn: useMemo(() => [...pending.remove.values()], [pending.remove]),
    movedOut: useMemo(() => new Set(pending.add.keys()), [pending.add]),
    matchingIn: pending.removeMatching,
    matchingOut: pending.addMatching,
  });
  const right = useMemberSide(groupId, 'members', opened, {
    movedIn: useMemo(() => [...pending.add.values()], [pending.add]),
    movedOut: useMemo(() => new Set(pending.remove.keys()), [pending.remove]),
    matchingIn: pending.addMatching,
    matchingOut: pending.removeMatching,
  });

  // Every opening starts from what is stored.
  const resetLeft = left.reset;
  const resetRight = right.reset;
  useEffect(() => {
    if (!opened) return;
    setPending(NO_CHANGES);
    resetLeft();
    resetRight();
  }, [opened, resetLeft, resetRight]);

  const move = (from: MemberSideState, direction: 'add' | 'remove') => {
    if (from.selectedCount === 0) return;
    setPending((p) => {
      let next = direction === 'add' ? addRecords(p, from.selectedRecords) : removeRecords(p, from.selectedRecords);
      if (from.selection.allMatching) {
        // The rows the server would find for this search: its count less what already moved away.
        const moved = { q: from.q, count: Math.max(0, from.feed.total - (direction === 'add' ? p.add.size : p.remove.size)), capped: from.feed.capped };
        const serverOnly = from.selectedRecords.filter((r) => !from.pendingIds.has(r.id));
        // The server adds every match itself; only rows that were moved here by hand stay individual.
        next = direction === 'add' ? { ...next, add: withoutIds(next.add, serverOnly), addMatching: moved } : { ...next, remove: withoutIds(next.remove, serverOnly), removeMatching: moved };
      }
      return next;
    });
    from.clear();
  };

  const save = useMutation({
    mutationFn: () => membersApi.patch(groupId, toPatch(pending)),
    onSuccess: (res) => {
      notify({ color: 'teal', icon: <IconCheck size={18} />, message: t('groupMembers.saved', { name: groupName, n: nf.format(res.memberCount) }) });
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['records'] });
      onClose();
    },
  });

  const count = pendingCount(pending);
  const changed = hasChanges(pending);
  // Closing with customers moved but not saved asks first (a student who stops at Add thinks they were added).
  const guard = useCloseGuard({ dirty: changed, onClose, onSave: () => save.mutate(), saving: save.isPending, message: t('groupMembers.unsaved', { count, n: nf.format(count), name: groupName }) });

  return (
    <>
    <Modal
      opened={opened}
      onClose={guard.requestClose}
      title={t('groupMembers.dialogTitle')}
      size={980}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('action.close') }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('groupMembers.dialogHint', { name: groupName })}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" style={{ gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr)' }}>
          <MemberPane label={t('groupMembers.nonMembers')} side={left} matchingIn={pending.removeMatching} onMove={() => move(left, 'add')} canSelectAllMatching={pending.addMatching === null} />
          <Stack justify="center" gap="sm">
            <Button rightSection={<IconArrowRight size={16} aria-hidden />} onClick={() => move(left, 'add')} disabled={left.selectedCount === 0}>
              {t('groupMembers.add')}
            </Button>
            <Button variant="default" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={() => move(right, 'remove')} disabled={right.selectedCount === 0}>
              {t('groupMembers.remove')}
            </Button>
          </Stack>
          <MemberPane label={t('groupMembers.members')} side={right} matchingIn={pending.addMatching} onMove={() => move(right, 'remove')} canSelectAllMatching={pending.removeMatching === null} />
        </SimpleGrid>
        {save.error && (
          <Alert color="red" variant="light" py="xs">
            {save.error.message}
          </Alert>
        )}
        <Group justify="space-between" mt="xs">
          <Text size="sm" c={changed ? 'orange.8' : 'dimmed'} fw={changed ? 600 : 400} aria-live="polite">
            {changed ? t('groupMembers.pendingCount', { count, n: nf.format(count) }) : t('groupMembers.noChanges')}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={guard.requestClose}>
              {t('action.cancel')}
            </Button>
            <Button onClick={() => (changed ? save.mutate() : onClose())} loading={save.isPending}>
              {t('action.ok')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
    {guard.prompt}
    </>
  );
}

function withoutIds<T>(map: ReadonlyMap<number, T>, records: readonly { id: number }[]): Map<number, T> {
  const out = new Map(map);
  for (const r of records) out.delete(r.id);
  return out;
}
