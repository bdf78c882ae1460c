import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import { ApiError, ConflictError } from '../api.js';
import { carryOver, clearHidden, dependentsOf, ruleErrors, shownErrors } from '../fields/formRules.js';
import { emptyForm, formToPayload, recordToForm, toFormValue, type FormValue, type FormValues } from '../fields/formValues.js';
import { serverErrors, validatePayload, type FieldErrors } from '../fields/validation.js';
import { useUsers } from '../lookups.js';
import { notify } from '../notify.js';
import { recordKeys, recordsApi, type EntityRecord, type RecordLabels } from '../records.js';
import { useLatched } from '../useLatched.js';
import { reportUsage } from '../usage.js';
import { useEntityAccess } from '../access.js';
import { useMe } from '../../auth/useMe.js';

export type SaveMode = 'close' | 'new';
export interface Notice { color: string; text: string }

interface Options {
  entity: EntityDef;
  opened: boolean;
  /** Edit this record; without it the form creates one. */
  record?: EntityRecord;
  /** Values a new record starts with, as the API has them (a customer's id, a calendar slot's instants). */
  initialValues?: Record<string, unknown>;
  initialLabels?: RecordLabels;
  onSaved: (record: EntityRecord) => void;
  onClose: () => void;
  /** Runs before a new record is saved, with its payload; calls `save` to go on (the duplicates check, issue 16). */
  beforeCreate?: (body: Record<string, unknown>, mode: SaveMode, save: () => void) => void;
}

/** Values as the API has them → as the form edits them (instants as wall clocks in the display zone, money in major units). */
function formValuesOf(entity: EntityDef, values: Record<string, unknown> | undefined): FormValues {
  const out: FormValues = {};
  for (const [name, v] of Object.entries(values ?? {})) {
    const def = entity.allFields[name];
    if (def) out[name] = toFormValue(def, v);
  }
  return out;
}

/**
 * The one form every record dialog runs on (issue 11): values and what they started from, the rules the
 * definition declares (`when`, `within`, `parent`, `notBefore`) as the user types, Save record / Save
 * and New, a stale version (409) that keeps what was typed, field errors from the browser and the server.
 */
