import type { Response } from 'express';
import { HTTP_STATUS, type ErrorCode, type LintelError } from '../../../shared/errors.ts';

/** Every HTTP error has the same body: the shared code and a message a person can act on. */
export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(HTTP_STATUS[code]).json({ code, message });
}

/** A refusal from the bridge's logic; one that ends by itself says when, as `Retry-After` (whole seconds, rounded up). */
export function sendRefusal(res: Response, refusal: LintelError): void {
  if (refusal.retryAfterMs !== undefined) res.setHeader('Retry-After', String(Math.ceil(refusal.retryAfterMs / 1000)));
  sendError(res, refusal.code, refusal.message);
}
