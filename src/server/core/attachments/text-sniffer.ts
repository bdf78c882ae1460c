/** Control characters plain text never holds (tab, LF and CR are allowed). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Markup a browser could run or render as a page: HTML, SVG, XML. */
const MARKUP = /<(?:!doctype|html|head|body|script|iframe|frame|svg|object|embed|meta|link|style|\?xml)[\s/>]/i;
/** A markup tag split across two chunks is found in the carried tail. */
const TAIL = 16;
/** How much text the CSV guess looks at. */
const HEAD = 64 * 1024;

/**
 * Decides, chunk by chunk, whether a file is plain text: valid UTF-8, no control characters but tab,
 * CR and LF, no markup and no `#!` script line. Fed the same chunks as the store, so it never needs
 * the whole file in memory.
 */
export class TextSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;
  private started = false;
  private tail = '';
  private head = '';

  push(chunk: Uint8Array): void {
    if (!this.ok) return;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.ok = false;
      return;
    }
    this.check(text);
  }

  /** `text/csv`, `text/plain`, or null when the content is not plain text. */
  end(): 'text/csv' | 'text/plain' | null {
    if (this.ok) {
      try {
        this.check(this.decoder.decode());
      } catch {
        this.ok = false;
      }
    }
    if (!this.ok) return null;
    return looksLikeCsv(this.head, this.head.length >= HEAD) ? 'text/csv' : 'text/plain';
  }

  private check(text: string): void {
    if (!text) return;
    if (!this.started) {
      this.started = true;
      if (/^\uFEFF?\s*#!/.test(text)) this.ok = false;
    }
    if (CONTROL.test(text) || MARKUP.test(this.tail + text)) this.ok = false;
    this.tail = (this.tail + text).slice(-TAIL);
    if (this.head.length < HEAD) this.head = (this.head + text).slice(0, HEAD);
  }
}

/**
 * Two or more records that split into the same number (2+) of fields by one of `,` `;` tab, quotes
 * respected. When the text was cut, its last (maybe partial) record does not count.
 */
export function looksLikeCsv(text: string, cut: boolean): boolean {
  for (const delimiter of [',', ';', '\t']) {
    const counts = fieldCounts(text, delimiter);
    if (cut) counts.pop();
    if (counts.length >= 2 && counts[0] >= 2 && counts.every((c) => c === counts[0])) return true;
  }
  return false;
}

function fieldCounts(text: string, delimiter: string): number[] {
  const counts: number[] = [];
  let fields = 1;
  let quoted = false;
  let empty = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      empty = false;
    } else if (c === delimiter) {
      fields++;
      empty = false;
    } else if (c === '\n' || c === '\r') {
      if (!empty) counts.push(fields);
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields = 1;
      empty = true;
    } else {
      empty = false;
    }
  }
  if (!empty) counts.push(fields);
  return counts;
}
