import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type RawBuilder, sql } from 'kysely';
import { activityEntity } from '../../../shared/entities/activity.entity.js';
import type { Database } from '../../db/database.js';
import { toApiRecords } from '../../core/decorate.js';
import { badRequest } from '../../core/errors.js';
import { parseListParams } from '../../core/list-params.js';
import { requestClock } from '../../core/installation.js';
import { ListQuery } from '../../core/list-query.js';
import type { Row } from '../../core/record-mapper.js';
import { addDays, DATE_ONLY, isTimeZone, localDate, zonedMidnight } from '../../core/time-zones.js';
import { DATE_MAX, DATE_MIN, instantInRange } from '../../../shared/entity/field.js';
import { MAX_STORED_SECONDS } from './span-stats.js';
import { actorOf } from '../../auth/request-context.js';
import { redact } from '../../auth/access.js';

type RawQuery = Record<string, string | string[] | undefined>;

/** Most activities one calendar answer holds (a month of a busy team fits; more says `capped`). */
export const CALENDAR_CAP = 2000;
/** The widest window: a year view plus its leading and trailing weeks. */
const MAX_WINDOW_DAYS = 400;

export interface CalendarWindow {
  /** Instants (ISO) bounding timed activities: [from, to). */
  from: string;
  to: string;
  /** Dates bounding all-day activities, as the window's days in its zone: [fromDate, lastDate]. */
  fromDate: string;
  lastDate: string;
}

function param(raw: RawQuery, key: string): string | undefined {
  const v = raw[key];
  if (Array.isArray(v)) throw badRequest(`${key} is given more than once`, [{ field: key, message: 'is given more than once' }]);
  return v;
}

/** `from` and `to` are instants (with Z or an offset) or dates (that day's start in `tz`); `tz` is an IANA zone from the allow-list. */
export function parseWindow(raw: RawQuery): CalendarWindow {
  const tz = param(raw, 'tz') ?? 'UTC';
  if (tz.length > 64 || !isTimeZone(tz)) throw badRequest('tz must be an IANA time zone such as Asia/Seoul', [{ field: 'tz', message: 'is not a known IANA time zone' }]);
  const instant = (key: 'from' | 'to'): number => {
    const v = param(raw, key);
    if (!v) throw badRequest(`${key} is required`, [{ field: key, message: 'is required (a date or an ISO 8601 instant)' }]);
    const t = DATE_ONLY.test(v) && !Number.isNaN(Date.parse(v)) ? zonedMidnight(v, tz) : Date.parse(v);
    if (v.length > 40 || (!DATE_ONLY.test(v) && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) || Number.isNaN(t)) {
      throw badRequest(`${key} must be a date or an ISO 8601 instant with a zone`, [{ field: key, message: 'must be YYYY-MM-DD or an ISO 8601 instant with Z or an offset' }]);
    }
    // Where no record can be (field.ts), and no database reads an instant.
    if (!instantInRange(t)) throw badRequest(`${key} must be from ${DATE_MIN} to ${DATE_MAX} (UTC)`, [{ field: key, message: `must be from ${DATE_MIN} to ${DATE_MAX} (UTC)` }]);
    return t;
  };
  const from = instant('from');
  const to = instant('to');
  if (to <= from) throw badRequest('to must be after from', [{ field: 'to', message: 'must be after from' }]);
  if (to - from > MAX_WINDOW_DAYS * 86_400_000) throw badRequest(`The window may span at most ${MAX_WINDOW_DAYS} days`, [{ field: 'to', message: `at most ${MAX_WINDOW_DAYS} days after from` }]);
  const toRaw = param(raw, 'to') ?? '';
  const fromRaw = param(raw, 'from') ?? '';
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    fromDate: DATE_ONLY.test(fromRaw) ? fromRaw : localDate(from, tz),
    lastDate: DATE_ONLY.test(toRaw) ? addDays(toRaw, -1) : localDate(to - 1, tz),
  };
}

export async function spanStats(db: Database): Promise<{ seconds: number; days: number }> {
  const { rows } = await sql<{ s: number; d: number }>`SELECT max_timed_seconds AS s, max_all_day_days AS d FROM activity_span_stats WHERE id = 1`.execute(db.kysely);
  return { seconds: Number(rows[0]?.s ?? 0), days: Number(rows[0]?.d ?? 0) };
}

/**
 * The two overlap queries. `start < to AND end > from` alone cannot use an index range (the
 * second condition is on another column); bounding the start from below by the longest
 * span ever stored turns it into one range of the (start, id) index. Timed activities compare
 * instants; all-day ones compare dates, so they never shift across time zones. An activity
 * without an end is a point (or a single day).
 */
export function overlapQueries(where: RawBuilder<unknown>, w: CalendarWindow, span: { seconds: number; days: number }, limit: number): { timed: RawBuilder<Row>; allDay: RawBuilder<Row> } {
  // No activity starts before DATE_MIN (field.ts), and no database reads a date before it: the bounds stop there.
  const first = Date.parse(`${DATE_MIN}T00:00:00.000Z`);
  const earliest = new Date(span.seconds >= MAX_STORED_SECONDS ? first : Math.max(first, Date.parse(w.from) - span.seconds * 1000)).toISOString();
  const back = addDays(w.fromDate, -span.days);
  const earliestDate = /^\d{4}-/.test(back) && back > DATE_MIN ? back : DATE_MIN;
  return {
    timed: sql<Row>`SELECT t.* FROM activities AS t WHERE ${where} AND t.start_at >= ${earliest} AND t.start_at < ${w.to}
      AND (t.end_at > ${w.from} OR t.start_at >= ${w.from}) ORDER BY t.start_at, t.id LIMIT ${limit}`,
    allDay: sql<Row>`SELECT t.* FROM activities AS t WHERE ${where} AND t.start_date >= ${earliestDate} AND t.start_date <= ${w.lastDate}
      AND (t.end_date >= ${w.fromDate} OR t.start_date >= ${w.fromDate}) ORDER BY t.start_date, t.id LIMIT ${limit}`,
  };
}

/** GET /api/v1/activities/calendar?from&to&tz (+ the list's filter[...] and q): every live activity overlapping the window (M6.c). */
export function registerCalendarRoute(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/activities/calendar', async (req: FastifyRequest) => {
    const raw = req.query as RawQuery;
    const w = parseWindow(raw);
    const p = parseListParams(activityEntity, raw, await requestClock(db.kysely), actorOf(req).access, req.headers['accept-language'], ['from', 'to', 'tz']);
    const lq = new ListQuery(db, activityEntity);
    const q = overlapQueries(lq.where({ ...p, trash: false }), w, await spanStats(db), CALENDAR_CAP + 1);
    const [allDay, timed] = await Promise.all([q.allDay.execute(db.kysely), q.timed.execute(db.kysely)]);
    const rows = [...allDay.rows, ...timed.rows];
    return { items: (await toApiRecords(db.kysely, activityEntity, rows.slice(0, CALENDAR_CAP), p.locale)).map((r) => redact(p.access, activityEntity, r)), capped: rows.length > CALENDAR_CAP };
  });
}
