import { type Kysely, sql } from 'kysely';
import { withDefaults } from '../../../shared/dictionaries.js';
import { addWorkingMinutes, workingMinutesBetween, type WorkingTime } from '../../../shared/working-time.js';
import type { DbSchema } from '../../db/database.js';
import type { RecordHooks } from '../../core/hooks.js';
import { installationTimeZone } from '../../core/installation.js';
import { parseJsonObject } from '../../core/json.js';
import { workingTime } from './working-time.js';

export const STATUS_DICTIONARY = 'service-status';
export const PRIORITY_DICTIONARY = 'service-priority';

export type Meaning = 'open' | 'waiting' | 'resolved' | 'closed' | 'rejected' | 'duplicate';
/** Statuses that stop the clock: the request is done with, one way or another. */
const DONE = new Set<Meaning>(['resolved', 'closed', 'rejected', 'duplicate']);

async function attributes(trx: Kysely<DbSchema>, key: string, id: unknown): Promise<Record<string, unknown>> {
  if (typeof id !== 'number') return withDefaults(key, {});
  const { rows } = await sql<{ attributes: unknown }>`SELECT attributes FROM dictionary_values WHERE id = ${id} AND dictionary_key = ${key}`.execute(trx);
  return withDefaults(key, parseJsonObject(rows[0]?.attributes));
}

async function meaningOf(trx: Kysely<DbSchema>, statusId: unknown): Promise<Meaning> {
  const m = (await attributes(trx, STATUS_DICTIONARY, statusId)).meaning;
  return typeof m === 'string' && ['open', 'waiting', 'resolved', 'closed', 'rejected', 'duplicate'].includes(m) ? m as Meaning : 'open';
}

const hours = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ms = (v: unknown): number | null => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : null);
const iso = (t: number) => new Date(t).toISOString();

/** The state the two due times are counted from. */
export interface ClockState {
  receivedAt: number | null;
  responded: boolean;
  meaning: Meaning;
  /** Working minutes the clock stood still (waiting on the customer). */
  pausedMinutes: number;
  responseHours: number | null;
  resolutionHours: number | null;
}

/**
 * When the first response and the resolution are due: the priority's target in working hours after
 * the request was received, plus the time the clock stood paused. A met, stopped or paused clock has
 * no due time (nothing can be overdue then), so lists find the overdue ones by an index.
 */
export function dueTimes(s: ClockState, w: WorkingTime, tz: string): { responseDueAt: string | null; resolutionDueAt: string | null } {
  const running = s.receivedAt !== null && s.meaning !== 'waiting' && !DONE.has(s.meaning);
  const due = (h: number | null) => (running && h !== null && s.receivedAt !== null ? iso(addWorkingMinutes(s.receivedAt, h * 60 + s.pausedMinutes, w, tz)) : null);
  return { responseDueAt: s.responded ? null : due(s.responseHours), resolutionDueAt: due(s.resolutionHours) };
}

/**
 * The service clock (M9), kept on every write in the write's transaction: the first response is the
 * first status change (unless given); a status meaning resolved, closed, rejected or duplicate sets
 * resolvedAt (reopening clears it); waiting on the customer pauses the clock and the pause is added
 * to both targets when it resumes; the due times follow from all of it.
 */
export const serviceClockHooks: RecordHooks = {
  async beforeWrite(ctx, values, existing) {
    const trx = ctx.trx;
    const now = Date.now();
    const merged = { ...existing, ...values };
    const before = existing ? await meaningOf(trx, existing.statusId) : null;
    const meaning = await meaningOf(trx, merged.statusId);
    const statusChanged = existing !== null && values.statusId !== undefined && values.statusId !== existing.statusId;
    if ((statusChanged || (!existing && meaning !== 'open')) && ms(merged.firstRespondedAt) === null) values.firstRespondedAt = iso(now);
    if (DONE.has(meaning) && (before === null || !DONE.has(before))) values.resolvedAt = iso(now);
    if (!DONE.has(meaning) && before !== null && DONE.has(before)) values.resolvedAt = null;

    const tz = (await installationTimeZone(trx)).zone;
    const w = await workingTime(trx);
    let paused = Number(existing?.pausedMinutes ?? 0);
    const pausedAt = ms(existing?.clockPausedAt);
    if (meaning !== 'waiting' && pausedAt !== null) {
      paused += workingMinutesBetween(pausedAt, now, w, tz);
      values.clockPausedAt = null;
    }
    if (meaning === 'waiting' && pausedAt === null) values.clockPausedAt = iso(now);
    values.pausedMinutes = paused;

    const priority = await attributes(trx, PRIORITY_DICTIONARY, merged.priorityId);
    Object.assign(values, dueTimes({
      receivedAt: ms(merged.receivedAt),
      responded: ms(values.firstRespondedAt ?? merged.firstRespondedAt) !== null,
      meaning,
      pausedMinutes: paused,
      responseHours: hours(priority.responseHours),
      resolutionHours: hours(priority.resolutionHours),
    }, w, tz));
  },
};
