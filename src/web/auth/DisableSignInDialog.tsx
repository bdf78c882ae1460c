import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Settings → Sign-in, back to no sign-in: said plainly before it happens, as everyone else loses access. */
export function DisableSignInDialog({ onConfirm, onClose, busy }: { onConfirm: () => void; onClose: () => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('accounts.disable.title')} centered>
      <Stack gap="md">
        <Text size="sm">{t('accounts.disable.hint')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>{t('action.cancel')}</Button>
          <Button color="red" loading={busy} onClick={onConfirm}>{t('accounts.disable.submit')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
