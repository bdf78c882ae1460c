import { Checkbox, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntityDef } from '../../../shared/entity/define.js';
import type { FieldDef } from '../../../shared/entity/field.js';
import { TEXT_LIMITS } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import type { Query } from '../api.js';
import type { EntityRecord, RecordLabels } from '../records.js';
import { LineItemsEditor } from '../lines/LineItemsEditor.js';
import type { DictionaryValue } from '../lookups.js';
import { currencySymbol, useCurrency } from '../money.js';
import { ColorSelect } from './ColorSelect.js';
import { DictionaryField } from './DictionaryField.js';
import { DictionarySelect } from './DictionarySelect.js';
import { ReferenceSelect } from './ReferenceSelect.js';
import { ReferencesSelect } from './ReferencesSelect.js';
import { UserSelect } from './UserSelect.js';
import type { FormLine, FormValue } from './formValues.js';

export interface FieldInputProps {
  name: string;
  def: FieldDef;
  label: string;
  value: FormValue;
  onChange: (value: FormValue) => void;
  error?: string;
  placeholder?: string;
  description?: ReactNode;
  /** Compact variant for the grid's inline editor: no visible label, small size. */
  inline?: boolean;
  autoFocus?: boolean;
  onKeyDown?: (event: KeyboardEvent<HTMLElement>) => void;
  onBlur?: () => void;
  /** The record's `_labels` entry for this field: titles of the referenced records shown before any fetch. */
  currentLabel?: RecordLabels[string];
  /** The entity the field belongs to (labels of enum options). */
  entity?: EntityDef;
  /** For a child dictionary field (`parent`): the parent field's value, whose children are offered. */
  parentValue?: number | null;
  /** Told about the dictionary value chosen (a form fills a child's parent from it). */
  onPickDictionary?: (value: DictionaryValue) => void;
  /** For a `defaultFirst` dictionary field of a new record: show the first value chosen, as the server would. */
  fillFirst?: boolean;
  /** Receives the value fillFirst chose (a default, not an edit); without it, onChange does. */
  onFill?: (value: FormValue) => void;
  /** For a reference: narrows its choices (a `within` field's `filter[customerId]`). */
  referenceQuery?: Query;
  /** For a reference: told about the record chosen (a contact fills its customer). */
  onPickReference?: (record: EntityRecord) => void;
  /** Every error of the form by path, for fields with parts (a line's `lines.1.quantity`). */
  errors?: Record<string, string>;
}

const asText = (v: FormValue) => (v === null || v === undefined ? '' : String(v));
const asNumber = (v: FormValue) => (typeof v === 'number' ? v : v === null || v === '' || Array.isArray(v) ? null : Number(v));
const asIds = (v: FormValue): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const asLines = (v: FormValue): FormLine[] => (Array.isArray(v) ? v.filter((x): x is FormLine => typeof x === 'object') : []);

/** One widget per field kind; every entity's form and inline editor is built from these. */
export function FieldInput(props: FieldInputProps) {
  const { name, def, label, value, onChange, error, placeholder, description, inline, autoFocus, onKeyDown, onBlur, currentLabel, entity, parentValue, onPickDictionary, fillFirst, onFill, referenceQuery, onPickReference, errors } = props;
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  const common = {
    name,
    label: inline ? undefined : label,
    'aria-label': inline ? label : undefined,
    error,
    placeholder,
    description,
    required: def.required && !inline,
    autoFocus,
    onKeyDown,
    onBlur,
    size: inline ? ('xs' as const) : ('sm' as const),
  };
  switch (def.kind) {
    case 'longtext':
      return <Textarea {...common} value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={inline ? 1 : 3} maxRows={8} maxLength={def.maxLength ?? TEXT_LIMITS.longtext} />;
    case 'money':
      // Typed in major units (19.99), with the currency's decimals; stored in minor units.
      return (
        <NumberInput
          {...common}
          value={asNumber(value) ?? ''}
          onChange={(v) => onChange(v === '' ? null : v)}
          decimalScale={currency.digits}
          fixedDecimalScale={currency.digits > 0}
          allowNegative={(def.min ?? -1) < 0}
          thousandSeparator=","
          leftSection={<span aria-hidden style={{ fontSize: 'var(--mantine-font-size-sm)' }}>{currencySymbol(currency, i18n.language)}</span>}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          data={(def.options ?? []).map((o) => ({ value: o, label: t(`${entity?.name ?? ''}.${name}.${o}`, { defaultValue: o }) }))}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v ?? null)}
          allowDeselect={false}
          clearable={!def.required && def.default === undefined}
          comboboxProps={{ withinPortal: true }}
        />
      );
    case 'lines':
      return <LineItemsEditor def={def} name={name} label={label} value={asLines(value)} onChange={onChange} error={error} errors={errors} />;
    case 'integer':
    case 'decimal':
    case 'percent':
      return (
        <NumberInput
          {...common}
          value={asNumber(value) ?? ''}
          onChange={(v) => onChange(v === '' ? null : v)}
          allowDecimal={def.kind === 'decimal' || def.kind === 'percent'}
          min={def.min}
          max={def.max}
          thousandSeparator=","
          suffix={def.kind === 'percent' ? '%' : undefined}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'datetime':
      return <TextInput {...common} type="datetime-local" value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'boolean':
      return (
        <Checkbox
          name={name}
          label={inline ? undefined : label}
          aria-label={inline ? label : undefined}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          error={error}
          description={inline ? undefined : description}
          autoFocus={autoFocus}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          mt={inline ? 0 : 'lg'}
        />
      );
    case 'color':
      return <ColorSelect {...common} value={asText(value)} onChange={onChange} />;
    case 'dictionary': {
      const level = def.parent ? (parentValue ?? null) : undefined;
      const Dictionary = inline ? DictionarySelect : DictionaryField;
      return <Dictionary {...common} dictionary={def.dictionary ?? ''} value={asNumber(value)} onChange={onChange} childrenOf={level} onPick={onPickDictionary} fillFirst={fillFirst} onFill={onFill} />;
    }
    case 'reference':
      if (def.reference === 'user') return <UserSelect {...common} value={asNumber(value)} onChange={onChange} />;
      {
        const target = entityByName(def.reference ?? '');
        if (target) {
          return <ReferenceSelect {...common} target={target} value={asNumber(value)} onChange={onChange} currentLabel={typeof currentLabel === 'string' ? currentLabel : null} query={referenceQuery} onPick={onPickReference} />;
        }
        // A target this build does not know: its id keeps the field usable.
        return <NumberInput {...common} value={asNumber(value) ?? ''} onChange={(v) => onChange(v === '' ? null : v)} allowDecimal={false} min={1} />;
      }
    case 'references': {
      const target = entityByName(def.reference ?? '');
      if (!target) return null;
      return <ReferencesSelect {...common} target={target} value={asIds(value)} onChange={onChange} currentLabels={Array.isArray(currentLabel) ? currentLabel : []} />;
    }
    case 'computed':
      return <TextInput {...common} value={asText(value)} readOnly />;
    default: {
      const type = def.kind === 'email' ? 'email' : def.kind === 'url' ? 'url' : def.kind === 'phone' ? 'tel' : 'text';
      return <TextInput {...common} type={type} value={asText(value)} onChange={(e) => onChange(e.currentTarget.value)} maxLength={def.maxLength ?? TEXT_LIMITS[def.kind]} />;
    }
  }
}
