import { Readable } from 'node:stream';
import yazl from 'yazl';

/** One file of a zip: its name and its bytes, as they come. */
export interface ZipEntry { name: string; data: AsyncIterable<Buffer> | Iterable<Buffer> }

/** 1980-01-01, the zip epoch: entries carry no meaningful time, and a fixed one keeps files comparable. */
const EPOCH = new Date(1980, 0, 1);

/**
 * A zip written as it goes (what an .xlsx is), by yazl: each entry deflated while its data arrives,
 * its CRC and sizes after it, the central directory at the end; one entry is read at a time, with
 * backpressure, so memory stays that of a chunk in flight whatever the size of the file (ExcelJS 4's
 * own writer zips with JSZip, which holds the whole file until the end: +1 GB at 1M rows).
 */
export function zipStream(entries: readonly ZipEntry[]): Readable {
  const zip = new yazl.ZipFile();
  const out = zip.outputStream as Readable;
  for (const entry of entries) {
    const data = Readable.from(entry.data, { objectMode: false });
    // An entry that fails (a database error mid-export) ends the download with that error, not a truncated file.
    data.once('error', (e) => out.destroy(e));
    zip.addReadStream(data, entry.name, { mtime: EPOCH, compressionLevel: 1 });
  }
  zip.end();
  return out;
}
