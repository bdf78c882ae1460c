import { ActionIcon, Alert, Button, CopyButton, Group, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../core/timeZone.js';
import { activitiesApi, activityKeys } from './activitiesApi.js';

/** Calendar subscription: a feed URL with a secret token for calendar programs; shown once, revocable. */
export function CalendarFeeds() {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<string | null>(null);
  const feeds = useQuery({ queryKey: activityKeys.feeds, queryFn: ({ signal }) => activitiesApi.feeds(signal) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: activityKeys.feeds });
  const create = useMutation({ mutationFn: activitiesApi.createFeed, onSuccess: (f) => (setCreated(f.url), refresh()) });
  const revoke = useMutation({ mutationFn: activitiesApi.revokeFeed, onSuccess: refresh });
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz });
  const items = feeds.data?.items ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-label={t('feeds.title')}>
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={3} fz="md">
            {t('feeds.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('feeds.hint')}
          </Text>
        </div>
        <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} loading={create.isPending} onClick={() => create.mutate()}>
          {t('feeds.create')}
        </Button>
      </Group>
      <Stack gap="xs">
        {(create.error ?? revoke.error) && <Alert color="red">{(create.error ?? revoke.error)?.message}</Alert>}
        {created && (
          <Group gap="xs" wrap="nowrap">
            <TextInput readOnly value={created} aria-label={t('feeds.url')} style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={created}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}>
                  {t(copied ? 'feeds.copied' : 'feeds.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        {created && (
          <Text size="xs" c="dimmed">
            {t('feeds.shownOnce')}
          </Text>
        )}
        {items.length > 0 && (
          <Table verticalSpacing={4} aria-label={t('feeds.list')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th fz="xs">{t('feeds.createdAt')}</Table.Th>
                <Table.Th fz="xs">{t('feeds.lastUsedAt')}</Table.Th>
                <Table.Th w={60} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td fz="sm">{when.format(new Date(f.createdAt))}</Table.Td>
                  <Table.Td fz="sm">{f.lastUsedAt ? when.format(new Date(f.lastUsedAt)) : t('feeds.neverUsed')}</Table.Td>
                  <Table.Td>
                    <Tooltip label={t('feeds.revoke')}>
                      <ActionIcon variant="subtle" color="red" aria-label={t('feeds.revoke')} onClick={() => revoke.mutate(f.id)}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
