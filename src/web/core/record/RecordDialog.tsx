import { Alert, Modal, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { notify } from '../notify.js';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DialogFooter } from './DialogFooter.js';
import { shownByLines } from '../../../shared/entity/define.js';
import { ApiError, ConflictError } from '../api.js';
import { extensionsOf, type RecordDialogProps } from '../extensions.js';
import { FieldInput } from '../fields/FieldInput.js';
import { emptyForm, formToPayload, recordToForm, toApiValue, type FormLine, type FormValue, type FormValues } from '../fields/formValues.js';
import { formLineTotals } from '../lines/lineMath.js';
import { useFormatter } from '../fields/useFormatter.js';
import { serverErrors, validatePayload, type FieldErrors } from '../fields/validation.js';
import { useUsers } from '../lookups.js';
import { useLatched } from '../useLatched.js';
import { useCloseGuard } from './UnsavedChangesDialog.js';
import { recordKeys, recordsApi, type EntityRecord } from '../records.js';

type Props = RecordDialogProps;

type SaveMode = 'close' | 'new';

/** The entity's create/edit dialog: a module's own (activities) or the generic one. */
export function EntityRecordDialog(props: Props) {
  const Dialog = extensionsOf(props.entity).recordDialog ?? RecordDialog;
  return <Dialog {...props} />;
}

