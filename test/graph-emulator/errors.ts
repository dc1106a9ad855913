import type { Response } from 'express';

/** Graph's error body: `{ error: { code, message, innerError } }`. */
export function graphError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({
    error: { code, message, innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': crypto.randomUUID(), 'client-request-id': crypto.randomUUID() } },
  });
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
