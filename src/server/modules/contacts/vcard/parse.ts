import ICAL from 'ical.js';
import { splitCards } from './normalize.js';

/** What a contact takes from one vCard. */
export interface CardData {
  fullName: string | null;
  familyName: string | null;
  givenName: string | null;
  organisation: string | null;
  department: string | null;
  title: string | null;
  phones: { value: string; types: string[] }[];
  emails: { value: string; types: string[] }[];
  birthday: string | null;
  address: string | null;
  note: string | null;
  /** vCard 4.0 GENDER sex letter (M, F, O, N, U), or X-GENDER in 3.0. */
  gender: string | null;
  /** Rapport's own X-RAPPORT-PRIMARY, so an export imports back the same. */
  primary: boolean | null;
}

export type ParsedCard = { index: number; card: CardData; error?: undefined } | { index: number; card?: undefined; error: string };

// ical.js unescapes `\,` `\n` `\\` in text values but leaves RFC 6350's `\;` as it is.
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.replace(/\\;/g, ';').trim() || null;
  // An unescaped comma makes several values (2.1 writers do not escape it): they are one text.
  if (Array.isArray(v)) return text(v.filter((x) => typeof x === 'string').join(','));
  return v === null || v === undefined ? null : String(v).trim() || null;
};

/** The i-th component of a structured value (N, ORG, ADR); a component with several values is joined. */
const part = (v: unknown, i: number): string | null => (Array.isArray(v) ? text(v[i]) : i === 0 ? text(v) : null);

function typesOf(prop: ICAL.Property): string[] {
  const t: unknown = prop.getParameter('type');
  const list = Array.isArray(t) ? t : typeof t === 'string' ? t.split(',') : [];
  return list.map((x) => String(x).toLowerCase());
}

/** `1980-03-15`, `19800315`, `1980-03-15T…`: the date; `--0315` (no year) is not a birthday we can store. */
function dateOf(v: unknown): string | null {
  const s = text(v);
  if (!s) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

function readCard(component: ICAL.Component): CardData {
  const first = (name: string): unknown => {
    const values = component.getFirstProperty(name)?.getValues() ?? [];
    return values.length > 1 ? values : values[0] ?? null;
  };
  const n = first('n');
  const org = first('org');
  const adr = first('adr');
  const gender = first('gender') ?? first('x-gender');
  const values = (name: string) => component.getAllProperties(name).map((p) => ({
    value: (text(p.getFirstValue()) ?? '').replace(/^tel:/i, '').replace(/^mailto:/i, ''),
    types: typesOf(p),
  })).filter((x) => x.value);
  const address = adr === null || adr === undefined ? null
    : text([2, 1, 3, 4, 5, 6, 0].map((i) => part(adr, i)).filter((x): x is string => Boolean(x)).join(', '));
  return {
    fullName: text(first('fn')),
    familyName: part(n, 0),
    givenName: part(n, 1),
    organisation: part(org, 0),
    department: Array.isArray(org) ? text(org.slice(1).filter((x) => typeof x === 'string' && x.trim()).join(' / ')) : null,
    title: text(first('title')) ?? text(first('role')),
    phones: values('tel'),
    emails: values('email'),
    birthday: dateOf(first('bday')),
    address,
    note: text(first('note')),
    gender: part(gender, 0)?.toUpperCase().slice(0, 1) ?? null,
    primary: first('x-rapport-primary') === null ? null : /^(true|1|yes)$/i.test(String(first('x-rapport-primary'))),
  };
}

/** Every card of a .vcf file, each parsed on its own so one damaged card does not lose the others. */
export function parseVCards(input: string): ParsedCard[] {
  return splitCards(input).map(({ index, text: cardText }) => {
    try {
      const parsed: unknown = ICAL.parse(cardText);
      if (!Array.isArray(parsed) || parsed[0] !== 'vcard') return { index, error: 'not a vCard' };
      return { index, card: readCard(new ICAL.Component(parsed)) };
    } catch (e) {
      return { index, error: `cannot be read: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}` };
    }
  });
}
