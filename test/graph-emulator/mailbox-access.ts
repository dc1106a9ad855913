import type { RequestHandler, Response } from 'express';
import type { CalendarRole } from './calendar-sharing.ts';
import { graphError } from './errors.ts';
import { callerOf } from './graph-auth.ts';
import type { EmulatedMailbox, EmulatedTenant } from './tenant.ts';

/** What a token acting for a user may do in a mailbox's calendar: all, as its owner, or what the owner shared. */
export type CalendarAccess = 'owner' | CalendarRole;

/**
 * Resolves `/users/{id|address}` to a mailbox, answering as Graph does when
 * the directory has no such user or the caller may not reach the mailbox.
 * A token acting for a user reaches the user's own mailbox and those whose
 * calendar is shared with them (calendarAccessOf says how); an admin holds
 * no delegate rights on room calendars otherwise.
 */
export function mailboxAccess(tenant: EmulatedTenant): RequestHandler {
  return (req, res, next) => {
    const user = String(req.params.user);
    const mailbox = tenant.mailbox(user);
    if (!mailbox) return graphError(res, 404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);
    if (mailbox.unreachable === 'not-found') return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    // Exchange troubleshooting, rest-api-is-not-yet-supported-for-this-mailbox-error: a mailbox that is not in Exchange Online.
    if (mailbox.unreachable === 'rest-not-enabled') return graphError(res, 404, 'MailboxNotEnabledForRESTAPI', 'REST API is not yet supported for this mailbox.');
    const signedIn = callerOf(res).user;
    if (signedIn) {
      // Graph docs: concepts/outlook-get-shared-events-calendars.md: another user's calendar is reachable only once shared with the signed-in user.
      const access = signedIn.userPrincipalName.toLowerCase() === mailbox.emailAddress.toLowerCase() ? 'owner' : tenant.calendarShares.roleOf(mailbox.emailAddress, signedIn.userPrincipalName);
      if (!access) return graphError(res, 403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
      res.locals.calendarAccess = access;
    } else {
      // Application access policies and RBAC for Applications scope application permissions only (Graph docs: concepts/auth-limit-mailbox-access.md).
      const refusal = appRefusal(mailbox);
      if (refusal) return graphError(res, 403, 'ErrorAccessDenied', refusal);
    }
    res.locals.mailbox = mailbox;
    next();
  };
}

export function mailboxOf(res: Response): EmulatedMailbox {
  return res.locals.mailbox as EmulatedMailbox;
}

/** The signed-in user's access to the addressed mailbox's calendar; only for a token acting for a user. */
export function calendarAccessOf(res: Response): CalendarAccess {
  return res.locals.calendarAccess as CalendarAccess;
}

function appRefusal(mailbox: EmulatedMailbox): string | undefined {
  // Graph docs: concepts/auth-limit-mailbox-access.md, "Handling API errors"; Exchange adds which policy to the documented message.
  if (mailbox.unreachable === 'access-denied') return 'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.';
  // Exchange docs: permissions-exo/application-rbac documents no answer of its own; this is Exchange's refusal of what a token may not do (Graph docs: concepts/resolve-auth-errors.md).
  if (mailbox.unreachable === 'outside-rbac-scope') return 'Access is denied. Check credentials and try again.';
  return undefined;
}
