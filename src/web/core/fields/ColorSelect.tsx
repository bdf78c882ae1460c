import { ColorSwatch, Group, Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COLOR_NAMES } from '../../../shared/entity/field.js';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** A CSS colour for a stored colour: a palette name or a hex value (anything else shows grey). */
export function cssColor(value: unknown): string {
  if (typeof value !== 'string' || !value) return 'var(--mantine-color-gray-5)';
  if (value.startsWith('#')) return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value) ? value : 'var(--mantine-color-gray-5)';
  return (COLOR_NAMES as readonly string[]).includes(value) ? `var(--mantine-color-${value}-6)` : 'var(--mantine-color-gray-5)';
}

/** The palette by name, each with its swatch; a hex value already stored stays an option. */
export function ColorSelect({ value, onChange, ...rest }: Props) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const names: string[] = [...COLOR_NAMES];
    if (value && !names.includes(value)) names.push(value);
    return names.map((c) => ({ value: c, label: c.startsWith('#') ? c : t(`color.${c}`) }));
  }, [t, value]);
  return (
    <Select
      {...rest}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      allowDeselect={false}
      leftSection={value ? <ColorSwatch color={cssColor(value)} size={14} aria-hidden /> : undefined}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap">
          <ColorSwatch color={cssColor(option.value)} size={14} aria-hidden />
          {option.label}
        </Group>
      )}
    />
  );
}
