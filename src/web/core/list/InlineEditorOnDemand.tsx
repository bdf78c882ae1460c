import { Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lazyPage, shownPage } from '../lazyPage.js';

function CellLoading() {
  const { t } = useTranslation();
  return <Loader size="xs" role="status" aria-label={t('app.loading')} />;
}

/** A cell's editor (its input and the form's validation) fetched the first time a cell is edited: lists are read far more than edited. */
export const InlineEditorOnDemand = shownPage(lazyPage(() => import('./InlineEditor.js').then((m) => m.InlineEditor)), CellLoading);
