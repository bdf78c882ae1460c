import type { EventInput } from '@fullcalendar/react';
import { temporal } from '../../core/temporal.js';
import type { EntityRecord } from '../../core/records.js';
import { zonedDate } from '../../core/timeZone.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export const addDays = (date: string, n: number) => temporal().PlainDate.from(date).add({ days: n }).toString();

/** An activity as a calendar event: instants for timed ones, dates (end exclusive) for all-day ones. */
export function toEvent(a: EntityRecord): EventInput | null {
  const ended = a.status === 'ended';
  const common = { id: String(a.id), title: String(a.subject ?? `#${a.id}`), extendedProps: { record: a }, classNames: ended ? ['activity-ended'] : [] };
  if (a.allDay === true) {
    const start = str(a.startDate);
    if (!start) return null;
    const end = str(a.endDate);
    return { ...common, allDay: true, start, end: end ? addDays(end, 1) : undefined };
  }
  const start = str(a.startAt);
  if (!start) return null;
  return { ...common, allDay: false, start, end: str(a.endAt) ?? undefined };
}

/** The activities on one date (`YYYY-MM-DD`) in `tz`: timed ones by their local days, all-day ones by their dates. */
export function onDate(items: readonly EntityRecord[], date: string, tz: string): EntityRecord[] {
  return items
    .filter((a) => {
      if (a.allDay === true) {
        const s = str(a.startDate);
        return s !== null && s <= date && date <= (str(a.endDate) ?? s);
      }
      const s = str(a.startAt);
      if (!s) return false;
      const e = str(a.endAt);
      return zonedDate(s, tz) <= date && date <= (e ? zonedDate(new Date(Date.parse(e) - 1).toISOString(), tz) : zonedDate(s, tz));
    })
    .sort((x, y) => (x.allDay === y.allDay ? String(x.startAt ?? '').localeCompare(String(y.startAt ?? '')) : x.allDay === true ? -1 : 1));
}

/** The PATCH body after a drag or resize (the server checks `version`). */
export function movedBody(allDay: boolean, start: Date | null, end: Date | null, startStr: string, endStr: string): Record<string, unknown> {
  if (allDay) {
    const startDate = startStr.slice(0, 10);
    const endDate = endStr ? addDays(endStr.slice(0, 10), -1) : null;
    return { allDay: true, startDate, endDate: endDate && endDate !== startDate ? endDate : null, startAt: null, endAt: null };
  }
  return { allDay: false, startAt: start?.toISOString() ?? null, endAt: end?.toISOString() ?? null, startDate: null, endDate: null };
}
