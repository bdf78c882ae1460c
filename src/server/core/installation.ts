import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../db/database.js';
import { currencyOf, defaultCurrencyFor, isCurrencyCode } from '../../shared/money.js';
import { CURRENCY_KEY, hasMoney, installationCurrency } from './currency.js';
import { isTimeZone, localDate, systemTimeZone } from './time-zones.js';

export const TIME_ZONE_KEY = 'timeZone';

/**
 * The installation's time zone (Settings, asked on first start): what "today", "this month" and a
 * number's year mean on the server, and the zone of exported dates and file names. Until one is
 * chosen it is the computer's own zone. The value is checked against the IANA list when written
 * and again here, so a damaged row falls back instead of reaching Intl.
 */
export async function installationTimeZone(executor: Kysely<DbSchema>): Promise<{ zone: string; chosen: boolean }> {
  const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${TIME_ZONE_KEY}`.execute(executor);
  const stored = rows[0]?.value;
  return stored && isTimeZone(stored) ? { zone: stored, chosen: true } : { zone: systemTimeZone(), chosen: false };
}

type ZoneListener = (trx: Kysely<DbSchema>, timeZone: string) => Promise<void>;
const zoneListeners = new Set<ZoneListener>();

/** A module's stored values that depend on the installation's zone (an all-day activity's due time) follow a change of it. */
export function onTimeZoneChange(listener: ZoneListener): void {
  zoneListeners.add(listener);
}

/** Sets the installation's zone in the caller's transaction, with everything that follows it. */
export async function setInstallationTimeZone(trx: Kysely<DbSchema>, timeZone: string): Promise<void> {
  await setSetting(trx, TIME_ZONE_KEY, timeZone);
  for (const l of zoneListeners) await l(trx, timeZone);
}

/** What "now" and "today" mean for one request's lists: the instant, and the installation's zone. */
export interface Clock { now: number; timeZone: string }

/** Zones read for lists, per database, for a few seconds: every list request asks, and the answer rarely changes. */
const zoneCache = new WeakMap<Kysely<DbSchema>, { zone: string; until: number; generation: number }>();
const ZONE_TTL_MS = 5000;
/** Bumped when this process writes the zone, so its own change is seen at once (other instances within the TTL). */
let zoneGeneration = 0;

/** The stored zone was replaced wholesale (a lab reset or restore): read it again on the next request. */
export function forgetCachedZone(): void {
  zoneGeneration += 1;
}

/** The clock of a request (the zone cached briefly). */
export async function requestClock(executor: Kysely<DbSchema>, now = Date.now()): Promise<Clock> {
  const hit = zoneCache.get(executor);
  if (hit && hit.until > now && hit.generation === zoneGeneration) return { now, timeZone: hit.zone };
  const zone = (await installationTimeZone(executor)).zone;
  zoneCache.set(executor, { zone, until: now + ZONE_TTL_MS, generation: zoneGeneration });
  return { now, timeZone: zone };
}

/** Today's date (YYYY-MM-DD) in the installation's time zone. */
export async function installationToday(executor: Kysely<DbSchema>, now = Date.now()): Promise<string> {
  return localDate(now, (await installationTimeZone(executor)).zone);
}

/** The computer's locale for defaults: LC_ALL / LC_MONETARY / LANG (ko_KR.UTF-8), else what Intl reports (Windows' own setting). */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LC_ALL || env.LC_MONETARY || env.LANG || '';
  const tag = raw.split('.')[0].replace(/_/g, '-');
  return tag && tag !== 'C' && tag !== 'POSIX' ? tag : Intl.DateTimeFormat().resolvedOptions().locale;
}

/**
 * Settles the currency and time zone before a command writes data without a browser (`rapport seed`):
 * what the command was told, else what is already chosen, else the computer's locale and zone. Amounts
 * are stored in the currency's minor units, so a seed must not leave it to whoever writes next.
 */
export async function settleInstallation(executor: Kysely<DbSchema>, wanted: { currency?: string; timeZone?: string }, env: NodeJS.ProcessEnv = process.env): Promise<{ currency: string; timeZone: string }> {
  const [currency, tz] = await Promise.all([installationCurrency(executor), installationTimeZone(executor)]);
  if (wanted.currency !== undefined && !isCurrencyCode(wanted.currency)) throw new Error(`--currency must be an ISO 4217 code such as KRW, CNY or USD, not "${wanted.currency}"`);
  if (wanted.timeZone !== undefined && !isTimeZone(wanted.timeZone)) throw new Error(`--time-zone must be an IANA zone such as Asia/Seoul, not "${wanted.timeZone}"`);
  let code = currency.code;
  if (wanted.currency && wanted.currency !== currency.code) {
    if ((currency.chosen || await hasMoney(executor)) && currencyOf(wanted.currency).digits !== currency.digits) {
      throw new Error(`This installation already keeps its amounts in ${currency.code}; --currency ${wanted.currency} would change what they mean.`);
    }
    code = wanted.currency;
  } else if (!currency.chosen && !(await hasMoney(executor))) {
    code = defaultCurrencyFor(systemLocale(env));
  }
  const zone = wanted.timeZone ?? (tz.chosen ? tz.zone : systemTimeZone());
  await setSetting(executor, CURRENCY_KEY, code);
  await setInstallationTimeZone(executor, zone);
  return { currency: code, timeZone: zone };
}

/** Writes one settings row (null removes it). */
export async function setSetting(executor: Kysely<DbSchema>, key: string, value: string | null): Promise<void> {
  if (key === TIME_ZONE_KEY) zoneGeneration += 1;
  if (value === null) await sql`DELETE FROM settings WHERE key = ${key}`.execute(executor);
  else await sql`INSERT INTO settings (key, value) VALUES (${key}, ${value}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(executor);
}
