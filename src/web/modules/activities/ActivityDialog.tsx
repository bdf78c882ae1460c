import { Alert, Modal, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../core/notify.js';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from '../../core/record/DialogFooter.js';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import { contactEntity } from '../../../shared/entities/contact.entity.js';
import { customerEntity } from '../../../shared/entities/customer.entity.js';
import { ApiError, ConflictError } from '../../core/api.js';
import type { RecordDialogProps } from '../../core/extensions.js';
import { DictionaryField } from '../../core/fields/DictionaryField.js';
import { ReferenceSelect } from '../../core/fields/ReferenceSelect.js';
import { UserSelect } from '../../core/fields/UserSelect.js';
import { serverErrors, type FieldErrors } from '../../core/fields/validation.js';
import { useUsers } from '../../core/lookups.js';
import { labelOf, recordKeys, recordsApi, type EntityRecord } from '../../core/records.js';
import { useTimeZone } from '../../core/timeZone.js';
import { useLatched } from '../../core/useLatched.js';
import { changedFields, toActivityForm, toActivityPayload, type ActivityForm } from './activityForm.js';
import { ActivityStatusSection } from './ActivityStatusSection.js';
import { ActivityTimeFields } from './ActivityTimeFields.js';

type SaveMode = 'close' | 'new';
const F = activityEntity.fields;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <Title order={3} fz="sm" c="dimmed" tt="uppercase" mb={6} component="legend">
        {title}
      </Title>
      {children}
    </fieldset>
  );
}

