import { useEffect, useRef, useState } from 'react';
import type { EntityDef } from '../../../shared/entity/define.js';
import { duplicatesApi, type DuplicateMatch } from './duplicatesApi.js';
import { hasDuplicateRules } from './duplicateRules.js';

export type CheckedSaveMode = 'close' | 'new';

/** How long a save waits for the duplicates check. */
const CHECK_WAIT_MS = 4000;

export interface DuplicateWarningState {
  matches: DuplicateMatch[];
  mode: CheckedSaveMode;
}

/**
 * Asks the server for likely duplicates of a new record before it is saved (issue 16). A draft with no match
 * is saved at once (one request more, no click more); with matches the save waits for Save anyway (which submits
 * the form again as it is then, unchecked). A check that fails or is slow never stops a save: the warning is a help, not a
 * rule.
 */
export function useDuplicateCheck(entity: EntityDef, opened: boolean) {
  const [warning, setWarning] = useState<DuplicateWarningState | null>(null);
  const [checking, setChecking] = useState<CheckedSaveMode | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  // A dialog opened again starts without the last draft's warning.
  useEffect(() => {
    setWarning(null);
    setChecking(null);
    abortRef.current?.abort();
  }, [opened, entity]);

  const gate = (body: Record<string, unknown>, mode: CheckedSaveMode, proceed: () => void) => {
    if (!hasDuplicateRules(entity)) return proceed();
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setWarning(null);
    setChecking(mode);
    let done = false;
    const go = () => {
      if (done || controller.signal.aborted) return;
      done = true;
      setChecking(null);
      proceed();
    };
    // A busy server never holds a save for long: past this wait the record is saved unchecked.
    const timer = setTimeout(go, CHECK_WAIT_MS);
    duplicatesApi.check(entity, body, controller.signal).then(
      ({ matches }) => {
        clearTimeout(timer);
        if (matches.length === 0) return go();
        if (done || controller.signal.aborted) return;
        done = true;
        setChecking(null);
        setWarning({ matches, mode });
      },
      () => {
        clearTimeout(timer);
        go();
      },
    );
  };

  const dismiss = () => setWarning(null);

  return { gate, warning, checking, dismiss };
}
