import { Transform, type Readable } from 'node:stream';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { IMPORT_ENCODINGS } from '../../../shared/import.js';

export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** chardet's names for the encodings an import reads (EUC-KR files from Korean Excel are CP949, a superset). */
const FROM_CHARDET: Readonly<Record<string, ImportEncoding>> = {
  'UTF-8': 'utf-8', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be', 'EUC-KR': 'cp949', 'ISO-2022-KR': 'cp949',
  GB18030: 'gb18030', Big5: 'big5', Shift_JIS: 'shift_jis', 'EUC-JP': 'shift_jis',
};

export function isImportEncoding(v: unknown): v is ImportEncoding {
  return typeof v === 'string' && (IMPORT_ENCODINGS as readonly string[]).includes(v);
}

/** A byte order mark names the encoding outright (Excel's "CSV UTF-8" and "Unicode text" write one). */
function fromBom(b: Buffer): ImportEncoding | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 without a mark: ASCII text in it has a zero byte in every other place. */
function zeroBytes(b: Buffer): ImportEncoding | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) { if (b[i] === 0) even++; if (b[i + 1] === 0) odd++; }
  if (odd > n / 8 && even < n / 64) return 'utf-16le';
  if (even > n / 8 && odd < n / 64) return 'utf-16be';
  return null;
}

function validUtf8(b: Buffer): boolean {
  try {
    // `stream` lets the sample end inside a character without counting as invalid.
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const clean = (b: Buffer, enc: ImportEncoding) => !iconv.decode(b, enc).includes('\uFFFD');

/**
 * The encoding of a text file from its first bytes, and the others it could be, best first: a BOM,
 * then valid UTF-8 (plain ASCII is too), then chardet's statistics for the CJK legacy encodings,
 * keeping only those that decode the sample without a replacement character. `fallback` (from the
 * user's language: CP949 for Korean, GB18030 for Chinese) leads when the statistics cannot tell.
 */
export function detectEncoding(sample: Buffer, fallback: ImportEncoding): { encoding: ImportEncoding; candidates: ImportEncoding[] } {
  const sure = fromBom(sample) ?? zeroBytes(sample);
  if (sure) return { encoding: sure, candidates: [sure] };
  if (validUtf8(sample)) return { encoding: 'utf-8', candidates: ['utf-8', ...IMPORT_ENCODINGS.filter((e) => e !== 'utf-8' && !e.startsWith('utf-16'))] };
  const ranked: ImportEncoding[] = [];
  for (const m of analyse(sample)) {
    const enc = FROM_CHARDET[m.name];
    if (enc && !ranked.includes(enc) && enc !== 'utf-8') ranked.push(enc);
  }
  const legacy = IMPORT_ENCODINGS.filter((e) => e !== 'utf-8' && !e.startsWith('utf-16'));
  const ordered = [...ranked, fallback, ...legacy].filter((e, i, all) => all.indexOf(e) === i && !e.startsWith('utf-'));
  const decodable = ordered.filter((e) => clean(sample, e));
  const candidates = decodable.length ? decodable : ordered;
  return { encoding: candidates[0], candidates };
}

/** The bytes as text, decoded as they stream (a BOM is dropped); CP949 and GB18030 by iconv-lite, which knows them whole (DESIGN.md §8). */
export function decodeStream(bytes: Readable, encoding: ImportEncoding): Readable {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const text = new Transform({
    decodeStrings: true,
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) { const s = decoder.write(chunk); done(null, s.length ? s : undefined); },
    flush(done) { const s = decoder.end(); done(null, s && s.length ? s : undefined); },
  });
  text.setEncoding('utf8');
  bytes.on('error', (e) => text.destroy(e));
  return bytes.pipe(text);
}

/** A short text decoded whole (a preview's sample). */
export function decodeSample(bytes: Buffer, encoding: ImportEncoding): string {
  return iconv.decode(bytes, encoding, { stripBOM: true });
}
