import ICAL from 'ical.js';
import type { Locale } from '../../../core/list-params.js';
import { translate } from '../../../core/i18n.js';
import { addDays } from '../../../core/time-zones.js';
import type { ApiRecord } from '../../../core/record-mapper.js';
import { refold } from './fold.js';

export interface IcsContext {
  /** Activity type codes by dictionary value id (a task becomes a VTODO). */
  readonly typeCodes: ReadonlyMap<number, string>;
  readonly locale: Locale;
  readonly now: Date;
}

const utc = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The opening lines of a calendar file (closed by CALENDAR_END). */
export function calendarStart(name: string): string {
  const cal = new ICAL.Component(['vcalendar', [], []]);
  cal.updatePropertyWithValue('version', '2.0');
  cal.updatePropertyWithValue('prodid', '-//Rapport//Rapport CRM//EN');
  cal.updatePropertyWithValue('calscale', 'GREGORIAN');
  cal.updatePropertyWithValue('method', 'PUBLISH');
  cal.updatePropertyWithValue('x-wr-calname', name);
  return refold(cal.toString().replace(/END:VCALENDAR\s*$/, ''));
}

export const CALENDAR_END = 'END:VCALENDAR\r\n';

/**
 * One activity as a VEVENT, or a VTODO for a task (so an ended task can say STATUS:COMPLETED,
 * which a VEVENT cannot). Timed activities are UTC instants; all-day ones are dates with an
 * exclusive end (the day after the last), as RFC 5545 §3.6.1 asks.
 */
export function activityComponent(r: ApiRecord, ctx: IcsContext): string {
  const labels = (r._labels ?? {}) as Record<string, string | null>;
  const isTask = typeof r.typeId === 'number' && ctx.typeCodes.get(r.typeId) === 'task';
  const ended = r.status === 'ended';
  const c = new ICAL.Component(isTask ? 'vtodo' : 'vevent');
  c.updatePropertyWithValue('uid', `activity-${r.id}@rapport`);
  c.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(ctx.now, true));
  if (str(r.createdAt)) c.updatePropertyWithValue('created', utc(String(r.createdAt)));
  if (str(r.updatedAt)) c.updatePropertyWithValue('last-modified', utc(String(r.updatedAt)));
  c.updatePropertyWithValue('sequence', Number(r.version));
  const end = isTask ? 'due' : 'dtend';
  if (r.allDay === true && str(r.startDate)) {
    c.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(String(r.startDate)));
    c.updatePropertyWithValue(end, ICAL.Time.fromDateString(addDays(str(r.endDate) ?? String(r.startDate), 1)));
  } else if (str(r.startAt)) {
    c.updatePropertyWithValue('dtstart', utc(String(r.startAt)));
    if (str(r.endAt)) c.updatePropertyWithValue(end, utc(String(r.endAt)));
  }
  c.updatePropertyWithValue('summary', String(r.subject ?? ''));
  const endedWord = translate(ctx.locale, 'activity.ics.ended', 'Ended');
  const description = [
    ended ? `[${endedWord}${str(r.endedAt) ? ` ${String(r.endedAt)}` : ''}]` : null,
    str(r.description),
    str(r.outcome) ? `${translate(ctx.locale, 'activity.ics.outcome', 'Outcome')}: ${String(r.outcome)}` : null,
  ].filter((x): x is string => x !== null);
  if (description.length) c.updatePropertyWithValue('description', description.join('\n'));
  if (str(r.location)) c.updatePropertyWithValue('location', String(r.location));
  if (str(labels.typeId)) c.updatePropertyWithValue('categories', String(labels.typeId));
  if (isTask) {
    c.updatePropertyWithValue('status', ended ? 'COMPLETED' : 'NEEDS-ACTION');
    if (ended && str(r.endedAt)) c.updatePropertyWithValue('completed', utc(String(r.endedAt)));
  } else {
    c.updatePropertyWithValue('status', 'CONFIRMED');
  }
  if (typeof r.reminderMinutes === 'number' && !ended) {
    const alarm = new ICAL.Component('valarm');
    alarm.updatePropertyWithValue('action', 'DISPLAY');
    alarm.updatePropertyWithValue('description', String(r.subject ?? ''));
    alarm.updatePropertyWithValue('trigger', ICAL.Duration.fromSeconds(-r.reminderMinutes * 60));
    c.addSubcomponent(alarm);
  }
  return refold(c.toString());
}

/** A whole calendar file for a few activities (one activity's download). */
export function toICalendar(records: readonly ApiRecord[], name: string, ctx: IcsContext): string {
  return calendarStart(name) + records.map((r) => activityComponent(r, ctx)).join('') + CALENDAR_END;
}
