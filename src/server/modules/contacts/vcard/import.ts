import { sql } from 'kysely';
import { contactEntity } from '../../../../shared/entities/contact.entity.js';
import { customerEntity } from '../../../../shared/entities/customer.entity.js';
import { createSchema, fieldIssues } from '../../../../shared/entity/schema.js';
import { badRequest, ProblemError } from '../../../core/errors.js';
import type { ImportContext } from '../../../core/formats.js';
import { RecordService } from '../../../core/records.js';
import { bodyOf, genderCodes } from './contact-card.js';
import { parseVCards } from './parse.js';
import type { ImportReport } from '../../../../shared/contacts/vcard-import-report.js';


/** Thrown out of the transaction to roll a dry run back, carrying its report. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) { super('dry run'); }
}

function flag(raw: unknown, name: string): boolean {
  if (raw === undefined) return false;
  if (raw === '1' || raw === 'true') return true;
  if (raw === '0' || raw === 'false') return false;
  throw badRequest(`${name} must be 1 or 0`, [{ field: name, message: 'must be 1 or 0' }]);
}

/**
 * Imports a .vcf (M4/M5): each card becomes a contact of the customer whose name equals its
 * ORG (case-insensitive), or of a new customer with `createCustomers=1`. Cards that cannot be
 * matched or are invalid are skipped, each with a line saying why. Everything runs in one
 * transaction: a failure changes nothing, and `dryRun=1` rolls back after reporting.
 */
export async function importVCards(ctx: ImportContext): Promise<ImportReport> {
  const createCustomers = flag(ctx.query.createCustomers, 'createCustomers');
  const dryRun = flag(ctx.query.dryRun, 'dryRun');
  if (ctx.body.includes('\u0000')) throw badRequest('The file is not text (a vCard file is UTF-8 text)', [{ field: 'body', message: 'is not a text file' }]);
  const cards = parseVCards(ctx.body);
  if (cards.length === 0) throw badRequest('No vCards found (BEGIN:VCARD … END:VCARD)', [{ field: 'body', message: 'contains no vCards' }]);

  const contacts = new RecordService(ctx.db, contactEntity);
  const customers = new RecordService(ctx.db, customerEntity);
  const check = createSchema(contactEntity);
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      const genderIds = new Map(Array.from(await genderCodes(trx)).map(([id, code]) => [code, id]));
      const orgs = Array.from(new Set(cards.flatMap((c) => (c.card?.organisation ? [c.card.organisation.toLowerCase()] : []))));
      const customerOf = new Map<string, number>();
      for (let i = 0; i < orgs.length; i += 500) {
        const chunk = orgs.slice(i, i + 500);
        const { rows } = await sql<{ id: number; name: string }>`SELECT id, name FROM customers WHERE deleted_at IS NULL
          AND lower(name) IN (${sql.join(chunk)}) ORDER BY id DESC`.execute(trx);
        for (const r of rows) customerOf.set(r.name.toLowerCase(), Number(r.id)); // the oldest of same-named customers wins
      }
      const report: ImportReport = { dryRun, created: 0, skipped: 0, customersCreated: 0, errors: [], rows: [] };
      const skip = (card: number, name: string | null, customer: string | null, reason: string, field?: string) => {
        report.skipped += 1;
        report.rows.push({ card, name, customer, action: 'skipped', reason });
        if (field) report.errors.push({ card, field, message: reason });
      };
      for (const parsed of cards) {
        if (!parsed.card) { skip(parsed.index, null, null, parsed.error, '(card)'); continue; }
        const body = bodyOf(parsed.card, (code) => genderIds.get(code) ?? null);
        const name = typeof body.name === 'string' ? body.name : null;
        const org = parsed.card.organisation;
        if (!name) { skip(parsed.index, null, org, 'the card has no name (FN or N)', 'name'); continue; }
        if (!org) { skip(parsed.index, name, null, 'the card has no organisation (ORG) to match a customer'); continue; }
        let customerId = customerOf.get(org.toLowerCase());
        if (customerId === undefined && !createCustomers) {
          skip(parsed.index, name, org, `no customer is named "${org}" (import with createCustomers=1 to create it)`);
          continue;
        }
        const valid = check.safeParse({ ...body, customerId: customerId ?? 1 });
        if (!valid.success) {
          const issues = fieldIssues(valid.error);
          report.skipped += 1;
          report.rows.push({ card: parsed.index, name, customer: org, action: 'skipped', reason: issues.map((x) => `${x.field}: ${x.message}`).join('; ') });
          for (const x of issues) report.errors.push({ card: parsed.index, ...x });
          continue;
        }
        try {
          if (customerId === undefined) {
            customerId = (await customers.create({ name: org }, ctx.actor, { trx })).id;
            customerOf.set(org.toLowerCase(), customerId);
            report.customersCreated += 1;
          }
          await contacts.create({ ...body, customerId }, ctx.actor, { trx });
          report.created += 1;
          report.rows.push({ card: parsed.index, name, customer: org, action: 'created' });
        } catch (e) {
          // Validation problems are found before anything is written, so the transaction is still good.
          if (!(e instanceof ProblemError) || e.status !== 400) throw e;
          const issues = e.errors ?? [{ field: '(card)', message: e.detail ?? e.title }];
          report.skipped += 1;
          report.rows.push({ card: parsed.index, name, customer: org, action: 'skipped', reason: issues.map((x) => `${x.field}: ${x.message}`).join('; ') });
          for (const x of issues) report.errors.push({ card: parsed.index, ...x });
        }
      }
      if (dryRun) throw new DryRunDone(report);
      return report;
    });
  } catch (e) {
    if (e instanceof DryRunDone) return e.report;
    throw e;
  }
}
