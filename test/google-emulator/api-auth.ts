import type { RequestHandler, Response } from 'express';
import { insufficientScopes, invalidCredentials, sendProblem } from './errors.ts';
import type { EmulatedWorkspace, RequestRecord } from './workspace.ts';

/** Who a request acts as: the impersonated user with domain-wide delegation, else the service account itself. */
export interface Principal {
  email: string;
  serviceAccount: string;
  subject?: string;
  scopes: string[];
}

/** Events: list, get, instances — "Authorization" on their reference pages: any of these scopes. */
export const CALENDAR_READ_SCOPES = [
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.events.readonly',
  'https://www.googleapis.com/auth/calendar.events.owned',
  'https://www.googleapis.com/auth/calendar.events.owned.readonly',
];
/** Events: insert, patch, update, delete — "Authorization": any of these scopes. */
export const CALENDAR_WRITE_SCOPES = ['https://www.googleapis.com/auth/calendar', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.events.owned'];
/** Admin SDK resources.calendars/buildings list and get — "Authorization scopes": either of these. */
export const DIRECTORY_RESOURCE_READ_SCOPES = ['https://www.googleapis.com/auth/admin.directory.resource.calendar', 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly'];

/**
 * Reads the bearer token (Calendar "Handle API errors" § 401: Invalid
 * Credentials — "The access token you're using is either expired or
 * invalid"), and notes the principal in the request log.
 */
export function bearerAuthentication(workspace: EmulatedWorkspace): RequestHandler {
  return (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = match && workspace.accessTokens.get(match[1]!);
    if (!token || token.expiresAt <= workspace.now()) return sendProblem(res, invalidCredentials());
    const principal: Principal = { email: token.subject ?? token.serviceAccount, serviceAccount: token.serviceAccount, scopes: token.scopes, ...(token.subject ? { subject: token.subject } : {}) };
    res.locals.principal = principal;
    const record = res.locals.record as RequestRecord | undefined;
    if (record) record.principal = { serviceAccount: token.serviceAccount, ...(token.subject ? { subject: token.subject } : {}) };
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

export function requireScope(principal: Principal, accepted: string[]): void {
  if (!principal.scopes.some((scope) => accepted.includes(scope))) throw insufficientScopes();
}

/** Logs every request with its path, query and, once answered, its status. */
export function requestLog(workspace: EmulatedWorkspace): RequestHandler {
  return (req, res, next) => {
    const record: RequestRecord = { method: req.method, path: decodeURIComponent(req.path), query: { ...(req.query as Record<string, unknown>) }, at: workspace.now() };
    workspace.requestLog.push(record);
    res.locals.record = record;
    // Read when asked: the client may hold the answer before the server's 'finish' event.
    Object.defineProperty(record, 'status', { enumerable: true, get: () => (res.headersSent ? res.statusCode : undefined) });
    next();
  };
}
