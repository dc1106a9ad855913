import type { NextFunction, Request, Response } from 'express';
import { sendError } from './send-error.ts';

/**
 * Refuses a path that is not valid percent-encoding (`/%ff`, a cut-off
 * `%E0%A4%A`) before anything reads it: it names no room, route or file, and
 * each part of the bridge (route parameters, static files, the admin API
 * behind its sign-in) would otherwise fail on it in its own way.
 */
export function refuseUndecodablePath(req: Request, res: Response, next: NextFunction): void {
  try {
    decodeURIComponent(req.path);
  } catch {
    return sendError(res, 'invalid-input', 'The path is not valid percent-encoding: a % must start a UTF-8 character written as %XX (RFC 3986).');
  }
  next();
}
