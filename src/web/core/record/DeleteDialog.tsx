import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  name: string;
  opened: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** What deleting does, when it is not a move to Trash (an attachment is deleted for good). */
  text?: string;
}

/** Deleting only moves to Trash, but a confirmation still keeps a slip of the mouse from hiding a record. */
export function DeleteDialog({ name, opened, busy, onCancel, onConfirm, text }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={t('record.deleteTitle', { name })} closeButtonProps={{ 'aria-label': t('action.close') }} size="md">
      <Text size="sm">{text ?? t('record.deleteText')}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          {t('action.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm} loading={busy} data-autofocus>
          {t('action.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
