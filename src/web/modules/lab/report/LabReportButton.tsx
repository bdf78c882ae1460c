import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconDownload, IconReport, IconUserEdit } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, toQueryString } from '../../../core/api.js';

export interface LabStudent { name: string | null; course: string | null }

/** What the button does once the student is known: open the printable page, or download the DOCX. */
type Next = 'html' | 'docx' | null;

const STUDENT_KEY = ['lab', 'student'] as const;

function reportUrl(format: 'html' | 'docx', locale: string): string {
  return `/api/v1/lab/report${toQueryString({ format: format === 'html' ? undefined : 'docx', locale })}`;
}

function go(next: Next, locale: string): void {
  if (next === 'html') {
    const tab = window.open(reportUrl('html', locale), '_blank');
    if (tab) tab.opener = null;
    else window.location.assign(reportUrl('html', locale));
  } else if (next === 'docx') {
    // An attachment: the browser downloads it and stays on the page.
    window.location.assign(reportUrl('docx', locale));
  }
}

/**
 * Lab report (issue 13): the report written during the lab. The first time it asks the student's
 * name and course (kept on the server), then opens the printable page in a new tab; a second
 * action downloads it as a Word document to add observations to.
 */
/** `compact`: small buttons that share a narrow panel's width (the lab panel's footer). */
export function LabReportButton({ compact = false }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const student = useQuery({ queryKey: STUDENT_KEY, queryFn: ({ signal }) => api<LabStudent>('/v1/lab/student', { signal }) });
  const [asking, setAsking] = useState<{ next: Next } | null>(null);
  const known = Boolean(student.data?.name && student.data?.course);

  const start = (next: Next) => {
    if (known && next) go(next, i18n.language);
    else setAsking({ next });
  };

  return (
    <>
      <Group gap="xs" wrap="wrap">
        <Button size={compact ? 'xs' : 'sm'} leftSection={<IconReport size={16} aria-hidden />} onClick={() => start('html')} loading={student.isPending}>
          {t('labReport.button')}
        </Button>
        <Button size={compact ? 'xs' : 'sm'} variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => start('docx')} disabled={student.isPending}
          aria-label={t('labReport.downloadDocx')}>
          {compact ? 'DOCX' : t('labReport.downloadDocx')}
        </Button>
        {known && (
          <Button size={compact ? 'xs' : 'sm'} variant="subtle" leftSection={<IconUserEdit size={16} aria-hidden />} onClick={() => setAsking({ next: null })}
            aria-label={t('labReport.editStudent')} title={compact ? t('labReport.editStudent') : undefined}>
            {compact ? t('labReport.student') : t('labReport.editStudent')}
          </Button>
        )}
      </Group>
      {asking && (
        <StudentDialog
          initial={student.data ?? { name: null, course: null }}
          submitLabel={asking.next ? t(asking.next === 'html' ? 'labReport.saveAndOpen' : 'labReport.downloadDocx') : t('action.save')}
          onCancel={() => setAsking(null)}
          onSaved={(saved) => {
            client.setQueryData(STUDENT_KEY, saved);
            const next = asking.next;
            setAsking(null);
            go(next, i18n.language);
          }}
        />
      )}
    </>
  );
}

interface DialogProps {
  initial: LabStudent;
  submitLabel: string;
  onCancel: () => void;
  onSaved: (student: LabStudent) => void;
}

/** Name and course, each named by its label; the server's message shows under the field it is about. */
function StudentDialog({ initial, submitLabel, onCancel, onSaved }: DialogProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name ?? '');
  const [course, setCourse] = useState(initial.course ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [blank, setBlank] = useState<Set<string>>(new Set());
  // A blank field is caught here, in the reader's language; anything else the server says is shown as it says it.
  const fieldError = (field: string) => (blank.has(field) ? t('validation.required') : error instanceof ApiError ? error.fieldErrors.find((e) => e.field === field)?.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = new Set(Object.entries({ name, course }).filter(([, v]) => !v.trim()).map(([k]) => k));
    setBlank(missing);
    if (missing.size) return;
    setPending(true);
    setError(null);
    try {
      onSaved(await api<LabStudent>('/v1/lab/student', { method: 'PUT', body: { name, course } }));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setPending(false);
    }
  };

  const general = error && !(error instanceof ApiError && error.fieldErrors.length) ? error.message : null;
  return (
    <Modal opened onClose={onCancel} title={t('labReport.dialogTitle')} closeButtonProps={{ 'aria-label': t('action.close') }} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">{t('labReport.dialogIntro')}</Text>
          {general && <Alert color="red">{general}</Alert>}
          <TextInput label={t('labReport.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} error={fieldError('name')} data-autofocus />
          <TextInput label={t('labReport.course')} value={course} onChange={(e) => setCourse(e.currentTarget.value)} required maxLength={200} error={fieldError('course')} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onCancel}>{t('action.cancel')}</Button>
            <Button type="submit" loading={pending}>{submitLabel}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
