import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  hint: string;
  onSubmit: () => void;
  /** The input and its Save button, on the right. */
  children: ReactNode;
}

/** One setting on a line: its name and hint on the left, what changes it on the right, Enter saves. */
export function SettingRow({ title, hint, onSubmit, children }: Props) {
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
      <Group justify="space-between" wrap="nowrap" align="flex-end">
        <Stack gap={0}>
          <Text fw={500}>{title}</Text>
          <Text size="sm" c="dimmed">{hint}</Text>
        </Stack>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          {children}
        </Group>
      </Group>
    </form>
  );
}
