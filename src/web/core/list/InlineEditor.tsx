import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { ApiError, ConflictError } from '../api.js';
import { FieldInput } from '../fields/FieldInput.js';
import { sameApiValue, toApiValue, toFormValue, type FormValue } from '../fields/formValues.js';
import { namedError, serverErrors, validatePayload } from '../fields/validation.js';
import { notify } from '../notify.js';
import { useFormatter } from '../fields/useFormatter.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';
import { replaceRecordEverywhere } from './recordCache.js';
import { changesKey } from '../audit/auditApi.js';
import { reportUsage } from '../usage.js';

export interface InlineEditorProps {
  entity: EntityDef;
  record: EntityRecord;
  field: string;
  def: FieldDef;
  label: string;
  /** Called when editing ends; `moved` is true when the save succeeded or was not needed. */
  onClose: () => void;
  onConflict: (current: EntityRecord, field: string) => void;
}

/** Picking from a list is the whole edit, so these save on change. */
const SAVE_ON_CHANGE = new Set(['dictionary', 'reference', 'boolean', 'color', 'enum']);

/** Edits one cell: Enter or blur saves with the row's version, Esc cancels, a 409 never overwrites. */
export function InlineEditor({ entity, record, field, def, label, onClose, onConflict }: InlineEditorProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const format = useFormatter(entity);
  const [value, setValue] = useState<FormValue>(() => toFormValue(def, record[field]));
  const [error, setError] = useState<string | undefined>();
  // Blur fires after Esc and after a save started from Enter; this stops a second save or a save after cancel.
  const finished = useRef(false);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => recordsApi.update(entity, record.id, body),
    onSuccess: (saved, body) => {
      replaceRecordEverywhere(queryClient, entity, saved);
      reportUsage('edited-inline', entity.path);
      // A total kept by its lines (the server's rule) is not what was typed: say so rather than look like a lost edit.
      const total = Object.values(entity.fields).some((f) => f.lines?.totalField === field);
      if (total && !sameApiValue(saved[field] ?? null, body[field] ?? null)) {
        notify({ color: 'blue', message: t('edit.keptByLines', { field: label, value: format(field, saved[field]) }) });
      }
      void queryClient.invalidateQueries({ queryKey: [...recordKeys.all(entity), 'groups'] });
      // The record's Changes tab gains this edit's line.
      void queryClient.invalidateQueries({ queryKey: changesKey(entity, record.id) });
      onClose();
    },
    onError: (err) => {
      if (err instanceof ConflictError) {
        const current = err.current as EntityRecord | undefined;
        if (current) replaceRecordEverywhere(queryClient, entity, current);
        else void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
        onConflict(current ?? record, field);
        onClose();
        return;
      }
      finished.current = false;
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const errors = serverErrors(err.fieldErrors, t);
        setError(namedError(label, errors[field] ?? Object.values(errors)[0] ?? err.message, t));
      } else {
        setError(err.message);
      }
    },
  });

  const commit = (next: FormValue) => {
    if (finished.current || save.isPending) return;
    const apiValue = toApiValue(def, next);
    const before = record[field] ?? null;
    if (sameApiValue(apiValue, before)) {
      finished.current = true;
      onClose();
      return;
    }
    const errors = validatePayload(entity, { [field]: apiValue }, 'update', t);
    if (errors[field]) {
      setError(namedError(label, errors[field], t));
      return;
    }
    finished.current = true;
    save.mutate({ [field]: apiValue, version: record.version });
  };

  const cancel = () => {
    finished.current = true;
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Keys stay inside the editor: the grid's own keyboard handling must not see them.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !SAVE_ON_CHANGE.has(def.kind)) {
      e.preventDefault();
      commit(value);
    }
  };

  return (
    <div onDoubleClick={(e) => e.stopPropagation()}>
      <FieldInput
        name={field}
        def={def}
        label={label}
        entity={entity}
        value={value}
        inline
        autoFocus
        error={error}
        onKeyDown={onKeyDown}
        onBlur={() => commit(value)}
        currentLabel={record._labels?.[field]}
        onChange={(v) => {
          setValue(v);
          setError(undefined);
          if (SAVE_ON_CHANGE.has(def.kind)) commit(v);
        }}
      />
    </div>
  );
}
