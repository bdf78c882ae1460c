import { Button, Group, Modal, Text } from '@mantine/core';
import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

interface Guard {
  /** Closes at once when nothing is pending, else asks first. Give it to the dialog's ✕, Escape and Cancel. */
  requestClose: () => void;
  /** The question, rendered beside the guarded dialog. */
  prompt: ReactElement;
}

/**
 * Work in a dialog is never lost without a word (issue 10: group members added, then ✕): closing a
 * dialog with pending changes asks Save / Don't save / Keep editing.
 */
export function useCloseGuard({ dirty, onClose, onSave, saving, message }: {
  dirty: boolean;
  onClose: () => void;
  /** Saves the pending work; the dialog closes itself when the save succeeds. */
  onSave: () => void;
  saving?: boolean;
  /** What is pending, in a sentence ("3 changes are not saved yet."). */
  message?: string;
}): Guard {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const requestClose = () => (dirty ? setAsking(true) : onClose());
  const prompt = (
    <Modal opened={asking} onClose={() => setAsking(false)} title={t('unsaved.title')} size="sm" zIndex={400}
      closeButtonProps={{ 'aria-label': t('action.close') }} styles={{ title: { fontWeight: 600 } }}>
      <Text size="sm" mb="md">{message ?? t('unsaved.text')}</Text>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={() => setAsking(false)}>{t('unsaved.keepEditing')}</Button>
        <Button variant="light" color="red" onClick={() => { setAsking(false); onClose(); }}>{t('unsaved.discard')}</Button>
        <Button loading={saving} onClick={() => { setAsking(false); onSave(); }} data-autofocus>{t('action.save')}</Button>
      </Group>
    </Modal>
  );
  return { requestClose, prompt };
}
