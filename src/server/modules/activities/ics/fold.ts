const LIMIT = 75;

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + one space), never inside a
 * UTF-8 character. ical.js folds at 75 octets of content, so its continuation lines are 76
 * with the space; its output is unfolded and folded again here with the space counted.
 */
export function foldLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > LIMIT) { out += '\r\n '; octets = 1; }
    out += ch;
    octets += n;
  }
  return out;
}

/** Re-folds text ical.js produced (any line ending) into CRLF lines of at most 75 octets. */
export function refold(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).filter((l) => l.length > 0).map(foldLine).join('\r\n') + '\r\n';
}
