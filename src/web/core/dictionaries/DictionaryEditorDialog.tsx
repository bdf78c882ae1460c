import { Alert, Anchor, Breadcrumbs, Button, Group, Loader, Modal, Stack, Text, TextInput } from '@mantine/core';
import { DragDropContext, Draggable, Droppable } from '@hello-pangea/dnd';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryValue } from './dictionariesApi.js';
import { DictionaryValueRow } from './DictionaryValueRow.js';
import { MergeValueDialog } from './MergeValueDialog.js';
import { useDictionaryEditor } from './useDictionaryEditor.js';
import classes from './DictionaryEditor.module.css';

export interface DictionaryEditorProps {
  /** The dictionary's key, e.g. `product-category`. */
  dictionary: string;
  opened: boolean;
  onClose: () => void;
  /** Open on the children of this value (the subcategories of the chosen category). */
  parentId?: number | null;
  /** Told about each value added, so the form that opened the editor can choose it. */
  onCreated?: (value: DictionaryValue) => void;
  /** Above another dialog (a record's form), so it must stack over it. */
  nested?: boolean;
}

/**
 * "Edit <dictionary> dictionary" (M7.c, M7.d): add, rename (per language), reorder by dragging
 * (or Move up / Move down), colour, attributes, deactivate, delete when unused, merge. One level
 * at a time: a hierarchical dictionary's values open their children (a category's subcategories).
 * Every change is saved as it is made; the form underneath keeps what was typed.
 */
