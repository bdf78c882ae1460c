import { ActionIcon, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconCheck, IconPencil, IconTrash, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { NamedCountTable } from './NamedCountTable.js';
import { adminApi, teamsKey, useTeams, usersKey, type Team } from './adminApi.js';

/** Settings → Teams: add, rename, delete (a team with users cannot go). */
export function TeamsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ team: Team; name: string } | null>(null);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: teamsKey });
    void queryClient.invalidateQueries({ queryKey: usersKey });
    notify({ color: 'teal', message });
  };
  const onError = (e: Error) => notify({ color: 'red', message: e.message });
  const add = useMutation({
    mutationFn: () => adminApi.createTeam(name.trim()),
    onSuccess: (team) => { setName(''); done(t('accounts.teams.added', { name: team.name })); },
  });
  const rename = useMutation({
    mutationFn: (r: { team: Team; name: string }) => adminApi.renameTeam(r.team, r.name.trim()),
    onSuccess: (team) => { setRenaming(null); done(t('accounts.teams.renamed', { name: team.name })); },
    onError,
  });
  const remove = useMutation({
    mutationFn: (team: Team) => adminApi.deleteTeam(team.id),
    onSuccess: (_v, team) => done(t('accounts.teams.deleted', { name: team.name })),
    onError,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) add.mutate();
  };
  return (
    <>
      <form onSubmit={submit}>
        <Group gap="xs" align="flex-start" mb="sm">
          <TextInput aria-label={t('accounts.teams.newName')} placeholder={t('accounts.teams.newName')} value={name} maxLength={120} w={280}
            onChange={(e) => setName(e.currentTarget.value)} error={add.error?.message} />
          <Button type="submit" variant="default" loading={add.isPending} disabled={!name.trim()}>{t('accounts.teams.add')}</Button>
        </Group>
      </form>
      <NamedCountTable label={t('accounts.teams.title')} nameHeader={t('accounts.team')}>
          {(teams.data?.items ?? []).map((team) => (
            <Table.Tr key={team.id}>
              <Table.Td fz="sm" fw={500}>
                {renaming?.team.id === team.id ? (
                  <form onSubmit={(e) => { e.preventDefault(); if (renaming.name.trim()) rename.mutate(renaming); }}>
                    <Group gap={4} wrap="nowrap">
                      <TextInput size="xs" aria-label={t('accounts.teams.renameOf', { name: team.name })} value={renaming.name} autoFocus
                        onChange={(e) => setRenaming({ team, name: e.currentTarget.value })} />
                      <ActionIcon type="submit" variant="subtle" aria-label={t('action.save')} loading={rename.isPending}><IconCheck size={16} aria-hidden /></ActionIcon>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('action.cancel')} onClick={() => setRenaming(null)}><IconX size={16} aria-hidden /></ActionIcon>
                    </Group>
                  </form>
                ) : team.name}
              </Table.Td>
              <Table.Td fz="sm">{team.userCount}</Table.Td>
              <Table.Td>
                <Group gap={2} wrap="nowrap">
                  <ActionIcon variant="subtle" color="gray" aria-label={t('accounts.teams.renameOf', { name: team.name })} onClick={() => setRenaming({ team, name: team.name })}>
                    <IconPencil size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={t('accounts.teams.deleteOf', { name: team.name })} disabled={team.userCount > 0}
                    title={team.userCount > 0 ? t('accounts.teams.inUse') : undefined} onClick={() => remove.mutate(team)}>
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
      </NamedCountTable>
      {teams.data && teams.data.items.length === 0 && <Text size="sm" c="dimmed" mt="xs">{t('accounts.teams.none')}</Text>}
    </>
  );
}
