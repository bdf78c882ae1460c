import { Button, Center, Group, Modal, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl, type Attachment } from '../attachments.js';
import { useLatched } from '../useLatched.js';

interface Props {
  /** The file to show; null keeps the dialog closed. */
  attachment: Attachment | null;
  onClose: () => void;
}

/**
 * An image at full size, or a PDF in the browser's viewer. Both load from `?inline=1`, which the
 * server answers only for images and PDF, sandboxed: the file cannot run anything in the app.
 */
export function AttachmentPreviewDialog({ attachment, onClose }: Props) {
  const { t } = useTranslation();
  // While it fades out, the dialog keeps showing the file it showed.
  const shown = useLatched(attachment, attachment !== null);
  const isPdf = shown?.contentType === 'application/pdf';
  return (
    <Modal opened={attachment !== null} onClose={onClose} title={shown?.fileName} size={isPdf ? '90%' : 'auto'} closeButtonProps={{ 'aria-label': t('action.close') }}
      styles={{ content: { minWidth: 'min(400px, 100%)' }, title: { fontWeight: 600, overflowWrap: 'anywhere' } }}>
      {shown && (
        <Stack gap="sm">
          {isPdf ? (
            <iframe src={attachmentUrl(shown.id, true)} title={shown.fileName} style={{ width: '100%', height: '72vh', border: 0 }} />
          ) : (
            <Center>
              <img src={attachmentUrl(shown.id, true)} alt={shown.fileName} style={{ maxWidth: '100%', maxHeight: '72vh', objectFit: 'contain' }} />
            </Center>
          )}
          <Group justify="flex-end" gap="sm">
            <Button component="a" href={attachmentUrl(shown.id)} download={shown.fileName} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t('attachments.download')}
            </Button>
            <Button onClick={onClose} data-autofocus>
              {t('action.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
