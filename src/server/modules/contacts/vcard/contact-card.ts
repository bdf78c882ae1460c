import { type Kysely, sql } from 'kysely';
import type { DbSchema } from '../../../db/database.js';
import type { ApiRecord } from '../../../core/record-mapper.js';
import type { CardData } from './parse.js';
import type { VCardContact } from './write.js';

/** The gender dictionary's codes (migration 004) and vCard's sex letters. */
const LETTER_OF: Record<string, string> = { male: 'M', female: 'F', other: 'O', unspecified: 'U' };
const CODE_OF: Record<string, string> = { M: 'male', F: 'female', O: 'other', N: 'unspecified', U: 'unspecified' };

/** gender value id ↔ code, read once per export or import. */
export async function genderCodes(executor: Kysely<DbSchema>): Promise<Map<number, string>> {
  const { rows } = await sql<{ id: number; code: string }>`SELECT id, code FROM dictionary_values WHERE dictionary_key = 'gender'`.execute(executor);
  return new Map(rows.map((r) => [Number(r.id), r.code]));
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** A contact record (with `_labels`, as the API returns it) as vCard fields: ORG is its customer's name. */
export function cardOf(record: ApiRecord, genders: Map<number, string>): VCardContact {
  const labels = (record._labels ?? {}) as Record<string, unknown>;
  const code = typeof record.genderId === 'number' ? genders.get(record.genderId) : undefined;
  return {
    name: String(record.name),
    familyName: str(record.familyName),
    givenName: str(record.givenName),
    customerName: str(labels.customerId),
    department: str(record.department),
    title: str(record.title),
    mobile: str(record.mobile),
    officePhone: str(record.officePhone),
    email: str(record.email),
    birthday: str(record.birthday),
    address: str(record.address),
    notes: str(record.notes),
    gender: code ? LETTER_OF[code] ?? null : null,
    isPrimary: record.isPrimary === true,
  };
}

const has = (types: string[], ...words: string[]) => words.some((w) => types.includes(w));

/**
 * A contact's create body from a card (without customerId). The first mobile number goes to
 * mobile, the first work number to officePhone; phones and e-mails that do not fit are kept
 * in the notes, so nothing on the card is silently dropped.
 */
export function bodyOf(card: CardData, genderOf: (code: string) => number | string | null): Record<string, unknown> {
  const phones = [...card.phones];
  const take = (pred: (t: string[]) => boolean) => {
    const i = phones.findIndex((p) => pred(p.types));
    return i < 0 ? null : phones.splice(i, 1)[0].value;
  };
  const mobile = take((t) => has(t, 'cell', 'mobile', 'iphone')) ?? null;
  const officePhone = take((t) => has(t, 'work') && !has(t, 'fax')) ?? take((t) => !has(t, 'fax', 'home')) ?? null;
  const emails = [...card.emails].sort((a, b) => Number(b.types.includes('pref')) - Number(a.types.includes('pref')));
  const extra = [
    ...phones.map((p) => `${p.types.filter((t) => t !== 'voice').join('/') || 'tel'}: ${p.value}`),
    ...emails.slice(1).map((e) => `email: ${e.value}`),
  ];
  const notes = [card.note, ...extra].filter(Boolean).join('\n') || null;
  const name = card.fullName ?? ([card.familyName, card.givenName].filter(Boolean).join(' ') || null);
  const genderCode = card.gender ? CODE_OF[card.gender] : undefined;
  const body: Record<string, unknown> = {
    name, familyName: card.familyName, givenName: card.givenName, title: card.title, department: card.department,
    mobile, officePhone, email: emails[0]?.value ?? null, birthday: card.birthday, address: card.address, notes,
    genderId: genderCode ? genderOf(genderCode) : null,
  };
  if (card.primary !== null) body.isPrimary = card.primary;
  return body;
}
