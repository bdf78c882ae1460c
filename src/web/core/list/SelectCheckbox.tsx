import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './EntityGrid.module.css';

interface RowProps {
  id: number;
  name: string;
  checked: boolean;
  onToggle: (id: number, range: boolean) => void;
}

/** A plain checkbox (there are many on screen while scrolling); shift-click selects a range. */
function RowCheckbox({ id, name, checked, onToggle }: RowProps) {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      className={classes.checkbox}
      aria-label={t('list.selectRow', { name })}
      checked={checked}
      // The click carries the shift key; the change event does not.
      onChange={() => undefined}
      onClick={(e) => onToggle(id, e.shiftKey)}
    />
  );
}

export const SelectRowCheckbox = memo(RowCheckbox);

/** The header box: selects every loaded row; mixed when only some are selected. */
export function SelectAllCheckbox({ state, onToggle }: { state: 'none' | 'some' | 'all'; onToggle: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some';
  }, [state]);
  return <input ref={ref} type="checkbox" className={classes.checkbox} aria-label={t('list.selectAllLoaded')} checked={state === 'all'} onChange={onToggle} />;
}
