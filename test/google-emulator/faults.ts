import type { RequestHandler } from 'express';
import { GoogleProblem, sendProblem } from './errors.ts';

/**
 * The answers a quota or an outage gives, each as Calendar "Handle API
 * errors" documents it: § 403: User Rate Limit Exceeded, § 403: Rate Limit
 * Exceeded, § 429: Too many requests ("rateLimitExceeded errors can return
 * either 403 or 429 error codes"), § 403: Calendar usage limits exceeded,
 * § 500: Backend Error; and 503, which the page does not list but Google's
 * API design guide maps to UNAVAILABLE (cloud.google.com/apis/design/errors).
 */
export type FaultShape = 'userRateLimitExceeded-403' | 'rateLimitExceeded-403' | 'rateLimitExceeded-429' | 'quotaExceeded-403' | 'backendError-500' | 'unavailable-503' | AnswerLost;

/** Not an answer of Google's: the request is carried out, then the connection drops before its answer (a timeout, a proxy, a crash). */
type AnswerLost = 'answer-lost';

export interface InjectedFault {
  shape: FaultShape;
  /** Which requests: a path prefix (e.g. `/calendar/v3/calendars/`, `/token`) or a pattern; unset: any API request (not the token endpoint). */
  path?: string | RegExp;
  method?: string;
  /** How many matching requests it answers; default 1. */
  times?: number;
  /** Sent as Retry-After. */
  retryAfterSeconds?: number;
}

export function faultProblem(fault: InjectedFault & { shape: Exclude<FaultShape, AnswerLost> }): GoogleProblem {
  const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
  switch (fault.shape) {
    case 'userRateLimitExceeded-403':
      return new GoogleProblem(403, { domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }, headers);
    case 'rateLimitExceeded-403':
      return new GoogleProblem(403, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);
    case 'rateLimitExceeded-429':
      return new GoogleProblem(429, { domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }, headers);
    case 'quotaExceeded-403':
      return new GoogleProblem(403, { domain: 'usageLimits', reason: 'quotaExceeded', message: 'Calendar usage limits exceeded.' }, headers);
    case 'backendError-500':
      return new GoogleProblem(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }, headers);
    case 'unavailable-503':
      return new GoogleProblem(503, { domain: 'global', reason: 'backendError', message: 'The service is currently unavailable.' }, headers);
  }
}

function matches(fault: InjectedFault, method: string, path: string, explicitPathOnly: boolean): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return !explicitPathOnly;
  return typeof fault.path === 'string' ? path.startsWith(fault.path) : fault.path.test(path);
}

/**
 * Serves the first queued fault that matches the request, `times` times
 * over, then lets requests through again. With `explicitPathOnly` (the
 * token endpoint) a fault without a path does not apply.
 */
export function faultInjection(faults: InjectedFault[], options: { explicitPathOnly?: boolean } = {}): RequestHandler {
  return (req, res, next) => {
    const path = decodeURIComponent(req.originalUrl.split('?')[0] ?? '');
    const fault = faults.find((candidate) => matches(candidate, req.method, path, options.explicitPathOnly ?? false));
    if (!fault) return next();
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
    if (fault.shape === 'answer-lost') {
      res.end = (() => {
        req.socket.destroy();
        return res;
      }) as typeof res.end;
      return next();
    }
    sendProblem(res, faultProblem({ ...fault, shape: fault.shape }));
  };
}
