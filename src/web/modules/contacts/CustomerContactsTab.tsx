import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconPlus, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import type { RecordActionProps } from '../../core/extensions.js';
import { RecordDialogOnDemand, RecordViewDialogOnDemand } from '../../core/record/RecordDialogOnDemand.js';
import { PAGE_SIZE, recordKeys, recordsApi, type EntityRecord } from '../../core/records.js';
import { contactsApi } from './contactsApi.js';

const COLUMNS = ['title', 'department', 'mobile', 'email'] as const;
const LIMIT = PAGE_SIZE;

/** Customer information → Contacts: the customer's contacts, the primary one marked, Make primary, New contact. */
export function CustomerContactsTab({ record: customer }: RecordActionProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<EntityRecord | null>(null);
  const customerName = String(customer.name ?? `#${customer.id}`);

  const contacts = useQuery({
    queryKey: [...recordKeys.all(contactEntity), 'of-customer', customer.id, i18n.language],
    queryFn: ({ signal }) =>
      recordsApi.list(contactEntity, { sort: 'name', locale: i18n.language, filters: [{ field: 'customerId', value: customer.id }] }, null, signal),
  });

  const refresh = () => void queryClient.invalidateQueries({ queryKey: recordKeys.all(contactEntity) });
  const makePrimary = useMutation({
    mutationFn: (c: EntityRecord) => contactsApi.makePrimary(c.id),
    onSuccess: (c) => {
      notify({ color: 'teal', message: t('contact.madePrimary', { name: String(c.name ?? c.id) }) });
      refresh();
    },
  });

  const items = contacts.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {contacts.data ? t('contact.count', { count: contacts.data.total, n: new Intl.NumberFormat(i18n.language).format(contacts.data.total) }) : ''}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('contact.newContact')}
        </Button>
      </Group>
      {contacts.error && <Alert color="red">{contacts.error.message}</Alert>}
      {makePrimary.error && <Alert color="red">{makePrimary.error.message}</Alert>}
      <Paper withBorder>
        <Table verticalSpacing={6} highlightOnHover aria-label={t('contact.ofCustomer', { name: customerName })}>
          <Table.Thead bg="gray.1">
            <Table.Tr>
              <Table.Th fz="xs">{t('contact.field.name')}</Table.Th>
              {COLUMNS.map((f) => (
                <Table.Th key={f} fz="xs">
                  {t(contactEntity.allFields[f]?.label ?? f)}
                </Table.Th>
              ))}
              <Table.Th fz="xs" w={190}>
                {t('contact.field.isPrimary')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.isPending && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS.length + 2}>
                  <Loader size="sm" />
                </Table.Td>
              </Table.Tr>
            )}
            {contacts.data && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS.length + 2}>
                  <Text size="sm" c="dimmed" ta="center" py="sm">
                    {t('contact.noneForCustomer')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fz="sm">
                  <Anchor component="button" type="button" size="sm" fw={500} onClick={() => setViewing(c)}>
                    {String(c.name ?? `#${c.id}`)}
                  </Anchor>
                </Table.Td>
                {COLUMNS.map((f) => (
                  <Table.Td key={f} fz="sm">
                    {typeof c[f] === 'string' ? String(c[f]) : ''}
                  </Table.Td>
                ))}
                <Table.Td>
                  {c.isPrimary === true ? (
                    <Badge color="teal" variant="filled" tt="none" leftSection={<IconStarFilled size={12} aria-hidden />}>
                      {t('contact.field.isPrimary')}
                    </Badge>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="default"
                      leftSection={<IconStar size={12} aria-hidden />}
                      loading={makePrimary.isPending && makePrimary.variables?.id === c.id}
                      onClick={() => makePrimary.mutate(c)}
                    >
                      {t('contact.makePrimary')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {contacts.data && contacts.data.total > LIMIT && (
        <Text size="xs" c="dimmed">
          {t('contact.moreInList')}
        </Text>
      )}
      <RecordDialogOnDemand
        entity={contactEntity}
        opened={creating}
        initialValues={{ customerId: customer.id }}
        initialLabels={{ customerId: customerName }}
        onClose={() => setCreating(false)}
        onSaved={refresh}
      />
      <RecordViewDialogOnDemand entity={contactEntity} record={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}
