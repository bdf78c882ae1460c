import { temporal } from './temporal.js';
import { useSettings } from './settings.js';

/** The installation's zone for code outside React (a form's default date), kept in step by the settings gate. */
let installationZone: string | null = null;

export function setInstallationTimeZone(tz: string): void {
  installationZone = tz;
}

/** Today (`YYYY-MM-DD`) in the installation's zone, the server's rule for a date left empty (a sale's order date). */
export function installationToday(): string {
  return temporal().Now.plainDateISO(installationZone ?? browserTimeZone()).toString();
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The user's zone for code outside React (a form's date-time values), kept in step by the settings gate. */
let userZone: string | null = null;

export function setUserTimeZone(tz: string | null): void {
  userZone = tz;
}

/** The zone every date-time is shown and typed in: the user's choice in Settings, else the browser's (DESIGN.md §9). */
export function displayTimeZone(): string {
  return userZone ?? browserTimeZone();
}

/** The user's time zone: the Settings choice, else the browser's. Instants are shown in it. */
export function useTimeZone(): string {
  return useSettings().data?.timeZone ?? browserTimeZone();
}

/** `2026-03-04T05:06:07Z` → `2026-03-04T14:06` in `tz`, for `<input type=datetime-local>`. */
export function isoToZonedInput(iso: string, tz: string): string {
  try {
    return temporal().Instant.from(iso).toZonedDateTimeISO(tz).toPlainDateTime().toString({ smallestUnit: 'minute' });
  } catch {
    return iso;
  }
}

/** The inverse: a wall-clock `YYYY-MM-DDTHH:mm` in `tz` → an ISO instant (UTC); unparsable text is returned as it is. */
export function zonedInputToIso(local: string, tz: string): string {
  try {
    return temporal().PlainDateTime.from(local).toZonedDateTime(tz).toInstant().toString();
  } catch {
    return local;
  }
}

/** The wall-clock date (`YYYY-MM-DD`) of an instant in `tz`. */
export function zonedDate(iso: string, tz: string): string {
  return temporal().Instant.from(iso).toZonedDateTimeISO(tz).toPlainDate().toString();
}

function zonePart(tz: string, lang: string, style: 'longGeneric' | 'longOffset'): string | undefined {
  try {
    return new Intl.DateTimeFormat(lang, { timeZone: tz, timeZoneName: style }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
}

/** A zone as people say it, in the UI language: 한국 표준시, 北美太平洋时间, Pacific Time (never the raw `Asia/Seoul`). */
export function zoneName(tz: string, lang: string): string {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 'UTC';
  const generic = zonePart(tz, lang, 'longGeneric');
  // Zones without a name of their own come back as an offset; the id's city then says more.
  return generic && !/^GMT[+-]/.test(generic) ? generic : tz.split('/').pop()?.replace(/_/g, ' ') ?? tz;
}

/** A zone in a picker: `(GMT+09:00) 한국 표준시 · Asia/Seoul` (the id stays searchable). */
export function zoneOption(tz: string, lang: string): string {
  const offset = zonePart(tz, 'en', 'longOffset')?.replace(/^GMT$/, 'GMT+00:00') ?? '';
  return `(${offset}) ${zoneName(tz, lang)} · ${tz}`;
}

/** Every zone as a picker option, ordered by offset then name. */
export function zoneOptions(lang: string): { value: string; label: string }[] {
  const offsetOf = (tz: string) => {
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(zonePart(tz, 'en', 'longOffset') ?? '');
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
  return [...Intl.supportedValuesOf('timeZone'), 'UTC']
    .filter((z, i, all) => all.indexOf(z) === i)
    .map((z) => ({ z, o: offsetOf(z) }))
    .sort((a, b) => a.o - b.o || a.z.localeCompare(b.z))
    .map(({ z }) => ({ value: z, label: zoneOption(z, lang) }));
}

/** A deadline's state now, as lists filter and group it: past, later today (in the zone), or after today. */
export function dueStateOf(iso: string, tz: string, now = Date.now()): 'overdue' | 'today' | 'later' {
  const at = Date.parse(iso);
  if (at < now) return 'overdue';
  const endOfToday = temporal().Now.plainDateISO(tz).add({ days: 1 }).toZonedDateTime(tz).epochMilliseconds;
  return at < endOfToday ? 'today' : 'later';
}
