import type { NextFunction, Request, Response } from 'express';

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json(graphErrorBody(code, message));
}

/** The error body alone, for answers that are not sent on a response of their own (a `$batch` sub-request's). */
export function graphErrorBody(code: string, message: string): { error: { code: string; message: string; innerError: Record<string, string> } } {
  return { error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } } };
}

/** The identity platform's error body, with its AADSTS number in the description and in error_codes. */
export function identityError(res: Response, status: number, error: string, aadsts: number, description: string): void {
  res.status(status).json({
    error,
    error_description: `AADSTS${aadsts}: ${description}`,
    error_codes: [aadsts],
    timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
    trace_id: crypto.randomUUID(),
    correlation_id: crypto.randomUUID(),
  });
}

/** A refusal the identity platform answers with its error body, or in a redirect back to the app. */
export class IdentityProblem extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    message: string,
    readonly status: 400 | 401 = 400,
  ) {
    super(message);
  }
}

/**
 * A refusal Graph answers with its error body. Thrown by the calendar model
 * and the body parsers, so the tenant's test helpers refuse what Graph would.
 */
export class GraphProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function notFoundInStore(): GraphProblem {
  return new GraphProblem(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

/** The last handler of the Graph router: problems, unreadable JSON, and anything unexpected, in Graph's error format. */
export function graphErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof GraphProblem) return graphError(res, error.status, error.code, error.message);
  if ((error as { type?: unknown }).type === 'entity.parse.failed') {
    return graphError(res, 400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  graphError(res, 500, 'InternalServerError', (error as Error).message);
}
