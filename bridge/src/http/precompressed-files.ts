import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { CODINGS, chooseCoding } from './content-coding.ts';

/** The file name suffix of each coding's copy, as the build writes them (scripts/precompressed-copies.ts). */
export const CODING_SUFFIX = { br: '.br', gzip: '.gz' } as const;

/**
 * The suffix of the copy of `file` to send for this request: its brotli or
 * gzip copy's, written at build time, when the request accepts one (with the
 * headers that say so), else '' for `file` itself. A file with copies always varies by
 * Accept-Encoding, so a cache never hands one client's coding to another
 * (RFC 9110 section 12.5.5). Its Content-Type stays the file's own, the
 * coding being only how it travels (RFC 9110 section 8.4).
 */
export function precompressedSuffix(req: Request, res: Response, file: string): string {
  const available = CODINGS.filter((coding) => existsSync(file + CODING_SUFFIX[coding]));
  if (available.length === 0) return '';
  res.vary('Accept-Encoding');
  const coding = chooseCoding(req.get('accept-encoding'), available);
  if (coding === null) return '';
  res.type(extname(file));
  res.setHeader('Content-Encoding', coding);
  return CODING_SUFFIX[coding];
}

/**
 * Before express.static on `root`: points a request for a file with
 * precompressed copies at the one to send, so the static handler serves it
 * with its own caching headers, ETag and Range as for the file.
 */
export function servePrecompressed(root: string): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // The path was checked to decode (undecodable-path.ts); one that leaves the root names no file here.
    const file = join(root, decodeURIComponent(req.path));
    if (!file.startsWith(root + sep)) return next();
    const suffix = precompressedSuffix(req, res, file);
    req.url = req.url.replace(/^[^?]*/, (path) => path + suffix);
    next();
  };
}
