import type { Temporal as TemporalApi } from 'temporal-polyfill';

type TemporalNamespace = typeof TemporalApi;

let api: TemporalNamespace | undefined = (globalThis as { Temporal?: TemporalNamespace }).Temporal;

/**
 * The browser's own Temporal (Chromium 144 and later, Firefox 139 and later); the polyfill, a tenth of the first
 * script, is fetched only by a browser that lacks it. The app renders after this (main.tsx).
 */
export async function loadTemporal(): Promise<void> {
  api ??= (await import('temporal-polyfill')).Temporal;
}

export function temporal(): TemporalNamespace {
  if (!api) throw new Error('Temporal is used before loadTemporal()');
  return api;
}
