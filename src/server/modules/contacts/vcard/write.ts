/** vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) text for one contact, UTF-8, CRLF, folded at 75 octets. */

export type VCardVersion = '3.0' | '4.0';

export interface VCardContact {
  name: string;
  familyName: string | null;
  givenName: string | null;
  customerName: string | null;
  department: string | null;
  title: string | null;
  mobile: string | null;
  officePhone: string | null;
  email: string | null;
  birthday: string | null;
  address: string | null;
  notes: string | null;
  /** vCard sex letter: M, F, O, N, U. */
  gender: string | null;
  isPrimary: boolean;
}

const escapeText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\n|\r/g, '\\n');
const structured = (parts: (string | null)[]) => parts.map((p) => escapeText(p ?? '')).join(';');

/** Folds a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2). */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) { out.push(current); current = ''; octets = 0; }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function toVCard(c: VCardContact, version: VCardVersion): string {
  const v4 = version === '4.0';
  const lines: string[] = ['BEGIN:VCARD', `VERSION:${version}`];
  const add = (line: string) => lines.push(fold(line));
  add(`FN:${escapeText(c.name)}`);
  add(`N:${structured([c.familyName, c.givenName, null, null, null])}`);
  if (c.customerName || c.department) add(`ORG:${structured(c.department ? [c.customerName, c.department] : [c.customerName])}`);
  if (c.title) add(`TITLE:${escapeText(c.title)}`);
  // 4.0's TEL is a URI by default; VALUE=text keeps the number as the user wrote it.
  const tel = (types: string, value: string) => add(v4 ? `TEL;VALUE=text;TYPE=${types}:${escapeText(value)}` : `TEL;TYPE=${types.toUpperCase()}:${escapeText(value)}`);
  if (c.mobile) tel('cell', c.mobile);
  if (c.officePhone) tel('work,voice', c.officePhone);
  if (c.email) add(v4 ? `EMAIL;TYPE=work:${escapeText(c.email)}` : `EMAIL;TYPE=INTERNET,WORK:${escapeText(c.email)}`);
  if (c.birthday) add(`BDAY:${v4 ? c.birthday.replace(/-/g, '') : c.birthday}`);
  if (c.address) add(`ADR;TYPE=${v4 ? 'work' : 'WORK'}:${structured([null, null, c.address, null, null, null, null])}`);
  if (c.notes) add(`NOTE:${escapeText(c.notes)}`);
  if (c.gender) add(v4 ? `GENDER:${c.gender}` : `X-GENDER:${c.gender}`);
  if (c.isPrimary) add('X-RAPPORT-PRIMARY:TRUE');
  lines.push('END:VCARD');
  return `${lines.join('\r\n')}\r\n`;
}
