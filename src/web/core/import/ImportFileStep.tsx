import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportPreview } from '../../../shared/import.js';
import { uploadForPreview } from './importApi.js';
import classes from './ImportFileStep.module.css';

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.vcf,.vcard,text/csv,text/tab-separated-values,text/plain,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The file: dropped on the area or chosen with its input ("File to import"); it goes to the server at once, which
 * reads its first rows back (the preview) and keeps it for the import. A big file shows how much has gone out.
 */
export function ImportFileStep({ entity, fileName, onPreview }: { entity: EntityDef; fileName: string | null; onPreview: (preview: ImportPreview) => void }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  const send = (file: File) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setSent(0);
    setSending(file.name);
    uploadForPreview(entity, file, setSent, controller.signal).then(
      (preview) => {
        setSent(null);
        setSending(null);
        onPreview(preview);
      },
      (e: unknown) => {
        setSent(null);
        setSending(null);
        if (e instanceof DOMException && e.name === 'AbortError') return;
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  };
  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) send(file);
  };
  const percent = sent === null ? null : Math.round(sent * 100);
  return (
    <Stack gap="sm">
      <div
        className={classes.zone}
        data-dragging={dragging || undefined}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Stack align="center" gap={6}>
          <IconFileUpload size={36} stroke={1.5} aria-hidden />
          <Text fw={500}>
            <label htmlFor={inputId}>{t('import.fileLabel')}</label>
          </Text>
          <Text size="sm" c="dimmed" id={hintId}>{t('import.fileHint')}</Text>
          <input
            id={inputId}
            className={classes.input}
            type="file"
            accept={ACCEPT}
            aria-describedby={hintId}
            disabled={sending !== null}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) send(file);
              e.currentTarget.value = '';
            }}
          />
        </Stack>
      </div>
      {sending !== null && (
        <Stack gap={4} role="status" aria-live="polite">
          <Group justify="space-between">
            <Text size="sm">{t('import.uploading', { file: sending })}</Text>
            <Text size="sm" c="dimmed">{percent !== null ? `${percent.toLocaleString(i18n.language)}%` : ''}</Text>
          </Group>
          <Progress value={percent ?? 0} aria-label={t('import.uploadProgress')} animated={percent === 100} />
          {percent === 100 && <Text size="xs" c="dimmed">{t('import.reading')}</Text>}
        </Stack>
      )}
      {fileName && sending === null && <Text size="sm">{t('import.fileChosen', { file: fileName })}</Text>}
      {error && <Alert color="red" title={t('import.uploadFailed')}>{error}</Alert>}
    </Stack>
  );
}
