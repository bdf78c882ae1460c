import { useSyncExternalStore } from 'react';

/** Whether the lab panel is shown, remembered in this browser (issue 13: "it can be hidden and is remembered"). */
const KEY = 'rapport.labPanel';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === 'open';
  } catch {
    return false;
  }
}

let opened = read();

export function setLabPanelOpened(next: boolean): void {
  opened = next;
  try { localStorage.setItem(KEY, next ? 'open' : 'closed'); } catch { /* not remembered */ }
  listeners.forEach((l) => l());
}

export function useLabPanelOpened(): boolean {
  return useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => opened);
}
