import { Group, Paper, Skeleton, Stack, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import classes from './Dashboard.module.css';

/**
 * One tile of the home page: a region named by its heading. Until the numbers arrive it keeps its
 * place with skeletons, so the page never jumps or shows blank space.
 */
export function DashboardTile({ title, icon: TileIcon, color, loading, children }: { title: string; icon: Icon; color: string; loading: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <Paper component="section" withBorder radius="md" p="md" shadow="xs" aria-labelledby={id} aria-busy={loading || undefined} className={classes.tile}>
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon variant="light" color={color} size="md" radius="md" aria-hidden>
          <TileIcon size={18} stroke={1.7} />
        </ThemeIcon>
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
      </Group>
      {loading ? <TileSkeleton /> : children}
    </Paper>
  );
}

function TileSkeleton() {
  return (
    <Stack gap="xs">
      <Group grow gap="xs">
        <Skeleton h={64} radius="md" />
        <Skeleton h={64} radius="md" />
      </Group>
      <Skeleton h={14} radius="sm" />
      <Skeleton h={14} w="85%" radius="sm" />
      <Skeleton h={14} w="70%" radius="sm" />
    </Stack>
  );
}
