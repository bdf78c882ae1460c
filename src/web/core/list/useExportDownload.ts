import { useCallback, useRef, useState } from 'react';

/** How far a download has come: rows when the file is text with one row per line, bytes always. */
export interface ExportProgress {
  /** null until the server has answered. */
  fileName: string | null;
  bytes: number;
  /** Data rows received so far (CSV); null when the format cannot be counted as it arrives (XLSX). */
  rows: number | null;
  /** The rows the server said it will write (`x-total-count`), when it said. */
  total: number | null;
}

const LF = 10;
/** State updates at most this often: a fast download must not re-render for every chunk. */
const REPORT_EVERY_MS = 150;

function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) { try { return decodeURIComponent(star[1]); } catch { /* the plain name below */ } }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
}

/** Whether this browser can read a download as a stream (else the link downloads as a plain link). */
export const canStreamDownloads = () => typeof ReadableStream !== 'undefined' && typeof URL.createObjectURL === 'function';

/**
 * A streamed export saved as a real file, with its progress: the body is read as it arrives
 * (counting CSV lines against the server's `x-total-count`), then handed to the browser's own
 * download as a Blob.
 */
export function useExportDownload() {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [failed, setFailed] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const start = useCallback(async (href: string, format: string): Promise<void> => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setFailed(false);
    const fallbackName = `export.${format}`;
    setProgress({ fileName: null, bytes: 0, rows: format === 'csv' ? 0 : null, total: null });
    try {
      const res = await fetch(href, { signal: controller.signal });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const totalHeader = res.headers.get('x-total-count');
      const total = totalHeader !== null && /^\d+$/.test(totalHeader) ? Number(totalHeader) : null;
      const fileName = fileNameOf(res.headers.get('content-disposition'), fallbackName);
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let bytes = 0;
      let lines = 0;
      let reported = 0;
      const report = () => setProgress({ fileName, bytes, rows: format === 'csv' ? Math.max(0, lines - 1) : null, total });
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.byteLength;
        if (format === 'csv') for (let i = value.indexOf(LF); i >= 0; i = value.indexOf(LF, i + 1)) lines++;
        if (performance.now() - reported > REPORT_EVERY_MS) { reported = performance.now(); report(); }
      }
      report();
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      // The browser has taken the file once the click's task is over.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setProgress(null);
    } catch {
      setProgress(null);
      // A cancelled download is not a failure.
      if (!controller.signal.aborted) setFailed(true);
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  }, []);

  const cancel = useCallback(() => { abort.current?.abort(); setProgress(null); }, []);
  return { progress, failed, start, cancel, dismissFailure: () => setFailed(false) };
}
