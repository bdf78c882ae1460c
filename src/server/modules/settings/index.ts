import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { fieldIssues } from '../../../shared/entity/schema.js';
import { currencyOf, isCurrencyCode } from '../../../shared/money.js';
import type { Database, DbSchema } from '../../db/database.js';
import { CURRENCY_KEY, hasMoney, installationCurrency } from '../../core/currency.js';
import { ATTACHMENT_MAX_KEY, ATTACHMENT_MAX_RANGE, attachmentMaxBytes } from '../../core/attachments/limit.js';
import { invalid, ProblemError } from '../../core/errors.js';
import { parseJsonObject } from '../../core/json.js';
import { LOCALES } from '../../core/list-params.js';
import { registerOpenApiPaths } from '../../core/openapi.js';
import { actorOf } from '../../core/record-routes.js';
import { accountsChanged, SIGN_IN_KEY } from '../../auth/accounts.js';
import { applyAuditRetention, AUDIT_RETENTION_KEY } from '../../core/audit-routes.js';
import { writeAudit } from '../../core/audit.js';
import { installationTimeZone, setInstallationTimeZone, setSetting } from '../../core/installation.js';
import { isTimeZone } from '../../core/time-zones.js';

const COMPANY_KEY = 'company';
const SETUP_KEY = 'setup';
const COMPANY_FIELDS = ['name', 'address', 'phone', 'email', 'registrationNumber'] as const;
const text = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * The user's time zone (null: the browser's) and locale; the installation's currency and the
 * company shown on printed sales. Every value is checked against an allow-list or a limit.
 */
const zone = z.string().max(64).refine(isTimeZone, { message: 'is not a known IANA time zone' });
const patchBody = z.strictObject({
  timeZone: zone.nullable().optional(),
  installationTimeZone: zone.optional(),
  // First start (issue 10): the owner's name replaces the "Local user" placeholder; setupDone stops the question.
  userName: z.string().trim().min(1).max(120).optional(),
  setupDone: z.literal(true).optional(),
  locale: z.enum(LOCALES).optional(),
  currency: z.string().refine(isCurrencyCode, { message: 'is not an ISO 4217 currency code (KRW, CNY, USD, …)' }).optional(),
  company: z.strictObject({ name: text(200), address: text(500), phone: text(40), email: text(254), registrationNumber: text(60) }).optional(),
  attachmentMaxBytes: z.number().int().min(ATTACHMENT_MAX_RANGE.min).max(ATTACHMENT_MAX_RANGE.max).optional(),
  // Accounts (issue 15): sign-in on a standalone computer, and how long the audit trail is kept (null: for ever).
  signIn: z.enum(['local', 'required']).optional(),
  auditRetentionDays: z.number().int().min(1).max(36500).nullable().optional(),
});
/** What changes the whole installation, not the user's own preferences: needs the settings right. */
const INSTALLATION_KEYS = ['installationTimeZone', 'setupDone', 'currency', 'company', 'attachmentMaxBytes', 'signIn', 'auditRetentionDays'] as const;

const userKey = (userId: number, name: string) => `user:${userId}:${name}`;

async function read(executor: Kysely<DbSchema>, userId: number) {
  const { rows } = await sql<{ key: string; value: string }>`SELECT key, value FROM settings WHERE key IN (${userKey(userId, 'timeZone')}, ${COMPANY_KEY}, ${SETUP_KEY})`.execute(executor);
  const get = (k: string) => rows.find((r) => r.key === k)?.value;
  const { rows: users } = await sql<{ locale: string; name: string; name_labels: string | null }>`SELECT locale, name, name_labels FROM users WHERE id = ${userId}`.execute(executor);
  const stored = parseJsonObject(get(COMPANY_KEY));
  const company = Object.fromEntries(COMPANY_FIELDS.map((f) => [f, typeof stored[f] === 'string' ? stored[f] : null]));
  return {
    timeZone: get(userKey(userId, 'timeZone')) ?? null,
    locale: users[0]?.locale ?? 'en',
    // null while the user is the placeholder "Local user" (shown translated).
    userName: users[0] && users[0].name_labels === null ? users[0].name : null,
    currency: { ...(await installationCurrency(executor)), amountsStored: await hasMoney(executor) },
    installationTimeZone: await installationTimeZone(executor),
    setupDone: get(SETUP_KEY) === 'done',
    company,
    attachmentMaxBytes: await attachmentMaxBytes(executor),
    signIn: (await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${SIGN_IN_KEY}`.execute(executor)).rows[0]?.value === 'local' ? 'local' : 'required',
    auditRetentionDays: Number((await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${AUDIT_RETENTION_KEY}`.execute(executor)).rows[0]?.value) || null,
  };
}

