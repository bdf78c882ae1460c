import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { detectContentType } from './content-type.js';
import { sanitizeFileName } from './file-name.js';
import type { ReceivedFile } from './store.js';
import { TextSniffer } from './text-sniffer.js';

/** Files one upload may carry. */
export const MAX_FILES = 20;

export type RefusalKind = 'tooLarge' | 'type' | 'empty';
export interface Refusal { kind: RefusalKind; fileName: string }

export interface Receipt { files: ReceivedFile[]; refusals: Refusal[] }

/**
 * Reads every file part of a multipart request into a temporary file in `dir`, hashing it and reading
 * its type from the content as it streams: nothing is held in memory beyond a chunk, and the database
 * transaction that stores the files later never waits on the network. Every file is read to its end
 * (a refused one too), so the answer can name each refused file.
 */
export async function receiveFiles(req: FastifyRequest, dir: string, maxBytes: number): Promise<Receipt> {
  const files: ReceivedFile[] = [];
  const refusals: Refusal[] = [];
  const parts = req.parts({ limits: { fileSize: maxBytes, files: MAX_FILES, fields: 20, parts: MAX_FILES + 20, fieldSize: 64 * 1024, headerPairs: 50 } });
  let index = 0;
  for await (const part of parts) {
    // Other form fields carry nothing attachments use.
    if (part.type !== 'file') continue;
    const file = path.join(dir, String(index++));
    const hash = crypto.createHash('sha256');
    const text = new TextSniffer();
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        text.push(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    await pipeline(part.file, tap, fs.createWriteStream(file));
    const fileName = sanitizeFileName(part.filename ?? '');
    if (part.file.truncated) refusals.push({ kind: 'tooLarge', fileName });
    // A form's file input left empty sends a part with no name and no bytes: no file was chosen.
    else if (size === 0 && part.filename) refusals.push({ kind: 'empty', fileName });
    else if (size > 0) {
      const contentType = await detectContentType(file, () => text.end());
      if (contentType) files.push({ path: file, fileName, contentType, size, sha256: hash.digest('hex') });
      else refusals.push({ kind: 'type', fileName });
    }
  }
  return { files, refusals };
}
