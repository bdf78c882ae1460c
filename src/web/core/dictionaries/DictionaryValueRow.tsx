import { ActionIcon, Button, Checkbox, Menu, NumberInput, Select, Switch, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChevronRight, IconDots, IconGitMerge, IconGripVertical, IconTrash } from '@tabler/icons-react';
import type { DraggableProvided } from '@hello-pangea/dnd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DictionaryAttribute } from '../../../shared/dictionaries.js';
import { toMajor } from '../../../shared/money.js';
import { ColorSelect } from '../fields/ColorSelect.js';
import { moneyToApi } from '../fields/formValues.js';
import { currencySymbol, useCurrency } from '../money.js';
import type { DictionaryValue, ValueChange } from './dictionariesApi.js';
import { ValueLabelsPopover } from './ValueLabelsPopover.js';
import classes from './DictionaryEditor.module.css';

interface Props {
  value: DictionaryValue;
  index: number;
  count: number;
  attributes: readonly DictionaryAttribute[];
  used: number;
  /** How many child values it has, when the dictionary has levels and this is a top-level value. */
  childCount?: number;
  provided: DraggableProvided;
  dragging: boolean;
  onChange: (change: ValueChange) => void;
  onMove: (to: number) => void;
  onOpenChildren?: () => void;
  onMerge: () => void;
  onDelete: () => void;
}

/**
 * A rename of what the user sees: the label of their language where the value has one (and the
 * default too when it read the same), else the default label every language falls back to.
 */
export function renameChange(value: DictionaryValue, locale: string, text: string): ValueChange {
  if (!(locale in value.labels)) return { label: text };
  return { labels: { [locale]: text }, ...(value.defaultLabel === value.labels[locale] ? { label: text } : {}) };
}

/** One value in the dictionary editor: drag handle, name, attributes, colour, active, use count, actions. */
export function DictionaryValueRow({ value, index, count, attributes, used, childCount, provided, dragging, onChange, onMove, onOpenChildren, onMerge, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(value.label);
  const [nameError, setNameError] = useState<string | undefined>();
  useEffect(() => setName(value.label), [value.label]);
  const label = value.label;

  const saveName = () => {
    const text = name.trim();
    if (text === value.label) return;
    if (!text) {
      setNameError(t('validation.required'));
      setName(value.label);
      return;
    }
    setNameError(undefined);
    onChange(renameChange(value, i18n.language, text));
  };

  return (
    <div ref={provided.innerRef} {...provided.draggableProps} className={classes.row} data-dragging={dragging || undefined} role="listitem" aria-label={label}>
      <div {...provided.dragHandleProps} className={classes.handle} aria-label={t('dictionaryEditor.drag', { name: label })}>
        <IconGripVertical size={16} aria-hidden />
      </div>
      <TextInput
        size="xs"
        className={classes.name}
        aria-label={t('dictionaryEditor.nameOf', { name: label })}
        value={name}
        error={nameError}
        maxLength={100}
        onChange={(e) => setName(e.currentTarget.value)}
        onBlur={saveName}
        onKeyDown={(e) => {
          if (e.key === 'Enter') { e.preventDefault(); saveName(); }
          if (e.key === 'Escape') { e.stopPropagation(); setName(value.label); }
        }}
        rightSection={<ValueLabelsPopover value={value} onSave={onChange} />}
        rightSectionWidth={30}
      />
      {attributes.map((a) => (
        <AttributeInput key={a.name} attribute={a} valueLabel={label} current={value.attributes[a.name]} onChange={(v) => onChange({ attributes: { [a.name]: v } })} />
      ))}
      <ColorSelect size="xs" w={120} aria-label={t('dictionaryEditor.colourOf', { name: label })} value={value.color ?? ''} onChange={(c) => onChange({ color: c || null })} comboboxProps={{ withinPortal: true }} />
      <Switch size="sm" aria-label={t('dictionaryEditor.activeOf', { name: label })} checked={value.active} onChange={(e) => onChange({ active: e.currentTarget.checked })} />
      <Text size="xs" c="dimmed" w={78} ta="right">
        {t('dictionaryEditor.usedBy', { count: used })}
      </Text>
      {onOpenChildren ? (
        <Button size="compact-xs" variant="light" miw={150} rightSection={<IconChevronRight size={12} aria-hidden />} onClick={onOpenChildren} aria-label={t('dictionaryEditor.childrenOf', { name: label })}>
          {t('dictionaryEditor.childrenCount', { count: childCount ?? 0 })}
        </Button>
      ) : null}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t('dictionaryEditor.actionsFor', { name: label })}>
            <IconDots size={16} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconArrowUp size={14} aria-hidden />} disabled={index === 0} onClick={() => onMove(index - 1)}>
            {t('dictionaryEditor.moveUp')}
          </Menu.Item>
          <Menu.Item leftSection={<IconArrowDown size={14} aria-hidden />} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            {t('dictionaryEditor.moveDown')}
          </Menu.Item>
          <Menu.Item leftSection={<IconGitMerge size={14} aria-hidden />} disabled={count < 2} onClick={onMerge}>
            {t('dictionaryEditor.mergeInto')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete}>
            {t('action.delete')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}

/** One declared attribute of a value (a stage's probability and outcome), saved as it changes. */
function AttributeInput({ attribute: a, valueLabel, current, onChange }: { attribute: DictionaryAttribute; valueLabel: string; current: unknown; onChange: (v: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  const label = `${t(a.label)}: ${valueLabel}`;
  const [n, setN] = useState<number | string>(typeof current === 'number' ? current : '');
  useEffect(() => setN(typeof current === 'number' ? current : ''), [current]);
  if (a.kind === 'percent') {
    return (
      <NumberInput size="xs" w={80} aria-label={label} value={n} min={0} max={100} suffix="%" allowNegative={false} decimalScale={2}
        onChange={setN} onBlur={() => { if (typeof n === 'number' && n !== current) onChange(n); }} />
    );
  }
  if (a.kind === 'number' || a.kind === 'money') {
    // Empty is allowed (no target, no unit price); money is typed in major units and stored in minor ones.
    const shown = a.kind === 'money' && typeof n === 'number' ? toMajor(n, currency) : n;
    return (
      <NumberInput size="xs" w={a.kind === 'money' ? 110 : 80} aria-label={label} value={shown} min={a.min ?? 0} max={a.max} allowNegative={false}
        decimalScale={a.kind === 'money' ? currency.digits : 2} thousandSeparator="," prefix={a.kind === 'money' ? currencySymbol(currency, i18n.language) : undefined}
        onChange={(v) => setN(typeof v === 'number' && a.kind === 'money' ? moneyToApi(v) : v)}
        onBlur={() => {
          const next = typeof n === 'number' ? n : null;
          if (next !== (typeof current === 'number' ? current : null)) onChange(next);
        }} />
    );
  }
  if (a.kind === 'boolean') return <Checkbox size="xs" aria-label={label} label={t(a.label)} checked={current === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
  return (
    <Select size="xs" w={100} aria-label={label} allowDeselect={false} value={typeof current === 'string' ? current : null} comboboxProps={{ withinPortal: true }}
      data={(a.options ?? []).map((o) => ({ value: o, label: t(`dictionary.attribute.${a.name}Option.${o}`) }))}
      onChange={(v) => { if (v && v !== current) onChange(v); }} />
  );
}

