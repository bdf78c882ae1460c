import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** When set, the user types this word before the confirm button is enabled. */
  word?: string;
  pending: boolean;
  error: Error | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** The lab's confirmation before data is replaced: what happens, that a backup is kept, and (for a reset) the word to type. */
export function ConfirmDialog({ title, children, confirmLabel, word, pending, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  // As the server: the word as shown, in any letter case (reset, Reset, RESET).
  const ready = word === undefined || typed.trim().toUpperCase() === word.toUpperCase();
  return (
    <Modal opened onClose={pending ? () => undefined : onClose} title={title} size="md" centered styles={{ title: { fontWeight: 600 } }}
      closeButtonProps={{ 'aria-label': t('action.close') }}>
      <form onSubmit={(e) => { e.preventDefault(); if (ready && !pending) onConfirm(); }}>
        <Stack gap="sm">
          {children}
          {word !== undefined && (
            <TextInput data-autofocus label={t('labData.reset.typeWord', { word })} value={typed} autoComplete="off"
              onChange={(e) => setTyped(e.currentTarget.value)} />
          )}
          {error && <Alert color="red" variant="light" py="xs"><Text size="sm">{error.message}</Text></Alert>}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose} disabled={pending}>{t('action.cancel')}</Button>
            <Button type="submit" color="red" disabled={!ready} loading={pending}>{confirmLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