/** GET/PATCH /api/v1/settings, kept in the settings table until accounts have their own. */
export function registerSettings(app: FastifyInstance, db: Database): void {
  app.get('/api/v1/settings', async (req: FastifyRequest) => read(db.kysely, actorOf(req).userId));
  app.patch('/api/v1/settings', async (req: FastifyRequest) => {
    const parsed = patchBody.safeParse(req.body ?? {});
    if (!parsed.success) throw invalid(fieldIssues(parsed.error));
    const actor = actorOf(req);
    const userId = actor.userId;
    const b = parsed.data;
    const installation = INSTALLATION_KEYS.filter((k) => b[k] !== undefined);
    if (installation.length && !actor.access.permissions.special.includes('settings')) {
      throw new ProblemError(403, 'Forbidden', `Your role does not include the settings right (${installation.join(', ')}); nothing was changed.`);
    }
    if (b.signIn === 'local' && db.dialect !== 'sqlite') throw invalid([{ field: 'signIn', message: 'a team server (PostgreSQL) always signs in' }]);
    if (b.signIn === 'required') {
      const { rows } = await sql`SELECT 1 FROM users WHERE password_hash IS NOT NULL LIMIT 1`.execute(db.kysely);
      if (!rows.length) throw invalid([{ field: 'signIn', message: 'needs an administrator with a password first' }]);
    }
    const result = await db.kysely.transaction().execute(async (trx) => {
      if (b.signIn !== undefined) await setSetting(trx, SIGN_IN_KEY, b.signIn);
      if (b.auditRetentionDays !== undefined) await setSetting(trx, AUDIT_RETENTION_KEY, b.auditRetentionDays === null ? null : String(b.auditRetentionDays));
      if (installation.length) await writeAudit(trx, actor, { entity: 'settings', recordId: null, action: 'permission', detail: `settings changed: ${installation.join(', ')}` });
      if (b.timeZone !== undefined) await setSetting(trx, userKey(userId, 'timeZone'), b.timeZone);
      if (b.installationTimeZone !== undefined) await setInstallationTimeZone(trx, b.installationTimeZone);
      if (b.userName !== undefined) await sql`UPDATE users SET name = ${b.userName}, name_labels = NULL, updated_at = ${new Date().toISOString()} WHERE id = ${userId}`.execute(trx);
      if (b.setupDone) await setSetting(trx, SETUP_KEY, 'done');
      if (b.attachmentMaxBytes !== undefined) await setSetting(trx, ATTACHMENT_MAX_KEY, String(b.attachmentMaxBytes));
      if (b.currency !== undefined) {
        const now = await installationCurrency(trx);
        // Amounts are stored in minor units: a currency with other minor units would change what they mean.
        if (currencyOf(b.currency).digits !== now.digits && await hasMoney(trx)) {
          throw new ProblemError(409, 'Conflict', `Amounts are already stored in ${now.code}, which has ${now.digits} decimals; ${b.currency} has ${currencyOf(b.currency).digits}, so every amount would change. Nothing was changed.`,
            [{ field: 'currency', message: `must have ${now.digits} decimals like ${now.code} while amounts are stored` }]);
        }
        await setSetting(trx, CURRENCY_KEY, b.currency);
      }
      if (b.locale !== undefined) {
        // The currency follows the first user's locale only until amounts exist: then it stays what they were entered in.
        const now = await installationCurrency(trx);
        if (!now.chosen && await hasMoney(trx)) await setSetting(trx, CURRENCY_KEY, now.code);
        await sql`UPDATE users SET locale = ${b.locale}, updated_at = ${new Date().toISOString()} WHERE id = ${userId}`.execute(trx);
      }
      if (b.company !== undefined) {
        const { rows } = await sql<{ value: string }>`SELECT value FROM settings WHERE key = ${COMPANY_KEY}`.execute(trx);
        const merged = { ...parseJsonObject(rows[0]?.value), ...b.company };
        await setSetting(trx, COMPANY_KEY, JSON.stringify(Object.fromEntries(COMPANY_FIELDS.map((f) => [f, merged[f] || null]))));
      }
      return read(trx, userId);
    });
    if (b.signIn !== undefined) accountsChanged();
    if (b.auditRetentionDays) await applyAuditRetention(db);
    return result;
  });
  registerOpenApiPaths({
    '/api/v1/settings': {
      get: {
        summary: 'Settings: {timeZone (the user\'s; null: the browser\'s), locale, userName (null: not given yet), currency: {code, digits, chosen, amountsStored}, '
          + 'installationTimeZone: {zone, chosen} (server-side today, numbering, export dates), setupDone (first start answered), company: {name, address, phone, email, registrationNumber}, '
          + 'attachmentMaxBytes (the largest file an attachment may be), signIn (local: no sign-in on this computer, SQLite only; required), auditRetentionDays (null: kept for ever)}',
        responses: { 200: { description: 'Settings' } },
      },
      patch: {
        summary: 'Change settings: {timeZone?, installationTimeZone?, locale?, userName?, setupDone?: true, currency? (ISO 4217; refused while amounts exist in a currency with other decimals), company?, '
          + 'attachmentMaxBytes? (1024 to 104857600), signIn?, auditRetentionDays?}; installation-wide values need the settings right',
        responses: { 200: { description: 'Settings' }, 400: { description: 'Unknown zone, locale or currency' }, 409: { description: 'Currency change would change stored amounts' } },
      },
    },
  });
}
