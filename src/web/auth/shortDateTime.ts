import { displayTimeZone } from '../core/timeZone.js';

/** A moment (ISO) as a short date and time in the UI language and the user's zone. */
export function shortDateTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: displayTimeZone() }).format(d);
}