/** Create or edit any entity: sections and widgets come from the entity definition. */
export function RecordDialog({ entity, opened, onClose, onSaved, record, initialValues, initialLabels }: Props) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUsers();
  // The mode as it was while open: the title must not flip to "New …" during the closing animation.
  const isEdit = useLatched(record !== undefined, opened);
  const [base, setBase] = useState<EntityRecord | undefined>(record);
  const [values, setValues] = useState<FormValues>(() => (record ? recordToForm(entity, record) : emptyForm(entity)));
  // What the form held when it opened (or was cleared for the next record): closing with anything else asks first.
  const [initial, setInitial] = useState<FormValues>(values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ color: string; text: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const nextCode = useQuery({
    queryKey: [...recordKeys.all(entity), 'next-code'],
    enabled: opened && !isEdit && entity.autoCode !== undefined,
    queryFn: () => recordsApi.nextCode(entity),
    staleTime: 0,
  });

  const defaultOwner = users.data?.[0]?.id ?? null;
  const blankForm = (): FormValues => {
    const v = { ...emptyForm(entity), ...initialValues };
    // Until accounts exist, the one local user owns what they create.
    if ('ownerId' in v && v.ownerId === null) v.ownerId = defaultOwner;
    return v;
  };

  // Each opening starts from the record (edit) or a blank form (create).
  useEffect(() => {
    if (!opened) return;
    setBase(record);
    const start = record ? recordToForm(entity, record) : blankForm();
    setValues(start);
    setInitial(start);
    setErrors({});
    setNotice(null);
    // blankForm depends on the users list; re-running on its change would wipe what the user typed.
  }, [opened, record, entity]);

  useEffect(() => {
    if (!opened || isEdit || defaultOwner === null) return;
    const withOwner = (v: FormValues) => ('ownerId' in v && v.ownerId === null ? { ...v, ownerId: defaultOwner } : v);
    setValues(withOwner);
    setInitial(withOwner);
  }, [opened, isEdit, defaultOwner]);

  const titleOf = (r: EntityRecord) => String(r[entity.titleField] ?? `#${r.id}`);

  const save = useMutation({
    mutationFn: async ({ body }: { body: Record<string, unknown>; mode: SaveMode }) =>
      base ? recordsApi.update(entity, base.id, { ...body, version: base.version }) : recordsApi.create(entity, body),
    onSuccess: (saved, { mode }) => {
      queryClient.setQueryData(recordKeys.one(entity, saved.id), saved);
      onSaved(saved);
      const text = t('edit.saved', { name: titleOf(saved) });
      if (mode === 'new') {
        const next = blankForm();
        setValues(next);
        setInitial(next);
        setErrors({});
        setNotice({ color: 'teal', text });
        // Only an entity with a code has a next one (refetch ignores `enabled`: entities without a code got a 404).
        if (entity.autoCode) void nextCode.refetch();
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input:not([type=hidden])')?.focus());
      } else {
        notify({ color: 'teal', icon: <IconCheck size={18} />, message: text });
        onClose();
      }
    },
    onError: (err) => {
      if (err instanceof ConflictError) {
        const current = err.current as EntityRecord | undefined;
        if (current) {
          setBase(current);
          queryClient.setQueryData(recordKeys.one(entity, current.id), current);
        }
        setNotice({ color: 'orange', text: t('edit.dialogConflict') });
        return;
      }
      if (err instanceof ApiError && err.fieldErrors.length > 0) {
        const found = serverErrors(err.fieldErrors, t);
        setErrors(found);
        setNotice({ color: 'red', text: t('edit.checkFields') });
        focusField(Object.keys(found)[0]);
        return;
      }
      setNotice({ color: 'red', text: err.message });
    },
  });

  // The first wrong field gets focus, which also scrolls it into view in a long form.
  const focusField = (name: string | undefined) => {
    if (!name) return;
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus());
  };

  const submit = (mode: SaveMode) => {
    const body = formToPayload(entity, values, base ? recordToForm(entity, base) : undefined);
    const found = validatePayload(entity, body, base ? 'update' : 'create', t);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice({ color: 'red', text: t('edit.checkFields') });
      focusField(Object.keys(found)[0]);
      return;
    }
    if (base && Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setNotice(null);
    save.mutate({ body, mode });
  };

  // A child field (subcategory) is cleared when its parent changes: its old value belongs to another parent.
  const setField = (name: string, value: FormValue) => {
    const children = Object.entries(entity.fields).filter(([, f]) => f.parent === name).map(([n]) => n);
    setValues((v) => {
      const next: FormValues = { ...v, [name]: value };
      if (v[name] !== value) for (const c of children) next[c] = null;
      return next;
    });
    if (errors[name]) setErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  // Choosing a child (subcategory) with no parent chosen fills the parent in, as the server would.
  const pickedDictionary = (name: string) => (v: { parentId: number | null }) => {
    const parent = entity.allFields[name]?.parent;
    if (parent && v.parentId !== null && values[parent] === null) setValues((old) => ({ ...old, [parent]: v.parentId }));
  };

  // Derived values (a margin) as the server will compute them, from what is typed now.
  const format = useFormatter(entity);
  const apiValues: Record<string, unknown> = {};
  for (const [n, f] of Object.entries(entity.allFields)) if (n in values) apiValues[n] = toApiValue(f, values[n] ?? null);
  // While a record has lines its total is theirs (the server's rule): shown, not typed.
  const linesTotal = new Map<string, number>();
  for (const [n, f] of Object.entries(entity.fields)) {
    const lines = values[n];
    if (f.lines && Array.isArray(lines) && lines.length > 0) linesTotal.set(f.lines.totalField, formLineTotals(lines as FormLine[]).total);
  }
  const shownValue = (name: string): FormValue => {
    const def = entity.allFields[name];
    if (def?.kind === 'computed' && def.derive) return format(name, def.derive(apiValues));
    if (def?.kind === 'computed' || def?.readOnly) return base ? format(name, base[name]) : '';
    return values[name] ?? null;
  };

  const codeField = entity.autoCode?.field;
  // A default the form fills in by itself (the first stage) is not an edit.
  const fillDefault = (name: string) => (v: FormValue) => {
    setValues((old) => ({ ...old, [name]: v }));
    setInitial((old) => ({ ...old, [name]: v }));
  };
  const dirty = Object.keys(formToPayload(entity, values, initial)).length > 0;
  const guard = useCloseGuard({ dirty, onClose, onSave: () => submit('close'), saving: save.isPending });

  return (
    <>
    <Modal
      opened={opened}
      onClose={guard.requestClose}
      title={t(isEdit ? `${entity.name}.edit` : `${entity.name}.new`)}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
      size={entity.formSections.some((s) => s.fields.some((f) => entity.allFields[f]?.kind === 'lines')) ? 1000 : 760}
      // A dictionary's editor opens above this dialog: a click in it is not a click outside this one.
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('action.close') }}
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          submit('close');
        }}
      >
        <Stack gap="md">
          {notice && (
            <Alert color={notice.color} variant="light" icon={notice.color === 'teal' ? <IconCheck size={18} /> : undefined} py="xs">
              {notice.text}
            </Alert>
          )}
          {entity.formSections.map((section) => (
            <fieldset key={section.title} style={{ border: 0, padding: 0, margin: 0 }}>
              <Title order={3} fz="sm" c="dimmed" tt="uppercase" mb={6} component="legend">
                {t(section.title)}
              </Title>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
                {section.fields.map((name) => {
                  const def = entity.allFields[name];
                  if (!def || shownByLines(entity, section, (f) => Array.isArray(values[f]) && (values[f] as unknown[]).length > 0).has(name)) return null;
                  const wide = def.kind === 'longtext' || def.kind === 'lines';
                  // What the server sets (a weighted amount, a status) is shown, not edited; a new record has none yet.
                  const fromLines = linesTotal.get(name);
                  if (fromLines !== undefined) {
                    return <TextInput key={name} name={name} label={t(def.label)} description={t(`${def.label}Hint`, { defaultValue: '' }) || undefined} value={format(name, fromLines)} readOnly variant="filled" tabIndex={-1} />;
                  }
                  if (def.readOnly || def.kind === 'computed') {
                    if (!isEdit && !def.derive) return null;
                    return <TextInput key={name} name={name} label={t(def.label)} value={String(shownValue(name) || '—')} readOnly variant="filled" tabIndex={-1} />;
                  }
                  const suggested = name === codeField && !isEdit ? nextCode.data?.code : undefined;
                  return (
                    <div key={name} style={wide ? { gridColumn: '1 / -1' } : undefined}>
                      <FieldInput
                        name={name}
                        def={def}
                        label={t(def.label)}
                        value={shownValue(name)}
                        onChange={(v) => setField(name, v)}
                        error={errors[name]}
                        errors={errors}
                        entity={entity}
                        parentValue={def.parent ? (typeof values[def.parent] === 'number' ? (values[def.parent] as number) : null) : undefined}
                        onPickDictionary={pickedDictionary(name)}
                        fillFirst={!isEdit && def.defaultFirst === true}
                        onFill={fillDefault(name)}
                        placeholder={suggested ?? (i18n.exists(`${def.label}Placeholder`) ? t(`${def.label}Placeholder`) : undefined)}
                        description={suggested ? t('edit.codeHint', { code: suggested }) : i18n.exists(`${def.label}Hint`) ? t(`${def.label}Hint`) : undefined}
                        autoFocus={name === entity.titleField}
                        currentLabel={base?._labels?.[name] ?? initialLabels?.[name]}
                      />
                    </div>
                  );
                })}
              </SimpleGrid>
            </fieldset>
          ))}
          <DialogFooter
            onCancel={guard.requestClose}
            onSaveAndNew={!isEdit ? () => submit('new') : undefined}
            saving={save.isPending ? save.variables?.mode ?? null : null}
            submitLabel={i18n.exists(`${entity.name}.submit`) ? t(`${entity.name}.submit`) : undefined}
          />
        </Stack>
      </form>
    </Modal>
    {guard.prompt}
    </>
  );
}
