import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { ImportTemplate } from '../../../shared/import.js';
import { notify } from '../notify.js';
import { importApi, importKeys, type TemplateDraft } from './importApi.js';

/** Load a saved mapping (with its constants, mode and match fields), or save this one under a name. */
export function ImportTemplates({ entity, draft, onLoad }: { entity: EntityDef; draft: Omit<TemplateDraft, 'name' | 'entity'>; onLoad: (template: ImportTemplate) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const templates = useQuery({ queryKey: importKeys.templates(entity.name), queryFn: ({ signal }) => importApi.templates(entity.name, signal) });
  const save = useMutation({
    mutationFn: () => importApi.saveTemplate({ ...draft, entity: entity.name, name: name.trim() }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: importKeys.templates(entity.name) });
      setChosen(String(saved.id));
      setSaving(false);
      notify({ color: 'teal', message: t('import.templateSaved', { name: saved.name }) });
    },
  });
  return (
    <Group gap="sm" align="flex-end">
      <Select
        label={t('import.loadTemplate')}
        placeholder={templates.data?.length ? t('import.chooseTemplate') : t('import.noTemplates')}
        data={(templates.data ?? []).map((tp) => ({ value: String(tp.id), label: tp.name }))}
        value={chosen}
        disabled={!templates.data?.length}
        onChange={(v) => {
          setChosen(v);
          const tp = templates.data?.find((x) => String(x.id) === v);
          if (tp) onLoad(tp);
        }}
        w={280}
      />
      <Button variant="default" leftSection={<IconDeviceFloppy size={16} aria-hidden />} onClick={() => { setName(''); save.reset(); setSaving(true); }}>
        {t('import.saveTemplate')}
      </Button>
      <Modal opened={saving} onClose={() => setSaving(false)} title={t('import.saveTemplate')} closeButtonProps={{ 'aria-label': t('action.close') }}>
        <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) save.mutate(); }}>
          <Stack gap="sm">
            <TextInput label={t('import.templateName')} value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus required error={save.error?.message} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setSaving(false)}>{t('action.cancel')}</Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>{t('action.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
