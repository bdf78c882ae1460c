import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Text the API sends: JSON, problem+json, CSV, vCard, iCalendar. Not `application/octet-stream` (the plugin's default
 * takes it): an attachment of unknown type is most often compressed already, and zipping it again costs for nothing.
 */
const COMPRESSIBLE = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)/;

/**
 * API answers above 1 KB in brotli (quality 4, fast enough per request) or gzip, as Accept-Encoding asks. A stream
 * (a CSV export) stays a stream, compressed as it goes; spreadsheets, PDFs and images are compressed already and
 * pass as they are. The web app's files come precompressed and are not compressed again.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], customTypes: COMPRESSIBLE });
}
