import type { UsageEvent } from '../../shared/usage.js';
import { api } from './api.js';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after each report lands (the lab panel refetches its ticks). */
export function onUsage(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Tells the server what the user just did that leaves no record (a list grouped, a page opened);
 * the guided lab ticks steps from it. Never in the way: a failure is dropped.
 */
export function reportUsage(event: UsageEvent, subject: string): void {
  api('/v1/usage', { method: 'POST', body: { event, subject } })
    .then(() => listeners.forEach((l) => l()))
    .catch(() => undefined);
}
