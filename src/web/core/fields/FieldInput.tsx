import { Checkbox, NumberInput, Textarea, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import type { FieldDef } from '../../../shared/entity/field.js';
import { TEXT_LIMITS } from '../../../shared/entity/field.js';
import { entityByName } from '../../../shared/entities/registry.js';
import type { RecordLabels } from '../records.js';
import { ColorSelect } from './ColorSelect.js';
import { DictionarySelect } from './DictionarySelect.js';
import { ReferenceSelect } from './ReferenceSelect.js';
import { ReferencesSelect } from './ReferencesSelect.js';
import { UserSelect } from './UserSelect.js';
import type { FormValue } from './formValues.js';

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
}

const asText = (v: FormValue) => (v === null || v === undefined ? '' : String(v));
const asNumber = (v: FormValue) => (typeof v === 'number' ? v : v === null || v === '' || Array.isArray(v) ? null : Number(v));
const asIds = (v: FormValue) => (Array.isArray(v) ? v : []);

/** One widget per field kind; every entity's form and inline editor is built from these. */
export function FieldInput(props: FieldInputProps) {
  const { name, def, label, value, onChange, error, placeholder, description, inline, autoFocus, onKeyDown, onBlur, currentLabel } = props;
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
    case 'integer':
    case 'decimal':
    case 'money':
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
    case 'dictionary':
      return <DictionarySelect {...common} dictionary={def.dictionary ?? ''} value={asNumber(value)} onChange={onChange} />;
    case 'reference':
      if (def.reference === 'user') return <UserSelect {...common} value={asNumber(value)} onChange={onChange} />;
      {
        const target = entityByName(def.reference ?? '');
        if (target) return <ReferenceSelect {...common} target={target} value={asNumber(value)} onChange={onChange} currentLabel={typeof currentLabel === 'string' ? currentLabel : null} />;
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
