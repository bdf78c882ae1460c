import { isoToZonedInput, zonedInputToIso } from '../../core/timeZone.js';

/** What the activity dialog edits; instants are wall-clock `YYYY-MM-DDTHH:mm` in the user's time zone. */
export interface ActivityForm {
  subject: string;
  typeId: number | null;
  customerId: number | null;
  contactId: number | null;
  allDay: boolean;
  startAt: string;
  endAt: string;
  startDate: string;
  endDate: string;
  location: string;
  priorityId: number | null;
  reminderMinutes: number | null;
  description: string;
  ownerId: number | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const id = (v: unknown) => (typeof v === 'number' ? v : null);

/** From a record, or the API-shaped values a new activity starts with (instants in ISO). */
export function toActivityForm(v: Record<string, unknown>, tz: string): ActivityForm {
  const instant = (x: unknown) => (typeof x === 'string' && x ? (x.includes('Z') || /[+-]\d\d:?\d\d$/.test(x) ? isoToZonedInput(x, tz) : x) : '');
  return {
    subject: text(v.subject),
    typeId: id(v.typeId),
    customerId: id(v.customerId),
    contactId: id(v.contactId),
    allDay: v.allDay === true,
    startAt: instant(v.startAt),
    endAt: instant(v.endAt),
    startDate: text(v.startDate),
    endDate: text(v.endDate),
    location: text(v.location),
    priorityId: id(v.priorityId),
    reminderMinutes: id(v.reminderMinutes),
    description: text(v.description),
    ownerId: id(v.ownerId),
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API body: an all-day activity sends dates (and clears instants), a timed one instants in UTC (and clears dates). */
export function toActivityPayload(f: ActivityForm, tz: string): Record<string, unknown> {
  const at = (s: string) => (s.trim() === '' ? null : zonedInputToIso(s.trim(), tz));
  return {
    subject: f.subject.trim(),
    typeId: f.typeId,
    customerId: f.customerId,
    contactId: f.contactId,
    allDay: f.allDay,
    startAt: f.allDay ? null : at(f.startAt),
    endAt: f.allDay ? null : at(f.endAt),
    startDate: f.allDay ? orNull(f.startDate) : null,
    endDate: f.allDay ? orNull(f.endDate) : null,
    location: orNull(f.location),
    priorityId: f.priorityId,
    reminderMinutes: f.reminderMinutes,
    description: f.description.trim() === '' ? null : f.description,
    ownerId: f.ownerId,
  };
}

/** Only what changed, for PATCH. */
export function changedFields(next: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (before[k] !== v) out[k] = v;
  return out;
}
