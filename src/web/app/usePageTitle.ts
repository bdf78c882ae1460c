import { useDocumentTitle } from '@mantine/hooks';

/** Browser tab and history entries name the page, then the product. */
export function usePageTitle(title: string | undefined): void {
  useDocumentTitle(title ? `${title} · Rapport` : 'Rapport');
}
