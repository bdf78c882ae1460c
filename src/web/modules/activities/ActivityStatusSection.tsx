import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconDownload, IconRotate } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictError } from '../../core/api.js';
import type { DialogSectionProps } from '../../core/extensions.js';
import type { EntityRecord } from '../../core/records.js';
import { useTimeZone } from '../../core/timeZone.js';
import { activitiesApi, icsUrl } from './activitiesApi.js';
import { ActivityEvents } from './ActivityEvents.js';
import { EndActivityDialog } from './EndActivityDialog.js';

/** A section of the activity dialog while editing: the status, End activity (asks for the outcome) or Reopen, Download .ics, and what happened. */
export function ActivityStatusSection({ record, onRecordChanged }: DialogSectionProps) {
  if (!record) return null;
  return <StatusSection record={record} onChanged={onRecordChanged} />;
}

function StatusSection({ record, onChanged }: { record: EntityRecord; onChanged: (record: EntityRecord) => void }) {
  const { t, i18n } = useTranslation();
  const tz = useTimeZone();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ended = record.status === 'ended';
  const subject = String(record.subject ?? '');

  const handle = (err: Error) => {
    if (err instanceof ConflictError && err.current) {
      onChanged(err.current as EntityRecord);
      setError(t('activity.endConflict'));
    } else setError(err.message);
  };
  const end = useMutation({
    mutationFn: (outcome: string) => activitiesApi.end(record.id, outcome, record.version),
    onSuccess: (r) => {
      setAsking(false);
      setError(null);
      onChanged(r);
    },
    onError: handle,
  });
  const reopen = useMutation({
    mutationFn: () => activitiesApi.reopen(record.id, record.version),
    onSuccess: (r) => {
      setError(null);
      onChanged(r);
    },
    onError: handle,
  });

  const endedAt = typeof record.endedAt === 'string' ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(new Date(record.endedAt)) : '';
  return (
    <Paper withBorder p="sm" bg={ended ? 'teal.0' : 'gray.0'}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Badge color={ended ? 'teal' : 'blue'} variant="light" leftSection={ended ? <IconCircleCheck size={12} aria-hidden /> : undefined}>
              {t(`activity.status.${ended ? 'ended' : 'planned'}`)}
            </Badge>
            {ended && (
              <Text size="sm" c="dimmed">
                {t('activity.endedOn', { when: endedAt })}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Button component="a" href={icsUrl(record.id)} download variant="subtle" size="xs" leftSection={<IconDownload size={14} aria-hidden />}>
              {t('activity.downloadIcs')}
            </Button>
            {ended ? (
              <Button variant="default" size="xs" leftSection={<IconRotate size={14} aria-hidden />} loading={reopen.isPending} onClick={() => reopen.mutate()}>
                {t('activity.reopen')}
              </Button>
            ) : (
              <Button color="teal" size="xs" leftSection={<IconCircleCheck size={14} aria-hidden />} onClick={() => setAsking(true)}>
                {t('activity.end')}
              </Button>
            )}
          </Group>
        </Group>
        {ended && typeof record.outcome === 'string' && record.outcome !== '' && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={500}>{t('activity.field.outcome')}: </Text>
            {record.outcome}
          </Text>
        )}
        {error && !asking && <Alert color="orange" py={6}>{error}</Alert>}
        <ActivityEvents id={record.id} version={record.version} />
      </Stack>
      <EndActivityDialog
        opened={asking}
        subject={subject}
        pending={end.isPending}
        error={asking ? error : null}
        onCancel={() => {
          setAsking(false);
          setError(null);
        }}
        onConfirm={(outcome) => end.mutate(outcome)}
      />
    </Paper>
  );
}
