import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { DictionaryEditorOnDemand } from '../dictionaries/DictionaryEditorOnDemand.js';
import type { DictionaryValue } from '../dictionaries/dictionariesApi.js';
import { DictionarySelect } from './DictionarySelect.js';
import { useMe } from '../../auth/useMe.js';

type Props = ComponentProps<typeof DictionarySelect>;

/**
 * A dictionary field in a form: the select, and beside it the **…** button that opens the
 * dictionary's editor (M7.c) for those with the dictionaries right. The form stays open underneath with what was typed; when the
 * editor closes, the refreshed values are offered, and a value added there while the field was
 * empty is chosen.
 */
export function DictionaryField(props: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const added = useRef<DictionaryValue | null>(null);
  // Only those who manage dictionaries edit them (the server refuses the others); the select is the same for all.
  const canEdit = useMe().hasSpecial('dictionaries');
  const name = t(`dictionary.${props.dictionary}`, { defaultValue: props.dictionary });
  const title = t('dictionaryEditor.title', { name });
  // Two fields may share a dictionary (category, subcategory): the child's button says which it is.
  const buttonLabel = props.childrenOf !== undefined && typeof props.label === 'string' ? t('dictionaryEditor.titleFor', { title, field: props.label }) : title;
  // A child field opens on the children of the chosen parent (the chosen category's subcategories).
  const scope = typeof props.childrenOf === 'number' ? props.childrenOf : null;
  if (!canEdit) return <DictionarySelect {...props} />;
  return (
    <>
      <DictionarySelect
        {...props}
        inputContainer={(children) => (
          <Group gap={4} wrap="nowrap" align="flex-start">
            <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
            <Tooltip label={buttonLabel} withinPortal>
              <ActionIcon variant="default" size={36} aria-label={buttonLabel} onClick={() => { added.current = null; setEditing(true); }}>
                <IconDots size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      />
      <DictionaryEditorOnDemand
        dictionary={props.dictionary}
        opened={editing}
        parentId={scope}
        nested
        onCreated={(v) => { added.current = v; }}
        onClose={() => {
          setEditing(false);
          const v = added.current;
          if (v && props.value === null && (props.childrenOf === undefined ? v.parentId === null : v.parentId !== null)) {
            props.onChange(v.id);
            props.onPick?.(v);
          }
        }}
      />
    </>
  );
}
