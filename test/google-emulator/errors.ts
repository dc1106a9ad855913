import type { NextFunction, Request, Response } from 'express';

/** One entry of `error.errors[]` in Google's JSON error body. */
export interface GoogleErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

/**
 * The canonical `status` string for an HTTP code, as Google's API design
 * guide maps them ("Errors" § "Error codes", cloud.google.com/apis/design/errors).
 * 410 has no canonical code; Calendar's own 410 examples carry no status, so
 * none is sent for it.
 */
const CANONICAL_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/**
 * A refusal in Google's JSON error format (Calendar API "Handle API errors",
 * developers.google.com/workspace/calendar/api/guides/errors): thrown by the
 * model and the routes, written by the error handler.
 */
export class GoogleProblem extends Error {
  readonly errors: GoogleErrorItem[];
  constructor(
    readonly code: number,
    item: GoogleErrorItem,
    readonly headers: Record<string, string> = {},
  ) {
    super(item.message);
    this.errors = [item];
  }

  body(): { error: { code: number; message: string; errors: GoogleErrorItem[]; status?: string } } {
    const status = CANONICAL_STATUS[this.code];
    return { error: { code: this.code, message: this.message, errors: this.errors, ...(status ? { status } : {}) } };
  }
}

export function sendProblem(res: Response, problem: GoogleProblem): void {
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res.status(problem.code).json(problem.body());
}

// Calendar "Handle API errors" § 400: Bad Request (a required field or parameter missing, an invalid value or combination).
export function badRequest(reason: string, message: string, location?: string, domain = 'global'): GoogleProblem {
  return new GoogleProblem(400, { domain, reason, message, ...(location ? { locationType: 'parameter', location } : {}) });
}

// Calendar "Handle API errors" § 401: Invalid Credentials.
export function invalidCredentials(): GoogleProblem {
  return new GoogleProblem(
    401,
    { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
    { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  );
}

// Calendar "Handle API errors" § 404: Not Found ("when accessing a calendar that the user can not access").
export function notFound(): GoogleProblem {
  return new GoogleProblem(404, { domain: 'global', reason: 'notFound', message: 'Not Found' });
}

// Calendar "Handle API errors" § 409: The requested identifier already exists.
export function duplicate(): GoogleProblem {
  return new GoogleProblem(409, { domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' });
}

// Calendar "Handle API errors" § 410: Gone (sync token no longer valid).
export function fullSyncRequired(): GoogleProblem {
  return new GoogleProblem(410, {
    domain: 'calendar',
    reason: 'fullSyncRequired',
    message: 'Sync token is no longer valid, a full sync is required.',
    locationType: 'parameter',
    location: 'syncToken',
  });
}

// Calendar "Handle API errors" § 410: Gone ("a request attempts to delete an event that has already been deleted").
export function deleted(): GoogleProblem {
  return new GoogleProblem(410, { domain: 'global', reason: 'deleted', message: 'Resource has been deleted' });
}

// Calendar "Handle API errors" § 412: Precondition Failed (If-Match no longer matches the etag).
export function preconditionFailed(): GoogleProblem {
  return new GoogleProblem(412, { domain: 'global', reason: 'conditionNotMet', message: 'Precondition Failed', locationType: 'header', location: 'If-Match' });
}

// Calendar "Handle API errors" § 403: Forbidden for non-organizer.
export function forbiddenForNonOrganizer(): GoogleProblem {
  return new GoogleProblem(403, { domain: 'calendar', reason: 'forbiddenForNonOrganizer', message: 'Shared properties can only be changed by the organizer of the event.' });
}

/**
 * A token without any scope the method lists under "Authorization" on its
 * reference page (e.g. Events: list, "Authorization" § scopes): Google's
 * generic insufficient-scope refusal.
 */
export function insufficientScopes(): GoogleProblem {
  return new GoogleProblem(403, { domain: 'global', reason: 'insufficientPermissions', message: 'Request had insufficient authentication scopes.' });
}

/** The last handler: problems, unreadable JSON, and anything unexpected (Calendar "Handle API errors" § 500: Backend Error). */
export function googleErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof GoogleProblem) return sendProblem(res, error);
  if ((error as { type?: unknown }).type === 'entity.parse.failed') return sendProblem(res, new GoogleProblem(400, { domain: 'global', reason: 'parseError', message: 'Parse Error' }));
  sendProblem(res, new GoogleProblem(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' }));
}
