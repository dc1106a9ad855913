import type { Response } from 'express';
import { HTTP_STATUS, type ErrorCode } from '../../../shared/errors.ts';

/** Every HTTP error has the same body: the shared code and a message a person can act on. */
export function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(HTTP_STATUS[code]).json({ code, message });
}
