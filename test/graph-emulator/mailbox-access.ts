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
    // Exchange troubleshooting, rest-api-is-not-yet-supported-for-this-mailbox-error: a mailbox that is not in Exchange Online.
    if (mailbox.unreachable === 'rest-not-enabled') return graphError(res, 404, 'MailboxNotEnabledForRESTAPI', 'REST API is not yet supported for this mailbox.');
    // Graph docs: concepts/auth-limit-mailbox-access.md, "Handling API errors"; Exchange adds which policy to the documented message.
    if (mailbox.unreachable === 'access-denied') {
      return graphError(res, 403, 'ErrorAccessDenied', 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.');
    }
    // Exchange docs: permissions-exo/application-rbac documents no answer of its own; this is Exchange's refusal of what a token may not do (Graph docs: concepts/resolve-auth-errors.md).
    if (mailbox.unreachable === 'outside-rbac-scope') return graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
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