export function useRecordForm({ entity, opened, record, initialValues, initialLabels, onSaved, onClose, beforeCreate }: Options) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useUsers();
  const access = useEntityAccess(entity);
  const { me } = useMe();
  // Only what this user may change is sent: a read-only or hidden field is refused by the server (400).
  const writable = (v: FormValues): FormValues => Object.fromEntries(Object.entries(v).filter(([name]) => access.writable(name)));
  // The mode as it was while open: the title must not flip to "New …" during the closing animation.
  const isEdit = useLatched(record !== undefined, opened);
  const [base, setBase] = useState<EntityRecord | undefined>(record);
  const [values, setValues] = useState<FormValues>(() => (record ? recordToForm(entity, record) : emptyForm(entity)));
  // What the form held when it opened (or was cleared for the next record): closing with anything else asks first.
  const [initial, setInitial] = useState<FormValues>(values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [labels, setLabels] = useState<RecordLabels>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const nextCode = useQuery({
    queryKey: [...recordKeys.all(entity), 'next-code'],
    enabled: opened && !isEdit && entity.autoCode !== undefined,
    queryFn: () => recordsApi.nextCode(entity),
    staleTime: 0,
  });

  // A new record is the signed-in user's own (the local user's without sign-in).
  const defaultOwner = me?.user?.id ?? users.data?.[0]?.id ?? null;
  const blankForm = (): FormValues => {
    const v = { ...emptyForm(entity), ...formValuesOf(entity, initialValues) };
    if ('ownerId' in v && v.ownerId === null) v.ownerId = defaultOwner;
    return v;
  };
  const startFrom = (v: FormValues) => {
    setValues(v);
    setInitial(v);
    setErrors({});
    setTouched(new Set());
    setLabels({});
  };

  // Each opening starts from the record (edit) or a blank form (create).
  useEffect(() => {
    if (!opened) return;
    setBase(record);
    startFrom(record ? recordToForm(entity, record) : blankForm());
    setNotice(null);
    if (!record) reportUsage('new', entity.path);
    // blankForm depends on the users list; re-running on its change would wipe what the user typed.
  }, [opened, record, entity]);

  useEffect(() => {
    if (!opened || isEdit || defaultOwner === null) return;
    const withOwner = (v: FormValues) => ('ownerId' in v && v.ownerId === null ? { ...v, ownerId: defaultOwner } : v);
    setValues(withOwner);
    setInitial(withOwner);
  }, [opened, isEdit, defaultOwner]);

  /** A user's edit: dependents of a changed field are cleared (a contact of another customer), a switched boolean carries dates over. */
  const setField = (name: string, value: FormValue) => {
    const def = entity.allFields[name];
    setValues((old) => {
      let next: FormValues = { ...old, [name]: value };
      if (old[name] !== value) for (const d of dependentsOf(entity, name)) next[d] = null;
      if (def?.kind === 'boolean') next = carryOver(entity, next, name);
      return next;
    });
    // A field the user changed shows the rules' verdict at once; an end already typed is checked against a new start.
    setTouched((old) => {
      const next = new Set(old).add(name);
      for (const [n, f] of Object.entries(entity.fields)) if (f.notBefore === name) next.add(n);
      return next;
    });
    setErrors(({ [name]: _dropped, ...rest }) => rest);
  };

  /** A default the form fills in by itself (the first stage) is not an edit. */
  const fillDefault = (name: string) => (v: FormValue) => {
    setValues((old) => ({ ...old, [name]: v }));
    setInitial((old) => ({ ...old, [name]: v }));
  };

  /** A record picked for a `within` field fills the field it belongs to (choosing a contact or opportunity fills its customer). */
  const pickReference = (name: string) => (picked: EntityRecord) => {
    const w = entity.allFields[name]?.within;
    const theirs = w ? picked[w.targetField] : undefined;
    if (!w || typeof theirs !== 'number') return;
    setValues((old) => (old[w.field] === theirs ? old : { ...old, [w.field]: theirs }));
    const label = picked._labels?.[w.targetField];
    if (typeof label === 'string') setLabels((old) => ({ ...old, [w.field]: label }));
  };

  /** Choosing a child (subcategory) with no parent chosen fills the parent in, as the server would. */
  const pickDictionary = (name: string) => (v: { parentId: number | null }) => {
    const parent = entity.allFields[name]?.parent;
    if (parent && v.parentId !== null) setValues((old) => (old[parent] === null ? { ...old, [parent]: v.parentId } : old));
  };

  const titleOf = (r: EntityRecord) => String(r[entity.titleField] ?? `#${r.id}`);

  const save = useMutation({
    mutationFn: async ({ body }: { body: Record<string, unknown>; mode: SaveMode }) =>
      base ? recordsApi.update(entity, base.id, { ...body, version: base.version }) : recordsApi.create(entity, body),
    onSuccess: (saved, { mode }) => {
      queryClient.setQueryData(recordKeys.one(entity, saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
      onSaved(saved);
      if (mode === 'new') reportUsage('saved-and-new', entity.path);
      else if (base) reportUsage('edited', entity.path);
      const text = t('edit.saved', { name: titleOf(saved) });
      if (mode === 'new') {
        startFrom(blankForm());
        setNotice({ color: 'teal', text });
        // Only an entity with a code has a next one (refetch ignores `enabled`).
        if (entity.autoCode) void nextCode.refetch();
        requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('input:not([type=hidden])')?.focus());
      } else {
        notify({ color: 'teal', message: text });
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

  const payload = () => formToPayload(entity, writable(clearHidden(entity, values)), base ? recordToForm(entity, base) : undefined);

  /** `unchecked`: the user saw the duplicates warning and chose Save anyway. */
  const submit = (mode: SaveMode, unchecked = false) => {
    const body = payload();
    const found = { ...validatePayload(entity, body, base ? 'update' : 'create', t), ...ruleErrors(entity, values, t) };
    setErrors(found);
    setTouched(new Set(Object.keys(entity.fields)));
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
    if (!base && beforeCreate && !unchecked) beforeCreate(body, mode, () => save.mutate({ body, mode }));
    else save.mutate({ body, mode });
  };

  const dirty = Object.keys(formToPayload(entity, writable(clearHidden(entity, values)), initial)).length > 0;

  /** A module's section changed the record itself (End activity): the form saves on top of that version. */
  const recordChanged = (r: EntityRecord) => {
    setBase(r);
    queryClient.setQueryData(recordKeys.one(entity, r.id), r);
    void queryClient.invalidateQueries({ queryKey: recordKeys.all(entity) });
    onSaved(r);
  };

  const currentLabel = (name: string) => labels[name] ?? base?._labels?.[name] ?? initialLabels?.[name];
  // What the save found, and what the rules say about the fields touched so far (a date before its start, at once).
  const shown: FieldErrors = { ...errors, ...shownErrors(ruleErrors(entity, values, t), touched) };

  return {
    isEdit, base, values, errors: shown, notice, formRef, nextCode: nextCode.data?.code, saving: save.isPending ? save.variables?.mode ?? null : null,
    setField, fillDefault, pickReference, pickDictionary, submit, dirty, recordChanged, currentLabel,
  };
}
