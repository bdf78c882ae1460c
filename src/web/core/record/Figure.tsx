import { Paper, Text } from '@mantine/core';

/** A figure of a summary (a total on a record's tab): its label above, the value below, a note under it. */
export function Figure({ label, value, note, color }: { label: string; value: string; note?: string; color?: string }) {
  return (
    <Paper withBorder px="sm" py={6} role="group" aria-label={label}>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} c={color}>{value}</Text>
      {note && <Text size="xs" c="dimmed">{note}</Text>}
    </Paper>
  );
}
