/**
 * "532 B", "12.5 KB", "10 MB": a file size or size limit as people read it, in binary units as file
 * managers count them. The server's messages and the web's lists use the same wording.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${Number(kb.toFixed(1))} KB`;
  return `${Number((kb / 1024).toFixed(1))} MB`;
}
