import { ActionIcon, Alert, Group, Loader, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import {
  IconDownload, IconFile, IconFileTypeCsv, IconFileTypeDocx, IconFileTypePdf, IconFileTypePpt, IconFileTypeTxt, IconFileTypeXls, IconFileTypeZip, IconTrash,
  type Icon,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { formatBytes } from '../../../shared/file-size.js';
import { attachmentKeys, attachmentsApi, attachmentUrl, useAttachments, type Attachment } from '../attachments.js';
import { useFormatter } from '../fields/useFormatter.js';
import { notify } from '../notify.js';
import { AttachmentDropzone } from './AttachmentDropzone.js';
import { AttachmentPreviewDialog } from './AttachmentPreviewDialog.js';
import { DeleteDialog } from './DeleteDialog.js';
import classes from './AttachmentsPanel.module.css';

/** The icon of a file that has no thumbnail, by its (detected) type. */
function iconOf(contentType: string): { icon: Icon; color: string } {
  if (contentType === 'application/pdf') return { icon: IconFileTypePdf, color: 'var(--mantine-color-red-7)' };
  if (contentType.includes('wordprocessingml') || contentType.endsWith('opendocument.text')) return { icon: IconFileTypeDocx, color: 'var(--mantine-color-blue-7)' };
  if (contentType.includes('spreadsheetml') || contentType.endsWith('opendocument.spreadsheet')) return { icon: IconFileTypeXls, color: 'var(--mantine-color-green-7)' };
  if (contentType.includes('presentationml') || contentType.endsWith('opendocument.presentation')) return { icon: IconFileTypePpt, color: 'var(--mantine-color-orange-7)' };
  if (contentType === 'application/zip') return { icon: IconFileTypeZip, color: 'var(--mantine-color-gray-7)' };
  if (contentType === 'text/csv') return { icon: IconFileTypeCsv, color: 'var(--mantine-color-teal-7)' };
  if (contentType === 'text/plain') return { icon: IconFileTypeTxt, color: 'var(--mantine-color-gray-7)' };
  return { icon: IconFile, color: 'var(--mantine-color-gray-7)' };
}

/** A thumbnail for an image, an icon for anything else; a button that opens the preview where there is one. */
function FileThumb({ a, onPreview }: { a: Attachment; onPreview: () => void }) {
  const { t } = useTranslation();
  const { icon: FileIcon, color } = iconOf(a.contentType);
  const face = a.contentType.startsWith('image/')
    ? <img src={attachmentUrl(a.id, true)} alt="" className={classes.thumb} loading="lazy" />
    : <FileIcon size={28} color={color} stroke={1.5} aria-hidden />;
  if (!a.previewable) return <span className={classes.thumbBox}>{face}</span>;
  return (
    <UnstyledButton className={classes.thumbBox} onClick={onPreview} aria-label={t('attachments.previewFile', { name: a.fileName })} title={t('attachments.preview')}>
      {face}
    </UnstyledButton>
  );
}

interface Props {
  entity: EntityDef;
  recordId: number;
  /**
   * Told when the panel's own preview or delete question opens and closes. A dialog holding the panel
   * needs it: every open Mantine modal closes on Escape, so it must not while one of these is on top.
   */
  onDialogOpen?: (open: boolean) => void;
}

/**
 * The files attached to one record (any entity that declares `attachments`): upload by button or
 * drop, a list with thumbnails, preview of images and PDF, download, and delete after a confirmation.
 */
export function AttachmentsPanel({ entity, recordId, onDialogOpen }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const format = useFormatter(entity);
  const attachments = useAttachments(entity, recordId);
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [deleting, setDeleting] = useState<Attachment | null>(null);
  const remove = useMutation({
    mutationFn: (a: Attachment) => attachmentsApi.remove(a.id),
    onSuccess: (_, a) => {
      setDeleting(null);
      notify({ color: 'gray', message: t('attachments.deleted', { name: a.fileName }) });
    },
    onError: (e) => notify({ color: 'red', message: e.message }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: attachmentKeys.of(entity, recordId) }),
  });

  const dialogOpen = previewing !== null || deleting !== null;
  useEffect(() => onDialogOpen?.(dialogOpen), [dialogOpen, onDialogOpen]);

  const items = attachments.data ?? [];
  return (
    <Stack gap="sm">
      <AttachmentDropzone entity={entity} recordId={recordId} />
      {attachments.isPending && <Loader size="sm" />}
      {attachments.error && <Alert color="red" title={t('error.title')}>{attachments.error.message}</Alert>}
      {attachments.isSuccess && items.length === 0 && <Text size="sm" c="dimmed">{t('attachments.empty')}</Text>}
      {items.length > 0 && (
        <Table verticalSpacing={6} aria-label={t('attachments.title')} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56} />
              <Table.Th fz="xs">{t('attachments.column.name')}</Table.Th>
              <Table.Th fz="xs" w={90} ta="right">{t('attachments.column.size')}</Table.Th>
              <Table.Th fz="xs">{t('attachments.column.addedBy')}</Table.Th>
              <Table.Th fz="xs">{t('attachments.column.addedAt')}</Table.Th>
              <Table.Th w={76} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td><FileThumb a={a} onPreview={() => setPreviewing(a)} /></Table.Td>
                <Table.Td fz="sm" className={classes.name}>{a.fileName}</Table.Td>
                <Table.Td fz="sm" ta="right" c="dimmed" className={classes.nowrap}>{formatBytes(a.size)}</Table.Td>
                <Table.Td fz="sm">{a._labels.createdBy ?? ''}</Table.Td>
                <Table.Td fz="sm" className={classes.nowrap}>{format('createdAt', a.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <ActionIcon component="a" href={attachmentUrl(a.id)} download={a.fileName} variant="subtle" color="gray" aria-label={t('attachments.downloadFile', { name: a.fileName })} title={t('attachments.download')}>
                      <IconDownload size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="red" onClick={() => setDeleting(a)} aria-label={t('attachments.deleteFile', { name: a.fileName })} title={t('action.delete')}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <AttachmentPreviewDialog attachment={previewing} onClose={() => setPreviewing(null)} />
      <DeleteDialog
        name={deleting?.fileName ?? ''}
        text={t('attachments.deleteText')}
        opened={deleting !== null}
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => { if (deleting) remove.mutate(deleting); }}
      />
    </Stack>
  );
}