/** New contact activity / Edit: linked customer and contact pickers, the all-day switch, End activity and Reopen. */
export function ActivityDialog({ opened, onClose, onSaved, record, initialValues, initialLabels }: RecordDialogProps) {
  const { t } = useTranslation();
  const tz = useTimeZone();
  const queryClient = useQueryClient();
  const users = useUsers();
  const [base, setBase] = useState<EntityRecord | undefined>(record);
  const blank = (): ActivityForm => ({ ...toActivityForm({ ...initialValues }, tz), ownerId: (initialValues?.ownerId as number | undefined) ?? users.data?.[0]?.id ?? null });
  const [form, setForm] = useState<ActivityForm>(() => (record ? toActivityForm(record, tz) : blank()));
  const [customerLabel, setCustomerLabel] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!opened) return;
    setBase(record);
    setForm(record ? toActivityForm(record, tz) : blank());
    setCustomerLabel(null);
    setErrors({});
    setNotice(null);
    // blank() reads the users list; re-running on its change would wipe what the user typed.
  }, [opened, record, tz]);

  const set = <K extends keyof ActivityForm>(key: K, value: ActivityForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const save = useMutation({
    mutationFn: async ({ body }: { body: Record<string, unknown>; mode: SaveMode }) =>
      base ? recordsApi.update(activityEntity, base.id, { ...body, version: base.version }) : recordsApi.create(activityEntity, body),
    onSuccess: (saved, { mode }) => {
      queryClient.setQueryData(recordKeys.one(activityEntity, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(activityEntity) });
      onSaved(saved);
      const text = t('edit.saved', { name: String(saved.subject ?? saved.id) });
      if (mode === 'new') {
        setForm(blank());
        setErrors({});
        setNotice({ color: 'teal', text });
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input[name=subject]')?.focus());
      } else {
        notify({ color: 'teal', icon: <IconCheck size={18} />, message: text });
        onClose();
      }
    },
    onError: (err) => {
      if (err instanceof ConflictError) {
        const current = err.current as EntityRecord | undefined;
        if (current) setBase(current);
        setNotice({ color: 'orange', text: t('edit.dialogConflict') });
        return;
      }
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        setErrors(serverErrors(err.fieldErrors, t));
        setNotice({ color: 'red', text: t('edit.checkFields') });
        return;
      }
      setNotice({ color: 'red', text: err.message });
    },
  });

  const submit = (mode: SaveMode) => {
    const found: FieldErrors = {};
    if (!form.subject.trim()) found.subject = t('validation.required');
    if (form.allDay ? !form.startDate : !form.startAt) found[form.allDay ? 'startDate' : 'startAt'] = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice({ color: 'red', text: t('edit.checkFields') });
      return;
    }
    const payload = toActivityPayload(form, tz);
    const body = base ? changedFields(payload, toActivityPayload(toActivityForm(base, tz), tz)) : payload;
    if (base && Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setNotice(null);
    save.mutate({ body, mode });
  };

  // Ending or reopening is its own request; the dialog then shows the activity as it is now.
  const changed = (r: EntityRecord) => {
    setBase(r);
    queryClient.setQueryData(recordKeys.one(activityEntity, r.id), r);
    void queryClient.invalidateQueries({ queryKey: recordKeys.all(activityEntity) });
    onSaved(r);
  };

  const label = (name: keyof typeof F) => t(F[name].label);
  const editing = useLatched(record !== undefined, opened);
  const customerCurrent = customerLabel ?? labelOf(base, 'customerId') ?? (typeof initialLabels?.customerId === 'string' ? initialLabels.customerId : null);
  const contactCurrent = labelOf(base, 'contactId') ?? (typeof initialLabels?.contactId === 'string' ? initialLabels.contactId : null);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t(editing ? 'activity.edit' : 'activity.new')}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
      size={760}
      // The End activity prompt is a second dialog above this one: a click in it is not a click outside this one.
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('action.close') }}
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit('close');
        }}
      >
        <Stack gap="md">
          {notice && (
            <Alert color={notice.color} variant="light" py="xs">
              {notice.text}
            </Alert>
          )}
          {base && <ActivityStatusSection record={base} onChanged={changed} />}
          <Section title={t('activity.section.basic')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
              <div style={{ gridColumn: '1 / -1' }}>
                <TextInput name="subject" label={label('subject')} required value={form.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors.subject} maxLength={200} data-autofocus />
              </div>
              <DictionaryField name="typeId" label={label('typeId')} dictionary="activity-type" value={form.typeId} onChange={(v) => set('typeId', typeof v === 'number' ? v : null)} error={errors.typeId} />
              <DictionaryField name="priorityId" label={label('priorityId')} dictionary="activity-priority" value={form.priorityId} onChange={(v) => set('priorityId', typeof v === 'number' ? v : null)} error={errors.priorityId} />
              <ReferenceSelect
                name="customerId"
                label={label('customerId')}
                target={customerEntity}
                value={form.customerId}
                currentLabel={customerCurrent}
                onChange={(v) => {
                  set('customerId', v);
                  // A contact of another customer would be refused: choosing a customer clears it.
                  if (v !== form.customerId) set('contactId', null);
                }}
                error={errors.customerId}
              />
              <ReferenceSelect
                name="contactId"
                label={label('contactId')}
                target={contactEntity}
                value={form.contactId}
                currentLabel={contactCurrent}
                query={form.customerId === null ? undefined : { 'filter[customerId]': form.customerId }}
                onChange={(v) => set('contactId', v)}
                onPick={(c) => {
                  // Choosing a contact fills its customer.
                  if (typeof c.customerId === 'number' && c.customerId !== form.customerId) {
                    setCustomerLabel(labelOf(c, 'customerId'));
                    set('customerId', c.customerId);
                  }
                }}
                error={errors.contactId}
              />
              <UserSelect name="ownerId" label={t('field.owner')} value={form.ownerId} onChange={(v) => set('ownerId', typeof v === 'number' ? v : null)} error={errors.ownerId} />
              <TextInput name="location" label={label('location')} value={form.location} onChange={(e) => set('location', e.currentTarget.value)} error={errors.location} maxLength={300} />
            </SimpleGrid>
          </Section>
          <Section title={t('activity.section.time')}>
            <ActivityTimeFields form={form} errors={errors} set={set} />
          </Section>
          <Textarea name="description" label={label('description')} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} error={errors.description} autosize minRows={3} maxRows={8} maxLength={10_000} />
          <DialogFooter onCancel={onClose} onSaveAndNew={!editing ? () => submit('new') : undefined} saving={save.isPending ? save.variables?.mode ?? null : null} />
        </Stack>
      </form>
    </Modal>
  );
}
