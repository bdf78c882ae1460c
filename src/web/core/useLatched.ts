import { useRef } from 'react';

/**
 * The value as it was while `opened`: a dialog keeps its title and content during its closing
 * animation, though its parent already cleared what it showed (an edit dialog must not read
 * "New contact activity" while it fades out).
 */
export function useLatched<T>(value: T, opened: boolean): T {
  const last = useRef(value);
  if (opened) last.current = value;
  return opened ? value : last.current;
}
