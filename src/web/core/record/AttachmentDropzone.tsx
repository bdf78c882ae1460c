import { Alert, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { formatBytes } from '../../../shared/file-size.js';
import { ApiError, NetworkError } from '../api.js';
import { attachmentKeys, uploadAttachments } from '../attachments.js';
import { notify } from '../notify.js';
import { useSettings } from '../settings.js';
import classes from './AttachmentDropzone.module.css';

interface Props {
  entity: EntityDef;
  recordId: number;
}

/**
 * Upload by the button or by dropping files on the area: one request for all of them (stored all or
 * none), a progress bar while it goes, and each refused file named with why (too large, not allowed).
 */
export function AttachmentDropzone({ entity, recordId }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const limit = useSettings().data?.attachmentMaxBytes;
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  // Sizes are checked here first so a file that is too large is named at once, not after it was sent.
  const refusedHere = (files: readonly File[]) => files.flatMap((f) => {
    if (f.size === 0) return [t('attachments.error.empty', { name: f.name })];
    if (limit !== undefined && f.size > limit) return [t('attachments.error.tooLarge', { name: f.name, limit: formatBytes(limit) })];
    return [];
  });

  const send = async (files: File[]) => {
    if (files.length === 0 || progress !== null) return;
    const refused = refusedHere(files);
    setErrors(refused);
    if (refused.length) return;
    setProgress(0);
    try {
      const stored = await uploadAttachments(entity, recordId, files, setProgress);
      notify({ color: 'teal', message: t('attachments.uploaded', { count: stored.length }) });
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fieldErrors.length ? e.fieldErrors.map((f) => f.message) : [e.message]);
      else setErrors([e instanceof NetworkError ? t('error.network') : String(e)]);
    } finally {
      setProgress(null);
      void queryClient.invalidateQueries({ queryKey: attachmentKeys.of(entity, recordId) });
    }
  };

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    void send(Array.from(e.dataTransfer.files));
  };
  const percent = Math.round((progress ?? 0) * 100);

  return (
    <Stack gap="xs">
      <div
        className={classes.zone}
        data-over={over || undefined}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {progress === null ? (
          <Group gap="sm" wrap="nowrap">
            <Button size="xs" variant="default" className={classes.button} leftSection={<IconUpload size={14} aria-hidden />} onClick={() => input.current?.click()}>
              {t('attachments.upload')}
            </Button>
            <Stack gap={0}>
              <Text size="sm">{over ? t('attachments.dropActive') : t('attachments.dropHint')}</Text>
              {limit !== undefined && <Text size="xs" c="dimmed">{t('attachments.limits', { limit: formatBytes(limit) })}</Text>}
            </Stack>
          </Group>
        ) : (
          <Stack gap={4} w="100%">
            <Text size="sm">{t('attachments.uploading', { percent })}</Text>
            <Progress value={percent} aria-label={t('attachments.uploading', { percent })} animated />
          </Stack>
        )}
        <input
          ref={input}
          type="file"
          multiple
          hidden
          aria-label={t('attachments.upload')}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            // Cleared so choosing the same file again still uploads it.
            e.currentTarget.value = '';
            void send(files);
          }}
        />
      </div>
      {errors.length > 0 && (
        <Alert color="red" title={t('attachments.uploadFailed')} withCloseButton closeButtonLabel={t('action.close')} onClose={() => setErrors([])}>
          <List size="sm" spacing={2}>
            {errors.map((m, i) => <List.Item key={i}>{m}</List.Item>)}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
