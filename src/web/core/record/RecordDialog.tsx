import { Alert, Modal, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { shownByLines } from '../../../shared/entity/define.js';
import { extensionsOf, type RecordDialogProps } from '../extensions.js';
import { FieldInput } from '../fields/FieldInput.js';
import { isShown, withinQuery } from '../fields/formRules.js';
import { toApiValue, type FormLine, type FormValue } from '../fields/formValues.js';
import { useFormatter } from '../fields/useFormatter.js';
import { formLineTotals } from '../lines/lineMath.js';
import { DialogFooter } from './DialogFooter.js';
import { useCloseGuard } from './UnsavedChangesDialog.js';
import { useRecordForm } from './useRecordForm.js';
import { useEntityAccess } from '../access.js';
import { DuplicateWarning } from '../duplicates/DuplicateWarning.js';
import { useDuplicateCheck } from '../duplicates/useDuplicateCheck.js';

/**
 * Create or edit any record: its sections, fields and rules come from the entity definition; a module adds
 * sections (an activity's End activity) rather than a dialog of its own (issue 11).
 */
export function RecordDialog({ entity, opened, onClose, onSaved, record, initialValues, initialLabels }: RecordDialogProps) {
  const { t, i18n } = useTranslation();
  const duplicates = useDuplicateCheck(entity, opened);
  const form = useRecordForm({ entity, opened, record, initialValues, initialLabels, onSaved, onClose, beforeCreate: duplicates.gate });
  const { isEdit, base, values, errors, notice } = form;
  const format = useFormatter(entity);
  const guard = useCloseGuard({ dirty: form.dirty, onClose, onSave: () => form.submit('close'), saving: form.saving !== null });
  const { recordSections: sections, fieldWidgets } = extensionsOf(entity);
  const access = useEntityAccess(entity);

  // Derived values (a margin) as the server will compute them, from what is typed now and what the record holds.
  const apiValues: Record<string, unknown> = { ...base };
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
  const hint = (key: string) => (i18n.exists(key) ? t(key) : undefined);

  return (
    <>
      <Modal
        opened={opened}
        onClose={guard.requestClose}
        title={t(isEdit ? `${entity.name}.edit` : `${entity.name}.new`)}
        styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
        size={entity.formSections.some((s) => s.fields.some((f) => entity.allFields[f]?.kind === 'lines')) ? 1000 : 760}
        // A dictionary's editor (or a module's prompt) opens above this dialog: a click in it is not a click outside this one.
        closeOnClickOutside={false}
        closeButtonProps={{ 'aria-label': t('action.close') }}
      >
        <form ref={form.formRef} noValidate onSubmit={(e: FormEvent) => { e.preventDefault(); form.submit('close'); }}>
          <Stack gap="md">
            {notice && (
              <Alert color={notice.color} variant="light" icon={notice.color === 'teal' ? <IconCheck size={18} /> : undefined} py="xs">
                {notice.text}
              </Alert>
            )}
            {sections.map((Section, i) => <Section key={i} entity={entity} record={base} onRecordChanged={form.recordChanged} />)}
            {entity.formSections.map((section) => {
              const fields = section.fields.filter((name) => {
                const def = entity.allFields[name];
                // A field a role hides is not in the form at all.
                if (!def || !access.visible(name) || !isShown(def, values) || shownByLines(entity, section, (f) => Array.isArray(values[f]) && (values[f] as unknown[]).length > 0).has(name)) return false;
                // What the server sets (a status, a due time) is shown once there is a record; a new one has none yet.
                return isEdit || linesTotal.has(name) || !(def.readOnly || def.kind === 'computed') || def.derive !== undefined;
              });
              if (fields.length === 0) return null;
              return (
                <fieldset key={section.title} style={{ border: 0, padding: 0, margin: 0 }}>
                  <Title order={3} fz="sm" c="dimmed" tt="uppercase" mb={6} component="legend">
                    {t(section.title)}
                  </Title>
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
                    {fields.map((name) => {
                      const def = entity.allFields[name];
                      // A switch other fields depend on (All day) has its own row, above the fields it shows.
                      const wide = def.kind === 'longtext' || def.kind === 'lines' || Object.values(entity.fields).some((f) => f.when?.field === name);
                      const fromLines = linesTotal.get(name);
                      if (fromLines !== undefined) {
                        return <TextInput key={name} name={name} label={t(def.label)} description={hint(`${def.label}Hint`)} value={format(name, fromLines)} readOnly variant="filled" tabIndex={-1} />;
                      }
                      if (def.readOnly || def.kind === 'computed') {
                        return <TextInput key={name} name={name} label={t(def.label)} value={String(shownValue(name) || '—')} readOnly variant="filled" tabIndex={-1} />;
                      }
                      if (!access.writable(name)) {
                        // Read-only for this user's role: shown as it is, not editable.
                        return <TextInput key={name} name={name} label={t(def.label)} description={t('access.readOnlyField')} value={base ? format(name, base[name]) || '—' : '—'} disabled />;
                      }
                      const suggested = name === entity.autoCode?.field && !isEdit ? form.nextCode : undefined;
                      const Widget = fieldWidgets[name];
                      const input = (
                          <FieldInput
                            name={name}
                            def={def}
                            label={t(def.label)}
                            value={shownValue(name)}
                            onChange={(v) => form.setField(name, v)}
                            error={errors[name]}
                            errors={errors}
                            entity={entity}
                            parentValue={def.parent ? (typeof values[def.parent] === 'number' ? (values[def.parent] as number) : null) : undefined}
                            onPickDictionary={form.pickDictionary(name)}
                            fillFirst={!isEdit && def.defaultFirst === true}
                            onFill={form.fillDefault(name)}
                            referenceQuery={withinQuery(def, values)}
                            onPickReference={form.pickReference(name)}
                            placeholder={suggested ?? hint(`${def.label}Placeholder`)}
                            description={suggested ? t('edit.codeHint', { code: suggested }) : hint(`${def.label}Hint`)}
                            autoFocus={name === entity.titleField}
                            currentLabel={form.currentLabel(name)}
                          />
                      );
                      return (
                        <div key={name} style={wide ? { gridColumn: '1 / -1' } : undefined}>
                          {Widget ? <Widget entity={entity} values={values} input={input} /> : input}
                        </div>
                      );
                    })}
                  </SimpleGrid>
                </fieldset>
              );
            })}
            {duplicates.warning && (
              <DuplicateWarning
                entity={entity}
                matches={duplicates.warning.matches}
                onCancel={duplicates.dismiss}
                onSaveAnyway={() => { const mode = duplicates.warning?.mode ?? 'close'; duplicates.dismiss(); form.submit(mode, true); }}
              />
            )}
            <DialogFooter
              onCancel={guard.requestClose}
              onSaveAndNew={!isEdit ? () => form.submit('new') : undefined}
              saving={form.saving ?? duplicates.checking}
              submitLabel={hint(`${entity.name}.submit`)}
            />
          </Stack>
        </form>
      </Modal>
      {guard.prompt}
    </>
  );
}
