/** Longest stored file name, in characters. */
export const MAX_FILE_NAME = 200;

/** C0/C1 controls and DEL, and the bidirectional overrides that make "photo\u202Egnp.exe" read as "photoexe.png". */
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * The name a file is stored under: no folder parts (either slash), no control or direction characters,
 * NFC (macOS sends Korean names decomposed), at most MAX_FILE_NAME characters with the extension kept.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(UNSAFE, '').trim();
  const chars = Array.from(clean);
  if (chars.length <= MAX_FILE_NAME) return clean || 'file';
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(clean.slice(dot)) : [];
  const keptExt = ext.length > 1 && ext.length <= 20 ? ext : [];
  return chars.slice(0, MAX_FILE_NAME - keptExt.length).join('').trimEnd() + keptExt.join('');
}

/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but attr-char forbids. */
const extValue = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''…`: old clients read the fallback, every
 * current browser the UTF-8 name (Korean and Chinese names intact).
 */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${extValue(fileName)}`;
}
