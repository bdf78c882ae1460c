import { Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { adminApi, tokensKey, useTokens, type ApiToken } from './adminApi.js';
import { NewTokenDialog } from './NewTokenDialog.js';
import { roleLabel } from './roleLabel.js';
import { shortDateTime } from './shortDateTime.js';

/** Settings → API tokens: for programs that call the API (`Authorization: Bearer …`); revoked at once. */
export function TokensPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => adminApi.revokeToken(token.id),
    onSuccess: (_v, token) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      notify({ color: 'teal', message: t('accounts.tokens.revoked', { name: token.name }) });
    },
    onError: (e) => notify({ color: 'red', message: e.message }),
  });
  const when = (iso: string | null) => (iso ? shortDateTime(iso, i18n.language) : '—');
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed">{t('accounts.tokens.hint')}</Text>
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>{t('accounts.tokens.new')}</Button>
      </Group>
      <Table verticalSpacing={6} highlightOnHover aria-label={t('accounts.tokens.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th fz="xs">{t('accounts.tokens.name')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.tokens.prefix')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.tokens.owner')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.tokens.role')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.tokens.lastUsed')}</Table.Th>
            <Table.Th fz="xs">{t('accounts.tokens.expires')}</Table.Th>
            <Table.Th fz="xs" w={90}><VisuallyHidden>{t('accounts.actions')}</VisuallyHidden></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(tokens.data?.items ?? []).map((tk) => (
            <Table.Tr key={tk.id} c={tk.revokedAt ? 'dimmed' : undefined}>
              <Table.Td fz="sm" fw={500}>{tk.name}</Table.Td>
              <Table.Td fz="sm" ff="monospace">{tk.prefix}…</Table.Td>
              <Table.Td fz="sm">{tk.userName}</Table.Td>
              <Table.Td fz="sm">{roleLabel(t, tk.roleName)}</Table.Td>
              <Table.Td fz="sm">{when(tk.lastUsedAt)}</Table.Td>
              <Table.Td fz="sm">{when(tk.expiresAt)}</Table.Td>
              <Table.Td>
                {tk.revokedAt ? <Badge size="xs" color="gray" variant="light">{t('accounts.tokens.revokedBadge')}</Badge> : (
                  <Button size="compact-xs" variant="subtle" color="red" aria-label={t('accounts.tokens.revokeOf', { name: tk.name })} loading={revoke.isPending && revoke.variables?.id === tk.id}
                    onClick={() => revoke.mutate(tk)}>{t('accounts.tokens.revoke')}</Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {tokens.data && tokens.data.items.length === 0 && <Text size="sm" c="dimmed" mt="xs">{t('accounts.tokens.none')}</Text>}
      {creating && <NewTokenDialog onClose={() => setCreating(false)} />}
    </>
  );
}
