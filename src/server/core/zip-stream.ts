import { once } from 'node:events';
import zlib from 'node:zlib';

/** One file of a zip: its name and its bytes, as they come. */
export interface ZipEntry { name: string; data: AsyncIterable<Buffer> | Iterable<Buffer> }

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Sizes follow the data (bit 3), names are UTF-8 (bit 11). */
const FLAGS = 0x0808;
const DEFLATE = 8;
const LIMIT = 0xffffffff;

/** 1980-01-01 00:00, the zip epoch: entries carry no meaningful time, and a fixed one keeps files comparable. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Written { name: Buffer; crc: number; compressed: number; size: number; offset: number }

/**
 * A zip written as it goes (what an .xlsx is): each entry deflated while its data arrives, its
 * CRC and sizes in a data descriptor after it, the central directory at the end. Memory stays
 * that of one chunk in flight, whatever the size of the file. Entries and the whole file must
 * stay under 4 GB (no Zip64): an XLSX sheet of Excel's 1,048,576 rows stays far below that.
 */
export async function* zipStream(entries: Iterable<ZipEntry>, level = zlib.constants.Z_BEST_SPEED): AsyncGenerator<Buffer> {
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(name.length, 26);
    const start = offset;
    yield Buffer.concat([header, name]);
    offset += 30 + name.length;

    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level });
    // The data is fed while the deflated bytes are read, each side waiting for the other (backpressure).
    const feed = (async () => {
      for await (const chunk of entry.data) {
        crc = zlib.crc32(chunk, crc);
        size += chunk.length;
        if (!deflate.write(chunk)) await once(deflate, 'drain');
      }
      deflate.end();
    })();
    feed.catch((e: unknown) => deflate.destroy(e instanceof Error ? e : new Error(String(e))));
    for await (const out of deflate) {
      compressed += (out as Buffer).length;
      yield out as Buffer;
    }
    await feed;
    if (size > LIMIT || compressed > LIMIT) throw new Error(`${entry.name} is larger than a zip without Zip64 can hold`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DESCRIPTOR, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    yield descriptor;
    offset += compressed + 16;
    written.push({ name, crc: crc >>> 0, compressed, size, offset: start });
  }
  const directoryStart = offset;
  let directorySize = 0;
  for (const w of written) {
    const c = Buffer.alloc(46);
    c.writeUInt32LE(CENTRAL, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(FLAGS, 8);
    c.writeUInt16LE(DEFLATE, 10);
    c.writeUInt16LE(DOS_TIME, 12);
    c.writeUInt16LE(DOS_DATE, 14);
    c.writeUInt32LE(w.crc, 16);
    c.writeUInt32LE(w.compressed, 20);
    c.writeUInt32LE(w.size, 24);
    c.writeUInt16LE(w.name.length, 28);
    c.writeUInt32LE(w.offset, 42);
    yield Buffer.concat([c, w.name]);
    directorySize += 46 + w.name.length;
  }
  if (directoryStart + directorySize > LIMIT) throw new Error('The file is larger than a zip without Zip64 can hold');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryStart, 16);
  yield end;
}
