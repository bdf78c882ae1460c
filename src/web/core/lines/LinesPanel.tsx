import { Alert, Button, Group, Stack } from '@mantine/core';
import { notify } from '../notify.js';
import { IconCheck, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ApiError, ConflictError } from '../api.js';
import { sameApiValue, toApiValue, toFormValue, type FormLine, type FormValue } from '../fields/formValues.js';
import { serverErrors, validatePayload, type FieldErrors } from '../fields/validation.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { LineItemsEditor } from './LineItemsEditor.js';

/**
 * A record's lines on its details page (M8.c, Opportunity details): edited in place, then
 * **Save** writes them all at once with the record's version (the server recomputes every amount
 * and the total); **Cancel** puts back what is stored. A stale version overwrites nothing.
 */
export function LinesPanel({ entity, record, field }: { entity: EntityDef; record: EntityRecord; field: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const def = entity.allFields[field];
  const stored = () => toFormValue(def, record[field]) as FormLine[];
  const [lines, setLines] = useState<FormLine[]>(stored);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);
  // A newer version of the record (saved here or elsewhere) replaces the lines shown, unless they are being edited.
  const dirty = !sameApiValue(toApiValue(def, lines), toApiValue(def, stored()));
  useEffect(() => { if (!dirty) setLines(stored()); }, [record.version]);

  const save = useMutation({
    mutationFn: () => recordsApi.update(entity, record.id, { [field]: toApiValue(def, lines), version: record.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(recordKeys.one(entity, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
      setLines(toFormValue(def, saved[field]) as FormLine[]);
      setErrors({});
      setNotice(null);
      notify({ color: 'teal', icon: <IconCheck size={18} />, message: t('line.saved') });
    },
    onError: (err) => {
      if (err instanceof ConflictError) {
        setNotice({ color: 'orange', text: t('edit.dialogConflict') });
        const current = err.current as EntityRecord | undefined;
        if (current) queryClient.setQueryData(recordKeys.one(entity, current.id), current);
        return;
      }
      if (err instanceof ApiError && err.fieldErrors.length) {
        setErrors(serverErrors(err.fieldErrors, t));
        setNotice({ color: 'red', text: t('edit.checkFields') });
        return;
      }
      setNotice({ color: 'red', text: err.message });
    },
  });

  const submit = () => {
    const found = validatePayload(entity, { [field]: toApiValue(def, lines) }, 'update', t);
    setErrors(found);
    if (Object.keys(found).length) {
      setNotice({ color: 'red', text: t('edit.checkFields') });
      return;
    }
    save.mutate();
  };

  return (
    <Stack gap="xs">
      <Group justify="flex-end">
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={!dirty || save.isPending} onClick={() => { setLines(stored()); setErrors({}); setNotice(null); }}>
            {t('action.cancel')}
          </Button>
          <Button size="xs" leftSection={<IconDeviceFloppy size={14} aria-hidden />} disabled={!dirty} loading={save.isPending} onClick={submit}>
            {t('action.save')}
          </Button>
        </Group>
      </Group>
      {notice && <Alert color={notice.color} variant="light" py="xs">{notice.text}</Alert>}
      <LineItemsEditor def={def} name={field} label={t(def.label)} value={lines} errors={errors} error={errors[field]}
        onChange={(v: FormValue) => { setLines(v as FormLine[]); setNotice(null); }} />
    </Stack>
  );
}