export function DictionaryEditorDialog({ dictionary, opened, onClose, parentId = null, onCreated, nested }: DictionaryEditorProps) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<number | null>(parentId);
  const [newName, setNewName] = useState('');
  const [merging, setMerging] = useState<DictionaryValue | null>(null);
  const addRef = useRef<HTMLInputElement>(null);
  const editor = useDictionaryEditor(dictionary, level);
  const { info, level: values, usage, notice, setNotice } = editor;

  useEffect(() => {
    if (!opened) return;
    setLevel(parentId);
    setNewName('');
    setNotice(null);
  }, [opened, parentId, setNotice]);

  const name = t(`dictionary.${dictionary}`, { defaultValue: dictionary });
  const parent = level === null ? undefined : editor.all.find((v) => v.id === level);
  const hierarchical = info?.hierarchical === true;
  const attributes = info?.attributes ?? [];

  const add = () => {
    const label = newName.trim();
    if (!label) {
      addRef.current?.focus();
      return;
    }
    editor.create.mutate(label, {
      onSuccess: (v) => {
        setNewName('');
        onCreated?.(v);
        addRef.current?.focus();
      },
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('dictionaryEditor.title', { name })}
      size={880}
      // Opacity only: a transformed dialog would misplace the row being dragged.
      transitionProps={{ transition: 'fade', duration: 150 }}
      zIndex={nested ? 300 : undefined}
      closeButtonProps={{ 'aria-label': t('action.close') }}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <Stack gap="sm">
        {hierarchical && (
          <Breadcrumbs separator="›">
            {parent ? (
              <Anchor component="button" type="button" size="sm" onClick={() => setLevel(null)}>
                {t('dictionaryEditor.allValues', { name })}
              </Anchor>
            ) : (
              <Text size="sm" fw={600}>{t('dictionaryEditor.allValues', { name })}</Text>
            )}
            {parent && <Text size="sm" fw={600}>{t('dictionaryEditor.childrenHeading', { name: parent.label })}</Text>}
          </Breadcrumbs>
        )}
        <Text size="sm" c="dimmed">{t('dictionaryEditor.hint')}</Text>
        {notice && (
          <Alert color={notice.color} variant="light" py="xs" withCloseButton closeButtonLabel={t('action.close')} onClose={() => setNotice(null)}>
            <Stack gap={6}>
              <Text size="sm">{notice.text}</Text>
              {notice.inUse && (
                <Group gap="xs">
                  <Button size="xs" variant="default" onClick={() => notice.inUse && editor.update.mutate({ value: notice.inUse, change: { active: false } })}>
                    {t('dictionaryEditor.deactivate')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => { setMerging(notice.inUse ?? null); setNotice(null); }}>
                    {t('dictionaryEditor.mergeInto')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <div className={classes.list}>
          <div className={classes.header} aria-hidden>
            <span style={{ flex: 1 }}>{t('dictionaryEditor.name')}</span>
            {attributes.map((a) => <span key={a.name} style={{ width: attributeWidth(a.kind) }}>{t(a.label)}</span>)}
            <span style={{ width: 120 }}>{t('customerGroup.field.color')}</span>
            <span style={{ width: 42 }}>{t('settings.active')}</span>
            <span style={{ width: 78, textAlign: 'right' }}>{t('dictionaryEditor.use')}</span>
            <span style={{ width: hierarchical && !parent ? 186 : 28 }} />
          </div>
          {editor.values.isPending && <Loader size="sm" m="sm" />}
          <DragDropContext onDragEnd={(r) => { if (r.destination) editor.move(r.source.index, r.destination.index); }}>
            <Droppable droppableId={`values-${level ?? 'top'}`}>
              {(drop) => (
                <div ref={drop.innerRef} {...drop.droppableProps} role="list" aria-label={parent ? t('dictionaryEditor.childrenHeading', { name: parent.label }) : t('dictionaryEditor.allValues', { name })}>
                  {values.map((v, i) => (
                    <Draggable key={v.id} draggableId={String(v.id)} index={i} isDragDisabled={editor.busy}>
                      {(drag, snapshot) => (
                        <DictionaryValueRow
                          value={v}
                          index={i}
                          count={values.length}
                          attributes={attributes}
                          used={usage[String(v.id)] ?? 0}
                          provided={drag}
                          dragging={snapshot.isDragging}
                          onChange={(change) => editor.update.mutate({ value: v, change })}
                          onMove={(to) => editor.move(i, to)}
                          onOpenChildren={hierarchical && level === null ? () => setLevel(v.id) : undefined}
                          childCount={editor.childCount(v.id)}
                          onMerge={() => setMerging(v)}
                          onDelete={() => editor.remove.mutate(v)}
                        />
                      )}
                    </Draggable>
                  ))}
                  {drop.placeholder}
                  {!editor.values.isPending && values.length === 0 && (
                    <Text size="sm" c="dimmed" p="sm">{t('dictionaryEditor.empty')}</Text>
                  )}
                </div>
              )}
            </Droppable>
          </DragDropContext>
        </div>
        {/* React passes a submit up through portals: the record form this editor was opened from must not see it. */}
        <form onSubmit={(e) => { e.preventDefault(); e.stopPropagation(); add(); }}>
          <Group gap="xs" align="flex-end">
            <TextInput
              ref={addRef}
              label={parent ? t('dictionaryEditor.newChild', { name: parent.label }) : t('dictionaryEditor.newValue')}
              placeholder={t('dictionaryEditor.newValuePlaceholder')}
              value={newName}
              maxLength={100}
              onChange={(e) => setNewName(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
            />
            <Button type="submit" leftSection={<IconPlus size={16} aria-hidden />} loading={editor.create.isPending}>
              {t('dictionaryEditor.add')}
            </Button>
          </Group>
        </form>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('action.close')}</Button>
        </Group>
      </Stack>
      <MergeValueDialog
        value={merging}
        siblings={values}
        used={merging ? usage[String(merging.id)] ?? 0 : 0}
        busy={editor.merge.isPending}
        onCancel={() => setMerging(null)}
        onMerge={(into) => { if (merging) editor.merge.mutate({ value: merging, into }, { onSettled: () => setMerging(null) }); }}
      />
    </Modal>
  );
}

/** The width of an attribute's column (its input in DictionaryValueRow is as wide). */
function attributeWidth(kind: string): number {
  return kind === 'percent' || kind === 'number' ? 80 : kind === 'money' ? 110 : 100;
}
