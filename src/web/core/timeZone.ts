import { Temporal } from 'temporal-polyfill';
import { useSettings } from './settings.js';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The user's time zone: the Settings choice, else the browser's. Instants are shown in it. */
export function useTimeZone(): string {
  return useSettings().data?.timeZone ?? browserTimeZone();
}

/** `2026-03-04T05:06:07Z` → `2026-03-04T14:06` in `tz`, for `<input type=datetime-local>`. */
export function isoToZonedInput(iso: string, tz: string): string {
  try {
    return Temporal.Instant.from(iso).toZonedDateTimeISO(tz).toPlainDateTime().toString({ smallestUnit: 'minute' });
  } catch {
    return iso;
  }
}

/** The inverse: a wall-clock `YYYY-MM-DDTHH:mm` in `tz` → an ISO instant (UTC); unparsable text is returned as it is. */
export function zonedInputToIso(local: string, tz: string): string {
  try {
    return Temporal.PlainDateTime.from(local).toZonedDateTime(tz).toInstant().toString();
  } catch {
    return local;
  }
}

/** The wall-clock date (`YYYY-MM-DD`) of an instant in `tz`. */
export function zonedDate(iso: string, tz: string): string {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(tz).toPlainDate().toString();
}
