import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text the browser fetches; images and fonts in these formats are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;

export interface PrecompressOptions {
  /** Smaller files are sent as they are: a compressed copy would save less than its headers cost. */
  thresholdBytes?: number;
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text file of the build, so
 * the server sends them as they are (@fastify/static `preCompressed`) instead of compressing on every request. The
 * highest levels are affordable once per build: about two seconds for the whole web app.
 */
export function precompress(options: PrecompressOptions = {}): Plugin {
  const threshold = options.thresholdBytes ?? 1024;
  return {
    name: 'rapport:precompress',
    apply: 'build',
    async writeBundle(output, bundle) {
      const dir = output.dir;
      if (!dir) return;
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(files.map(async (file) => {
        const full = path.join(dir, file);
        const data = await fs.readFile(full);
        if (data.length < threshold) return;
        const [br, gz] = await Promise.all([
          brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
          gzip(data, { level: 9 }),
        ]);
        // A copy that is not smaller is not written: the server then sends the file itself.
        if (br.length < data.length) await fs.writeFile(`${full}.br`, br);
        if (gz.length < data.length) await fs.writeFile(`${full}.gz`, gz);
      }));
    },
  };
}
