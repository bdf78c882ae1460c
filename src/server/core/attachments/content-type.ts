
const OOXML = 'application/vnd.openxmlformats-officedocument';
const ODF = 'application/vnd.oasis.opendocument';

/** What may be attached, by the type read from the content (never the name or the client's Content-Type). */
const ALLOWED = new Set([
  'image/png', 'image/apng', 'image/jpeg', 'image/gif', 'image/webp',
  'application/pdf',
  `${OOXML}.wordprocessingml.document`, `${OOXML}.spreadsheetml.sheet`, `${OOXML}.presentationml.presentation`,
  `${ODF}.text`, `${ODF}.spreadsheet`, `${ODF}.presentation`, `${ODF}.graphics`,
  'application/zip',
]);

/** Types a browser shows itself without running anything of the file's: served inline for previews. */
export const PREVIEWABLE = new Set(['image/png', 'image/apng', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf']);

/**
 * The stored type of a received file, or null when it may not be attached (an executable, HTML, SVG,
 * an unknown binary). Magic numbers first; a file with none (or a text format such as vCard) is text
 * when the sniffer that read every chunk says so.
 */
export async function detectContentType(file: string, text: () => 'text/csv' | 'text/plain' | null): Promise<string | null> {
  // Loaded on first upload, not at start (issue 14).
  const { fileTypeFromFile } = await import('file-type');
  const found = await fileTypeFromFile(file);
  if (found && ALLOWED.has(found.mime)) return found.mime;
  if (found && !found.mime.startsWith('text/')) return null;
  return text();
}
