/**
 * Search columns kept beside each record (DESIGN.md §3, §8):
 * - `search_text`: the searchable values, lowercased, for trigram substring search (3+ chars);
 * - `search_grams`: every distinct 1- and 2-character gram inside words, for the short
 *   terms Korean and Chinese users type (삼성, 华信) that trigram indexes cannot serve.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function searchText(values: readonly unknown[]): string {
  return values.filter((v) => typeof v === 'string' && v !== '').join('\n').toLowerCase();
}

export function searchGrams(values: readonly unknown[]): string {
  const grams = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    for (const word of v.toLowerCase().match(WORD) ?? []) {
      const chars = Array.from(word);
      for (let i = 0; i < chars.length; i++) {
        grams.add(chars[i]);
        if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
      }
    }
  }
  return Array.from(grams).join(' ');
}

/** How a term is looked up: trigram index, gram index, or (punctuation only, 1–2 chars) a scan. */
export interface SearchTerm { text: string; index: 'trigram' | 'gram' | 'scan' }

/** Splits a query into terms, all of which must match. Short terms use the gram index. */
export function searchTerms(q: string): SearchTerm[] {
  const out: SearchTerm[] = [];
  for (const raw of q.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    const len = Array.from(raw).length;
    if (len >= 3) {
      out.push({ text: raw, index: 'trigram' });
      continue;
    }
    // Grams hold letters and digits only: "a." searches "a"; a bare "@" or "%" is scanned for.
    const word = raw.match(WORD)?.join('') ?? '';
    out.push(word ? { text: word, index: 'gram' } : { text: raw, index: 'scan' });
  }
  return out.slice(0, 8);
}
