import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { CODING_SUFFIX } from '../bridge/src/http/precompressed-files.ts';

/** Files that shrink when compressed; images (png) are compressed already. */
const TEXT_FILE = /\.(?:js|css|html|svg|webmanifest|json)$/;

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file under
 * `dir`, at the highest levels (once, at build time), for the bridge to send
 * as they are (bridge/src/http/precompressed-files.ts). A copy no smaller
 * than its file is not written: the file is sent instead.
 */
export function writePrecompressedCopies(dir: string): void {
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !TEXT_FILE.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const content = readFileSync(file);
    const copies = {
      br: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
      gzip: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [coding, copy] of Object.entries(copies) as [keyof typeof copies, Buffer][]) {
      if (copy.length < content.length) writeFileSync(file + CODING_SUFFIX[coding], copy);
    }
  }
}

/**
 * Vite's build: the copies are written last, after vite-plugin-pwa wrote
 * the service worker (so it is compressed too, and its precache, listed
 * before, holds none of the copies: the browser keeps the decoded files).
 */
export function precompressedCopies(): Plugin {
  let outDir = '';
  return {
    name: 'lintel-precompressed-copies',
    apply: 'build',
    configResolved: (config) => {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: { order: 'post', sequential: true, handler: () => writePrecompressedCopies(outDir) },
  };
}
