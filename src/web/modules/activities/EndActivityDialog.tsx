import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  subject: string;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (outcome: string) => void;
}

/** End activity asks what happened (the outcome), then ends it in one request. */
export function EndActivityDialog({ opened, subject, pending, error, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  return (
    <Modal opened={opened} onClose={onCancel} title={t('activity.end')} closeButtonProps={{ 'aria-label': t('action.close') }} size="md" zIndex={300}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // React events bubble through portals: the edit dialog's form must not submit too.
          e.stopPropagation();
          onConfirm(outcome);
        }}
      >
        <Stack gap="sm">
          {error && <Alert color="red">{error}</Alert>}
          <Textarea
            label={t('activity.field.outcome')}
            description={t('activity.outcomeHint', { subject })}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={10_000}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" color="teal" loading={pending}>
              {t('activity.endConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
