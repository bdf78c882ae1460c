import { Group, Loader, Modal } from '@mantine/core';
import { useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { lazyPage, shownPage } from './lazyPage.js';

interface ClosableProps { onClose: () => void }

/** While a dialog's code arrives, a dialog opens in its place, so the click answers at once. */
function loadingDialog<P extends ClosableProps>(isOpen: (props: P) => boolean) {
  return function DialogLoading(props: P) {
    const { t } = useTranslation();
    return (
      <Modal opened={isOpen(props)} onClose={props.onClose} title={t('app.loading')}>
        <Group justify="center" p="md"><Loader size="sm" /></Group>
      </Modal>
    );
  };
}

/**
 * A dialog whose code is fetched the first time it opens (a record form with its validation, the dictionary
 * editor with its drag and drop): pages offer them everywhere and open them now and then. Once opened it stays
 * mounted, so it closes with its animation and opens again at once. `isOpen` reads the dialog's own props.
 */
export function onDemandDialog<P extends ClosableProps>(
  load: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): ComponentType<P> {
  const Dialog = shownPage(lazyPage(load), loadingDialog(isOpen));
  function OnDemand(props: P) {
    const open = isOpen(props);
    const [wanted, setWanted] = useState(open);
    if (open && !wanted) setWanted(true);
    return wanted ? <Dialog {...props} /> : null;
  }
  return OnDemand;
}
