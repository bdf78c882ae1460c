import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A page (or panel) whose code is fetched when it is first shown: `lazyPage(() => import('./CalendarPage.js').then((m) =>
 * m.CalendarPage))`. The page's libraries (FullCalendar, ECharts, drag and drop) then stay out of the first script.
 */
export interface LazyPage<P extends object> { load: () => Promise<ComponentType<P>> }

/** What the page registries take: a component, or a lazy page. */
export type PageSource<P extends object = object> = ComponentType<P> | LazyPage<P>;

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  return { load };
}

/**
 * The registries' one way to show a page source: a lazy page gets its loading state (`Fallback`, given the page's
 * props: a dialog's stand-in opens like the dialog) and a way back from a failed load.
 */
export function shownPage<P extends object>(source: PageSource<P>, Fallback: ComponentType<P> = PageLoading): ComponentType<P> {
  if (!('load' in source)) return source;
  const Lazy = lazy(() => source.load().then((Page) => ({ default: Page }), (cause: unknown) => { throw new PageLoadError(cause); }));
  function LazyShown(props: P) {
    return (
      <LoadFailure>
        <Suspense fallback={<Fallback {...props} />}>
          <Lazy {...props} />
        </Suspense>
      </LoadFailure>
    );
  }
  return LazyShown;
}

/** Said to screen readers too (a status region); shown after a moment (global.css), so a fast load does not flash. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <Group justify="center" p="xl" gap="xs" role="status" className="rapport-page-loading">
      <Loader size="sm" />
      <Text size="sm" c="dimmed">{t('app.loading')}</Text>
    </Group>
  );
}

function LoadFailed() {
  const { t } = useTranslation();
  return (
    <Stack align="center" p="xl" gap="sm" role="alert">
      <Text size="sm">{t('app.pageLoadFailed')}</Text>
      <Button size="xs" variant="light" onClick={() => window.location.reload()}>{t('app.reload')}</Button>
    </Stack>
  );
}

/** The page's code did not arrive; any other error is the page's own and goes on to the app. */
class PageLoadError extends Error {
  constructor(cause: unknown) {
    super('page code not loaded', { cause });
  }
}

/**
 * A page's chunk can fail to arrive (the link dropped, or a new build replaced the hashed files while this tab
 * was open): the page says so and offers a reload instead of the app going blank.
 */
class LoadFailure extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error instanceof PageLoadError) return <LoadFailed />;
    if (error) throw error;
    return this.props.children;
  }
}
