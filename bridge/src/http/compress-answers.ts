import type { NextFunction, Request, Response } from 'express';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { CODINGS, chooseCoding, type ContentCoding } from './content-coding.ts';

/** Below this, compressing saves less than it costs (a packet carries about 1,400 bytes anyway). */
const THRESHOLD_BYTES = 1024;
/** Text the API answers in: JSON, CSV, Prometheus text, error pages. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.-]+\+)?json\b)/;

const compress: Record<ContentCoding, (text: string) => Buffer> = {
  // Quality 4: most of brotli's gain over gzip for a fraction of its top level's time.
  br: (text) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) } }),
  gzip: (text) => gzipSync(text),
};

/**
 * The API's answers from 1 KB up in brotli or gzip when the client takes it
 * (brotli first, as for the web app's files; RFC 9110 section 12.5.3): a
 * room's state, the OpenAPI description, the admin page's lists and CSV
 * exports travel in a fraction of their size. Each answer is whole in memory
 * already, so it is compressed at once, on this thread: a streaming
 * compressor on libuv's threads (the compression package) left the bridge
 * about 8 MB larger after the same answers (each thread keeps the memory it
 * used), most of a Microsoft 365 bridge's headroom. The live channel
 * (socket.io) never passes here: its engine takes its requests before
 * express does. The API streams nothing (no server-sent events), which this
 * could not compress.
 */
export function compressAnswers(req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    const type = res.get('Content-Type') ?? 'text/html';
    if (typeof body !== 'string' || Buffer.byteLength(body) < THRESHOLD_BYTES || !COMPRESSIBLE.test(type)) return send(body);
    // RFC 9110 section 12.5.5: the answer depends on Accept-Encoding, so caches must key on it.
    res.vary('Accept-Encoding');
    const coding = chooseCoding(req.get('accept-encoding'), CODINGS);
    if (coding === null) return send(body);
    // As express says of text it sends itself: the coding changes how it travels, not what it is (RFC 9110 section 8.4).
    res.set('Content-Type', /;\s*charset=/i.test(type) ? type : `${type}; charset=utf-8`);
    res.setHeader('Content-Encoding', coding);
    return send(compress[coding](body));
  };
  next();
}
