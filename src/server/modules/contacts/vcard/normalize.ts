/**
 * Real-world vCards before a standards parser sees them. Phones still write vCard 2.1
 * (Android's export: `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=EA=B9=80…` with `=` soft
 * line breaks, bare type parameters like `TEL;CELL;PREF:`), which RFC 6350 parsers refuse.
 * This turns each card into vCard 3.0 text: lines unfolded, quoted-printable decoded in its
 * charset and re-escaped, bare parameters named, binary properties (photos) dropped.
 */

const BINARY_PROPS = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
const STRUCTURED = new Set(['N', 'ADR', 'ORG']);
const TYPE_WORDS = new Set(['HOME', 'WORK', 'CELL', 'VOICE', 'FAX', 'PAGER', 'PREF', 'INTERNET', 'MSG', 'VIDEO', 'BBS', 'MODEM', 'CAR', 'ISDN', 'POSTAL', 'PARCEL', 'DOM', 'INTL', 'X400', 'MAIN', 'OTHER', 'IPHONE', 'MOBILE']);

/** One card's text, with the 1-based position of the card in the file. */
export interface RawCard { index: number; text: string }

/** Splits a file into cards (BEGIN:VCARD … END:VCARD); text outside cards is ignored. */
export function splitCards(input: string): RawCard[] {
  const lines = logicalLines(input.replace(/^\uFEFF/, ''));
  const cards: RawCard[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (upper === 'BEGIN:VCARD') { current = [line.trim()]; continue; }
    if (!current) continue;
    if (upper === 'END:VCARD') {
      current.push('END:VCARD');
      cards.push({ index: cards.length + 1, text: current.join('\r\n') });
      current = null;
      continue;
    }
    const normal = normaliseLine(line);
    if (normal !== null) current.push(normal);
  }
  return cards;
}

/**
 * Unfolds RFC folding (CRLF + space/tab) and quoted-printable soft breaks (a QP line ending
 * in `=` continues on the next line, which 2.1 writers do not indent).
 */
function logicalLines(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(/\r\n|\n|\r/)) {
    const prev = out.length ? out[out.length - 1] : undefined;
    if (prev !== undefined && /^[ \t]/.test(raw)) { out[out.length - 1] = prev + raw.slice(1); continue; }
    if (prev !== undefined && isQuotedPrintable(prev) && prev.endsWith('=')) { out[out.length - 1] = prev.slice(0, -1) + raw; continue; }
    out.push(raw);
  }
  return out;
}

const isQuotedPrintable = (line: string) => /;(ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(line.slice(0, line.indexOf(':') + 1));

/** Splits `NAME;P1;P2=V:value` at the first colon outside a quoted parameter value. */
function splitLine(line: string): { name: string; params: string[]; value: string } | null {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      const [name, ...params] = line.slice(0, i).split(';');
      return { name, params, value: line.slice(i + 1) };
    }
  }
  return null;
}

function normaliseLine(line: string): string | null {
  if (line.trim() === '') return null;
  const parts = splitLine(line);
  if (!parts) return line; // left for the parser to report
  const bare = parts.name.includes('.') ? parts.name.slice(parts.name.indexOf('.') + 1) : parts.name;
  const prop = bare.toUpperCase();
  if (BINARY_PROPS.has(prop)) return null;
  if (prop === 'VERSION') return 'VERSION:3.0';
  let charset = 'utf-8';
  let qp = false;
  const params: string[] = [];
  for (const p of parts.params) {
    const [k, v] = p.includes('=') ? [p.slice(0, p.indexOf('=')).toUpperCase(), p.slice(p.indexOf('=') + 1)] : ['', p];
    if (k === 'CHARSET') { charset = v.replace(/"/g, '').toLowerCase(); continue; }
    if ((k === 'ENCODING' || k === '') && v.toUpperCase() === 'QUOTED-PRINTABLE') { qp = true; continue; }
    if (k === 'ENCODING' && ['8BIT', '7BIT'].includes(v.toUpperCase())) continue;
    if (k === 'ENCODING' && ['B', 'BASE64'].includes(v.toUpperCase())) return null; // binary data
    if (k === '' && TYPE_WORDS.has(v.toUpperCase())) { params.push(`TYPE=${v.toUpperCase()}`); continue; }
    if (k === '') continue; // an unknown bare word: nothing a contact needs
    params.push(p);
  }
  const value = qp ? escapeDecoded(decodeQuotedPrintable(parts.value, charset), STRUCTURED.has(prop)) : parts.value;
  return `${parts.name}${params.map((p) => `;${p}`).join('')}:${value}`;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) { bytes.push(parseInt(hex, 16)); i += 2; continue; }
    for (const b of Buffer.from(value[i], 'utf8')) bytes.push(b);
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes)); // an unknown charset name: read it as UTF-8
  }
}

/** 2.1 values carry no escapes: make decoded text safe for 3.0 (a structured value keeps `;` as its separator). */
function escapeDecoded(text: string, structured: boolean): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/\r\n|\n|\r/g, '\\n');
  return structured ? escaped : escaped.replace(/;/g, '\\;');
}
