import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';
import type { OriginCheck } from './allowed-origin.ts';
import { sendError } from './send-error.ts';

/** Reading is harmless: a page of another site cannot read the answer, as the bridge sends no CORS headers. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses every request that could change something (walk-up actions, admin calls) when it comes from a page of a site not allowed. */
export function foreignOriginGuard(check: OriginCheck, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const refused = SAFE_METHODS.has(req.method) ? undefined : check(req.headers);
    if (refused === undefined) return next();
    logger.warn({ origin: refused.origin, method: req.method, path: req.originalUrl }, `refused a request from another site: ${refused.message}`);
    sendError(res, 'origin-not-allowed', refused.message);
  };
}
