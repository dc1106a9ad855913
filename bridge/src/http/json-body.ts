import type { Request, Response } from 'express';
import type { z } from 'zod';
import { parseInput } from '../../../shared/validation.ts';
import { sendError } from './send-error.ts';

/** The request's JSON body checked by `schema`; undefined once the refusal (415, 400) is sent. */
export function jsonBody<S extends z.ZodType>(req: Request, res: Response, schema: S): z.output<S> | undefined {
  if (!req.is('application/json')) {
    sendError(res, 'unsupported-media-type', 'Send the request as JSON with Content-Type: application/json.');
    return undefined;
  }
  const parsed = parseInput(schema, req.body);
  if (!parsed.ok) {
    sendError(res, parsed.code, parsed.message);
    return undefined;
  }
  return parsed.data;
}
