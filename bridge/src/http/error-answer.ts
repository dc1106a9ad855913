import type { NextFunction, Request, Response } from 'express';
import type { ErrorCode, LintelError } from '../../../shared/errors.ts';
import type { Logger } from '../logger.ts';
import { STORE_UNAVAILABLE_MESSAGE, StoreUnavailableError } from '../store/store-unavailable.ts';
import { sendError } from './send-error.ts';

/**
 * What express's parts (router, body-parser, raw-body, send) put on the errors
 * they raise: a 4xx `status` for the client's mistake, and http-errors'
 * `expose` when its message may be shown to the client (not send's file
 * system errors: they name paths on disk).
 */
interface HttpErrorFields {
  status?: unknown;
  expose?: unknown;
  type?: unknown;
  limit?: unknown;
  encoding?: unknown;
  errno?: unknown;
}

/** The shared code of a refused request's status; a 4xx with no code of its own is invalid input. */
const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = { 404: 'not-found', 413: 'payload-too-large', 415: 'unsupported-media-type' };

/**
 * The app's last handler, for every router: an error a route or middleware
 * passes on is answered `{ code, message }`. A bad request (a body that is
 * not JSON, not what its Content-Encoding says, or too large; a file the web
 * app does not have) is the client's doing: it is answered 4xx and logged at
 * debug only, since anyone can send one and the bridge has nothing to fix.
 * Only the bridge's own failures are logged as errors.
 */
export function answerErrors(logger: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    // Part of the answer is already sent (a file cut off): only express can end it, by closing the connection.
    if (res.headersSent) return next(error);
    // The path, never the query: the Microsoft sign-in's callback carries a code there.
    const request = { method: req.method, path: req.path };
    const refusal = clientError(error, req);
    if (refusal) {
      logger.debug({ err: error, ...request }, `request refused: ${refusal.message}`);
      return sendError(res, refusal.code, refusal.message);
    }
    if (error instanceof StoreUnavailableError) {
      logger.warn({ err: error, ...request }, 'request not handled: the store is unreachable');
      return sendError(res, 'store-unavailable', STORE_UNAVAILABLE_MESSAGE);
    }
    logger.error({ err: error, ...request }, 'request failed');
    sendError(res, 'internal', 'The bridge could not handle this request; it has been logged.');
  };
}

/** The client's mistake in a request express's parts refused; undefined for anything else. */
function clientError(error: unknown, req: Request): LintelError | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose, type, limit, encoding, errno } = error as HttpErrorFields;
  if (typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const contentEncoding = req.get('content-encoding');
  switch (type) {
    case 'entity.parse.failed':
      return { code: 'invalid-input', message: 'The body is not valid JSON.' };
    case 'entity.too.large':
      return { code: 'payload-too-large', message: `The body is larger than ${String(limit)} bytes.` };
    case 'encoding.unsupported':
      return { code: 'unsupported-media-type', message: `The bridge cannot decode Content-Encoding "${String(encoding)}": send the body uncompressed, or with gzip, deflate or br.` };
    case 'charset.unsupported':
      return { code: 'unsupported-media-type', message: 'Send the body as UTF-8 JSON.' };
  }
  // body-parser passes zlib's own error on as a 400, with zlib's error number: the body is not what its Content-Encoding says (garbage, cut off).
  if (status === 400 && typeof errno === 'number' && contentEncoding !== undefined) {
    return { code: 'invalid-input', message: `The body cannot be decoded as its Content-Encoding "${contentEncoding}" says: ${error.message}.` };
  }
  const code = CODE_OF_STATUS[status] ?? 'invalid-input';
  if (code === 'not-found') return { code, message: `There is nothing at ${req.path}.` };
  return { code, message: expose === true ? `The request was refused: ${error.message}.` : `The request was refused (HTTP ${status}).` };
}
