import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, tokensKey, useRoles, type NewApiToken } from './adminApi.js';
import { roleLabel } from './roleLabel.js';
import { useMe } from './useMe.js';

/** New API token: a name, the role it acts with, an optional expiry date; then the token, shown this once. */
export function NewTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { me, hasSpecial } = useMe();
  // An admin may give a token any role; anyone else one of their own.
  const allRoles = useRoles(hasSpecial('users')).data?.items;
  const roles = hasSpecial('users') ? (allRoles ?? []) : (me?.user?.roles ?? []);
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState<string | null>(null);
  const [expires, setExpires] = useState('');
  const [checked, setChecked] = useState(false);
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const create = useMutation({
    mutationFn: () => adminApi.createToken({ name: name.trim(), roleId: Number(roleId), ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}) }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      setCreated(token);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (name.trim() && roleId) create.mutate();
  };
  if (created) {
    return (
      <Modal opened onClose={onClose} title={t('accounts.tokens.createdTitle', { name: created.name })} centered size="lg" closeOnClickOutside={false}>
        <Stack gap="sm">
          <Alert color="yellow" variant="light" py="xs">{t('accounts.tokens.shownOnce')}</Alert>
          <Code block aria-label={t('accounts.tokens.token')} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>{created.token}</Code>
          <Group justify="flex-end">
            <CopyButton value={created.token}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} onClick={copy}
                  leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
                  {copied ? t('accounts.tokens.copied') : t('accounts.tokens.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>{t('accounts.tokens.done')}</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }
  return (
    <Modal opened onClose={onClose} title={t('accounts.tokens.new')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('accounts.tokens.newHint')}</Text>
          <TextInput label={t('accounts.tokens.name')} required value={name} maxLength={120} data-autofocus
            error={checked && !name.trim() ? t('accounts.problem.required') : undefined} onChange={(e) => setName(e.currentTarget.value)} />
          <Select label={t('accounts.tokens.role')} required data={roles.map((r) => ({ value: String(r.id), label: roleLabel(t, r.name) }))} value={roleId}
            error={checked && !roleId ? t('accounts.problem.required') : undefined} onChange={setRoleId} comboboxProps={{ withinPortal: true }} />
          <TextInput label={t('accounts.tokens.expires')} description={t('accounts.tokens.expiresHint')} type="date" value={expires} onChange={(e) => setExpires(e.currentTarget.value)} w={220} />
          {create.error && <Alert color="red" variant="light" role="alert" py="xs">{create.error.message}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
            <Button type="submit" loading={create.isPending}>{t('accounts.tokens.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
