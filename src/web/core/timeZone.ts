import { useQuery } from '@tanstack/react-query';
import { Temporal } from 'temporal-polyfill';
import { api } from './api.js';

export interface UserSettings {
  /** IANA zone; null = the browser's. */
  timeZone: string | null;
}

export const settingsKey = ['settings'] as const;

export const settingsApi = {
  get: () => api<UserSettings>('/v1/settings'),
  update: (body: Partial<UserSettings>) => api<UserSettings>('/v1/settings', { method: 'PATCH', body }),
};

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The user's time zone: the Settings choice, else the browser's. Instants are shown in it. */
export function useTimeZone(): string {
  const settings = useQuery({ queryKey: settingsKey, queryFn: settingsApi.get, staleTime: 5 * 60_000 });
  return settings.data?.timeZone ?? browserTimeZone();
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
