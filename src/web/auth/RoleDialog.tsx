import { Alert, Button, Checkbox, Group, Modal, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../core/notify.js';
import { adminApi, rolesKey, type Role } from './adminApi.js';
import { FieldRules } from './FieldRules.js';
import { PermissionMatrix } from './PermissionMatrix.js';
import { roleLabel } from './roleLabel.js';
import { SPECIAL_RIGHTS, type Permissions, type SpecialRight } from './types.js';

interface Props {
  /** The role to show or edit; absent for New role (`start` then holds the rights it begins with). */
  role?: Role;
  start?: { name: string; permissions: Permissions };
  onClose: () => void;
  /** A built-in role's Copy: a new role beginning with its rights. */
  onCopy: (role: Role) => void;
}

const isSpecial = (s: string): s is SpecialRight => (SPECIAL_RIGHTS as readonly string[]).includes(s);
const EMPTY: Permissions = { entities: {}, fields: {}, special: [] };

/** One role: its name, the record matrix, field rules and special rights. Built-in roles are shown read-only and can be copied. */
export function RoleDialog({ role, start, onClose, onCopy }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const readOnly = Boolean(role?.builtIn);
  const [name, setName] = useState(role ? (readOnly ? roleLabel(t, role.name) : role.name) : (start?.name ?? ''));
  const [permissions, setPermissions] = useState<Permissions>(role?.permissions ?? start?.permissions ?? EMPTY);
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: () => (role ? adminApi.updateRole(role, name.trim(), permissions) : adminApi.createRole(name.trim(), permissions)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: rolesKey });
      notify({ color: 'teal', message: t('accounts.roles.saved', { name: saved.name }) });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!readOnly && name.trim()) save.mutate();
  };
  const title = role ? (readOnly ? t('accounts.roles.viewTitle', { name: roleLabel(t, role.name) }) : t('accounts.roles.editTitle', { name: role.name })) : t('accounts.roles.new');
  return (
    <Modal opened onClose={onClose} title={title} size={980} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {readOnly && <Alert color="blue" variant="light" py="xs">{t('accounts.roles.builtInHint')}</Alert>}
          <TextInput label={t('accounts.roles.name')} required={!readOnly} value={name} readOnly={readOnly} variant={readOnly ? 'filled' : 'default'} maxLength={120} w={360} data-autofocus
            error={checked && !name.trim() ? t('accounts.problem.required') : undefined} onChange={(e) => setName(e.currentTarget.value)} />
          <Tabs defaultValue="records" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="records">{t('accounts.roles.records')}</Tabs.Tab>
              <Tabs.Tab value="fields">{t('accounts.roles.fields')}</Tabs.Tab>
              <Tabs.Tab value="special">{t('accounts.roles.special')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="records" pt="sm">
              <Text size="xs" c="dimmed" mb="xs">{t('accounts.roles.recordsHint')}</Text>
              <PermissionMatrix value={permissions} onChange={setPermissions} readOnly={readOnly} />
            </Tabs.Panel>
            <Tabs.Panel value="fields" pt="sm">
              <FieldRules value={permissions} onChange={setPermissions} readOnly={readOnly} />
            </Tabs.Panel>
            <Tabs.Panel value="special" pt="sm">
              <Checkbox.Group label={t('accounts.roles.special')} value={permissions.special}
                onChange={(v) => setPermissions({ ...permissions, special: v.filter(isSpecial) })}>
                <Stack gap={6} mt={6}>
                  {SPECIAL_RIGHTS.map((s) => (
                    <Checkbox key={s} value={s} disabled={readOnly} label={t(`accounts.special.${s}`)} description={t(`accounts.specialHint.${s}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            </Tabs.Panel>
          </Tabs>
          {save.error && <Alert color="red" variant="light" role="alert" py="xs">{save.error.message}</Alert>}
          <Group justify="flex-end">
            {readOnly && role ? (
              <>
                <Button variant="default" onClick={onClose}>{t('action.close')}</Button>
                <Button onClick={() => onCopy(role)}>{t('accounts.roles.copy')}</Button>
              </>
            ) : (
              <>
                <Button variant="default" onClick={onClose}>{t('action.cancel')}</Button>
                <Button type="submit" loading={save.isPending}>{t('action.save')}</Button>
              </>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
