import type { RequestHandler, Response } from 'express';
import { graphError } from './errors.ts';
import { callerOf } from './graph-auth.ts';
import type { EmulatedMailbox, EmulatedTenant } from './tenant.ts';

/**
 * Resolves `/users/{id|address}` to a mailbox, answering as Graph does when
 * the directory has no such user or the app may not reach the mailbox. A
 * token acting for a user reaches only that user's own mailbox: an admin
 * holds no delegate rights on room calendars.
 */
export function mailboxAccess(tenant: EmulatedTenant): RequestHandler {
  return (req, res, next) => {
    const user = String(req.params.user);
    const mailbox = tenant.mailbox(user);
    if (!mailbox) return graphError(res, 404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
    if (mailbox.unreachable === 'not-found') return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (mailbox.unreachable === 'access-denied') {
      return graphError(res, 403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    const signedIn = callerOf(res).user;
    if (signedIn && signedIn.userPrincipalName.toLowerCase() !== mailbox.emailAddress.toLowerCase()) {
      return graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    }
    res.locals.mailbox = mailbox;
    next();
  };
}

export function mailboxOf(res: Response): EmulatedMailbox {
  return res.locals.mailbox as EmulatedMailbox;
}
